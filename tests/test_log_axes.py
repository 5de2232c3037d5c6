"""Every log axis of every chart labels its ticks with their magnitude (0.02, 2×10⁻², 10⁻⁶), never a bare
mantissa such as "2" for 0.02: each tick label, read back as a number, equals the tick's value."""

import re
from pathlib import Path

import numpy as np
import pytest
from english import en

from charts import gradients as gr
from charts import lab, learn
from charts import training as tr
from charts import weights as wt
from charts.common import log_ticks, tick_text
from tests.figjson import figure_json

SUPER = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
RANGES = {"0.02-0.05": (0.02, 0.05), "1e-9-1": (1e-9, 1.0), "0.1-10": (0.1, 10.0)}


def read_tick(text: str) -> float:
    """A tick label as a number: "0.02", "200", "10⁻⁶", "2×10⁻⁶" (anything else raises)."""
    m = re.fullmatch(r"(?:(\d+(?:\.\d+)?)×)?10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)", text)
    if m:
        return float(m.group(1) or 1) * 10.0 ** int(m.group(2).translate(SUPER))
    assert re.fullmatch(r"\d+(\.\d+)?", text), f"tick label {text!r} is not a number"
    return float(text)


def span(lo, hi, n=30):
    return np.geomspace(lo, hi, n)


def builders(lo, hi):
    """(name, figure) for every builder with a log axis, its data spread over [lo, hi]."""
    g = np.stack([span(lo, hi), span(lo, hi)[::-1] ** 0.5 * hi ** 0.5])  # (2, 30), both within [lo, hi]
    hist = {"epoch": list(range(1, 31)), "train_loss": list(span(lo, hi)[::-1]), "val_loss": list(span(lo, hi)[::-1])}
    snaps = [{"epoch": e, "grad_norms": g} for e in (0, 10, 20)]
    steps = np.clip(span(lo, hi, 40), lo, hi)
    lags = sorted({int(round(v)) for v in np.geomspace(2, 200, 6)})
    k = 30
    w = (lo / hi) ** (1 / k)  # |w · tanh'(0)|^k runs from 1 down to lo/hi
    return [
        ("grad_norm_figure", gr.grad_norm_figure(g, labels=en("grad_norm_figure"))),
        ("grad_overlay_figure", gr.grad_overlay_figure([{"label": "LSTM", "cell": "lstm", "grad_norms": g[0]}],
                                                       labels=en("grad_overlay_figure"))),
        ("grad_snapshot_frames_figure", gr.grad_snapshot_frames_figure(snaps,
                                                                       labels=en("grad_snapshot_frames_figure"))),
        ("loss_figure", tr.loss_figure(hist, best_epoch=3, labels=en("loss_figure"))),
        ("loss_overlay_figure", tr.loss_overlay_figure([{"label": "GRU", "cell": "gru", "history": hist}],
                                                       labels=en("loss_overlay_figure"))),
        ("clipping_figure", wt.clipping_figure(steps, None, float(np.sqrt(lo * hi)), labels=en("clipping_figure"))),
        ("vanishing_figure", learn.vanishing_figure(w, k, 0.0, "tanh", labels=en("vanishing_figure"))),
        ("sweep_figure", lab.sweep_figure([{"cell": "rnn", "lag": lag, "ratio": 0.5} for lag in lags],
                                          labels=en("sweep_figure"))),
        ("grad_evolution_figure", gr.grad_evolution_figure(snaps, labels=en("grad_evolution_figure"))),
    ]


def log_axes(spec: dict):
    """(where, tickvals, ticktext, values are log10?) for every log axis and log colour bar of a figure."""
    for key, axis in spec["layout"].items():
        if re.fullmatch(r"[xy]axis\d*", key) and axis.get("type") == "log":
            yield key, axis.get("tickvals"), axis.get("ticktext"), False
    for trace in spec["data"]:
        bar = trace.get("colorbar") or {}
        if trace.get("type") == "heatmap" and "tickvals" in bar:
            yield "colorbar", bar["tickvals"], bar["ticktext"], True


@pytest.mark.parametrize("rng", sorted(RANGES))
def test_every_log_axis_names_the_magnitude_of_its_ticks(rng):
    lo, hi = RANGES[rng]
    for name, fig in builders(lo, hi):
        spec = figure_json(fig)
        axes = list(log_axes(spec))
        assert axes, f"{name}: no log axis found"
        for where, vals, text, is_log10 in axes:
            assert vals and text and len(vals) == len(text), (name, where, "explicit ticks expected")
            values = [10.0 ** v for v in vals] if is_log10 else vals
            for v, s in zip(values, text, strict=True):
                assert read_tick(s) == pytest.approx(v, rel=1e-6), (name, where, s, v)
            data_lo, data_hi = {"sweep_figure": (2, 200), "vanishing_figure": (lo / hi, 1.0)}.get(name, (lo, hi))
            inside = [v for v in values if data_lo * 0.999 <= v <= data_hi * 1.001]
            assert len(inside) >= 2, (name, where, text)  # enough ticks to read the data against


def test_tick_labels_for_people():
    assert tick_text(0.02) == "0.02" and tick_text(0.05) == "0.05" and tick_text(200) == "200"
    assert tick_text(1e-6) == "10⁻⁶" and tick_text(2e-6) == "2×10⁻⁶" and tick_text(1.0) == "1"
    _, text = log_ticks(np.log10(0.018), np.log10(0.055))  # under a decade: every label carries "0.0"
    assert all(s.startswith("0.0") for s in text), text
    _, text = log_ticks(np.log10(1e-9), np.log10(1.0))
    assert "10⁻⁶" in text and not any(re.fullmatch(r"[2-9]", s) for s in text), text
    _, text = log_ticks(np.log10(1.2e-4), np.log10(9e-4))  # one style per axis
    assert all("10" in s for s in text), text


def test_no_builder_sets_a_log_axis_by_itself():
    """Every log axis goes through charts.common.log_axis, which sets the ticks above."""
    for path in Path("charts").glob("*.py"):
        if path.name != "common.py":
            assert not re.search(r"type\s*=\s*[\"']log[\"']", path.read_text()), path
