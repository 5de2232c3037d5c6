"""Helpers shared by the run charts: float32 arrays, log axes, legends, empty-figure notes, run styles.

Numbers go to plotly as float32 numpy arrays, which plotly ships as compact binary instead of JSON lists.
Log axes cannot place zeros or non-finite values: ``positive`` turns them into NaN, drawn as gaps.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from charts.theme import MUTED, cell_color

DASHES = ("solid", "dash", "longdash", "dashdot", "longdashdot")


def as_float32(values) -> np.ndarray:
    """A float32 array; ``None`` entries (e.g. a missing validation loss) become NaN."""
    if values is None:
        return np.array([], dtype=np.float32)
    if isinstance(values, list | tuple) and any(v is None for v in values):
        values = [np.nan if v is None else v for v in values]
    return np.asarray(values, dtype=np.float32)


def positive(values) -> np.ndarray:
    """float32 values with non-positive and non-finite entries set to NaN: a log axis shows those as gaps."""
    arr = as_float32(values)
    return np.where(np.isfinite(arr) & (arr > 0), arr, np.nan).astype(np.float32)


def shade(color: str, k: int) -> str:
    """The k-th shade of a hex colour: 0 is the colour itself, then alternately darker and lighter."""
    if k == 0:
        return color
    amount = 0.3 * ((k + 1) // 2)
    target = 0 if k % 2 else 255
    rgb = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (target - c) * min(amount, 0.8)) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def run_styles(cells: list[str]) -> list[tuple[str, str]]:
    """(colour, dash) per run: the cell's colour; runs that repeat a cell get another shade and dash."""
    seen: dict[str, int] = {}
    styles = []
    for cell in cells:
        k = seen.get(cell, 0)
        seen[cell] = k + 1
        styles.append((shade(cell_color(cell), k), DASHES[k % len(DASHES)]))
    return styles


def empty_note(fig: go.Figure, text: str) -> go.Figure:
    """Write ``text`` in the middle of an empty figure and hide its axes."""
    fig.add_annotation(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=16, color=MUTED))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def legend_on_top(fig: go.Figure) -> go.Figure:
    """A horizontal legend between the title and the plot, left-aligned, so a narrow column never makes
    it run into the title."""
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0.0),
                      margin=dict(t=88))
    return fig


def _marker_mode(n: int) -> str:
    return "lines+markers" if n <= 40 else "lines"


def _decades(arrays) -> tuple[float, float] | None:
    """log10 of the smallest and largest positive finite value among ``arrays``."""
    vals = np.concatenate([np.asarray(a, dtype=float).ravel() for a in arrays]) if arrays else np.array([])
    vals = vals[np.isfinite(vals) & (vals > 0)]
    return (float(np.log10(vals.min())), float(np.log10(vals.max()))) if vals.size else None


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power(k: int) -> str:
    return "1" if k == 0 else "10" if k == 1 else f"10{str(k).translate(_SUPERSCRIPT)}"


def tick_text(v: float, power: bool | None = None) -> str:
    """A log-axis tick that says its size: 0.02, 5, 200, 10⁻⁶ or 2×10⁻⁶ — never a bare mantissa.

    ``power`` forces (True) or forbids (False) the ×10ᵏ form; by default it is used outside 0.001..9999."""
    k = int(np.floor(np.log10(v) + 1e-9))
    m = float(f"{v / 10.0 ** k:.3g}")
    if m >= 10:
        m, k = m / 10, k + 1
    if power is None:
        power = not -3 <= k <= 3
    if not power:
        return f"{m * 10.0 ** k:.{max(0, 2 - k)}f}".rstrip("0").rstrip(".") if k < 0 else f"{m * 10.0 ** k:g}"
    return _power(k) if m == 1 else f"{m:g}×{_power(k)}"


def log_ticks(lo: float, hi: float, max_ticks: int = 8) -> tuple[list[float], list[str]]:
    """Tick values and their labels for a log axis covering log10 range [lo, hi] (and one tick beyond
    each end, which plotly drops when it falls outside the drawn range).

    Wide ranges get powers of ten (every k-th decade when there are many), a decade or two get 1-2-5,
    under a decade 1..9 per decade, and a very narrow range evenly spaced round values."""
    width = hi - lo
    if width >= 2.5:
        step = next(s for s in (1, 2, 3, 5, 10, 20, 50, 100, 200) if width / s <= max_ticks)
        ks = [k for k in range(int(np.floor(lo / step)) * step - step, int(np.ceil(hi / step)) * step + step + 1,
                               step) if -307 <= k <= 307]  # within what a float holds
        return [float(f"1e{k}") for k in ks], [_power(k) for k in ks]
    if width >= 0.3:
        mantissas = (1, 2, 5) if width >= 0.8 else (1, 2, 3, 4, 5, 6, 7, 8, 9) if width >= 0.6 else \
            (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9)
        vals = [m * 10.0 ** k for k in range(int(np.floor(lo)) - 1, int(np.ceil(hi)) + 1) for m in mantissas]
        below = [v for v in vals if np.log10(v) < lo]
        above = [v for v in vals if np.log10(v) > hi]
        vals = below[-1:] + [v for v in vals if lo <= np.log10(v) <= hi] + above[:1]
    else:  # under a factor of 2: round values evenly spaced in linear terms
        a, b = 10.0 ** lo, 10.0 ** hi
        raw = (b - a) / 4 if b > a else a / 10
        mag = 10.0 ** np.floor(np.log10(raw))
        step = next(s * mag for s in (1, 2, 5, 10) if s * mag >= raw)
        first = np.floor(a / step) * step
        vals = [float(v) for v in first + step * np.arange(0, int(np.ceil((b - first) / step)) + 2) if v > 0]
    vals = [float(f"{v:.6g}") for v in vals]
    power = not all(1e-3 <= v < 1e4 for v in vals)  # one style per axis
    return vals, [tick_text(v, power) for v in vals]


def log_axis(fig: go.Figure, arrays, axis: str = "y", fixed: bool = False, **where) -> None:
    """A log axis (``axis`` "x" or "y") whose tick labels carry their magnitude (10⁻², 0.05, 2×10⁻⁶),
    with ticks chosen from the data in ``arrays`` and the range set to the data plus a margin; ``fixed``
    widens that margin (animations: frames must not leave the range)."""
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    span = _decades(arrays)
    if span is None:
        update(type="log", exponentformat="power", **where)
        return
    pad = max(0.05, 0.05 * (span[1] - span[0]))  # about what plotly's autorange adds
    if fixed:
        pad = max(0.15, pad)
    lo, hi = span[0] - pad, span[1] + pad
    vals, text = log_ticks(lo, hi)
    # the range is set, not left to plotly: its autorange adds no room around lines, which could leave
    # the lowest labelled tick just outside the plot
    update(type="log", tickmode="array", tickvals=vals, ticktext=text, range=[lo, hi], autorange=False, **where)


def _log_y(fig: go.Figure, arrays, fixed: bool = False, **where) -> None:
    """``log_axis`` on y."""
    log_axis(fig, arrays, "y", fixed, **where)
