"""Errors whose message is meant for a person, in whichever language the app speaks.

``str(error)`` is the English message, which the CLI and the logs show. ``key`` names the same message in
the locale catalogs (``err.<key>``), whose English is that message's template, and ``params`` fill it, so the
app can show it in the page's language. A param named ``<name>_key`` holds the catalog key (under ``err.``)
of a phrase that fills ``{<name>}``; the English phrase is in ``params[<name>]``.
"""

from __future__ import annotations


class UserError(ValueError):
    """An error a person can act on; ``key`` and ``params`` say it again in any catalog's language."""

    def __init__(self, message: str, key: str | None = None, **params):
        super().__init__(message)
        self.key = key
        self.params = params

    @classmethod
    def told(cls, key: str, template: str, **params) -> UserError:
        """The error whose English message is ``template`` (the catalog's ``err.<key>``) filled with ``params``."""
        return cls(template.format(**params), key, **params)
