"""The Names page through AppTest: a small surname run, typed names without retraining, zh labels."""

import json

import pytest
from streamlit.testing.v1 import AppTest

SMALL = {"task": "names", "cell": "gru", "num_layers": "1", "hidden_size": "8", "epochs": "1", "batch_size": "256",
         "lr": "0.01", "patience": "0", "snapshot_every": "0"}


def _page(**params) -> AppTest:
    at = AppTest.from_file("../streamlit_app.py", default_timeout=300)
    for k, v in {**SMALL, **params}.items():
        at.query_params[k] = v
    at.switch_page("pages/9_Names.py")
    return at


def _titles(at):
    out = []
    for el in at.get("plotly_chart"):
        title = json.loads(el.proto.spec)["layout"].get("title", {})
        out.append(title.get("text", "") if isinstance(title, dict) else str(title))
    return out


def _letter_panels(at) -> list[str]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return [a["text"] for a in spec["layout"]["annotations"]]


@pytest.mark.slow
def test_train_then_type_names_without_retraining():
    at = _page()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.button(key="names_train").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "After each letter: the three likeliest languages" in _titles(at)
    assert _letter_panels(at)[:2] == ["1. D", "2. Do"]
    labels = [m.label for m in at.metric]
    assert "Test accuracy" in labels and "Balanced accuracy" in labels
    time_before = [m.value for m in at.metric if m.label == "Training time"]
    at.text_input(key="names_name").set_value("Nguyen").run()
    assert not at.exception
    assert not at.get("progress"), "typing a name must not train"
    assert [m.value for m in at.metric if m.label == "Training time"] == time_before
    assert _letter_panels(at)[:3] == ["1. N", "2. Ng", "3. Ngu"]
    at.text_input(key="names_name").set_value("123").run()
    assert not at.exception
    assert any("Latin letter" in w.value for w in at.warning)
    at.text_input(key="names_name").set_value("Müller").run()
    assert any("Muller" in c.value for c in at.caption)


@pytest.mark.slow
def test_page_in_chinese_shows_translated_languages():
    at = _page(lang="zh")
    at.run()
    if any(b.key == "names_train" for b in at.button):  # not yet trained in this test process
        at.button(key="names_train").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value.endswith("姓氏")
    assert "每个字母之后：最可能的三种语言" in _titles(at)
    specs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    confusion = next(s for s in specs if s["layout"]["title"]["text"].startswith("混淆矩阵"))
    assert "俄语" in confusion["data"][0]["y"]


def test_first_visit_shows_the_shipped_default_without_training(monkeypatch):
    import ui.runs.live

    def no_training(*args, **kwargs):
        raise AssertionError("the default surname run ships trained (assets/names_run.pt)")

    monkeypatch.setattr(ui.runs.live, "train", no_training)
    at = AppTest.from_file("../streamlit_app.py", default_timeout=120)
    at.switch_page("pages/9_Names.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not any(b.key == "names_train" for b in at.button)
    assert "After each letter: the three likeliest languages" in _titles(at)
    assert {"Test accuracy", "Balanced accuracy"} <= {m.label for m in at.metric}
    # plain /Names is the surname run: its address and its share link name no setting
    from ui.state.layout import FIELD_NAMES

    assert not FIELD_NAMES & set(at.query_params), dict(at.query_params)
    share = at.sidebar.code[0].value  # the share link (AppTest has no host: only its query)
    assert share == "?", share
    # while the links to the other pages still carry the surname run
    assert at.session_state["_ui_config"].data.task == "names"


def test_a_short_names_link_changes_only_what_it_names():
    """``/Names?hidden_size=8``: the surname defaults with 8 units, and the address keeps only that."""
    at = AppTest.from_file("../streamlit_app.py", default_timeout=120)
    at.query_params["hidden_size"] = "8"
    at.switch_page("pages/9_Names.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    cfg = at.session_state["_ui_config"]
    assert cfg.data.task == "names" and cfg.model.hidden_size == 8 and cfg.model.cell == "gru"
    assert cfg.train.epochs == 7 and cfg.train.class_weight == "fourth_root"
    assert {k: v for k, v in at.query_params.items() if k != "lang"} == {"hidden_size": ["8"]} or \
        dict(at.query_params) == {"hidden_size": "8"}
