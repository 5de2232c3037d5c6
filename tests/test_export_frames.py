"""The CSVs the Hidden states and Names pages offer count layers, steps and units from 1, as their heatmaps do."""

import numpy as np
import torch

from rnn_core.config import ModelConfig
from rnn_core.engine.instrument import trace
from rnn_core.engine.models import build_model
from ui.glue.names import name_states_frame
from ui.views.blocks import run_states_frame


def test_a_runs_states_count_from_one_like_its_heatmap():
    model = build_model(ModelConfig(cell="lstm", num_layers=2, hidden_size=4), input_size=1, output_size=1)
    x = torch.randn(3, 5, 1)
    df = run_states_frame(trace(model, x, torch.zeros(3, 1)))
    assert len(df) == 2 * 5 * 4 and list(df.columns[:5]) == ["layer", "t", "unit", "h", "c"]
    assert (df["layer"].min(), df["layer"].max(), df["t"].min(), df["t"].max()) == (1, 2, 1, 5)
    assert sorted(df["unit"].unique()) == [1, 2, 3, 4]


def test_a_names_states_count_from_one():
    df = name_states_frame("Li", np.arange(6.0).reshape(2, 3))
    assert df["position"].tolist() == [1, 1, 1, 2, 2, 2] and df["unit"].tolist() == [1, 2, 3] * 2
    assert df["letter"].tolist() == ["L"] * 3 + ["i"] * 3 and df["h"].tolist() == list(np.arange(6.0))

