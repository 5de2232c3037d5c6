"""Every user-facing string, read from one catalog per language: ``locales/<lang>.toml``.

A catalog is one flat TOML table of ``"key" = "text"``; placeholders in braces are filled by
``t(key, **values)``. English (``en.toml``) is the reference: its keys are the keys of the app, and a key
missing from another catalog shows in English. Adding a language is adding one file.

Key families built here:
- ``chart.<builder>.<label>`` and ``chart.<builder>.<label>_names.<name>``: the ``labels=`` of a chart
  builder in ``charts/`` (``chart_labels``); ``inchart.…`` the same for ``charts/inside.py`` (``inside_labels``);
- ``class.<name>``: class names of the sample tasks (``class_names``);
- ``nc.<chart>.<label>``: the labels of a Names chart (``chart_text``);
- ``lang.name``: the catalog's language as the language switch shows it.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Sequence
from pathlib import Path

LOCALES = Path(os.environ.get("RNN_LOCALES") or Path(__file__).resolve().parents[2] / "locales")

# Filled by use(); mutated in place so that every module importing them sees a reloaded catalog.
LANGS: list[str] = []
LANG_LABELS: dict[str, str] = {}
TEXT: dict[str, dict[str, str]] = {}
CHART_TEXT: dict[str, dict[str, dict]] = {}
INSIDE_CHART_TEXT: dict[str, dict[str, dict]] = {}


def read_catalogs(folder: Path) -> dict[str, dict[str, str]]:
    """``lang -> {key: text}`` for every ``*.toml`` in ``folder`` (tomllib rejects a key defined twice)."""
    out = {}
    for path in sorted(Path(folder).glob("*.toml")):
        with path.open("rb") as f:
            out[path.stem] = tomllib.load(f)
    if "en" not in out:
        raise FileNotFoundError(f"no en.toml in {folder}: English is the reference catalog")
    return out


def _tables(prefix: str) -> dict[str, dict[str, dict]]:
    """``builder -> label -> {lang: text}`` (or ``label_names -> name -> {lang: text}``) of one prefix."""
    out: dict[str, dict[str, dict]] = {}
    for key, entry in TEXT.items():
        head, _, rest = key.partition(".")
        if head != prefix:
            continue
        builder, _, label = rest.partition(".")
        label, _, name = label.partition(".")
        table = out.setdefault(builder, {})
        if name:
            table.setdefault(label, {})[name] = entry
        else:
            table[label] = entry
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
    for table, prefix in ((CHART_TEXT, "chart"), (INSIDE_CHART_TEXT, "inchart")):
        table.clear()
        table.update(_tables(prefix))


def _lang(t) -> str:
    lang = t if isinstance(t, str) else getattr(t, "lang", "en")
    return lang if lang in LANGS else "en"


def _pick(entry: dict, lang: str) -> str:
    return entry.get(lang) or entry["en"]


def _labels(table: dict, t, builder: str) -> dict:
    lang = _lang(t)
    out: dict = {}
    for key, entry in table[builder].items():
        if key.endswith("_names"):
            out[key] = {name: _pick(sub, lang) for name, sub in entry.items()}
        else:
            out[key] = _pick(entry, lang)
    return out


def chart_labels(t, builder: str, /, **overrides) -> dict:
    """The ``labels`` dict of chart ``builder`` in ``t.lang`` (``t``: a Translator or a language code).

    ``overrides`` win over the table, e.g. a page's own title; an override of a ``_names`` key is merged
    into the translated names rather than replacing them. An unknown builder raises KeyError.
    """
    out = _labels(CHART_TEXT, t, builder)
    for key, value in overrides.items():
        if key.endswith("_names") and isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def inside_labels(t, builder: str, /, **overrides) -> dict:
    """The ``labels`` dict of one builder of ``charts/inside.py`` in ``t.lang`` (or a language code)."""
    return {**_labels(INSIDE_CHART_TEXT, t, builder), **overrides}


def class_names(t, names: Sequence[str]) -> list[str]:
    """Class names of a sample task in ``t.lang``; names not in the catalog stay as they are."""
    lang = _lang(t)
    return [_pick(TEXT[f"class.{n}"], lang) if f"class.{n}" in TEXT else n for n in names]


def chart_text(t, chart: str) -> dict[str, str]:
    """The ``labels`` of one names chart (``nc.<chart>.<key>``) in the current language."""
    prefix = f"nc.{chart}."
    return {k[len(prefix):]: t(k) for k in TEXT if k.startswith(prefix)}


use()
