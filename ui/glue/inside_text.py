"""The Inside-the-cell page's formulas and its reading of one step in words."""

from __future__ import annotations

from rnn_core.config import ELMAN_CELLS
from rnn_core.inside.terms import summary

_A, _AP, _X = r"a^{\langle t \rangle}", r"a^{\langle t-1 \rangle}", r"x^{\langle t \rangle}"


def _gate(name: str, sub: str, f: str = r"\sigma") -> str:
    return rf"{name}^{{\langle t \rangle}} = {f}\left(W_{{{sub}x}}\, {_X} + W_{{{sub}a}}\, {_AP} + b_{sub}\right)"


LATEX = {  # the tutorial's notation; one W and b per gate
    "rnn": [rf"{_A} = g\left(W_{{ax}}\, {_X} + W_{{aa}}\, {_AP} + b_a\right)"],
    "lstm": [_gate("f", "f") + r",\qquad " + _gate("i", "i"),
             _gate("o", "o") + r",\qquad " + _gate(r"\tilde c", "c", r"\tanh"),
             rf"c^{{\langle t \rangle}} = f \odot c^{{\langle t-1 \rangle}} + i \odot \tilde c^{{\langle t \rangle}},"
             rf"\qquad {_A} = o \odot \tanh c^{{\langle t \rangle}}"],
    "gru": [_gate("r", "r") + r",\qquad " + _gate("z", "z"),
            rf"\tilde a^{{\langle t \rangle}} = \tanh\left(W_{{ax}}\, {_X} + b + r \odot (W_{{aa}}\, {_AP} + b)\right),"
            rf"\qquad {_A} = (1 - z) \odot \tilde a^{{\langle t \rangle}} + z \odot {_AP}"],
    "mingru": [rf"z^{{\langle t \rangle}} = \sigma\left(W_z\, {_X}\right),\qquad "
               rf"\tilde h^{{\langle t \rangle}} = g\left(W_h\, {_X}\right)",
               rf"{_A} = (1 - z^{{\langle t \rangle}}) \odot {_AP} + z^{{\langle t \rangle}} \odot "
               rf"\tilde h^{{\langle t \rangle}}"],
    "minlstm": [rf"f' = \frac{{\sigma(W_f\, {_X})}}{{\sigma(W_f\, {_X}) + \sigma(W_i\, {_X})}},\qquad "
                rf"i' = 1 - f',\qquad \tilde h^{{\langle t \rangle}} = g\left(W_h\, {_X}\right)",
                rf"{_A} = f' \odot {_AP} + i' \odot \tilde h^{{\langle t \rangle}}"],
    "lru": [rf"{_A} = \lambda \odot {_AP} + \gamma \odot \left(B\, {_X}\right),\qquad "
            rf"y^{{\langle t \rangle}} = \mathrm{{Re}}\left(C\, {_A}\right) + D\, {_X}",
            r"\lambda = \exp\left(-e^{\nu} + i\, e^{\theta}\right),\qquad \gamma = \sqrt{1 - |\lambda|^2},"
            r"\qquad \text{next layer: } y + \mathrm{GELU}(W y + b)"],
}


def step_caption(t, cell: str, k: int, tt: int, terms: dict) -> str:
    """One step in words: which terms drive which units (layer ``k``, step ``tt``)."""
    s = summary(cell, terms)
    value = lambda d: ", ".join(t("in.cap_unit_value", u=u + 1, v=v) for u, v in d.items())  # noqa: E731
    if cell in ELMAN_CELLS:
        units = ", ".join(t("in.cap_unit_rnn", u=u + 1, z=s["z"][u], term=t(f"in.term.{s['dominant'][u]}"))
                          for u in s["units"])
        return t("in.cap_rnn", layer=k + 1, t=tt, units=units, **s["shares"])
    if cell == "lstm":
        return t("in.cap_lstm", layer=k + 1, t=tt, forget=s["forget"], input=s["input"], written=value(s["i_g"]),
                 erased=value(s["f"]))
    if cell in ("mingru", "minlstm", "lru"):
        return t(f"in.cap_{cell}", layer=k + 1, t=tt, units=value(s["change"]),
                 **{key: v for key, v in s.items() if key in ("keep", "r_min", "r_max")})
    return t("in.cap_gru", layer=k + 1, t=tt, keep=s["keep"], units=value(s["change"]))
