"""The catalogs in locales/: the same keys and placeholders in every language, every key used by the code,
every key the code asks for present, and a new language (a wrapped copy of English) renders every page."""

import ast
import json
import re
import string
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.state.layout import PAGES
from ui.text import catalog

ROOT = Path(__file__).resolve().parent.parent
# the cell registry names each cell's caption keys (its label key is opt.cell.<cell>)
CODE = [ROOT / "streamlit_app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").rglob("*.py")),
        ROOT / "rnn_core" / "cells.py"]
CHART_CODE = sorted((ROOT / "charts").glob("*.py"))
# Key prefixes the code builds at run time (f"nav.{key}", "f." + name, ...); each is checked against the code.
DYNAMIC = {
    "data.", "desc.", "f.", "grad.horizon_", "h.", "in.cap_", "in.regime.", "in.sal_",
    "in.tab_", "in.term.", "l.act.note.", "l.k.", "l.lin.", "lab.outcome.", "met.one_step_", "met.recursive_",
    "met.why_", "names.lang.", "names.weights_", "nav.", "opt.", "opt.cell.", "opt.lab_task.", "run.queued",
    "set.", "stop.", "task.", "unit.", "nc.", "class.",
}
DYNAMIC_TUPLE = tuple(DYNAMIC)
# Chart labels are read through a table: ``chart_labels(t, "builder")`` and the builder's ``lab["label"]``.
TABLES = ("chart.", "inchart.")
KEY = re.compile(r"^[a-z_]+\.[A-Za-z0-9_.]*$")


def _trees(files):
    return [ast.parse(p.read_text(encoding="utf-8")) for p in files]


def _constants(files) -> set[str]:
    """Every string literal, and the keys of ``labels("l.ts", "x", "y")`` calls (the Learn page's charts)."""
    out = set()
    for tree in _trees(files):
        for n in ast.walk(tree):
            if isinstance(n, ast.Constant) and isinstance(n.value, str):
                out.add(n.value)
            elif isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "labels":
                prefix, *names = [a.value for a in n.args if isinstance(a, ast.Constant)]
                out.update(f"{prefix}.{name}" for name in names)
    return out


def _dynamic_prefixes(files) -> set[str]:
    """Key prefixes of f-strings and of ``"prefix." + expr`` in the code."""
    out = set()
    for tree in _trees(files):
        for n in ast.walk(tree):
            head = None
            if isinstance(n, ast.JoinedStr) and n.values and isinstance(n.values[0], ast.Constant):
                head = n.values[0].value
            elif isinstance(n, ast.BinOp) and isinstance(n.op, ast.Add) and isinstance(n.left, ast.Constant):
                head = n.left.value
            if isinstance(head, str) and re.fullmatch(r"[a-z]+\.[a-z_.]*", head):
                out.add(head)
    return out


def _fields(text: str) -> list[str]:
    return sorted(f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text) if name is not None)


def _catalogs() -> dict[str, dict[str, str]]:
    return catalog.read_catalogs(ROOT / "locales")


def test_every_catalog_has_every_key_with_the_same_placeholders():
    cats = _catalogs()
    assert {"en", "zh"} <= set(cats)
    en = cats["en"]
    for lang, cat in cats.items():
        assert set(cat) == set(en), (lang, sorted(set(cat) ^ set(en))[:10])
        for key, text in cat.items():
            assert isinstance(text, str) and (text or not en[key]), (lang, key)
            assert _fields(text) == _fields(en[key]), (lang, key)


def test_a_key_defined_twice_is_an_error(tmp_path):
    (tmp_path / "en.toml").write_text('"nav.train" = "Train"\n"nav.train" = "Training"\n', encoding="utf-8")
    with pytest.raises(tomllib.TOMLDecodeError):
        catalog.read_catalogs(tmp_path)


def test_the_dynamic_prefixes_are_the_ones_the_code_builds():
    found = _dynamic_prefixes(CODE)
    assert found == DYNAMIC, {"new in the code": found - DYNAMIC, "gone from the code": DYNAMIC - found}
    keys = _catalogs()["en"]
    for prefix in DYNAMIC:
        assert any(k.startswith(prefix) for k in keys), prefix


def test_no_key_is_unused():
    keys = _catalogs()["en"]
    literals, chart_literals = _constants(CODE), _constants(CHART_CODE)
    unused = []
    for key in keys:
        if key in literals or key.startswith(DYNAMIC_TUPLE):
            continue
        head, _, rest = key.partition(".")
        if head in ("chart", "inchart"):
            builder, _, label = rest.partition(".")
            label = label.partition(".")[0]
            if builder in literals and label in chart_literals:  # chart_labels(t, "builder"); lab["label"]
                continue
        elif key.startswith(TABLES):
            continue
        unused.append(key)
    assert not unused, unused



def test_no_key_the_code_asks_for_is_missing():
    keys = _catalogs()["en"]
    asked = set()
    for tree in _trees(CODE):
        for n in ast.walk(tree):
            if (isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "t" and n.args
                    and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str)):
                asked.add(n.args[0].value)
    assert len(asked) > 200
    assert not asked - set(keys), sorted(asked - set(keys))
    families = tuple({f"{k.split('.')[0]}." for k in keys})
    looks_like_key = {s for s in _constants(CODE) if KEY.match(s) and s.startswith(families)}
    assert not {s for s in looks_like_key if s not in keys and not s.startswith(DYNAMIC_TUPLE)} - _NOT_KEYS
    assert all(b in catalog.CHART_TEXT or b in catalog.INSIDE_CHART_TEXT for b in _chart_builders())


# literals that look like keys but are not: the prefixes of the Learn page's labels("l.ts", ...) calls
_NOT_KEYS = {"l.act", "l.ts", "l.van"}


def _chart_builders() -> set[str]:
    out = set()
    for tree in _trees(CODE):
        for n in ast.walk(tree):
            if (isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                    and n.func.id in ("chart_labels", "inside_labels")
                    and len(n.args) > 1 and isinstance(n.args[1], ast.Constant)):
                out.add(n.args[1].value)
    assert out
    return out


# --- a third language: every English value wrapped in «», so an unwrapped English word is a string in Python

WRAPPED = re.compile(r"«[^«»]*»")


@pytest.fixture(scope="module")
def wrapped_lang(tmp_path_factory):
    folder = tmp_path_factory.mktemp("locales")
    for path in (ROOT / "locales").glob("*.toml"):
        (folder / path.name).write_bytes(path.read_bytes())
    en = _catalogs()["en"]
    lines = [f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(f'«{v}»', ensure_ascii=False)}" for k, v in en.items()]
    (folder / "qx.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalog.use(folder)
    assert "qx" in catalog.LANGS
    yield "qx"
    catalog.use()


def _unwrapped(text: str) -> str:
    """What of ``text`` is outside every «…» (wraps nest when a translated value fills a placeholder),
    less the Material icons of titles."""
    text = re.sub(r":material/[a-z_]+:", "", text)
    while WRAPPED.search(text):
        text = WRAPPED.sub("", text)
    return text


def _english(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{3,}", _unwrapped(text)))


@pytest.mark.parametrize("page", [p for _, p, _ in PAGES])
def test_a_new_language_renders_every_page(page, wrapped_lang):
    at = AppTest.from_file("../streamlit_app.py", default_timeout=300)
    at.query_params["lang"] = wrapped_lang
    if page != "streamlit_app.py":
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    heads = [el.value for kind in ("title", "header", "subheader") for el in at.get(kind)]
    assert heads, page
    assert not [h for h in heads if _english(h)], page
    assert not [m.label for m in at.metric if _english(m.label)], page
    nav = [el.proto.label for el in at.get("page_link")]
    assert len(nav) >= len(PAGES), nav
    assert all(label.startswith("«") and not _english(label) for label in nav), nav
    for el in at.get("plotly_chart"):
        title = json.loads(el.proto.spec)["layout"].get("title", {})
        text = title.get("text", "") if isinstance(title, dict) else str(title)
        assert not _english(text), (page, text)
