"""The one live loop (ui.runs.live.live): a training off the script thread gives the numbers of one on it, and
a click delivered at a redraw stops it within a batch, keeps what it trained and hands the click back."""

import time

import torch
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException

from rnn_core.config import DataConfig, ModelConfig, RunConfig, TrainConfig
from rnn_core.engine.train import train
from ui.runs import live as live_mod

CFG = RunConfig(model=ModelConfig(cell="gru", hidden_size=8), data=DataConfig(dataset="sine", transform="none"),
                train=TrainConfig(epochs=3, patience=0))


def _weights(res):
    return torch.cat([p.detach().flatten() for p in res.model.parameters()])


def test_a_training_through_the_live_loop_is_the_training_on_the_script_thread():
    direct = train(CFG, baselines=False)
    draws = []
    res, box = live_mod.live(lambda stopping, workers: train(CFG, baselines=False, should_stop=stopping),
                             lambda: draws.append(1))
    assert box == []
    assert res.ending.key == "completed" and res.history["val_loss"] == direct.history["val_loss"]
    assert torch.equal(_weights(res), _weights(direct))


def test_a_click_at_a_redraw_stops_the_training_and_comes_back_to_the_caller(monkeypatch):
    monkeypatch.setattr(live_mod, "TICK_S", 0.01)
    cfg = RunConfig(model=CFG.model, data=CFG.data, train=TrainConfig(epochs=5000, patience=0,
                                                                      time_budget=60))
    asked, t0 = [], time.perf_counter()

    def draw():  # the third redraw meets a click's rerun, as Streamlit raises it there
        asked.append(1)
        if len(asked) == 3:
            raise RerunException(None)

    res, box = live_mod.live(lambda stopping, workers: train(cfg, baselines=False, should_stop=stopping), draw)
    assert len(box) == 1 and isinstance(box[0], RerunException)
    assert len(asked) == 3  # no redraw after the click: the script only waits for the training to end
    assert res.ending.stopped == "stopped" and time.perf_counter() - t0 < 30
