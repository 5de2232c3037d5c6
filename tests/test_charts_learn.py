"""The Learn page's figure builders, checked on the JSON the browser receives."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from english import en
from figjson import array, figure_json

from charts.diagrams import KINDS, rnn_kind_figure
from charts.learn import (
    ACTIVATIONS,
    activation,
    activation_figure,
    derivative,
    gradient_factor,
    gradient_product,
    time_series_figure,
    vanishing_figure,
)
from charts.theme import CELL_COLORS, DIVERGING, TEMPLATE_NAME, png_config
from rnn_core.config import CELLS


def test_derivative_values():
    assert derivative("tanh", 0.0) == pytest.approx(1.0)
    assert derivative("sigmoid", 0.0) == pytest.approx(0.25)
    assert derivative("relu", [-1.0, 0.0, 2.0]).tolist() == [0.0, 0.0, 1.0]
    z = np.linspace(-6, 6, 2001)
    assert derivative("sigmoid", z).max() == pytest.approx(0.25)
    assert derivative("tanh", z).max() == pytest.approx(1.0)
    for name in ACTIVATIONS:  # f' matches a central finite difference away from ReLU's kink
        zz = np.array([-1.3, 0.4, 2.2])
        numeric = (activation(name, zz + 1e-6) - activation(name, zz - 1e-6)) / 2e-6
        assert derivative(name, zz) == pytest.approx(numeric, abs=1e-6)
    with pytest.raises(ValueError, match="activation"):
        activation("softsign", 0.0)


@pytest.mark.parametrize("name, peak", [("tanh", 1.0), ("sigmoid", 0.25), ("relu", 1.0)])
def test_activation_figure_json(name, peak):
    fig = figure_json(activation_figure(name, labels=en("activation_figure", title="T {name}", df="slope")))
    f, df = fig["data"]
    assert df["name"] == "slope"
    assert fig["layout"]["title"]["text"] == f"T {'ReLU' if name == 'relu' else name}"
    z, fz, dfz = array(f["x"]), array(f["y"]), array(df["y"])
    assert z.min() == -5.0 and z.max() == 5.0
    assert dfz.max() == pytest.approx(peak)
    assert fz == pytest.approx(activation(name, z))
    assert fig["layout"]["annotations"][0]["text"].endswith(f"{peak:g}")


def test_gradient_product_vanishes_and_explodes():
    assert gradient_product(0.5, 10).tolist() == pytest.approx([0.5 ** k for k in range(11)])
    assert gradient_product(2.0, 10)[-1] == pytest.approx(1024.0)
    assert gradient_factor(1.0, 0.0, "sigmoid") == pytest.approx(0.25)
    assert gradient_factor(3.0, -1.0, "relu") == 0.0
    assert gradient_product(1.0, 5)[-1] == pytest.approx(1.0)


def test_vanishing_figure_is_on_a_log_axis():
    fig = figure_json(vanishing_figure(0.9, 50, labels=en("vanishing_figure")))
    assert fig["layout"]["yaxis"]["type"] == "log"
    y = array(fig["data"][0]["y"])
    assert len(y) == 51 and y[0] == 1.0 and y[-1] == pytest.approx(0.9 ** 50)
    assert "0.9" in fig["layout"]["title"]["text"]
    zero = figure_json(vanishing_figure(2.0, 10, z=-1.0, name="relu",
                                        labels=en("vanishing_figure")))  # factor 0 still plots
    assert array(zero["data"][0]["y"]).min() > 0


def test_time_series_figure():
    fig = figure_json(time_series_figure(window=12, labels=en("time_series_figure")))
    assert len(fig["data"]) == 3
    assert len(array(fig["data"][1]["y"])) == 12


@pytest.mark.parametrize("kind, nodes", [("one_to_one", 3), ("one_to_many", 9), ("many_to_one", 9),
                                         ("many_to_many", 12), ("encoder_decoder", 12)])
def test_rnn_kind_diagrams(kind, nodes):
    fig = figure_json(rnn_kind_figure(kind, labels=en("rnn_kind_figure", encoder="ENC", decoder="DEC")))
    solid = [s for s in fig["layout"]["shapes"] if s["line"].get("dash") != "dot"]
    assert len(solid) == nodes
    texts = [a.get("text", "") for a in fig["layout"]["annotations"]]
    assert ("ENC" in texts) == (kind == "encoder_decoder")
    assert not fig["layout"]["xaxis"]["visible"]


def test_unknown_kind():
    assert len(KINDS) == 5
    with pytest.raises(ValueError, match="kind"):
        rnn_kind_figure("two_to_two", labels=en("rnn_kind_figure"))


def test_theme():
    assert set(CELL_COLORS) == set(CELLS)
    assert dict((p, c) for p, c in DIVERGING)[0.5] == "#ffffff"
    config = png_config("hidden_states.png")
    assert config["displaylogo"] is False
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "hidden_states", "scale": 2}
    import plotly.io as pio

    assert TEMPLATE_NAME in pio.templates


def test_charts_import_neither_streamlit_nor_torch():
    code = ("import sys, charts, charts.learn, charts.diagrams; "
            "bad = {'streamlit', 'torch'} & set(sys.modules); assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[1])
