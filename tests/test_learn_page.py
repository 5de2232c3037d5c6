"""Home and Learn pages through streamlit's AppTest, in English and Chinese."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from figjson import array
from streamlit.testing.v1 import AppTest

from ui.text.catalog import LANGS, TEXT

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60


def open_page(page: str | None, lang: str) -> AppTest:
    at = AppTest.from_file("../streamlit_app.py", default_timeout=TIMEOUT)
    if lang != "en":
        at.query_params["lang"] = lang
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def chart(at: AppTest, name: str) -> dict:
    for element in at.get("plotly_chart"):
        if element.proto.id.endswith(f"chart_{name}"):
            return json.loads(element.proto.spec)
    raise AssertionError(f"no chart {name}")


@pytest.mark.parametrize("lang", LANGS)
def test_home(lang):
    at = open_page(None, lang)
    assert at.title[0].value.endswith(TEXT["app.name"][lang])
    links = [e.proto.label for e in at.get("page_link")]
    assert TEXT["nav.learn"][lang] in links


@pytest.mark.parametrize("lang", LANGS)
def test_learn_runs(lang):
    at = open_page("pages/7_Learn.py", lang)
    headers = [h.value for h in at.header]
    assert TEXT["l.van.h"][lang] in headers and TEXT["l.kinds.h"][lang] in headers
    assert len(at.tabs) == 5
    assert any("W_{aa}" in e.value for e in at.latex)
    assert any("torch.tanh(x_t @ W_x.T + h_prev @ W_h.T + b)" in c.value for c in at.code)
    assert any("nn.RNN(input_size, hidden_size, batch_first=True)" in c.value for c in at.code)
    assert len(at.get("plotly_chart")) == 8  # series, five kinds, activation, vanishing
    if lang == "zh":
        assert chart(at, "activation")["layout"]["title"]["text"] == "tanh 及其导数"


def test_activation_figure_follows_the_picker():
    at = open_page("pages/7_Learn.py", "en")
    fig = chart(at, "activation")
    assert [t["name"] for t in fig["data"]] == ["f(z)", "f'(z)"]
    assert array(fig["data"][1]["y"]).max() == pytest.approx(1.0)
    at.segmented_control(key="learn_act").set_value("sigmoid").run()
    fig = chart(at, "activation")
    assert array(fig["data"][1]["y"]).max() == pytest.approx(0.25)
    assert fig["layout"]["title"]["text"] == "sigmoid and its derivative"


def test_vanishing_section_reacts_to_the_weight():
    at = open_page("pages/7_Learn.py", "en")
    assert at.warning and "vanishes" in at.warning[0].value
    at.slider(key="learn_w").set_value(1.5).run()
    assert not at.exception
    assert any("explodes" in e.value for e in at.error)
    y = array(chart(at, "vanishing")["data"][0]["y"])
    assert y[-1] == pytest.approx(1.5 ** 50)
    at.slider(key="learn_w").set_value(1.0).run()
    assert at.success


def test_text_table_is_complete():
    for key, entry in TEXT.items():
        assert set(entry) == set(LANGS), key
        assert bool(entry["en"].strip()) == bool(entry["zh"].strip()), f"{key}: missing a translation"
        fields = [set(re.findall(r"\{(\w*)", entry[lang])) for lang in LANGS]
        assert fields[0] == fields[1], f"{key}: placeholders differ between languages"


def test_ui_does_not_import_torch():
    code = ("import sys, ui, ui.state.settings, charts.learn; "
            "assert 'torch' not in sys.modules, 'torch imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_kinds_link_to_their_live_examples(lang):
    at = open_page("pages/7_Learn.py", lang)
    live = [(p.label, p.page) for p in (el.proto for el in at.get("page_link"))
            if p.icon == ":material/arrow_forward:"]  # the sidebar links the pages too, with their own icons
    assert live == [(TEXT["l.k.one_to_many.live"][lang], "Generate_names"),
                    (TEXT["l.k.encoder_decoder.live"][lang], "Translate_dates")], live


@pytest.mark.parametrize("lang", LANGS)
def test_the_code_comments_are_in_the_pages_language(lang):
    at = open_page("pages/7_Learn.py", lang)
    code = "\n".join(el.proto.code_text for el in at.get("code"))
    for key in ("l.code.step", "l.code.same", "l.code.bias"):
        assert f"# {TEXT[key][lang]}" in code, key
    assert "W_x = rnn.weight_ih_l0" in code and not any(p in code for p in ("{step}", "{same}", "{bias}"))
