"""Share, follow and subscribe trailers: lines that are page furniture, not article content.

Two steps, both line based:

1. :func:`strip_trailer` cuts the block of such lines at the very end of a text (before the
   article text is fixed), returning what it cut;
2. :func:`find_boilerplate` marks such lines left inside the text as spans, so detectors can
   skip them without any offset changing.

A line counts only when it is short and matches as a whole: a sentence that merely starts with
"Follow us on" inside a long paragraph is content.
"""

from __future__ import annotations

import re

from spinscope.model import Span

#: Longest line (characters, surrounding whitespace excluded) that can be boilerplate. Share and
#: subscribe prompts seen in news pages are under 80 characters; 100 leaves room for a long
#: "Click to share on ... (Opens in new window)" without ever taking a real paragraph.
MAX_BOILERPLATE_LINE_CHARS = 100

_NETWORKS = (
    r"facebook|twitter|x|whatsapp|telegram|reddit|linkedin|pinterest|tumblr|vk|gab|parler|truth social|"
    r"gettr|minds|mewe|rumble|youtube|instagram|tiktok|flipboard|pocket|email|e-mail|mail|print|sms|messenger"
)
_BUTTONS = _NETWORKS + r"|share|tweet|pin"

#: Lines that are boilerplate wherever they stand. Label -> pattern of the whole (stripped) line.
_ANYWHERE = {
    "share": (
        r"sharing\s+is\s+caring\W*"
        r"|(?:please\s+)?share\s+(?:this|the|our)(?:\s+(?:article|story|post|page|video|news))?"
        r"(?:\s+with\s+[\w\s]+)?\s*[:.!]*"
        r"|share\s+(?:on|via|to|with)\s+(?:" + _NETWORKS + r")\b.*"
        r"|click\s+(?:here\s+)?to\s+(?:share|email|print|tweet|post)\b.*"
        r"|(?:" + _BUTTONS + r")(?:(?:\s*[|/·•,]\s*|\s+)(?:" + _BUTTONS + r")\b){2,}\W*"
    ),
    "follow": (
        r"(?:please\s+)?follow\s+us\s+(?:on|at)\b.*"
        r"|(?:please\s+)?(?:find|like|join)\s+us\s+on\s+(?:" + _NETWORKS + r")\b.*"
        r"|follow\s+(?:@\w+|(?:" + _NETWORKS + r")\b.*)"
    ),
    "subscribe": (
        r"(?:please\s+)?(?:subscribe|sign\s+up|register)\s+(?:to|for|now)\b"
        r"(?:\s+(?:our|the|my|free|a|receive|get))*\s*(?:\w+\s+){0,3}"
        r"(?:newsletter|mailing\s+list|channel|updates|alerts|digest|emails?)\b.*"
        r"|get\s+(?:our|the)\s+(?:free\s+)?(?:daily\s+|weekly\s+)?newsletter\b.*"
        r"|subscribe\W*"
    ),
}

#: Lines that are boilerplate only inside the trailing block (lone share-button captions).
_TRAILER_ONLY = (
    r"(?:" + _NETWORKS + r"|share|tweet|pin|like|more|related|like\s+this|loading\.*|like\s+loading\.*|"
    r"share\s+this\s+article|print\s+this\s+page|email\s+this)\W*"
)

_ANYWHERE_RE = re.compile("|".join(f"(?P<{label}>{pattern})" for label, pattern in _ANYWHERE.items()), re.IGNORECASE)
_TRAILER_RE = re.compile(_TRAILER_ONLY, re.IGNORECASE)
_LINE_RE = re.compile(r"[^\n]+")


def is_boilerplate_line(line: str, *, trailing: bool = False) -> bool:
    """True when a whole line is a share/follow/subscribe prompt.

    Args:
        line: one line, with or without surrounding whitespace.
        trailing: the line is in the block at the end of the text, where lone button captions
            ("Tweet", "Email") also count.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_BOILERPLATE_LINE_CHARS:
        return False
    if _ANYWHERE_RE.fullmatch(stripped):
        return True
    return trailing and _TRAILER_RE.fullmatch(stripped) is not None


def strip_trailer(text: str) -> tuple[str, list[str]]:
    """Cut the share/subscribe lines (and blank lines) at the end of ``text``.

    Returns:
        The text without the trailer and without the whitespace before it (unchanged when
        there is no trailer, or when nothing but lone button captions would be left), and the
        removed lines, stripped, in text order.
    """
    removed: list[str] = []
    end = len(text)
    cut = end
    while end > 0:
        line_start = text.rfind("\n", 0, end) + 1
        line = text[line_start:end]
        if line.strip():
            if not is_boilerplate_line(line, trailing=True):
                break
            removed.append(line.strip())
            cut = line_start
        end = line_start - 1 if line_start > 0 else 0
    if not removed:
        return text, []
    if not text[:cut].strip() and not any(_ANYWHERE_RE.fullmatch(line) for line in removed):
        # Lone captions ("x", "Email", "More") are a trailer only after article text: a text made of
        # nothing else is a (very short) text, not boilerplate.
        return text, []
    return text[:cut].rstrip(), removed[::-1]


def find_boilerplate(text: str) -> list[Span]:
    """Spans over whole lines inside ``text`` that are share/follow/subscribe prompts.

    Each span covers the line without its surrounding whitespace; its label says which kind
    (``share``, ``follow`` or ``subscribe``).
    """
    spans = []
    for line in _LINE_RE.finditer(text):
        content = line.group().strip()
        if not content or len(content) > MAX_BOILERPLATE_LINE_CHARS:
            continue
        match = _ANYWHERE_RE.fullmatch(content)
        if match is None:
            continue
        start = line.start() + line.group().index(content)
        label = next(name for name in _ANYWHERE if match.group(name) is not None)
        spans.append(Span(start, start + len(content), label=label))
    return spans
