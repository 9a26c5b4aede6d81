"""Progress reports: watchers, and parts of a job reported as shares of the whole."""

from __future__ import annotations

from spinscope.progress import progress_part, report, watching


def test_reports_reach_the_watcher_only_inside_watching() -> None:
    seen: list[tuple[str, int, int]] = []
    report("techniques", 1, 2)
    with watching(lambda *args: seen.append(args)):
        report("techniques", 1, 2)
    report("techniques", 2, 2)
    assert seen == [("techniques", 1, 2)]


def test_a_part_reports_in_units_of_the_whole() -> None:
    seen: list[tuple[str, int, int]] = []
    with watching(lambda *args: seen.append(args)), progress_part(100, 50, 200):
        report("quotes", 0, 4)
        report("quotes", 2, 4)
        report("quotes", 4, 4)
        report("quotes", 0, 0)
    assert seen == [("quotes", 100, 200), ("quotes", 125, 200), ("quotes", 150, 200), ("quotes", 150, 200)]


def test_a_part_without_a_watcher_reports_nothing() -> None:
    with progress_part(0, 10, 10):
        report("techniques", 1, 1)  # no watcher: nothing to call, nothing raised
