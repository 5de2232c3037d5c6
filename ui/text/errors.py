"""Engine errors in the page's language. A ``rnn_core.errors.UserError`` carries its catalog key
(``err.<key>``) and values, so it is shown translated; any other error shows its own message. Either way
the text is plain Markdown: the values may come from a stranger's file or link."""

from __future__ import annotations

from ui.text.catalog import TEXT
from ui.text.safe import plain


def error_text(t, err: Exception, limit: int = 400) -> str:
    """The message of ``err`` in ``t``'s language (English without ``t``), safe to render as Markdown."""
    key = getattr(err, "key", None)
    if t is None or not key or f"err.{key}" not in TEXT:
        return plain(err, limit)
    values = dict(getattr(err, "params", {}))
    for name, sub in list(values.items()):
        if name.endswith("_key"):  # a phrase of the message with a key of its own
            values[name.removesuffix("_key")] = t(f"err.{sub}")
    return plain(t(f"err.{key}", **values), limit)
