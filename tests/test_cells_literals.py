"""The registry gives exactly the per-cell tables the modules declared by hand before it."""

from rnn_core.cells import CELL, REGISTRY, cells

OLD_CELLS = ("rnn", "lstm", "gru", "scratch", "tutorial", "tutorial_tanh", "lru", "mingru", "minlstm")
OLD_GATES = {"rnn": ("h",), "scratch": ("h",), "lstm": ("i", "f", "g", "o"), "gru": ("r", "z", "n"),
             "tutorial": ("h",), "tutorial_tanh": ("h",), "lru": (), "mingru": ("z",), "minlstm": ("f", "i")}
OLD_BUDGET_GATES = {"rnn": 1, "scratch": 1, "gru": 3, "lstm": 4, "tutorial": 1, "tutorial_tanh": 1,
                    "lru": 2, "mingru": 2, "minlstm": 3}
OLD_STORED = {"rnn": 2, "scratch": 3, "gru": 5, "lstm": 7, "tutorial": 3, "tutorial_tanh": 3,
              "lru": 11, "mingru": 8, "minlstm": 12}
OLD_TRACE = {"rnn": 12, "scratch": 12, "gru": 20, "lstm": 25, "tutorial": 12, "tutorial_tanh": 12,
             "lru": 30, "mingru": 20, "minlstm": 25}
OLD_SNAPSHOT = {"rnn": 6, "scratch": 6, "gru": 10, "lstm": 12, "tutorial": 6, "tutorial_tanh": 6,
                "lru": 16, "mingru": 10, "minlstm": 12}
OLD_OVERHEAD = {"rnn": 0.06e-3, "scratch": 0.15e-3, "gru": 0.2e-3, "lstm": 0.13e-3,
                "tutorial": 0.15e-3, "tutorial_tanh": 0.15e-3, "lru": 0.03e-3, "mingru": 0.02e-3, "minlstm": 0.02e-3}
OLD_TERMS = {"rnn": ("wx", "wa", "b", "z", "a"), "scratch": ("wx", "wa", "b", "z", "a"),
             "lstm": ("f", "i", "g", "o", "c_prev", "f_c", "i_g", "c", "a"),
             "gru": ("r", "u", "n", "a_prev", "u_a", "n_mix", "a"),
             "mingru": ("u", "n", "a_prev", "keep", "write", "a"),
             "minlstm": ("f", "i", "n", "a_prev", "keep", "write", "a"),
             "lru": ("r", "a_prev", "lam_a", "bu", "a")}


def old_layer_macs(cell, n_in, H):
    if cell == "lru":
        return 2 * H * n_in + 2 * H * H + H * n_in + H * H + 8 * H
    if cell in ("mingru", "minlstm"):
        return OLD_BUDGET_GATES[cell] * H * n_in
    return OLD_BUDGET_GATES[cell] * H * (n_in + H)


def old_layer_params(cell, n_in, H):
    g = OLD_BUDGET_GATES[cell]
    if cell == "lru":
        return 2 * H + 2 * H * n_in + 2 * H * H + H * n_in + H * H + H
    if cell in ("mingru", "minlstm"):
        return g * H * (n_in + 1)
    return g * H * (n_in + H) + (H if cell == "scratch" else 2 * g * H)


def test_tables_as_declared_before():
    assert tuple(CELL) == OLD_CELLS
    assert cells(linear=True) == ("lru", "mingru", "minlstm")
    assert cells(tutorial=True) == ("tutorial", "tutorial_tanh")
    assert cells(compare=True) == ("rnn", "lstm", "gru", "lru", "mingru")
    assert cells(elman=True) == ("rnn", "scratch")
    for c in REGISTRY:
        # the old GATES named the W_hh blocks of the classic cells and the traced gates of the linear ones
        assert (c.gates if c.linear else c.w_hh_blocks) == OLD_GATES[c.key]
        assert c.gates == (OLD_GATES[c.key] if c.key in ("lstm", "gru", "mingru", "minlstm") else ())
        assert (c.stored_per_unit, c.trace_per_unit, c.snapshot_per_unit) == \
            (OLD_STORED[c.key], OLD_TRACE[c.key], OLD_SNAPSHOT[c.key])
        assert c.step_overhead_s == OLD_OVERHEAD[c.key]
        assert c.terms == OLD_TERMS.get(c.key, ())
        assert c.saturation_key == ({"lstm": "hidden.saturation_lstm", "gru": "hidden.saturation_gru"}
                                    .get(c.key))
        for n_in in (1, 3, 32):
            for H in (1, 7, 64):
                assert c.layer_macs(n_in, H) == old_layer_macs(c.key, n_in, H)
                assert c.layer_params(n_in, H) == old_layer_params(c.key, n_in, H)
