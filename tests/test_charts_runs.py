"""Figure builders for runs: loss, forecasts, states, gates and gradients, checked on their plotly JSON."""

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from english import en

from charts import common as cm
from charts import forecast as fc
from charts import gradients as gr
from charts import prediction as pr
from charts import states as st
from charts import training as tr
from charts import weights as wt
from charts.theme import CELL_COLORS, SEQUENTIAL
from rnn_core.lab.horizon import gate_saturation

RNG = np.random.default_rng(0)
HIST = {"epoch": [1, 2, 3, 4, 5], "train_loss": [1.0, 0.5, 0.3, 0.2, 0.15],
        "val_loss": [1.2, 0.7, 0.4, 0.45, 0.5], "time": [0.5, 1.0, 1.5, 2.0, 2.5]}


def _sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def _texts(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def _shape_vals(fig, key):
    return [getattr(s, key) for s in fig.layout.shapes]


# ---------------------------------------------------------------- training


def test_loss_figure_log_axis_best_epoch_and_values():
    fig = tr.loss_figure(HIST, best_epoch=3, labels=en("loss_figure"))
    lines = [d for d in fig.data if d.name in ("training loss", "validation loss")]
    assert [d.name for d in lines] == ["training loss", "validation loss"]
    assert fig.layout.yaxis.type == "log"
    assert fig.layout.title.text == "Loss per epoch"
    assert fig.layout.xaxis.title.text == "epoch" and "loss" in fig.layout.yaxis.title.text
    np.testing.assert_allclose(lines[1].y, HIST["val_loss"], rtol=1e-6)
    assert lines[1].y.dtype == np.float32
    assert _shape_vals(fig, "x0") == [3]
    assert "best epoch 3" in _texts(fig)
    star = [d for d in fig.data if d.marker.symbol == "star"]
    assert len(star) == 1 and star[0].x[0] == 3 and star[0].y[0] == pytest.approx(0.4)
    assert "customdata" in lines[0].hovertemplate  # seconds since start in the hover


def test_loss_figure_binary_float32_json():
    data = json.loads(tr.loss_figure(HIST, labels=en("loss_figure")).to_json())["data"]
    assert data[0]["y"]["dtype"] == "f4" and "bdata" in data[0]["y"]


def test_loss_figure_partial_linear_and_empty():
    fig = tr.loss_figure({"epoch": [1, 2], "train_loss": [0.5, 0.3], "val_loss": [0.6]}, log_y=False,
                         labels=en("loss_figure"))
    assert fig.layout.yaxis.type != "log" and fig.layout.yaxis.title.text == "loss"
    assert [len(d.x) for d in fig.data] == [2, 1]
    fig = tr.loss_figure({"epoch": [1, 2], "train_loss": [0.5, 0.3], "val_loss": [None, 0.2]}, labels=en("loss_figure"))
    assert np.isnan(fig.data[1].y[0]) and fig.data[1].y[1] == pytest.approx(0.2)
    empty = tr.loss_figure({}, labels=en("loss_figure", empty="还没有轮次", title="损失"))
    assert len(empty.data) == 0 and _texts(empty) == ["还没有轮次"] and empty.layout.title.text == "损失"
    assert len(tr.loss_figure({"epoch": [], "train_loss": [], "val_loss": []}, labels=en("loss_figure")).data) == 0


def test_loss_overlay_colours_by_cell_and_dashes_shared_cells():
    runs = [{"label": "a", "cell": "lstm", "history": HIST}, {"label": "b", "cell": "lstm", "history": HIST},
            {"label": "c", "cell": "gru", "history": HIST}]
    fig = tr.loss_overlay_figure(runs, labels=en("loss_overlay_figure"))
    assert len(fig.data) == 6
    val = [d for d in fig.data if "validation" in d.name]
    train = [d for d in fig.data if "training" in d.name]
    assert val[0].line.color == CELL_COLORS["lstm"] and val[2].line.color == CELL_COLORS["gru"]
    assert val[1].line.color != val[0].line.color and val[1].line.dash != val[0].line.dash
    assert all(d.line.dash == "dot" for d in train)
    assert {d.legendgroup for d in fig.data} == {"a", "b", "c"}
    assert fig.layout.yaxis.type == "log"
    assert _texts(tr.loss_overlay_figure([], labels=en("loss_overlay_figure"))) == ["No runs to compare"]


def test_run_styles_and_shade():
    styles = cm.run_styles(["rnn", "rnn", "gru", "rnn"])
    assert styles[0] == (CELL_COLORS["rnn"], "solid") and styles[2] == (CELL_COLORS["gru"], "solid")
    assert len(set(styles)) == 4
    assert cm.shade("#808080", 1) < "#808080" < cm.shade("#808080", 2)


def _series():
    idx = pd.date_range("1949-01-01", periods=48, freq="MS")
    vals = 100 + np.arange(48) + 10 * np.sin(np.arange(48))
    return idx, vals


def test_forecast_figure_dates_test_shading_forecasts_and_baselines():
    idx, vals = _series()
    one, rec = vals[-12:] + 1, vals[-12:] - 1
    fig = fc.forecast_figure(idx, vals, 12, one, rec,
                             baselines={"naive": np.full(12, vals[-13]), "sarima": {"recursive": vals[-12:] * 0.9}},
                             labels=en("forecast_figure", y="passengers (thousands)"), cell="gru")
    names = [d.name for d in fig.data]
    assert names == ["observed series", "naive (last value)", "SARIMA", "one-step forecast", "recursive forecast"]
    assert fig.layout.xaxis.title.text == "date" and fig.layout.yaxis.title.text == "passengers (thousands)"
    assert str(fig.data[0].x[0]).startswith("1949-01-01")
    assert pd.Timestamp(fig.data[3].x[0]) == idx[36]  # forecasts cover the last 12 points
    np.testing.assert_allclose(fig.data[3].y, one, rtol=1e-6)
    assert fig.data[3].line.color == CELL_COLORS["gru"]
    assert fig.data[1].line.dash == "dash" and fig.data[2].line.dash == "dash"
    rect = fig.layout.shapes[0]
    assert rect.type == "rect" and pd.Timestamp(idx[-13]) < pd.Timestamp(rect.x0) < pd.Timestamp(idx[-12])
    assert "test period" in _texts(fig)
    assert fig.layout.xaxis.hoverformat == "%Y-%m"


def test_forecast_figure_steps_without_index():
    _, vals = _series()
    fig = fc.forecast_figure(None, vals, 12, one_step=vals[-12:], labels=en("forecast_figure"))
    assert fig.layout.xaxis.title.text == "time step"
    assert list(fig.data[1].x) == list(range(36, 48))
    assert fig.layout.shapes[0].x0 == pytest.approx(35.5)
    with pytest.raises(ValueError):
        fc.forecast_figure(None, vals, 12, one_step=np.ones(60), labels=en("forecast_figure"))


def test_forecast_overlay_by_cell_with_context():
    idx, vals = _series()
    fig = fc.forecast_overlay_figure(idx, vals, 12, {"LSTM": ("lstm", vals[-12:]), "GRU": ("gru", vals[-12:]),
                                                     "LSTM 2": ("lstm", vals[-12:])}, context=12,
 labels=en("forecast_overlay_figure"))
    assert [d.name for d in fig.data] == ["observed series", "LSTM", "GRU", "LSTM 2"]
    assert fig.data[1].line.color == CELL_COLORS["lstm"] and fig.data[2].line.color == CELL_COLORS["gru"]
    assert fig.data[3].line.dash != fig.data[1].line.dash
    assert pd.Timestamp(fig.layout.xaxis.range[0]) == idx[24]


def test_metrics_table_model_first_and_columns():
    model = {"one_step": {"mape": 4.0, "rmse": 10.0, "mae": 8.0}, "recursive": {"mape": 9.0, "rmse": 30.0}}
    base = {"naive": {"one_step": {"mape": 6.0, "rmse": 15.0}, "recursive": {"mape": 20.0, "rmse": 50.0}},
            "sarima": {"one_step": {"mape": 3.0, "rmse": 9.0}, "recursive": {"mape": 5.0}}}
    df = fc.metrics_table(model, base, labels=en("metrics_table"))
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["forecaster", "one-step MAPE %", "recursive MAPE %", "one-step RMSE", "recursive RMSE"]
    assert list(df["forecaster"]) == ["this model", "naive (last value)", "SARIMA"]
    assert df.loc[0, "recursive RMSE"] == 30.0 and np.isnan(df.loc[2, "recursive RMSE"])
    cn = fc.metrics_table(None, base, labels=en("metrics_table", name="方法", one_step="单步", mape="MAPE %"))
    assert list(cn["方法"]) == ["naive (last value)", "SARIMA"] and "单步 MAPE %" in cn.columns


def test_sample_prediction_all_last_classify():
    x = RNG.normal(size=(20, 1))
    fig = pr.sample_prediction_figure(x, np.sin(np.arange(20)), np.cos(np.arange(20)), "all",
                                      labels=en("sample_prediction_figure"))
    assert [d.name for d in fig.data] == ["input", "target", "prediction"]
    np.testing.assert_allclose(fig.data[1].y, np.sin(np.arange(20)), atol=1e-6)
    assert list(fig.data[0].x[:2]) == [1, 2]
    fig = pr.sample_prediction_figure(RNG.normal(size=(30, 2)), [1.2], [1.0], "last",
                                      labels=en("sample_prediction_figure", channel_names=["value", "marker"]))
    assert [d.name for d in fig.data] == ["value", "marker", "target", "prediction"]
    assert fig.data[2].x[0] == 30 and fig.data[3].y[0] == pytest.approx(1.0)
    fig = pr.sample_prediction_figure(x, 1, np.log([0.2, 0.7, 0.1]), "classify", class_names=["a", "b", "c"],
                                      labels=en("sample_prediction_figure"))
    bar = next(d for d in fig.data if d.type == "bar")
    np.testing.assert_allclose(bar.y, [0.2, 0.7, 0.1], rtol=1e-5)
    assert bar.marker.color[1] != bar.marker.color[0] and "true class: b" in _texts(fig)
    with pytest.raises(ValueError):
        pr.sample_prediction_figure(x, 1, [1.0], "nope", labels=en("sample_prediction_figure"))


# ---------------------------------------------------------------- states


def test_state_heatmap_diverging_centred_and_transposed():
    z = RNG.normal(size=(15, 6)).astype(np.float32)
    fig = st.state_heatmap(z, "h_t", labels=en("state_heatmap"))
    hm = fig.data[0]
    assert hm.type == "heatmap" and hm.zmid == 0 and hm.z.shape == (6, 15)
    np.testing.assert_array_equal(hm.z, z.T)
    assert list(hm.x[:2]) == [1, 2] and list(hm.y[:2]) == [1, 2]
    assert "unit" in hm.hovertemplate and "%{z" in hm.hovertemplate
    assert fig.layout.yaxis.autorange == "reversed" and fig.layout.title.text == "h_t"


def test_state_heatmap_sequential_gate_and_auto_range():
    z = _sigmoid(RNG.normal(size=(10, 4)))
    hm = st.state_heatmap(z, "f", colorscale=SEQUENTIAL, zmid=None, zrange=(0, 1), labels=en("state_heatmap")).data[0]
    assert (hm.zmin, hm.zmax) == (0, 1) and hm.zmid is None
    assert hm.colorscale[0][1] == "#440154"  # Viridis
    hm = st.state_heatmap(z, "f", colorscale=SEQUENTIAL, zmid=None, labels=en("state_heatmap")).data[0]
    assert hm.zmin == pytest.approx(z.min(), rel=1e-5) and hm.zmax == pytest.approx(z.max(), rel=1e-5)


def test_layer_states_figure_rows_per_layer_and_own_scales_for_h_and_c():
    h, c = RNG.normal(size=(3, 12, 5)), RNG.normal(size=(3, 12, 5)) * 3
    fig = st.layer_states_figure(h, c, labels=en("layer_states_figure"))
    # h (left column, every layer) and c (right column) each have their own colour axis and bar
    assert len(fig.data) == 6 and [d.coloraxis for d in fig.data] == ["coloraxis", "coloraxis2"] * 3
    assert fig.layout.coloraxis.cmid == 0 and fig.layout.coloraxis2.cmid == 0
    assert fig.layout.coloraxis.colorbar.title.text == "h<sub>t</sub>"
    assert fig.layout.coloraxis2.colorbar.title.text == "c<sub>t</sub>"
    assert fig.layout.coloraxis.colorbar.x < fig.layout.xaxis2.domain[0]  # between the columns
    titles = _texts(fig)
    assert "layer 1: hidden state h<sub>t</sub>" in titles and "layer 3: cell state c<sub>t</sub>" in titles
    np.testing.assert_allclose(fig.data[1].z, c[0].T, rtol=1e-6)
    assert len(st.layer_states_figure(h[0], labels=en("layer_states_figure")).data) == 1


def test_gate_figure_lstm_gru_and_plain_rnn():
    lstm = {"i": _sigmoid(RNG.normal(size=(8, 4))), "f": _sigmoid(RNG.normal(size=(8, 4))),
            "g": np.tanh(RNG.normal(size=(8, 4))), "o": _sigmoid(RNG.normal(size=(8, 4)))}
    fig = st.gate_figure(lstm, "lstm", labels=en("gate_figure"))
    assert _texts(fig) == ["input i", "forget f", "cell candidate g", "output o"]
    assert [d.coloraxis for d in fig.data] == ["coloraxis", "coloraxis", "coloraxis2", "coloraxis"]
    assert (fig.layout.coloraxis.cmin, fig.layout.coloraxis.cmax) == (0, 1)
    assert fig.layout.coloraxis2.cmid == 0 and fig.layout.coloraxis2.cmin == -1
    assert fig.layout.title.text == "LSTM gates over time"
    gru = st.gate_figure({"r": lstm["i"], "z": lstm["f"], "n": lstm["g"]}, "gru",
                         labels=en("gate_figure", gate_names={"z": "更新门 z"}))
    assert _texts(gru) == ["reset r", "更新门 z", "candidate n"]
    assert _texts(st.gate_figure({}, "rnn", labels=en("gate_figure"))) == ["A plain RNN cell has no gates."]


def test_unit_traces_figure():
    h = RNG.normal(size=(9, 6))
    fig = st.unit_traces_figure(h, [0, 4], labels=en("unit_traces_figure"))
    assert [d.name for d in fig.data] == ["unit 1", "unit 5"]
    np.testing.assert_allclose(fig.data[1].y, h[:, 4], rtol=1e-6)
    assert _texts(st.unit_traces_figure(h, [], labels=en("unit_traces_figure"))) == ["Choose one or more units"]


def test_gate_saturation_figure_skips_tanh_and_stacks_to_one():
    gates = {"i": _sigmoid(3 * RNG.normal(size=(2, 10, 5))), "g": np.tanh(RNG.normal(size=(2, 10, 5))),
             "f": _sigmoid(3 * RNG.normal(size=(2, 10, 5)))}
    fig = st.gate_saturation_figure(_one_layer(gate_saturation({k: v[None] for k, v in gates.items()})),
                                    labels=en("gate_saturation_figure"))
    assert fig.layout.barmode == "stack" and _texts(fig) == ["input i", "forget f"]
    assert len(fig.data) == 6 and all(d.type == "bar" for d in fig.data)
    np.testing.assert_allclose(fig.data[0].y + fig.data[1].y + fig.data[2].y, np.ones(5), atol=1e-6)
    assert fig.data[0].name == "closed (< 0.1)" and fig.data[2].name == "open (> 0.9)"
    assert _texts(st.gate_saturation_figure({"g": {"low": np.zeros(5), "high": np.zeros(5)}},
                                            labels=en("gate_saturation_figure"))) == [
        "No sigmoid gates to show."]


def _one_layer(saturation):
    return {k: {"low": v["low"][0], "high": v["high"][0]} for k, v in saturation.items()}


# ---------------------------------------------------------------- gradients


def _profile(L=2, T=20, tau=(4.0, 10.0)):
    t = np.arange(1, T + 1)
    return np.stack([np.exp(-(T - t) / tau[k]) for k in range(L)])


def test_grad_norm_figure_layers_log_axis_and_fit():
    g = _profile()
    g[0, 0] = 0.0  # a zero cannot be placed on a log axis: a gap
    fit = {"layer": 1, "t": np.arange(1, 21), "values": g[1] * 1.1, "horizon": 10.0}
    fig = gr.grad_norm_figure(g, fit=fit, labels=en("grad_norm_figure"))
    assert fig.layout.yaxis.type == "log"
    assert [d.name for d in fig.data] == ["layer 1", "layer 2", "fit: memory horizon ≈ 10 steps"]
    assert np.isnan(fig.data[0].y[0]) and fig.data[0].y[-1] == pytest.approx(1.0)
    assert fig.data[2].line.dash == "dash" and fig.data[2].line.color == fig.data[1].line.color
    assert list(fig.data[0].x[:2]) == [1, 2] and "∂L/∂h" in fig.layout.yaxis.title.text
    shaded = gr.grad_norm_figure(g, cell="gru", labels=en("grad_norm_figure"))
    assert shaded.data[1].line.color == CELL_COLORS["gru"] and shaded.data[0].line.color != CELL_COLORS["gru"]


def test_grad_overlay_normalise_colours_and_fit():
    g = _profile()
    fit = {"t": np.arange(1, 21), "values": 2 * g[1], "horizon": 10.0}
    profiles = [{"label": "RNN", "cell": "rnn", "grad_norms": 3 * g[0]},
                {"label": "LSTM", "cell": "lstm", "grad_norms": 2 * g[1], "fit": fit}]
    fig = gr.grad_overlay_figure(profiles, normalise=True, labels=en("grad_overlay_figure"))
    assert fig.layout.yaxis.type == "log" and "‖∂L/∂h<sub>T</sub>‖" in fig.layout.yaxis.title.text
    assert fig.data[0].line.color == CELL_COLORS["rnn"] and fig.data[1].line.color == CELL_COLORS["lstm"]
    assert fig.data[0].y[-1] == pytest.approx(1.0) and fig.data[1].y[-1] == pytest.approx(1.0)
    assert fig.data[2].name == "LSTM: memory horizon ≈ 10 steps" and fig.data[2].y[-1] == pytest.approx(1.0)
    raw = gr.grad_overlay_figure(profiles, labels=en("grad_overlay_figure"))
    assert raw.data[0].y[-1] == pytest.approx(3.0)
    assert _texts(gr.grad_overlay_figure([], labels=en("grad_overlay_figure"))) == ["No runs to compare"]


def test_grad_evolution_heatmap_single_and_empty():
    snaps = [{"epoch": e, "grad_norms": _profile() ** (1 + e)} for e in (0, 5, 10)]
    fig = gr.grad_evolution_figure(snaps, labels=en("grad_evolution_figure"))
    hm = fig.data[0]
    assert hm.type == "heatmap" and list(hm.y) == [0, 5, 10] and hm.z.shape == (3, 20)
    np.testing.assert_allclose(hm.z[1], np.log10(_profile()[-1] ** 6), rtol=1e-5)
    assert hm.colorbar.title.text == "‖∂L/∂h<sub>t</sub>‖" and hm.colorscale[0][1] == "#440154"
    # the colour is log10 of the norm; the bar's ticks name the norm itself
    assert all(t.startswith("10") or t == "1" for t in hm.colorbar.ticktext), hm.colorbar.ticktext
    assert hm.zmin < hm.zmax  # explicit limits, so the theme's zmid=0 does not recentre the scale
    evo = gr.grad_evolution_figure(snaps, layer=0, labels=en("grad_evolution_figure"))
    np.testing.assert_allclose(evo.data[0].z[0], np.log10(_profile()[0]), rtol=1e-5, atol=1e-6)
    assert gr.grad_evolution_figure(snaps[:1], labels=en("grad_evolution_figure")).data[0].z.shape == (1, 20)
    empty = gr.grad_evolution_figure([], labels=en("grad_evolution_figure"))
    assert len(empty.data) == 0 and _texts(empty) == ["No snapshots"]


def test_grad_snapshot_frames_slider_and_fixed_range():
    snaps = [{"epoch": e, "grad_norms": _profile() ** (1 + e)} for e in (0, 5, 10)]
    fig = gr.grad_snapshot_frames_figure(snaps, labels=en("grad_snapshot_frames_figure"))
    assert [f.name for f in fig.frames] == ["0", "5", "10"]
    assert [s.label for s in fig.layout.sliders[0].steps] == ["0", "5", "10"]
    assert fig.layout.updatemenus[0].buttons[0].method == "animate"
    assert fig.layout.yaxis.type == "log"
    lo, hi = fig.layout.yaxis.range
    all_vals = np.concatenate([_profile()[-1] ** (1 + e) for e in (0, 5, 10)])
    assert lo < np.log10(all_vals.min()) and hi > np.log10(all_vals.max())
    np.testing.assert_allclose(fig.frames[1].data[0].y, _profile()[-1] ** 6, rtol=1e-5)
    assert fig.layout.title.text == "Gradient profile at epoch 10 (layer 2)"
    assert _texts(gr.grad_snapshot_frames_figure([], labels=en("grad_snapshot_frames_figure"))) == ["No snapshots"]


def test_clipping_figure_counts_threshold_and_highlights():
    pre = np.array([0.5, 3.0, 1.0, 5.0, 0.2])
    fig = wt.clipping_figure(pre, np.minimum(pre, 2.0), 2.0, labels=en("clipping_figure"))
    assert fig.layout.title.text == "Gradient norm per step: clipped 2 of 5 steps"
    assert fig.layout.yaxis.type == "log"
    assert _shape_vals(fig, "y0") == [2.0]
    marked = next(d for d in fig.data if d.name == "clipped step")
    assert list(marked.x) == [2, 4]
    assert any(a.y == pytest.approx(np.log10(2.0)) for a in fig.layout.annotations)
    off = wt.clipping_figure(pre, None, 0, labels=en("clipping_figure"))
    assert off.layout.title.text == "Gradient norm per step (clipping off)" and len(off.data) == 1
    assert _texts(wt.clipping_figure([], None, 1.0, labels=en("clipping_figure"))) == ["No optimisation steps yet"]


def test_spectrum_figure_unit_circle_equal_aspect_blocks():
    H = 6
    W = RNG.normal(size=(3 * H, H)) / np.sqrt(H)
    eig = {b: np.linalg.eigvals(W[j * H:(j + 1) * H]) for j, b in enumerate("rzn")}
    spec = [{"eigenvalues": eig, "spectral_radius": {b: float(np.abs(v).max()) for b, v in eig.items()},
             "singular_values": np.linalg.svd(W, compute_uv=False)}]
    fig = wt.spectrum_figure(spec, labels=en("spectrum_figure"))
    circle = fig.data[0]
    np.testing.assert_allclose(np.hypot(circle.x, circle.y), 1.0, atol=1e-6)
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1
    blocks = [d for d in fig.data if d.type == "scatter"][1:]
    assert [d.name.split(" (")[0] for d in blocks] == ["block r", "block z", "block n"]
    np.testing.assert_allclose(blocks[0].x, eig["r"].real, rtol=1e-5, atol=1e-6)
    top = max(spec[0]["spectral_radius"].values())
    assert f"{top:.3g}" in fig.layout.title.text
    bar = next(d for d in fig.data if d.type == "bar")
    assert np.all(np.diff(bar.y) <= 0)
    assert len([d for d in wt.spectrum_figure(spec, singular_values=False,
                                              labels=en("spectrum_figure")).data if d.type == "bar"]) == 0


def test_grad_reading_cases_and_translation():
    T = 12
    vanish = np.vstack([np.ones(T), np.geomspace(1e-6, 1, T)])
    assert gr.grad_reading(vanish, labels=en("grad_reading")) == \
        "In layer 2 the gradient at t=1 is 1e-06 of the one at t=12: it vanishes."
    explode = np.geomspace(32, 1, T)[None]
    assert gr.grad_reading(explode, labels=en("grad_reading")).endswith("32× the one at t=12: it grows (explodes).")
    assert "carries back" in gr.grad_reading(np.full((1, T), 0.5), labels=en("grad_reading"))
    zh = {"vanish": "第{layer}层：t=1 的梯度是 t={T} 的 {ratio} 倍，梯度消失。"}
    assert gr.grad_reading(vanish, labels=zh) == "第2层：t=1 的梯度是 t=12 的 1e-06 倍，梯度消失。"
    assert "not a finite number" in gr.grad_reading(np.array([[np.nan, 1.0]]), labels=en("grad_reading"))
    assert gr.grad_reading(np.zeros((0, 0)), labels=en("grad_reading")) == "No gradients recorded yet."
    assert "single time step" in gr.grad_reading(np.ones((1, 1)), labels=en("grad_reading"))


def test_a_one_layer_gradient_chart_keeps_no_empty_legend_band():
    from charts.gradients import grad_norm_figure
    from ui.text.catalog import labels

    lab = labels("en", "chart.grad_norm_figure")
    one = grad_norm_figure(np.array([[1e-3, 1e-2, 1e-1]]), labels=lab)
    two = grad_norm_figure(np.array([[1e-3, 1e-2, 1e-1], [1e-2, 1e-1, 1.0]]), labels=lab)
    assert one.layout.showlegend is False and one.layout.margin.t is None  # the template's margin, no band
    assert two.layout.legend.orientation == "h" and two.layout.margin.t == 88
