"""The name generator: its encoding, the step path sampling uses against the sequence path training uses,
seeded sampling, how new a name is, and the shipped default against a fresh training."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from rnn_core.namegen.config import LANGUAGES, GenConfig
from rnn_core.namegen.model import END, IGNORE, SYMBOLS, build, encode, letter_loss
from rnn_core.namegen.sample import kind_of, novelty, sample_names
from rnn_core.namegen.train import SHIPPED, bigram_loss, load, names_of, save, train
from rnn_core.names import ALPHABET, INDEX


@pytest.fixture(scope="module")
def shipped():
    return load()


def test_config_round_trips_and_separates_training_from_sampling():
    cfg = GenConfig(gen_cell="lstm", gen_lang="Japanese", gen_first="K", gen_temp=1.3, gen_sample=7)
    assert GenConfig.from_params(cfg.to_params()) == cfg
    assert GenConfig.from_json(cfg.to_json()) == cfg
    assert cfg.training() == GenConfig(gen_cell="lstm")  # the sampling fields do not make another model
    assert len(LANGUAGES) == 18 and "Russian" in LANGUAGES
    for bad in ({"gen_first": "k"}, {"gen_temp": 0.0}, {"gen_lang": "Klingon"}, {"gen_count": 51}):
        with pytest.raises(ValueError):
            GenConfig(**bad)


def test_encoding_shifts_the_name_by_one_and_ends_it():
    prev, target, lang = encode(["Ab", "Xyz"], [0, 3])
    assert prev.shape == target.shape == (2, 4)
    assert prev[0].tolist() == [END, INDEX["A"], INDEX["b"], END]  # the last input is padding
    assert target[0].tolist() == [INDEX["A"], INDEX["b"], END, IGNORE]
    assert target[1].tolist() == [INDEX["X"], INDEX["y"], INDEX["z"], END]
    assert lang.tolist() == [0, 3]


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_the_step_path_of_sampling_equals_the_padded_batch_of_training(cell):
    """Letter by letter with the state carried (how names are sampled) gives the losses the padded batch
    gives (how the model trains and is judged): padding never leaks into a name's loss."""
    model = build(GenConfig(gen_cell=cell, gen_hidden=16, gen_seed=3))
    names, langs = ["Ivanov", "Li", "O'Neill"], [14, 4, 8]
    total, count = 0.0, 0
    with torch.no_grad():
        for name, k in zip(names, langs, strict=True):
            state, prev = None, END
            for symbol in [INDEX[c] for c in name] + [END]:
                logits, state = model(torch.tensor([[prev]]), torch.tensor([k]), state)
                total -= F.log_softmax(logits[0, -1].double(), -1)[symbol].item()
                count, prev = count + 1, symbol
    assert letter_loss(model, names, langs) == pytest.approx(total / count, rel=1e-5)


def test_sampling_is_seeded_per_name_and_obeys_the_first_letter(shipped):
    cfg = GenConfig(gen_lang="German", gen_count=8, gen_sample=5)
    a, b = sample_names(shipped.model, cfg), sample_names(shipped.model, cfg)
    assert [s.name for s in a] == [s.name for s in b]
    more = sample_names(shipped.model, cfg.replace(gen_count=12))
    assert [s.name for s in more[:8]] == [s.name for s in a]  # asking for more keeps the first ones
    other = sample_names(shipped.model, cfg.replace(gen_sample=6))
    assert [s.name for s in other] != [s.name for s in a]
    for s in a:
        assert s.name and all(c in ALPHABET for c in s.name)
        assert s.chosen[-1] == END and len(s.chosen) == len(s.name) + 1
        assert s.probs.shape == (len(s.chosen), SYMBOLS)
        assert np.allclose(s.probs.sum(1), 1.0)
        assert s.probs[0, END] == 0  # a name has a letter
    forced = sample_names(shipped.model, cfg.replace(gen_first="K"))
    assert all(s.name.startswith("K") for s in forced)


def test_a_lower_temperature_draws_likelier_and_more_familiar_names(shipped):
    def mean_logp(temp):
        names = sample_names(shipped.model, GenConfig(gen_lang="Italian", gen_temp=temp, gen_count=40))
        return np.mean([s.log_prob / len(s.chosen) for s in names]), novelty(names)

    (cold, cold_kinds), (hot, hot_kinds) = mean_logp(0.5), mean_logp(1.5)
    assert cold > hot
    assert cold_kinds["new"] < hot_kinds["new"]


def test_a_name_is_new_a_training_name_or_a_held_out_one():
    train_names = names_of("train")[0]
    test_names = names_of("test")[0]
    assert kind_of(train_names[0]) == "train"
    assert kind_of(train_names[0].upper()) == "train"  # case does not make a name new
    unseen = next(n for n in test_names if kind_of(n) != "train")
    assert kind_of(unseen) == "held_out"
    assert kind_of("Qzxqvbn") == "new"


def test_the_trained_default_beats_the_bigram_table_which_beats_uniform(shipped):
    assert bigram_loss() < math.log(SYMBOLS)
    assert shipped.test_loss < bigram_loss() - 0.2
    assert shipped.bigram_loss == pytest.approx(bigram_loss())
    assert shipped.config == GenConfig().training()
    assert shipped.stopped == "completed" and len(shipped.history["epoch"]) == GenConfig().gen_epochs


def test_should_stop_ends_the_run_with_its_epoch_validated(tmp_path):
    calls = []
    res = train(GenConfig(gen_hidden=16, gen_epochs=3), should_stop=lambda: calls.append(1) or len(calls) >= 5)
    assert res.stopped == "stopped" and res.history["epoch"] == [1]
    assert math.isfinite(res.test_loss)
    save(res, tmp_path / "g.pt")
    again = load(tmp_path / "g.pt")
    assert again.stopped == "stopped" and again.history == res.history
    assert all(torch.equal(a, b) for a, b in zip(again.model.state_dict().values(), res.model.state_dict().values(),
                                                 strict=True))


def test_a_fresh_first_epoch_is_the_shipped_ones(shipped):
    """Under the pinned numerics a fresh training retraces the shipped one: its first epoch's losses are equal (the
    whole training, weight for weight: ``-m claims``)."""
    fresh = train(GenConfig(gen_epochs=1))
    assert {k: v[:1] for k, v in shipped.history.items()} == fresh.history


@pytest.mark.claims  # about 30 s
def test_the_shipped_generator_is_a_fresh_training_of_the_default(shipped):
    assert SHIPPED.is_file()
    fresh = train(GenConfig())
    assert fresh.history == shipped.history
    assert fresh.test_loss == shipped.test_loss
    for (name, a), b in zip(fresh.model.state_dict().items(), shipped.model.state_dict().values(), strict=True):
        assert torch.equal(a, b), name
