"""Every page through streamlit's AppTest: defaults, a changed setting, a train click, bad links."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from ui.runs.store import session_key

PAGES = ["pages/1_Data.py", "pages/2_Train.py", "pages/3_Hidden_states.py", "pages/4_Gradients.py",
         "pages/5_Compare.py", "pages/6_Long_range_lab.py", "pages/7_Learn.py", "pages/8_Inside_the_cell.py"]
SMALL = {"hidden_size": "8", "epochs": "15", "patience": "0"}
RUNS = session_key("run")  # where a session keeps its runs: key -> RunResult


def open_page(page=None, **params) -> AppTest:
    at = AppTest.from_file("../streamlit_app.py", default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def titles(at: AppTest) -> list[str]:
    out = []
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        title = spec["layout"].get("title", {})
        out.append(title.get("text", "") if isinstance(title, dict) else str(title))
    return out


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_defaults(page):
    at = open_page(page)
    assert at.title, "every page has a title"


MODEL_PAGES = {"pages/2_Train.py", "pages/3_Hidden_states.py", "pages/4_Gradients.py", "pages/5_Compare.py",
               "pages/8_Inside_the_cell.py"}  # the pages whose sidebar holds the model settings
RUN_PAGES = MODEL_PAGES - {"pages/5_Compare.py"}  # ... and that draw one run of them


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_changed_settings(page):
    """The link's settings take effect: the widgets hold them and the run drawn is of them."""
    at = open_page(page, cell="gru", num_layers="1", hidden_size="8", lang="zh")
    widgets = {w.key: w.value for kind in ("select_slider", "slider", "selectbox") for w in at.get(kind)
               if getattr(w, "key", None) in ("cell", "num_layers", "hidden_size")}
    if page in MODEL_PAGES:
        assert widgets == {"cell": "gru", "num_layers": 1, "hidden_size": 8}, widgets
    if page in RUN_PAGES:
        m = at.session_state["_ui_last_shown"].config.model
        assert (m.cell, m.num_layers, m.hidden_size) == ("gru", 1, 8)


def test_train_click_produces_a_run_and_its_charts():
    at = open_page("pages/2_Train.py", cell="rnn", **SMALL)
    at.button(key="train").click().run()
    assert not at.exception
    runs = at.session_state[RUNS]
    (res,) = runs.values()
    assert res.config.model.cell == "rnn" and res.config.model.hidden_size == 8
    assert len(res.history["epoch"]) == 15
    names = titles(at)
    assert any("Forecast" in n for n in names) and any("Loss" in n for n in names)
    assert len(at.dataframe) == 1  # the metrics table next to the baselines
    assert any(m.label == "One-step MAPE" for m in at.metric)


def test_views_show_the_run_after_training():
    at = open_page("pages/2_Train.py", cell="lstm", **SMALL)
    at.button(key="train").click().run()
    at.switch_page("pages/3_Hidden_states.py").run()
    assert not at.exception
    assert any("Hidden states" in n for n in titles(at))
    at.switch_page("pages/4_Gradients.py").run()
    assert not at.exception
    names = titles(at)
    assert any("∂L/∂h" in n for n in names)
    assert len(at.get("plotly_chart")) >= 4  # profile, evolution heatmap, film strip, clipping, spectrum


def test_compare_trains_five_cells_each_in_its_papers_shape():
    at = open_page("pages/5_Compare.py", **SMALL, num_layers="1")
    at.button(key="compare_go").click().run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0]) == ["RNN", "LSTM", "GRU", "LRU", "minGRU"]
    layers = {r.config.model.cell: r.config.model.num_layers for r in at.session_state[RUNS].values()}
    assert layers == {"rnn": 1, "lstm": 1, "gru": 1, "lru": 2, "mingru": 1}
    assert any("LRU 2 × 8" in c.value and "minGRU 1 × 8" in c.value for c in at.caption)


@pytest.mark.parametrize("task", ["adding", "classify", "denoise", "multistep", "first_value"])
def test_other_tasks_train_and_draw(task):
    extra = {"dataset": "noisy_sine", "transform": "none"} if task == "denoise" else {}
    at = open_page("pages/2_Train.py", task=task, n_samples="200", lag="10", **SMALL, **extra)
    at.button(key="train").click().run()
    assert not at.exception and not at.error
    assert at.session_state[RUNS]
    at.switch_page("pages/1_Data.py").run()
    assert not at.exception and not at.error


@pytest.mark.parametrize("dataset", ["sine", "noisy_sine", "trend_season", "square", "sawtooth", "ar2",
                                     "random_walk"])
def test_each_synthetic_series_trains_with_default_settings(dataset):
    """Each synthetic series picked by its link, every other setting at its default: the run trains (by
    itself, or on Train where the page asks for the click) with no error box, and the headline metrics are
    RMSE (these series cross zero, so no MAPE)."""
    at = open_page("pages/2_Train.py", dataset=dataset)
    assert not at.error, [e.value for e in at.error]
    if not at.metric:  # not trained on open (nor stored by an earlier test): the page offers Train
        at.button(key="train").click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
    labels = [m.label for m in at.metric]
    assert any(label.endswith("RMSE") for label in labels) and not any("MAPE" in label for label in labels), labels


def test_bad_link_values_give_messages_not_tracebacks():
    at = open_page("pages/2_Train.py", hidden_size="99999", cell="transformer", lr="abc")
    assert at.error and not at.exception
    at = open_page("pages/1_Data.py", dataset="sine", transform="log")
    assert not at.exception


def test_diverging_training_is_explained():
    at = open_page("pages/2_Train.py", cell="rnn", nonlinearity="relu", lr="50", clip="0", optimizer="sgd",
                   **SMALL)
    at.button(key="train").click().run()
    assert not at.exception
    assert any("diverged" in e.value for e in at.error)


def test_absurd_sizes_get_a_message_not_a_traceback():
    at = open_page("pages/2_Train.py", task="adding", lag="400", n_samples="20000", hidden_size="256",
                   num_layers="4", batch_size="0")
    at.button(key="train").click().run()
    assert not at.exception
    assert any("budget" in e.value and "lower" in e.value.lower() for e in at.error)


def test_a_cheap_link_trains_by_itself_on_a_view_page():
    at = open_page("pages/4_Gradients.py", cell="rnn", hidden_size="8", epochs="20", patience="0", seed="5")
    assert not at.get("button") or all(b.key != "flow_train" for b in at.button)
    (res,) = at.session_state[RUNS].values()
    assert (res.config.model.cell, res.config.train.seed, len(res.history["epoch"])) == ("rnn", 5, 20)
    assert any("∂L/∂h" in n for n in titles(at))


def test_the_readmes_classroom_link_opens_on_the_vanishing_gradient_it_promises():
    at = open_page("pages/4_Gradients.py", task="adding", lag="50", cell="rnn", num_layers="1",
                   hide="cell,num_layers")
    assert any("1.9e-16 of the one at t=50: it vanishes" in i.value for i in at.info), [i.value for i in at.info]
    assert "Fixed by the link: Cell: RNN, Layers: 1" in " ".join(c.value for c in at.sidebar.caption)


def test_a_link_naming_an_uploaded_series_says_what_it_shows_instead():
    at = open_page("pages/2_Train.py", dataset="csv")
    assert any("This link names an uploaded series" in e.value and "Airline passengers (1949–1960)" in e.value
               for e in at.error), [e.value for e in at.error]


def test_a_large_change_keeps_the_previous_charts_under_a_banner():
    at = open_page("pages/4_Gradients.py")
    drawn = len(at.get("plotly_chart"))
    at.sidebar.select_slider(key="hidden_size").set_value(128).run()  # a large run (52 MB): it waits for a click
    assert not at.exception
    assert any("large run" in w.value for w in at.warning)
    assert any(b.key == "flow_train" for b in at.button)  # Train, with the estimate on it
    trained = at.session_state[RUNS].values() if RUNS in at.session_state else ()
    assert not any(r.config.model.hidden_size == 128 for r in trained)  # nothing trained by itself
    assert len(at.get("plotly_chart")) == drawn  # the previous run's charts stay (dimmed)
    assert "hidden_size=128" in at.sidebar.code[-1].value


def test_a_costly_link_on_a_fresh_session_offers_train_with_the_estimate():
    at = open_page("pages/3_Hidden_states.py", epochs="3000", patience="0", hidden_size="128")
    assert any(b.key == "flow_train" for b in at.button)
    assert any("about" in w.value and " s" in w.value for w in at.warning)


def test_the_metrics_caption_names_only_the_baselines_computed_and_their_season():
    at = open_page("pages/2_Train.py")
    caption = next(c.value for c in at.caption if c.value.startswith("Errors on the last"))
    assert "one season (12 steps) ago" in caption and "(0,1,1)(0,1,1)₁₂" in caption  # the airline series: SARIMA
    at = open_page("pages/2_Train.py", dataset="sine", period="20", epochs="2", patience="0")
    caption = next(c.value for c in at.caption if c.value.startswith("Errors on the last"))
    assert "one season (20 steps) ago" in caption and "SARIMA" not in caption  # below zero: no SARIMA fitted
