"""Readers and writers: every way an article gets in (files, stdin, URLs, HTML, corpora, PTC folders).

Each reader returns :class:`~spinscope.model.Article` objects and raises a specific
:class:`~spinscope.errors.InputError` that names the input and the problem. Corpus readers
yield such errors in place of a bad document instead of raising them.
"""

from spinscope.io.boilerplate import find_boilerplate, is_boilerplate_line, strip_trailer
from spinscope.io.corpus import CorpusColumns, is_ptc_folder, iter_corpus, iter_csv, iter_jsonl
from spinscope.io.fetch import check_url, fetch_url
from spinscope.io.files import read_bytes, read_input, read_path
from spinscope.io.html import read_html
from spinscope.io.ptc import LabelRow, read_labels, read_ptc
from spinscope.io.text import RecordHeader, make_article, parse_record_header, read_text

__all__ = [
    "CorpusColumns",
    "LabelRow",
    "RecordHeader",
    "check_url",
    "fetch_url",
    "find_boilerplate",
    "is_boilerplate_line",
    "is_ptc_folder",
    "iter_corpus",
    "iter_csv",
    "iter_jsonl",
    "make_article",
    "parse_record_header",
    "read_bytes",
    "read_html",
    "read_input",
    "read_labels",
    "read_path",
    "read_ptc",
    "read_text",
    "strip_trailer",
]
