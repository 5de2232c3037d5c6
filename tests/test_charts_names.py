"""The surname chart builders: letters on the axes, units from 1, rows of the confusion matrix sum to 1."""

import numpy as np
from english import en

from charts.names import (
    accuracy_compare_figure,
    confusion_figure,
    letter_predictions_figure,
    name_grad_figure,
    name_states_figure,
    per_class_figure,
)

LANGS = [f"L{k}" for k in range(18)]


def test_letter_predictions_one_panel_per_letter_top3():
    probs = np.full((7, 18), 0.01)
    probs[:, 4] = 0.5
    probs[6, 9] = 0.9
    fig = letter_predictions_figure("Schmidt", probs, LANGS, labels=en("letter_predictions_figure"))
    assert len(fig.data) == 7
    assert [a.text for a in fig.layout.annotations][:3] == ["1. S", "2. Sc", "3. Sch"]
    assert list(fig.data[6].y)[-1] == "L9" and len(fig.data[6].y) == 3  # the likeliest on top
    assert fig.data[0].text[-1] == "L4 50%"


def test_states_and_grads_on_the_letters():
    h = np.random.default_rng(0).standard_normal((5, 8))
    fig = name_states_figure("Nuñez"[:5], h, labels=en("name_states_figure"))
    assert fig.data[0].z.shape == (8, 5)  # units × letters
    assert list(fig.data[0].y)[0] == 1  # units counted from 1
    assert list(fig.layout.xaxis.tickvals) == [1, 2, 3, 4, 5]
    g = name_grad_figure("Abcde", np.array([1e-3, 1e-2, 0.1, 1.0, 0.0]), labels=en("name_grad_figure"))
    assert np.isnan(g.data[0].y[-1]) and g.layout.yaxis.type == "log"


def test_confusion_rows_sum_to_one_and_per_class():
    conf = np.random.default_rng(1).integers(0, 20, (18, 18))
    conf[3] = 0  # a language without test names stays an empty row
    fig = confusion_figure(conf, LANGS, labels=en("confusion_figure"))
    z = np.asarray(fig.data[0].z, dtype=float)
    sums = z.sum(1)
    np.testing.assert_allclose(np.delete(sums, 3), 1.0, atol=1e-5)
    assert sums[3] == 0
    pc = per_class_figure(np.linspace(0, 1, 18), np.full(18, 1 / 18), LANGS, balanced=0.5,
                          labels=en("per_class_figure"))
    assert pc.layout.xaxis.type == "log" and len(pc.layout.shapes) == 1
    bars = accuracy_compare_figure([{"label": "a", "accuracy": 0.8, "balanced": 0.5}],
                                   labels=en("accuracy_compare_figure"))
    assert [d.name for d in bars.data] == ["accuracy", "balanced accuracy"]


def test_per_language_labels_stay_inside_and_apart():
    """The crowded corner of a trained run (rare languages, low accuracy): no label on another, none past the
    plot's left or right edge (labels were cut to "tuguese" and "tnamese" and lay on each other)."""
    from charts.names import CHAR_W, PLOT_W, _box, _overlap, label_positions

    names = ["Portuguese", "Vietnamese", "Korean", "Irish", "Spanish", "Polish", "Greek", "Russian", "Arabic"]
    freq = np.array([0.004, 0.004, 0.0045, 0.014, 0.014, 0.007, 0.0105, 0.47, 0.1])
    acc = np.array([0.14, 0.0, 0.09, 0.47, 0.41, 0.50, 0.50, 0.90, 0.47])
    places = label_positions(freq, acc, names, balanced=0.51)
    lx = np.log10(freq)
    u = (lx - lx.min()) / (lx.max() - lx.min()) * PLOT_W
    v = (acc + 0.05) / 1.13 * 290.0
    boxes = [_box(p, u[k], v[k], CHAR_W * len(names[k])) for k, p in enumerate(places)]
    assert all(b[0] >= -4 and b[1] <= PLOT_W + 4 for b in boxes), places
    assert not [(names[i], names[j]) for i in range(len(boxes)) for j in range(i) if _overlap(boxes[i], boxes[j])]
