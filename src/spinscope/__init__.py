"""spinscope: find how news articles try to persuade.

>>> from spinscope import Article, analyze
>>> result = analyze(Article("They are traitors who hate freedom.", id="demo"))
>>> sorted(result.layers)  # doctest: +SKIP
"""

from spinscope.errors import SpinscopeError
from spinscope.model import Article, Layer, Span
from spinscope.pipeline import Analyzer, analyze
from spinscope.settings import Settings
from spinscope.version import __version__

__all__ = ["Analyzer", "Article", "Layer", "Settings", "Span", "SpinscopeError", "__version__", "analyze"]
