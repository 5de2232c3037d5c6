"""Every label of every chart builder, in English ("en") and Simplified Chinese ("zh").

``CHART_TEXT[builder][key]`` is ``{"en": ..., "zh": ...}``; keys ending in ``_names`` hold one such entry
per name (baselines, gates, cells). Keys match the builders' label dicts in ``charts/``; the
English text repeats their defaults. Placeholders in braces are filled by the builders.
``chart_labels(t, builder, **overrides)`` picks the current language for a builder's ``labels=``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ui.text import LANGS

GRAD = "‖∂L/∂h<sub>t</sub>‖"

# words shared by several builders
_T = {"en": "t", "zh": "t"}
_TIME_STEP_T = {"en": "time step t", "zh": "时间步 t"}
_VALUE = {"en": "value", "zh": "数值"}
_UNIT = {"en": "unit", "zh": "单元"}
_EPOCH = {"en": "epoch", "zh": "训练轮次"}
_LOSS_LOG = {"en": "loss (log scale)", "zh": "损失（对数坐标）"}
_LOSS = {"en": "loss", "zh": "损失"}
_GRAD_VALUE = {"en": GRAD, "zh": GRAD}
_GRAD_LOG = {"en": f"{GRAD} (log scale)", "zh": f"{GRAD}（对数坐标）"}
_GRAD_TITLE = {"en": "Gradient reaching each time step", "zh": "回传到每个时间步的梯度"}
_NO_RUNS = {"en": "No runs to compare", "zh": "没有可对比的运行"}
_NO_SNAPSHOTS = {"en": "No snapshots", "zh": "没有快照"}

BASELINE_NAMES = {
    "naive": {"en": "naive (last value)", "zh": "朴素法（重复上一个值）"},
    "seasonal_naive": {"en": "seasonal naive", "zh": "季节朴素法"},
    "sarima": {"en": "SARIMA", "zh": "SARIMA"},
}
GATE_NAMES = {
    "i": {"en": "input i", "zh": "输入门 i"},
    "f": {"en": "forget f", "zh": "遗忘门 f"},
    "g": {"en": "cell candidate g", "zh": "候选细胞状态 g"},
    "o": {"en": "output o", "zh": "输出门 o"},
    "r": {"en": "reset r", "zh": "重置门 r"},
    "z": {"en": "update z", "zh": "更新门 z"},
    "n": {"en": "candidate n", "zh": "候选状态 n"},
}
CELL_NAMES = {
    "rnn": {"en": "RNN", "zh": "RNN"},
    "scratch": {"en": "Elman (scratch)", "zh": "Elman（手写）"},
    "lstm": {"en": "LSTM", "zh": "LSTM"},
    "gru": {"en": "GRU", "zh": "GRU"},
    "tutorial": {"en": "tutorial RNN", "zh": "教程 RNN"},
    "tutorial_tanh": {"en": "tutorial RNN + tanh", "zh": "教程 RNN + tanh"},
    "lru": {"en": "LRU", "zh": "LRU"},
    "mingru": {"en": "minGRU", "zh": "minGRU"},
    "minlstm": {"en": "minLSTM", "zh": "minLSTM"},
}
# class names of the sample tasks (rnn_core.tasks): data passed as ``class_names=``, translated by class_names()
CLASS_NAMES = {
    "negative": {"en": "negative", "zh": "负"},
    "positive": {"en": "positive", "zh": "正"},
    "sine": {"en": "sine", "zh": "正弦波"},
    "square": {"en": "square", "zh": "方波"},
    "sawtooth": {"en": "sawtooth", "zh": "锯齿波"},
    "triangle": {"en": "triangle", "zh": "三角波"},
}

_FORECAST_COMMON = {
    "x_steps": {"en": "time step", "zh": "时间步"},
    "x_dates": {"en": "date", "zh": "日期"},
    "y": _VALUE,
    "observed": {"en": "observed series", "zh": "观测序列"},
    "test": {"en": "test period", "zh": "测试期"},
}

_DATA = {
    "split_title": {"en": "The series and its chronological split", "zh": "序列及其按时间的划分"},
    "x": {"en": "time", "zh": "时间"},
    "y": _VALUE,
    "train": {"en": "train", "zh": "训练集"},
    "val": {"en": "validation", "zh": "验证集"},
    "test": {"en": "test (holdout)", "zh": "测试集（留出）"},
    "z_title": {"en": "What the network sees: transformed and scaled", "zh": "网络看到的数据：变换并缩放之后"},
    "z": {"en": "scaled value", "zh": "缩放后的值"},
    "window_title": {"en": "One training example: a window of T = {T} steps and its target",
                     "zh": "一个训练样本：T = {T} 步的窗口及其目标"},
    "window": {"en": "input window", "zh": "输入窗口"},
    "target": {"en": "target", "zh": "目标"},
    "samples_title": {"en": "Example sequences", "zh": "示例序列"},
    "t": _TIME_STEP_T,
    "sample": {"en": "sample {i}: target {y}", "zh": "样本 {i}：目标 {y}"},
    "channel": {"en": " (ch {c})", "zh": "（通道 {c}）"},
}

CHART_TEXT: dict[str, dict[str, dict]] = {
    # charts.training
    "loss_figure": {
        "title": {"en": "Loss per epoch", "zh": "每轮的损失"},
        "x": _EPOCH,
        "y": _LOSS_LOG,
        "y_linear": _LOSS,
        "train": {"en": "training loss", "zh": "训练损失"},
        "val": {"en": "validation loss", "zh": "验证损失"},
        "best": {"en": "best epoch {epoch}", "zh": "最佳轮次 {epoch}"},
        "time": {"en": "time", "zh": "用时"},
        "seconds": {"en": "s", "zh": "秒"},
        "empty": {"en": "No epochs yet", "zh": "还没有完成任何一轮"},
    },
    "loss_overlay_figure": {
        "title": {"en": "Loss per epoch: validation (solid) and training (dotted)",
                  "zh": "每轮的损失：验证（实线）与训练（点线）"},
        "x": _EPOCH,
        "y": _LOSS_LOG,
        "y_linear": _LOSS,
        "val": {"en": "{label} · validation", "zh": "{label} · 验证"},
        "train": {"en": "{label} · training", "zh": "{label} · 训练"},
        "empty": _NO_RUNS,
    },
    # charts.forecast
    "forecast_figure": {
        "title": {"en": "Forecast of the test period", "zh": "测试期的预测"},
        **_FORECAST_COMMON,
        "one_step": {"en": "one-step forecast", "zh": "单步预测"},
        "recursive": {"en": "recursive forecast", "zh": "递归预测"},
        "baseline_names": BASELINE_NAMES,
    },
    "forecast_overlay_figure": {
        "title": {"en": "Forecasts of the test period", "zh": "各模型对测试期的预测"},
        **_FORECAST_COMMON,
    },
    "metrics_table": {
        "model": {"en": "this model", "zh": "本模型"},
        "name": {"en": "forecaster", "zh": "预测方法"},
        "one_step": {"en": "one-step", "zh": "单步"},
        "recursive": {"en": "recursive", "zh": "递归"},
        "mape": {"en": "MAPE %", "zh": "MAPE %"},
        "smape": {"en": "sMAPE %", "zh": "sMAPE %"},
        "rmse": {"en": "RMSE", "zh": "RMSE"},
        "mae": {"en": "MAE", "zh": "MAE"},
        "baseline_names": BASELINE_NAMES,
    },
    # charts.prediction
    "sample_prediction_figure": {
        "title_all": {"en": "One sample: input, target and prediction at every step",
                      "zh": "一个样本：每个时间步的输入、目标与预测"},
        "title_last": {"en": "One sample: input sequence and the answer at the last step",
                       "zh": "一个样本：输入序列与最后一步的答案"},
        "title_classify": {"en": "One sample: input sequence and predicted class probabilities",
                           "zh": "一个样本：输入序列与预测的类别概率"},
        "x": _TIME_STEP_T,
        "y": _VALUE,
        "input": {"en": "input", "zh": "输入"},
        "channel": {"en": "input channel {k}", "zh": "输入通道 {k}"},
        "target": {"en": "target", "zh": "目标"},
        "prediction": {"en": "prediction", "zh": "预测"},
        "probability": {"en": "probability", "zh": "概率"},
        "class": {"en": "class", "zh": "类别"},
        "true_class": {"en": "true class: {name}", "zh": "真实类别：{name}"},
        "sequence": {"en": "input sequence", "zh": "输入序列"},
        "probabilities": {"en": "class probabilities", "zh": "类别概率"},
    },
    # charts.data: every builder reads the module's whole label set
    "series_split_figure": _DATA,
    "transformed_figure": _DATA,
    "window_figure": _DATA,
    "samples_figure": _DATA,
    # charts.states
    "state_heatmap": {
        "x": _TIME_STEP_T,
        "y": {"en": "hidden unit", "zh": "隐藏单元"},
        "t": _T,
        "unit": _UNIT,
        "value": _VALUE,
    },
    "layer_states_figure": {
        "title": {"en": "Hidden states over time, per layer", "zh": "各层隐藏状态随时间的变化"},
        "x": _TIME_STEP_T,
        "y": _UNIT,
        "hidden": {"en": "layer {layer}: hidden state h<sub>t</sub>", "zh": "第 {layer} 层：隐藏状态 h<sub>t</sub>"},
        "cell": {"en": "layer {layer}: cell state c<sub>t</sub>", "zh": "第 {layer} 层：细胞状态 c<sub>t</sub>"},
        "t": _T,
        "unit": _UNIT,
        "value": _VALUE,
        "h_value": {"en": "h<sub>t</sub>", "zh": "h<sub>t</sub>"},
        "c_value": {"en": "c<sub>t</sub>", "zh": "c<sub>t</sub>"},
    },
    "gate_figure": {
        "title": {"en": "{cell} gates over time", "zh": "{cell} 的门随时间的变化"},
        "x": _TIME_STEP_T,
        "y": _UNIT,
        "t": _T,
        "unit": _UNIT,
        "sigmoid": {"en": "sigmoid gate", "zh": "sigmoid 门"},
        "tanh": {"en": "tanh candidate", "zh": "tanh 候选值"},
        "gate_names": GATE_NAMES,
        "cell_names": CELL_NAMES,
        "no_gates": {"en": "A plain RNN cell has no gates.", "zh": "普通 RNN 单元没有门。"},
    },
    "unit_traces_figure": {
        "title": {"en": "Hidden units over time", "zh": "隐藏单元随时间的变化"},
        "x": _TIME_STEP_T,
        "y": {"en": "activation h<sub>t</sub>", "zh": "激活值 h<sub>t</sub>"},
        "unit": {"en": "unit {k}", "zh": "单元 {k}"},
        "empty": {"en": "Choose one or more units", "zh": "请选择一个或多个单元"},
    },
    "gate_saturation_figure": {
        "title": {"en": "Gate saturation per unit: closed or open",
                  "zh": "每个单元的门饱和：关闭或打开"},
        "x": {"en": "hidden unit", "zh": "隐藏单元"},
        "y": {"en": "share", "zh": "占比"},
        "closed": {"en": "closed (< {low:g})", "zh": "关闭（< {low:g}）"},
        "between": {"en": "in between", "zh": "介于两者之间"},
        "open": {"en": "open (> {high:g})", "zh": "打开（> {high:g}）"},
        "unit": _UNIT,
        "gate_names": GATE_NAMES,
        "no_gates": {"en": "No sigmoid gates to show.", "zh": "没有可显示的 sigmoid 门。"},
    },
    # charts.gradients
    "grad_norm_figure": {
        "title": _GRAD_TITLE,
        "x": _TIME_STEP_T,
        "y": _GRAD_LOG,
        "layer": {"en": "layer {layer}", "zh": "第 {layer} 层"},
        "value": _GRAD_VALUE,
        "t": _T,
        "fit": {"en": "fit: memory horizon ≈ {horizon:.3g} steps", "zh": "拟合：记忆范围 ≈ {horizon:.3g} 步"},
    },
    "grad_overlay_figure": {
        "title": _GRAD_TITLE,
        "x": _TIME_STEP_T,
        "y": _GRAD_LOG,
        "y_normalised": {"en": f"{GRAD} / ‖∂L/∂h<sub>T</sub>‖ (log scale)",
                         "zh": f"{GRAD} / ‖∂L/∂h<sub>T</sub>‖（对数坐标）"},
        "value": _GRAD_VALUE,
        "t": _T,
        "fit": {"en": "{label}: memory horizon ≈ {horizon:.3g} steps", "zh": "{label}：记忆范围 ≈ {horizon:.3g} 步"},
        "empty": _NO_RUNS,
    },
    "grad_evolution_figure": {
        "title": {"en": "How the gradient profile changes during training (layer {layer})",
                  "zh": "训练过程中梯度分布的变化（第 {layer} 层）"},
        "x": _TIME_STEP_T,
        "y": _EPOCH,
        "colorbar": _GRAD_VALUE,
        "value": _GRAD_VALUE,
        "t": _T,
        "epoch": _EPOCH,
        "empty": _NO_SNAPSHOTS,
    },
    "grad_snapshot_frames_figure": {
        "title": {"en": "Gradient profile at epoch {epoch} (layer {layer})",
                  "zh": "第 {epoch} 轮的梯度分布（第 {layer} 层）"},
        "x": _TIME_STEP_T,
        "y": _GRAD_LOG,
        "value": _GRAD_VALUE,
        "t": _T,
        "first": {"en": "epoch {epoch} (first snapshot)", "zh": "第 {epoch} 轮（首个快照）"},
        "current": {"en": "current epoch", "zh": "当前轮次"},
        "epoch": {"en": "epoch ", "zh": "训练轮次 "},
        "play": {"en": "▶ play", "zh": "▶ 播放"},
        "pause": {"en": "❚❚ pause", "zh": "❚❚ 暂停"},
        "empty": _NO_SNAPSHOTS,
    },
    # charts.weights
    "clipping_figure": {
        "title": {"en": "Gradient norm per step: clipped {k} of {n} steps",
                  "zh": "每步的梯度范数：{n} 步中有 {k} 步被裁剪"},
        "title_off": {"en": "Gradient norm per step (clipping off)", "zh": "每步的梯度范数（未开启裁剪）"},
        "x": {"en": "optimisation step", "zh": "优化步"},
        "y": {"en": "‖∇<sub>θ</sub>L‖ (log scale)", "zh": "‖∇<sub>θ</sub>L‖（对数坐标）"},
        "pre": {"en": "before clipping", "zh": "裁剪前"},
        "post": {"en": "after clipping", "zh": "裁剪后"},
        "clipped": {"en": "clipped step", "zh": "被裁剪的步"},
        "threshold": {"en": "threshold {clip:g}", "zh": "阈值 {clip:g}"},
        "step": {"en": "step", "zh": "优化步"},
        "empty": {"en": "No optimisation steps yet", "zh": "还没有优化步"},
    },
    "spectrum_figure": {
        "title": {"en": "Eigenvalues of W<sub>hh</sub>, layer {layer}: largest |λ| = {radius:.3g}",
                  "zh": "第 {layer} 层 W<sub>hh</sub> 的特征值：最大 |λ| = {radius:.3g}"},
        "block": {"en": "block {block} (ρ = {radius:.3g})", "zh": "分块 {block}（ρ = {radius:.3g}）"},
        "re": {"en": "Re λ", "zh": "实部 Re λ"},
        "im": {"en": "Im λ", "zh": "虚部 Im λ"},
        "circle": {"en": "unit circle |λ| = 1", "zh": "单位圆 |λ| = 1"},
        "abs": {"en": "|λ|", "zh": "|λ|"},
        "singular": {"en": "singular values of W<sub>hh</sub>", "zh": "W<sub>hh</sub> 的奇异值"},
        "index": {"en": "index (largest first)", "zh": "序号（从大到小）"},
        "sv": {"en": "singular value σ of W<sub>hh</sub>", "zh": "W<sub>hh</sub> 的奇异值 σ"},
        "empty": {"en": "No spectrum", "zh": "没有特征值可显示"},
    },
    "disk_figure": {
        "title": {"en": "Decay per step on the unit disk, layer {layer}: largest |λ| = {radius:.3g}",
                  "zh": "第 {layer} 层每步衰减在单位圆盘上的位置：最大 |λ| = {radius:.3g}"},
        "before": {"en": "before training", "zh": "训练前"},
        "after": {"en": "after training", "zh": "训练后"},
        "re": {"en": "Re λ", "zh": "实部 Re λ"},
        "im": {"en": "Im λ", "zh": "虚部 Im λ"},
        "circle": {"en": "unit circle |λ| = 1", "zh": "单位圆 |λ| = 1"},
        "abs": {"en": "|λ|", "zh": "|λ|"},
        "unit": {"en": "unit", "zh": "单元"},
        "range": {"en": "10–90 % of steps", "zh": "10–90 % 的时间步"},
        "empty": {"en": "No decays to show", "zh": "没有可显示的衰减"},
    },
    # charts.gradients
    "grad_reading": {
        "vanish": {"en": "In layer {layer} the gradient at t=1 is {ratio} of the one at t={T}: it vanishes.",
                   "zh": "第 {layer} 层：t=1 处的梯度只有 t={T} 处的 {ratio} 倍——梯度消失了。"},
        "explode": {"en": "In layer {layer} the gradient at t=1 is {ratio}× the one at t={T}: it grows (explodes).",
                    "zh": "第 {layer} 层：t=1 处的梯度是 t={T} 处的 {ratio} 倍——梯度在增大（爆炸）。"},
        "carry": {"en": "In layer {layer} the gradient at t=1 is {ratio}× the one at t={T}: it stays within a factor "
                        "of {factor:g}, so it carries back.",
                  "zh": "第 {layer} 层：t=1 处的梯度是 t={T} 处的 {ratio} 倍——相差不超过 {factor:g} 倍，"
                        "所以梯度能传回到开头。"},
        "none": {"en": "In layer {layer} no gradient reaches t={T}.", "zh": "第 {layer} 层：没有梯度到达 t={T}。"},
        "invalid": {"en": "In layer {layer} the gradient is not a finite number: the training diverged.",
                    "zh": "第 {layer} 层：梯度不是有限的数——训练发散了。"},
        "single": {"en": "With a single time step there is nothing to carry back.",
                   "zh": "只有一个时间步，没有可以回传的内容。"},
        "empty": {"en": "No gradients recorded yet.", "zh": "还没有记录梯度。"},
    },
    # charts.lab
    "sweep_figure": {
        "title": {"en": "Breaking point: validation error against the lag", "zh": "失效点：验证误差随滞后长度的变化"},
        "x": {"en": "lag (time steps, log scale)", "zh": "滞后（时间步，对数坐标）"},
        "y": {"en": "validation loss / trivial baseline", "zh": "验证损失 / 平凡基线"},
        "baseline": {"en": "no better than the trivial answer", "zh": "不比平凡答案更好"},
        "threshold": {"en": "breaking threshold {threshold:g}", "zh": "失效阈值 {threshold:g}"},
        "breaks": {"en": "{cell} breaks at lag {lag}", "zh": "{cell} 在滞后 {lag} 处失效"},
        "lag": {"en": "lag", "zh": "滞后"},
        "ratio": {"en": "ratio", "zh": "比值"},
        "empty": {"en": "No sweep yet", "zh": "还没有扫描结果"},
        "cell_names": CELL_NAMES,
    },
}


def _lang(t) -> str:
    lang = t if isinstance(t, str) else getattr(t, "lang", "en")
    return lang if lang in LANGS else "en"


def _pick(entry: dict, lang: str) -> str:
    return entry.get(lang) or entry["en"]


def chart_labels(t, builder: str, /, **overrides) -> dict:
    """The ``labels`` dict of chart ``builder`` in ``t.lang`` (``t``: a Translator or a language code).

    ``overrides`` win over the table, e.g. a page's own title; an override of a ``_names`` key is merged
    into the translated names rather than replacing them. An unknown builder raises KeyError.
    """
    lang = _lang(t)
    out: dict = {}
    for key, entry in CHART_TEXT[builder].items():
        if key.endswith("_names"):
            out[key] = {name: _pick(sub, lang) for name, sub in entry.items()}
        else:
            out[key] = _pick(entry, lang)
    for key, value in overrides.items():
        if key.endswith("_names") and isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def class_names(t, names: Sequence[str]) -> list[str]:
    """Class names of a sample task in ``t.lang``; names not in the table stay as they are."""
    lang = _lang(t)
    return [_pick(CLASS_NAMES[n], lang) if n in CLASS_NAMES else n for n in names]

from ui.text_lab import CHART_TEXT_LAB as _LAB_CHARTS  # noqa: E402 - the lab's seed-spread charts

CHART_TEXT.update(_LAB_CHARTS)
