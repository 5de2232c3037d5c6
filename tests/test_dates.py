"""The date translator: the dates written in code, padding that never leaks into a translation, attention
weights, teacher forcing, and the shipped default pair against a fresh training."""

import datetime as dt

import numpy as np
import pytest
import torch

from rnn_core.dates.config import DateConfig
from rnn_core.dates.data import FIRST, FORMATS, LAST, VOCAB, _zh_number, clean, make, split
from rnn_core.dates.model import build, encode_iso, encode_texts
from rnn_core.dates.train import BANDS, SHIPPED_FREE, bands, load_pair, shipped_file, train, translate


@pytest.fixture(scope="module")
def shipped():
    return load_pair()


def test_every_format_is_read_whole_and_two_digit_years_have_one_reading():
    texts, isos, fmts = make(3000, seed=7)
    assert set(fmts) == set(FORMATS)
    for text, iso in zip(texts, isos, strict=True):
        assert clean(text) == text.casefold(), text  # no symbol of a written date is dropped
        d = dt.date.fromisoformat(iso)
        assert FIRST <= d <= LAST
    assert [_zh_number(n) for n in (7, 10, 12, 20, 21, 30, 31)] == ["七", "十", "十二", "二十", "二十一", "三十",
                                                                    "三十一"]
    assert FORMATS["zh_numerals"](dt.date(2026, 12, 7)) == "二〇二六年十二月七日"
    assert FORMATS["dow_d_mon_yy"](dt.date(2026, 12, 7)) == "Mon 7 Dec 26"
    assert clean("DEC 7 '26!?") == "dec 7 '26" and "!" not in VOCAB


def test_the_splits_never_share_a_text():
    train_texts = set(split("train")[0])
    for name in ("val", "test"):
        assert not train_texts & set(split(name)[0])
    assert bands(["a" * 9, "a" * 10, "a" * 40]) == [BANDS[0], BANDS[1], BANDS[-1]]


@pytest.mark.parametrize("attention", [True, False])
def test_padding_never_reaches_a_translation(attention):
    model = build("gru", 16, attention, seed=1).eval()
    texts = ["7 december 2026", "monday, december 7th, 2026"]
    with torch.no_grad():
        alone, w_alone = model(encode_texts(texts[:1]))
        both, w_both = model(encode_texts(texts))
    assert torch.allclose(alone[0], both[0], atol=1e-6)
    if attention:
        n = len(texts[0])
        assert torch.allclose(w_both[0].sum(-1), torch.ones(10))
        assert (w_both[0, :, n:] == 0).all()  # no weight on the padding
        assert torch.allclose(w_alone[0], w_both[0, :, :n], atol=1e-6)
    else:
        assert (w_both == 0).all()


def test_teacher_forcing_reads_the_answer_back():
    model = build("lstm", 8, True, seed=2).eval()
    x = encode_texts(["2026年12月7日"])
    a, b = encode_iso(["2026-12-07"]), encode_iso(["1999-01-01"])
    with torch.no_grad():
        la, _ = model(x, a, teacher=True)
        lb, _ = model(x, b, teacher=True)
        free, _ = model(x)
    assert torch.equal(la[:, 0], lb[:, 0])  # the first step reads only the start symbol
    assert not torch.allclose(la[:, 1:], lb[:, 1:])  # later steps read the answer given
    assert free.shape == (1, 10, 11)


def test_the_shipped_pair_translates_and_attention_is_far_ahead(shipped):
    attn, plain = shipped
    assert attn.attention and not plain.attention
    assert attn.config == plain.config == DateConfig().training()
    assert attn.exact > 0.9 > plain.exact + 0.5
    isos, weights = translate(attn.model, ["7 December 2026", "2026年12月7日", "Mon 7 Dec 26"])
    assert isos == ["2026-12-07"] * 3
    assert weights.shape[:2] == (3, 10) and np.allclose(weights.sum(-1), 1)
    assert set(attn.by_length) == set(BANDS) and sum(n for _, n in attn.by_length.values()) == len(split("test")[0])


def test_a_fresh_first_epoch_is_the_shipped_ones(shipped):
    """Under the pinned numerics a fresh training retraces the shipped one: its first epoch's numbers are equal
    (the whole training: ``-m claims``)."""
    fresh = train(DateConfig(dt_epochs=1), attention=False)
    assert fresh.history["train_loss"][0] == shipped[1].history["train_loss"][0]
    assert fresh.history["val_exact"][0] == shipped[1].history["val_exact"][0]


def test_should_stop_ends_the_run_with_its_epoch_judged():
    calls = []
    res = train(DateConfig(dt_hidden=8, dt_epochs=3), True, should_stop=lambda: calls.append(1) or len(calls) >= 3)
    assert res.stopped == "stopped" and res.history["epoch"] == [1]
    assert 0 <= res.exact <= 1


def test_the_pair_without_teacher_forcing_ships_too_and_retraces():
    """The default trained free-running ships beside it (the per-epoch chart's dashed lines): its own config,
    and a fresh first epoch with its own numbers."""
    free = load_pair(SHIPPED_FREE)
    assert [r.config.training() for r in free] == [DateConfig(dt_teacher="off").training()] * 2
    assert shipped_file(DateConfig(dt_teacher="off", dt_text="7 Dec 2026")) == SHIPPED_FREE
    assert shipped_file(DateConfig(dt_seed=1)) is None
    fresh = train(DateConfig(dt_epochs=1, dt_teacher="off"), attention=False)
    assert fresh.history["train_loss"][0] == free[1].history["train_loss"][0]


@pytest.mark.claims  # about 80 s
@pytest.mark.parametrize("teacher", ["on", "off"])
def test_the_shipped_pair_is_a_fresh_training_of_the_default(teacher):
    path = shipped_file(DateConfig(dt_teacher=teacher))
    assert path.is_file()
    for old in load_pair(path):
        fresh = train(DateConfig(dt_teacher=teacher), old.attention)
        assert fresh.history == old.history
        for (name, a), b in zip(fresh.model.state_dict().items(), old.model.state_dict().values(), strict=True):
            assert torch.equal(a, b), name
