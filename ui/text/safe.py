"""Untrusted text (URL values, file names, CSV headers, bundle fields) shown as plain text.

Streamlit renders Markdown in alerts, captions and labels, so a value like
``[Session expired](https://evil.example)`` would become a live link and ``![t](https://…)`` would
load a remote image. ``plain`` makes any string render literally: control and format characters go,
whitespace collapses to single spaces (no headings or lists from line starts), the text is cut to
``limit`` characters, and every ASCII punctuation character is backslash-escaped, which CommonMark
shows as the character itself — no links, images, emphasis, HTML, LaTeX or emoji shortcodes.

Escaping is not enough for a bare address: Streamlit's Markdown (GFM) turns ``https://…``, ``www.…`` and
``name@host.tld`` into live links after the escapes are read. So a single value (a link's setting, a file
name, a column) is shown with ``code``: inside backticks nothing is a link, an image or styled text. A
whole message with untrusted parts in it goes through ``plain``, which also puts an invisible word joiner
into ``://``, ``www.`` and before ``@``, so that no address in it forms.
"""

from __future__ import annotations

import re
import string
import unicodedata

_PUNCT = frozenset(string.punctuation)
_JOIN = "\u2060"  # WORD JOINER: invisible, and no GFM address spans it
_ADDRESS = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)


def short(text, limit: int = 80) -> str:
    """``text`` on one line, without control or format characters, at most ``limit`` long (for places
    that show text as it is, like the options of a select box)."""
    s = "".join(" " if unicodedata.category(ch)[0] in "CZ" and ch != " " else ch for ch in str(text))
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: max(1, limit - 1)].rstrip() + "…"


def plain(text, limit: int = 80) -> str:
    """``text`` as Markdown that renders exactly as the characters it holds, at most ``limit`` long,
    with no web or mail address in it turned into a link."""
    s = _ADDRESS.sub(_JOIN, short(text, limit))
    return "".join("\\" + ch if ch in _PUNCT else ch for ch in s)


def code(text, limit: int = 40) -> str:
    """One untrusted value as inline code: on one line, backticks removed, at most ``limit`` long. Markdown
    shows a code span's characters as they are and never makes a link or an image of them."""
    s = short(str(text).replace("`", ""), limit)
    return f"`{s}`" if s.strip() else "` `"
