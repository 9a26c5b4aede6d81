"""The web page served at ``/`` by ``spinscope serve``: paste, upload or give a URL, see the HTML report.

The page posts to ``/v1/analyze`` for the result dict, then to ``/v1/render`` for the report, which
it shows in a sandboxed frame: the same renderer as ``spinscope analyze --format html``. Its compare
mode posts two texts to ``/v1/compare`` and shows the page ``spinscope compare --format html`` writes.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from spinscope.settings import SEMEVAL2020


@cache
def page_html(taxonomy: str = SEMEVAL2020) -> str:
    """The page, with its CSS and script inlined (no external asset); package data, built once per process.

    ``taxonomy`` (:attr:`Settings.taxonomy` of the server) is the one its taxonomy control starts on.
    """
    assets = files("spinscope.web") / "assets"
    page = (assets / "page.html").read_text(encoding="utf-8")
    style = (assets / "page.css").read_text(encoding="utf-8")
    script = (assets / "page.js").read_text(encoding="utf-8")
    compare = (assets / "compare.js").read_text(encoding="utf-8")
    page = page.replace(f'<option value="{taxonomy}">', f'<option value="{taxonomy}" selected>')
    return page.replace("/*PAGE_CSS*/", style).replace("/*PAGE_JS*/", script).replace("/*COMPARE_JS*/", compare)
