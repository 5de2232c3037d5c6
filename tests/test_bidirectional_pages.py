"""Bidirectional runs through the pages (AppTest): Compare one way against both ways by link, a bidirectional
denoiser on every page that shows a run, and a link that asks a forecast to run both ways."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from rnn_core.config import BIDIR_DEMO
from ui.runs.store import session_key

RUNS = session_key("run")
QUICK = {**BIDIR_DEMO.to_params(only_changed=True), "epochs": "12"}


def _open(page, **params) -> AppTest:
    at = AppTest.from_file("../streamlit_app.py", default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_compare_one_way_against_both_ways_by_link_then_every_page():
    at = _open("pages/5_Compare.py", cmp_by="direction", **QUICK)  # light runs: they train by themselves
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0]) == ["GRU → one way", "GRU ↔ both ways"]
    ways = sorted(r.config.model.bidirectional for r in at.session_state[RUNS].values())
    assert ways == ["off", "on"]
    titles = [el.proto.spec for el in at.get("plotly_chart")]
    assert any("Error at each step of the window" in s for s in titles)


def test_a_bidirectional_denoiser_on_every_page_that_shows_a_run():
    at = _open("pages/2_Train.py", bidirectional="on", **QUICK)
    at.button(key="train").click().run()
    assert not at.exception and not at.error, [e.value for e in at.exception]
    (run,) = at.session_state[RUNS].values()
    assert run.config.model.bidirectional == "on"
    for page in ("pages/3_Hidden_states.py", "pages/4_Gradients.py", "pages/8_Inside_the_cell.py", "pages/1_Data.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])


def test_a_forecast_link_asking_for_both_ways_runs_one_way_and_says_so():
    at = _open("pages/2_Train.py", bidirectional="on")
    shown = [e.value for e in at.error]
    assert any("Bidirectional is off here" in w for w in shown), shown
    assert at.session_state["_ui_config"].model.bidirectional == "off"


def test_learn_lists_the_future_input_weakness_and_opens_the_comparison():
    at = _open("pages/7_Learn.py")
    assert any("cannot take any future input" in m.value for m in at.markdown)
    at.button(key="learn_direction").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["cmp_by"] == ["direction"] or at.query_params["cmp_by"] == "direction"
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0]) == ["GRU → one way", "GRU ↔ both ways"]


@pytest.mark.slow  # a surname run: over 10 s
def test_a_bidirectional_surname_classifier_reads_each_prefix_both_ways():
    at = AppTest.from_file("../streamlit_app.py", default_timeout=300)
    small = {"task": "names", "cell": "gru", "num_layers": "1", "hidden_size": "8", "epochs": "1",
             "batch_size": "256", "lr": "0.01", "patience": "0", "snapshot_every": "0", "bidirectional": "on"}
    for k, v in small.items():
        at.query_params[k] = v
    at.switch_page("pages/9_Names.py").run()
    at.button(key="names_train").click().run()
    assert not at.exception, [e.value for e in at.exception]
    (run,) = at.session_state[RUNS].values()
    assert run.config.model.bidirectional == "on"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [a["text"] for a in spec["layout"]["annotations"]][:2] == ["1. D", "2. Do"]


def test_compare_by_cell_from_a_bidirectional_sidebar_compares_one_way_networks():
    at = _open("pages/5_Compare.py", bidirectional="on", **{**QUICK, "epochs": "3"})
    assert list(at.dataframe[0].value.iloc[:, 0]) == ["RNN", "LSTM", "GRU", "LRU", "minGRU"]
    assert any("run one way here" in c.value for c in at.caption)
    assert {r.config.model.bidirectional for r in at.session_state[RUNS].values()} == {"off"}


def test_surname_subtitles_name_both_ways():
    from rnn_core.config import NAMES_DEFAULT
    from ui.glue.names import subtitle
    from ui.state.layout import Translator

    en = Translator("en")
    assert subtitle(NAMES_DEFAULT.replace(bidirectional="on"), en).startswith("GRU ↔ both ways · 1×64")
    assert subtitle(NAMES_DEFAULT, en).startswith("GRU · 1×64")
