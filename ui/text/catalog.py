"""Every user-facing string, read from one catalog per language: ``locales/<lang>.toml``.

A catalog is one flat TOML table of ``"key" = "text"``; placeholders in braces are filled by
``t(key, **values)``. English (``en.toml``) is the reference: its keys are the keys of the app, and a key
missing from another catalog shows in English. Adding a language is adding one file.

Tables of words are read with one helper, ``labels(t, prefix)``: every key under ``prefix.`` as a dict
keyed by the rest of the key. The families read that way:
- ``chart.<builder>.<label>`` and ``chart.<builder>.<label>.<name>``: the ``labels=`` of a chart builder in
  ``charts/`` (the second form a table, e.g. ``gate_names``); the builders hold no words of their own;
- ``class.<name>``: class names of the sample tasks; ``names.lang.<language>``: the surname task's languages;
- ``err.<key>``: messages of the engine's errors shown to people (``ui.text.errors``).
``lang.name`` is the catalog's language as the language switch shows it.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

LOCALES = Path(os.environ.get("RNN_LOCALES") or Path(__file__).resolve().parents[2] / "locales")

# Filled by use(); mutated in place so that every module importing them sees a reloaded catalog.
LANGS: list[str] = []
LANG_LABELS: dict[str, str] = {}
TEXT: dict[str, dict[str, str]] = {}


def read_catalogs(folder: Path) -> dict[str, dict[str, str]]:
    """``lang -> {key: text}`` for every ``*.toml`` in ``folder`` (tomllib rejects a key defined twice)."""
    out = {}
    for path in sorted(Path(folder).glob("*.toml")):
        with path.open("rb") as f:
            out[path.stem] = tomllib.load(f)
    if "en" not in out:
        raise FileNotFoundError(f"no en.toml in {folder}: English is the reference catalog")
    return out


def use(folder: Path | str = LOCALES) -> None:
    """Load the catalogs of ``folder``: English first, the other languages in name order."""
    catalogs = read_catalogs(Path(folder))
    langs = ["en", *sorted(lang for lang in catalogs if lang != "en")]
    LANGS[:] = langs
    LANG_LABELS.clear()
    LANG_LABELS.update({lang: catalogs[lang].get("lang.name", lang) for lang in langs})
    TEXT.clear()
    TEXT.update({key: {lang: catalogs[lang].get(key, en) for lang in langs} for key, en in catalogs["en"].items()})


def _lang(t) -> str:
    lang = t if isinstance(t, str) else getattr(t, "lang", "en")
    return lang if lang in LANGS else "en"


def text(lang: str, key: str, /, **values) -> str:
    """The text of ``key`` in ``lang`` (English where that catalog has none), formatted with ``values``;
    an unknown key is returned as it is. ``Translator`` calls it."""
    entry = TEXT.get(key)
    if entry is None:
        return key
    out = entry.get(lang) or entry["en"]
    return out.format(**values) if values else out


def labels(t, prefix: str, /, **overrides) -> dict:
    """Every text under ``prefix.`` in ``t``'s language (``t``: a Translator or a language code), keyed by
    the rest of its key: ``labels(t, "chart.loss_figure")["x"]`` is ``chart.loss_figure.x``. A key one level
    deeper fills a table: ``chart.gate_figure.gate_names.i`` is ``["gate_names"]["i"]``.

    ``overrides`` win over the catalog, e.g. a page's own title; an override of a table is merged into it.
    A prefix with no key under it raises KeyError.
    """
    lang, head = _lang(t), prefix + "."
    out: dict = {}
    for key, entry in TEXT.items():
        if key.startswith(head):
            label, _, name = key[len(head):].partition(".")
            value = entry.get(lang) or entry["en"]
            if name:
                out.setdefault(label, {})[name] = value
            else:
                out[label] = value
    if not out:
        raise KeyError(prefix)
    for key, value in overrides.items():
        out[key] = {**out[key], **value} if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


use()
