"""The linear technique classifier: fitting, mixing inputs and its no-pickle file format."""

from pathlib import Path

import numpy as np

from spinscope.detect.linear import N_BUCKETS, LinearTechniqueClassifier
from spinscope.train.linear import fit_linear

TEXT = "They are traitors and thugs.\nThe flag of our great nation flies high.\nTraitors again, those thugs.\n"


def _examples() -> list[tuple[str, int, int, int]]:
    second, third = TEXT.split("\n")[1:3]
    flag = TEXT.index(second)
    repeat = TEXT.index(third)
    return [
        (TEXT, 9, 17, 0),  # traitors
        (TEXT, 22, 27, 0),  # thugs
        (TEXT, flag + 4, flag + 29, 1),  # flag of our great nation
        (TEXT, repeat, repeat + 8, 0),  # Traitors
    ]


def test_fit_learns_training_labels_and_never_predicts_an_absent_technique() -> None:
    model = fit_linear(_examples(), 3, c=10.0)
    logits = model.logits(TEXT, [(s, e) for _, s, e, _ in _examples()])
    assert logits.shape == (4, 3)
    assert logits.argmax(axis=1).tolist() == [0, 0, 1, 0]
    assert (logits[:, 2] < logits.max(axis=1) - 10).all()


def test_one_technique_only_gives_that_technique() -> None:
    model = fit_linear(_examples()[:2], 3)
    assert model.logits(TEXT, [(0, 4)]).argmax() == 0


def test_round_trip_keeps_logits(tmp_path: Path) -> None:
    model = fit_linear(_examples(), 3, c=10.0)
    model.to_disk(tmp_path / "linear.npz")
    loaded = LinearTechniqueClassifier.from_disk(tmp_path / "linear.npz")
    ranges = [(0, 4), (9, 27)]
    np.testing.assert_allclose(loaded.logits(TEXT, ranges), model.logits(TEXT, ranges), atol=2e-2)


def test_file_without_intercept_reads_as_zero_intercept(tmp_path: Path) -> None:
    weights = np.zeros((N_BUCKETS, 2), dtype=np.float16)
    np.savez_compressed(tmp_path / "old.npz", weights=weights)
    loaded = LinearTechniqueClassifier.from_disk(tmp_path / "old.npz")
    assert loaded.intercept.tolist() == [0.0, 0.0]
    assert loaded.logits(TEXT, []).shape == (0, 2)
