"""Engine errors in the page's language. A ``rnn_core.errors.UserError`` carries its catalog key
(``err.<key>``) and values, so it is shown translated; any other error shows its own message. A value that
is an error is worded in turn, and a ``field`` value is shown by its setting's label (``f.<field>``). Either
way the text is plain Markdown: the values may come from a stranger's file or link."""

from __future__ import annotations

from ui.text.catalog import TEXT
from ui.text.safe import plain


def error_text(t, err: Exception, limit: int = 400) -> str:
    """The message of ``err`` in ``t``'s language (English without ``t``), safe to render as Markdown."""
    return plain(_words(t, err), limit)


def _words(t, err: Exception) -> str:
    """The message of ``err`` as text, not yet made safe (an inner error is made safe once, with its outer)."""
    key = getattr(err, "key", None)
    if t is None or not key or f"err.{key}" not in TEXT:
        return str(err)
    values = dict(getattr(err, "params", {}))
    for name, sub in list(values.items()):
        if name.endswith("_key"):  # a phrase of the message with a key of its own
            values[name.removesuffix("_key")] = t(f"err.{sub}")
        elif isinstance(sub, Exception):  # the error this one wraps, worded in turn
            values[name] = _words(t, sub)
        elif name == "field" and f"f.{sub}" in TEXT:  # a setting, by its label
            values[name] = t(f"f.{sub}")
    return t(f"err.{key}", **values)
