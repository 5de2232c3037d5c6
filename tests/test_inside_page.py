"""The Inside-the-cell page through AppTest: every view for every cell and task kind, both languages.

The default run is trained by the page itself; other runs are trained with the engine first and put into
the session, as the Train page would."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from rnn_core.config import RunConfig
from rnn_core.engine.train import train
from ui.runs.store import session_key

PAGE = "pages/8_Inside_the_cell.py"
VIEWS = ("step", "saliency", "jacobian")
SMALL = dict(hidden_size=6, epochs=3, patience=0, snapshot_every=0, n_samples=200, lag=5)
CASES = [
    ("forecast", "rnn", "relu", 1), ("multistep", "gru", "tanh", 2), ("denoise", "lstm", "tanh", 1),
    ("classify", "scratch", "tanh", 2), ("first_value", "lstm", "tanh", 2), ("adding", "rnn", "tanh", 1),
    ("recall", "gru", "tanh", 1), ("forecast", "scratch", "relu", 2),
]


def _config(task, cell, act, layers) -> RunConfig:
    extra = {"dataset": "noisy_sine", "transform": "none"} if task == "denoise" else {}
    return RunConfig().replace(task=task, cell=cell, nonlinearity=act, num_layers=layers, horizon=3, **SMALL, **extra)


def _open(view, params=None, runs=None, lang="en") -> AppTest:
    at = AppTest.from_file("../streamlit_app.py", default_timeout=180)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.query_params["in_view"] = view
    if lang != "en":
        at.query_params["lang"] = lang
    if runs:
        at.session_state[session_key("run")] = runs
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def _titles(at) -> list[str]:
    out = []
    for el in at.get("plotly_chart"):
        title = json.loads(el.proto.spec)["layout"].get("title", {})
        out.append(title.get("text", "") if isinstance(title, dict) else str(title))
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_default_run_every_view(lang):
    counts = {"step": 2, "saliency": 2, "jacobian": 4}  # LSTM 2 layers: one strip figure per layer
    for view in VIEWS:
        at = _open(view, lang=lang)
        assert len(at.get("plotly_chart")) == counts[view], view
        assert at.title[0].value.endswith("单元内部" if lang == "zh" else "Inside the cell")
    if lang == "en":
        names = _titles(_open("step", {"in_t": "3", "in_sample": "2"}))
        assert names == ["Layer 1, step t = 3", "Layer 2, step t = 3"]


@pytest.mark.slow
@pytest.mark.parametrize("task,cell,act,layers", CASES)
def test_every_task_and_cell(task, cell, act, layers):
    cfg = _config(task, cell, act, layers)
    res = train(cfg, baselines=False)
    params = cfg.to_params(only_changed=True)
    for view in VIEWS:
        at = _open(view, params, runs={cfg.to_json(): res}, lang="zh" if task == "classify" else "en")
        assert len(at.get("plotly_chart")) >= {"step": layers, "saliency": 2, "jacobian": 4}[view], view
    if task == "multistep":  # generated steps are steps too: the slider reaches T + horizon - 1
        at = _open("step", {**params, "in_t": "14"}, runs={cfg.to_json(): res})
        assert any("t = 14" in n for n in _titles(at))


def test_locked_widgets_show_their_link_values():
    at = _open("jacobian", {"hide": "in_rho,in_sample", "in_rho": "2.0", "in_sample": "4"})
    text = " ".join(m.value for m in at.markdown)
    assert "2 :material/lock:" in text and "4 :material/lock:" in text
    assert not [s for s in at.slider if s.key in ("in_rho", "in_sample")]


def test_strings_in_both_languages_with_the_same_placeholders():
    import string

    from ui.text.catalog import TEXT, labels

    def fields(s):
        return sorted(f"{n}:{spec}" for _, n, spec, _ in string.Formatter().parse(s) if n is not None)

    for key, entry in TEXT.items():
        if not key.startswith("in."):  # the page's own strings; tests/test_locales.py checks every key
            continue
        assert set(entry) == {"en", "zh"} and entry["zh"], key
        assert fields(entry["en"]) == fields(entry["zh"]), key
    for builder in ("step_figure", "saliency_figure", "saliency_bars", "memory_figure", "singular_figure",
                    "lyapunov_figure"):
        en, zh = labels("en", f"chart.{builder}"), labels("zh", f"chart.{builder}")
        assert set(zh) == set(en)
        for key, value in zh.items():
            if isinstance(value, dict):
                assert all(fields(value[n]) == fields(en[key][n]) for n in value), (builder, key)
            else:
                assert fields(value) == fields(en[key]), (builder, key)


def test_a_large_change_waiting_for_train_draws_the_shown_run():
    """After a change to 3 layers that is not trained (a large run waits for a click; on a slow server it is
    refused), the page draws the previous 2-layer run: every view reads that run's config, so the layer
    picker offers its 2 layers, not the sidebar's 3, and picking the last one draws it."""
    at = _open("jacobian")
    at.sidebar.slider(key="num_layers").set_value(3)
    at.sidebar.select_slider(key="hidden_size").set_value(256)
    at.sidebar.number_input(key="epochs").set_value(5000).run()  # one change: nothing light trains between
    assert not at.exception, [e.value for e in at.exception]
    assert "num_layers=3" in at.sidebar.code[-1].value
    runs = at.session_state[session_key("run")].values() if session_key("run") in at.session_state else ()
    assert not any(r.config.model.num_layers == 3 for r in runs)  # nothing trained by itself
    (picker,) = [w for w in at.get("button_group") if w.key == "in_layer"]
    assert picker.options == ["1", "2"]
    picker.set_value(picker.options[-1]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("plotly_chart")) == 4


def test_controls_keep_their_identifiers_in_the_url():
    """The page's own controls (InsideConfig) live in the URL by identifier, defaults left out, as the settings
    do: a view in Chinese is ``in_view=saliency``, the last step and the last layer (the defaults, whatever
    the run) are not written, and an existing link opens its view and layer."""
    at = _open("step", lang="zh")
    (view,) = [w for w in at.get("button_group") if w.key == "in_view"]
    view.set_value("saliency").run()
    assert not at.exception and at.query_params["in_view"] == "saliency"
    assert len(at.get("plotly_chart")) == 2
    [w for w in at.get("button_group") if w.key == "in_signed"][0].set_value("gxi").run()
    assert at.query_params["in_signed"] == "gxi"
    [w for w in at.get("button_group") if w.key == "in_view"][0].set_value("step").run()
    assert "in_view" not in at.query_params and at.slider(key="in_t").value == 12  # the window's last step
    at.slider(key="in_t").set_value(4).run()
    assert at.query_params["in_t"] == "4" and all("t = 4" in title for title in _titles(at))
    at.slider(key="in_t").set_value(12).run()
    assert "in_t" not in at.query_params
    at = _open("jacobian", {"in_layer": "1", "in_rho": "2.5", "in_sample": "999"})  # 24 windows: 999 is ignored
    (layer,) = [w for w in at.get("button_group") if w.key == "in_layer"]
    assert layer.value == 1 and at.slider(key="in_rho").value == 2.5 and at.slider(key="in_sample").value == 1
    titles = _titles(at)
    assert titles[0].endswith("(layer 1)") and titles[1].endswith("(layer 1)") and "ρ = 2.5" in titles[3], titles
