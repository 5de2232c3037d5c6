"""Untrusted text (URL values, file names, CSV headers, bundle fields) shown as plain text.

Streamlit renders Markdown in alerts, captions and labels, so a value like
``[Session expired](https://evil.example)`` would become a live link and ``![t](https://…)`` would
load a remote image. ``plain`` makes any string render literally: control and format characters go,
whitespace collapses to single spaces (no headings or lists from line starts), the text is cut to
``limit`` characters, and every ASCII punctuation character is backslash-escaped, which CommonMark
shows as the character itself — no links, images, emphasis, HTML, LaTeX or emoji shortcodes.
"""

from __future__ import annotations

import string
import unicodedata

_PUNCT = frozenset(string.punctuation)


def short(text, limit: int = 80) -> str:
    """``text`` on one line, without control or format characters, at most ``limit`` long (for places
    that show text as it is, like the options of a select box)."""
    s = "".join(" " if unicodedata.category(ch)[0] in "CZ" and ch != " " else ch for ch in str(text))
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: max(1, limit - 1)].rstrip() + "…"


def plain(text, limit: int = 80) -> str:
    """``text`` as Markdown that renders exactly as the characters it holds, at most ``limit`` long."""
    return "".join("\\" + ch if ch in _PUNCT else ch for ch in short(text, limit))


def plain_message(text, limit: int = 400) -> str:
    """A message built from untrusted parts (an engine error naming a column or a file), shown literally."""
    return plain(text, limit)
