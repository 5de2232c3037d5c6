"""UI strings of the Inside-the-cell page, and the labels of its charts (``charts/inside.py``).

``TEXT`` merges into ``ui.text.TEXT``; ``CHART_TEXT`` follows the shape of ``ui.text_charts.CHART_TEXT``
and ``inside_labels(t, builder)`` picks one builder's labels in the current language.
"""

from __future__ import annotations

_MIN_NAMES = {  # minGRU and minLSTM share their term names
    "u": {"en": "update gate z⟨t⟩", "zh": "更新门 z⟨t⟩"},
    "f": {"en": "forget gate f′⟨t⟩", "zh": "遗忘门 f′⟨t⟩"},
    "i": {"en": "input gate i′⟨t⟩ = 1 − f′⟨t⟩", "zh": "输入门 i′⟨t⟩ = 1 − f′⟨t⟩"},
    "n": {"en": "candidate h̃⟨t⟩ = g(W<sub>h</sub> {x})", "zh": "候选值 h̃⟨t⟩ = g(W<sub>h</sub> {x})"},
    "a_prev": {"en": "a⟨t−1⟩", "zh": "a⟨t−1⟩"},
    "keep": {"en": "kept part of a⟨t−1⟩", "zh": "保留的 a⟨t−1⟩ 部分"},
    "write": {"en": "+ written part of h̃⟨t⟩", "zh": "+ 写入的 h̃⟨t⟩ 部分"},
    "a": {"en": "= a⟨t⟩", "zh": "= a⟨t⟩"},
}

TEXT: dict[str, dict[str, str]] = {
    "nav.inside": {"en": "Inside the cell", "zh": "单元内部"},
    "desc.inside": {"en": "The recurrence with live numbers, which inputs drive each output, and the Jacobian.",
                    "zh": "带实时数值的循环公式、哪些输入驱动每个输出，以及梯度背后的雅可比矩阵。"},
    "in.learn_link": {"en": "See this formula at work in a trained network, step by step: Inside the cell",
                       "zh": "在训练好的网络中逐步查看这个公式的运算：单元内部"},
    "in.caption": {
        "en": "The current run's own weights at work: one step of the formula with the numbers of a real window, "
              "the input steps each output depends on, and the Jacobian that decides how far back a gradient reaches.",
        "zh": "当前运行自己的权重在工作：用真实窗口的数值走一遍公式的一步、每个输出依赖哪些输入步，"
              "以及决定梯度能回传多远的雅可比矩阵。"},
    "in.notation": {
        "en": "Notation as in the Learn page: a⟨t⟩ is the hidden state, W_aa the recurrent and W_ax the input "
              "weights — the h_t, W_hh and W_ih of the other pages.",
        "zh": "记号与“学习”页相同：a⟨t⟩ 是隐藏状态，W_aa 是循环权重，W_ax 是输入权重——"
              "即其他页面中的 h_t、W_hh 和 W_ih。"},
    "f.in_view": {"en": "View", "zh": "视图"},
    "in.tab_step": {"en": "Step through time", "zh": "逐步查看"},
    "in.tab_saliency": {"en": "Which inputs drive each output", "zh": "哪些输入驱动输出"},
    "in.tab_jacobian": {"en": "The Jacobian behind the gradient", "zh": "梯度背后的雅可比矩阵"},
    "f.in_sample": {"en": "Holdout window", "zh": "留出集窗口"},
    "h.in_sample": {"en": "Which window (sample) of the holdout to look inside.",
                    "zh": "查看留出集中的哪一个窗口（样本）。"},
    "f.in_t": {"en": "Time step t", "zh": "时间步 t"},
    "f.in_play": {"en": "Play", "zh": "播放"},
    "h.in_play": {"en": "Step through t = 1, 2, … automatically, about one step a second.",
                  "zh": "自动依次播放 t = 1, 2, …，大约每秒一步。"},
    "f.in_layer": {"en": "Layer", "zh": "层"},
    "f.in_out": {"en": "Output step", "zh": "输出步"},
    "f.in_signed": {"en": "Measure", "zh": "度量"},
    "f.in_rho": {"en": "Spectral radius ρ", "zh": "谱半径 ρ"},
    "h.in_rho": {"en": "Scale a random W_aa so that its largest eigenvalue has this size.",
                 "zh": "缩放一个随机的 W_aa，使其最大特征值的模等于该值。"},
    "in.locked": {"en": "fixed by the link", "zh": "由链接固定"},
    "in.window_date": {"en": "Window {i} of {n}: the forecast of {date}.", "zh": "第 {i}/{n} 个窗口：预测 {date}。"},
    "in.window_sample": {"en": "Holdout sample {i} of {n}.", "zh": "留出集第 {i}/{n} 个样本。"},
    "in.generated": {"en": "Steps after t = {T} read the network's own previous prediction as x⟨t⟩.",
                     "zh": "t = {T} 之后的步把网络自己上一步的预测当作输入 x⟨t⟩。"},
    "in.input_x": {"en": "x⟨t⟩", "zh": "x⟨t⟩"},
    "in.input_below": {"en": "a<sup>[{k}]</sup>⟨t⟩", "zh": "a<sup>[{k}]</sup>⟨t⟩"},
    "in.layer_input": {"en": "Layer {layer} reads the states of layer {below} as its input.",
                       "zh": "第 {layer} 层把第 {below} 层的状态当作输入。"},
    # captions of a step, per cell
    "in.cap_rnn": {
        "en": "**Layer {layer}, t = {t}.** Share of the pre-activation z⟨t⟩ (by size, over all units): "
              "input W_ax x⟨t⟩ {wx:.0%}, memory W_aa a⟨t−1⟩ {wa:.0%}, bias {b:.0%}. Largest |z|: {units}.",
        "zh": "**第 {layer} 层，t = {t}。** 预激活 z⟨t⟩ 的构成（按所有单元的绝对值计）：输入 W_ax x⟨t⟩ 占 {wx:.0%}，"
              "记忆 W_aa a⟨t−1⟩ 占 {wa:.0%}，偏置占 {b:.0%}。|z| 最大的单元：{units}。"},
    "in.cap_unit_rnn": {"en": "unit {u} (z = {z:.2f}, mostly {term})", "zh": "单元 {u}（z = {z:.2f}，主要来自{term}）"},
    "in.term.wx": {"en": "the input", "zh": "输入"},
    "in.term.wa": {"en": "the memory", "zh": "记忆"},
    "in.term.b": {"en": "the bias", "zh": "偏置"},
    "in.cap_lstm": {
        "en": "**Layer {layer}, t = {t}.** The forget gate keeps on average {forget:.0%} of c⟨t−1⟩ and the input "
              "gate opens {input:.0%}. Written most (|i ⊙ c̃|): {written}. Erased most (lowest f): {erased}.",
        "zh": "**第 {layer} 层，t = {t}。** 遗忘门平均保留 c⟨t−1⟩ 的 {forget:.0%}，输入门平均打开 {input:.0%}。"
              "写入最多（|i ⊙ c̃| 最大）：{written}。擦除最多（f 最小）：{erased}。"},
    "in.cap_unit_value": {"en": "unit {u} ({v:.2f})", "zh": "单元 {u}（{v:.2f}）"},
    "in.cap_gru": {
        "en": "**Layer {layer}, t = {t}.** The update gate z keeps on average {keep:.0%} of a⟨t−1⟩; the rest comes "
              "from the candidate ã⟨t⟩. Changed most: {units}.",
        "zh": "**第 {layer} 层，t = {t}。** 更新门 z 平均保留 a⟨t−1⟩ 的 {keep:.0%}，其余来自候选状态 ã⟨t⟩。"
              "变化最大的单元：{units}。"},
    "in.gru_note": {
        "en": "PyTorch's GRU: z keeps the old state, and r acts after the product, ã⟨t⟩ = tanh(W_ax x⟨t⟩ + b + "
              "r⟨t⟩ ⊙ (W_aa a⟨t−1⟩ + b)).",
        "zh": "PyTorch 的 GRU：z 保留旧状态，r 作用在矩阵乘积之后，"
              "ã⟨t⟩ = tanh(W_ax x⟨t⟩ + b + r⟨t⟩ ⊙ (W_aa a⟨t−1⟩ + b))。"},
    "in.cap_mingru": {
        "en": "**Layer {layer}, t = {t}.** 1 − z keeps on average {keep:.0%} of a⟨t−1⟩; the rest is the candidate "
              "h̃⟨t⟩, which reads only x⟨t⟩. Changed most: {units}.",
        "zh": "**第 {layer} 层，t = {t}。** 1 − z 平均保留 a⟨t−1⟩ 的 {keep:.0%}，其余来自只读取 x⟨t⟩ 的候选值 h̃⟨t⟩。"
              "变化最大的单元：{units}。"},
    "in.cap_minlstm": {
        "en": "**Layer {layer}, t = {t}.** The normalised forget gate f′ keeps on average {keep:.0%} of a⟨t−1⟩; "
              "i′ = 1 − f′ writes the candidate h̃⟨t⟩. Changed most: {units}.",
        "zh": "**第 {layer} 层，t = {t}。** 归一化的遗忘门 f′ 平均保留 a⟨t−1⟩ 的 {keep:.0%}；"
              "i′ = 1 − f′ 写入候选值 h̃⟨t⟩。变化最大的单元：{units}。"},
    "in.cap_lru": {
        "en": "**Layer {layer}, t = {t}.** |λ| lies between {r_min:.3f} and {r_max:.3f}: every unit shrinks by that "
              "factor per step and turns by its phase, whatever the input. Changed most (real part): {units}.",
        "zh": "**第 {layer} 层，t = {t}。** |λ| 介于 {r_min:.3f} 和 {r_max:.3f} 之间：无论输入是什么，"
              "每个单元每步都按这个因子缩小并按其相位旋转。实部变化最大的单元：{units}。"},
    "in.linear_note": {
        "en": "No gate and no weight reads a⟨t−1⟩, so a⟨t⟩ is linear in a⟨t−1⟩ with a diagonal decay: "
              "the whole sequence trains as one parallel scan. g(v) = v + ½ for v ≥ 0, σ(v) below.",
        "zh": "没有门、也没有权重读取 a⟨t−1⟩，所以 a⟨t⟩ 是 a⟨t−1⟩ 的线性函数，衰减是对角的："
              "整条序列可以用一次并行扫描来训练。g(v) 在 v ≥ 0 时为 v + ½，否则为 σ(v)。"},
    "in.lru_note": {
        "en": "LRU (Orvieto et al. 2023): a⟨t⟩ is the complex state (the paper's x_t); the terms show real parts. "
              "|λ| = exp(−e^ν) < 1 for any trained ν, and γ = √(1 − |λ|²) keeps the state's size.",
        "zh": "LRU（Orvieto 等，2023）：a⟨t⟩ 是复数状态（论文中的 x_t），各项显示其实部。"
              "对任何训练得到的 ν，|λ| = exp(−e^ν) < 1；γ = √(1 − |λ|²) 保持状态的大小。"},
    # saliency
    "in.sal_intro": {
        "en": "For every output on the holdout: how much each input step moves it. **|∂ŷ/∂x|** is the size of the "
              "gradient; **gradient × input** also weighs it by the value there (red pushes the output up, blue down).",
        "zh": "对留出集上的每个输出：每个输入步对它的影响有多大。**|∂ŷ/∂x|** 是梯度的大小；"
              "**梯度 × 输入** 再乘以该处的输入值（红色把输出往上推，蓝色往下推）。"},
    "in.sal_abs": {"en": "|∂ŷ/∂x|", "zh": "|∂ŷ/∂x|"},
    "in.sal_gxi": {"en": "gradient × input", "zh": "梯度 × 输入"},
    "in.sal_class": {"en": "Classification: the explained output is the score of the predicted class.",
                     "zh": "分类任务：解释的输出是预测类别的得分。"},
    "in.sal_top_lag": {"en": "On average the forecasts depend most on {items}.",
                       "zh": "平均而言，预测最依赖于{items}。"},
    "in.sal_top_step": {"en": "On average the output depends most on {items}.",
                        "zh": "平均而言，输出最依赖于{items}。"},
    "in.sal_top_offset": {"en": "On average each output depends most on {items}.",
                          "zh": "平均而言，每个输出最依赖于{items}。"},
    "in.lag_item": {"en": "lag {k} ({share:.0%})", "zh": "滞后 {k}（{share:.0%}）"},
    "in.step_item": {"en": "step {k} ({share:.0%})", "zh": "第 {k} 步（{share:.0%}）"},
    "in.offset_item": {"en": "{k} steps back ({share:.0%})", "zh": "往回 {k} 步（{share:.0%}）"},
    "in.sal_share": {"en": "Percentages: share of the average |∂ŷ/∂x| summed over all input steps.",
                     "zh": "百分比：占所有输入步平均 |∂ŷ/∂x| 之和的比例。"},
    "in.denoise_note": {"en": "Many-to-many: each row is one output step, averaged over the {n} holdout sequences.",
                        "zh": "多对多：每一行是一个输出步，对 {n} 条留出序列取平均。"},
    # jacobian
    "in.jac_intro": {
        "en": "‖∂L/∂h_t‖ is small either because the loss does not depend on step t or because the recurrence "
              "forgets it. ‖∂h_T/∂h_t‖, the product of the step Jacobians with the inputs held fixed, is the "
              "recurrence alone. Both for the window picked above, relative to their value at t = T.",
        "zh": "‖∂L/∂h_t‖ 很小，可能是因为损失不依赖第 t 步，也可能是因为循环把它遗忘了。"
              "‖∂h_T/∂h_t‖ 是在输入固定时各步雅可比矩阵的乘积，只反映循环本身。两条曲线都针对上面选中的窗口，"
              "并相对于 t = T 处的值。"},
    "in.jac_window": {"en": "In one-to-many runs T is the last step of the input window.",
                      "zh": "在一对多的运行中，T 是输入窗口的最后一步。"},
    "in.jac_lstm": {"en": "For the LSTM the state is (h, c): the product runs through the cell state too.",
                    "zh": "对 LSTM 来说状态是 (h, c)：乘积也经过细胞状态。"},
    "in.jac_reading": {
        "en": "A change of h at t = 1 reaches t = {T} scaled by at most {mem}; the loss's gradient at t = 1 is "
              "{loss} of its value at t = {T}.",
        "zh": "t = 1 处 h 的变化传到 t = {T} 时最多被缩放为 {mem} 倍；t = 1 处损失的梯度是 t = {T} 处的 {loss} 倍。"},
    "in.jac_forgets": {"en": "The recurrence forgets: early steps fade whatever the loss asks.",
                       "zh": "是循环在遗忘：无论损失要求什么，早期的步都会淡去。"},
    "in.jac_keeps": {"en": "The recurrence keeps early steps; a small ‖∂L/∂h_1‖ would mean the loss does not care.",
                     "zh": "循环保留了早期的步；如果 ‖∂L/∂h_1‖ 很小，那是因为损失并不在乎它们。"},
    "in.jac_loss_less": {"en": "The loss passes back much less than the recurrence keeps: it does not care about "
                               "early steps (or about the directions that survive).",
                         "zh": "损失回传的远少于循环保留的：它并不在乎早期的步（或不在乎那些保留下来的方向）。"},
    "in.jac_too_big": {"en": "The step Jacobians of {T} steps × {H} units are too large to show here; "
                             "try fewer steps or units.",
                       "zh": "{T} 步 × {H} 个单元的单步雅可比矩阵太大，无法在此显示；请减少步数或单元数。"},
    "in.sv_caption": {"en": "At {share:.0%} of the steps even the largest singular value is below 1: there the step "
                            "shrinks every direction.",
                      "zh": "在 {share:.0%} 的时间步上，连最大的奇异值都小于 1：这些步在每个方向上都在收缩。"},
    "in.lyap_h": {"en": "Edge of chaos: an untrained RNN running freely", "zh": "混沌边缘：自由运行的未训练 RNN"},
    "in.lyap_intro": {
        "en": "A tanh RNN with 64 units and no input, a⟨t⟩ = tanh(ρ W a⟨t−1⟩), W random with spectral radius 1. "
              "The largest Lyapunov exponent λ is the average log growth per step of a tiny difference between "
              "two runs: λ < 0 they converge (gradients vanish), λ > 0 they separate (gradients explode). "
              "Over {steps} steps after a burn-in, seed {seed}: λ is the mean over {k} starting states, with its "
              "95 % interval; a finite run only estimates λ, so the regime is named only when the whole interval "
              "is past ±{tol:g}.",
        "zh": "一个 64 单元、没有输入的 tanh RNN：a⟨t⟩ = tanh(ρ W a⟨t−1⟩)，W 随机且谱半径为 1。最大李雅普诺夫指数 λ "
              "是两条轨迹间微小差异每步的平均对数增长：λ < 0 时两者收敛（梯度消失），λ > 0 时两者分离（梯度爆炸）。"
              "基于预热之后的 {steps} 步，随机种子 {seed}：λ 是 {k} 个初始状态的平均值，并给出 95% 区间；"
              "有限长的运行只能估计 λ，因此只有整个区间都越过 ±{tol:g} 时才判定状态。"},
    "in.lyap_metric": {"en": "λ at ρ = {rho:g}", "zh": "ρ = {rho:g} 时的 λ"},
    "in.lyap_value": {"en": "{lam:+.3f} ± {half:.3f}", "zh": "{lam:+.3f} ± {half:.3f}"},
    "in.lyap_interval": {"en": "95 % interval over {k} starting states: {lo:+.4f} … {hi:+.4f}",
                         "zh": "{k} 个初始状态上的 95% 区间：{lo:+.4f} … {hi:+.4f}"},
    "in.regime.contracting": {"en": "Contracting: every difference between two runs shrinks, by e^λ = {f:.3g} a step "
                                    "(the whole interval is below −{tol:g}).",
                              "zh": "收缩：两条轨迹之间的任何差异都在缩小，每步乘以 e^λ = {f:.3g}"
                                    "（整个区间都低于 −{tol:g}）。"},
    "in.regime.edge": {"en": "Near the edge of chaos: the interval {lo:+.3f} … {hi:+.3f} reaches the band "
                             "|λ| ≤ {tol:g}, so differences may neither grow nor shrink on average; this estimate "
                             "cannot tell contracting or chaotic apart.",
                       "zh": "接近混沌边缘：区间 {lo:+.3f} … {hi:+.3f} 触及 |λ| ≤ {tol:g} 的范围，"
                             "差异平均而言可能既不增长也不缩小；这个估计无法区分收缩与混沌。"},
    "in.regime.chaotic": {"en": "Chaotic: a tiny difference grows by e^λ = {f:.3g} a step (the whole interval is above "
                                "+{tol:g}).",
                          "zh": "混沌：微小的差异每步增长 e^λ = {f:.3g} 倍（整个区间都高于 +{tol:g}）。"},
    "in.lyap_cross": {"en": "λ reaches 0 (within ±{tol:g}) at ρ ≈ {edge}; it rises above +{tol:g} (chaos) "
                            "at ρ ≈ {chaos}.",
                      "zh": "λ 在 ρ ≈ {edge} 处达到 0（±{tol:g} 以内）；在 ρ ≈ {chaos} 处升到 +{tol:g} 之上"
                            "（混沌）。"},
    "in.none": {"en": "not within the range", "zh": "不在范围内"},
    "in.free_title": {"en": "The free run at ρ = {rho:g}: 64 units over the first {n} steps",
                      "zh": "ρ = {rho:g} 时的自由运行：前 {n} 步中的 64 个单元"},
}

_T = {"en": "t", "zh": "t"}
_UNIT = {"en": "unit", "zh": "单元"}
_STEP = {"en": "time step t", "zh": "时间步 t"}
CHART_TEXT: dict[str, dict] = {
    "step_figure": {
        "title": {"en": "Layer {layer}, step t = {t}", "zh": "第 {layer} 层，第 t = {t} 步"},
        "x": {"en": "hidden unit", "zh": "隐藏单元"},
        "unit": _UNIT,
        "gate": {"en": "gate (0..1)", "zh": "门（0..1）"},
        "value": {"en": "value", "zh": "数值"},
        "rnn_names": {"wx": {"en": "W<sub>ax</sub> {x}", "zh": "W<sub>ax</sub> {x}"},
                      "wa": {"en": "+ W<sub>aa</sub> a⟨t−1⟩", "zh": "+ W<sub>aa</sub> a⟨t−1⟩"},
                      "b": {"en": "+ b<sub>a</sub>", "zh": "+ b<sub>a</sub>"},
                      "z": {"en": "= z⟨t⟩", "zh": "= z⟨t⟩"},
                      "a": {"en": "a⟨t⟩ = {g}(z⟨t⟩)", "zh": "a⟨t⟩ = {g}(z⟨t⟩)"}},
        "lstm_names": {"f": {"en": "forget gate f⟨t⟩", "zh": "遗忘门 f⟨t⟩"},
                       "i": {"en": "input gate i⟨t⟩", "zh": "输入门 i⟨t⟩"},
                       "g": {"en": "candidate c̃⟨t⟩", "zh": "候选值 c̃⟨t⟩"},
                       "o": {"en": "output gate o⟨t⟩", "zh": "输出门 o⟨t⟩"},
                       "c_prev": {"en": "c⟨t−1⟩", "zh": "c⟨t−1⟩"},
                       "f_c": {"en": "f⟨t⟩ ⊙ c⟨t−1⟩ (kept)", "zh": "f⟨t⟩ ⊙ c⟨t−1⟩（保留）"},
                       "i_g": {"en": "+ i⟨t⟩ ⊙ c̃⟨t⟩ (written)", "zh": "+ i⟨t⟩ ⊙ c̃⟨t⟩（写入）"},
                       "c": {"en": "= c⟨t⟩", "zh": "= c⟨t⟩"},
                       "a": {"en": "a⟨t⟩ = o⟨t⟩ ⊙ tanh(c⟨t⟩)", "zh": "a⟨t⟩ = o⟨t⟩ ⊙ tanh(c⟨t⟩)"}},
        "gru_names": {"r": {"en": "reset gate r⟨t⟩", "zh": "重置门 r⟨t⟩"},
                      "u": {"en": "update gate z⟨t⟩", "zh": "更新门 z⟨t⟩"},
                      "n": {"en": "candidate ã⟨t⟩", "zh": "候选状态 ã⟨t⟩"},
                      "a_prev": {"en": "a⟨t−1⟩", "zh": "a⟨t−1⟩"},
                      "u_a": {"en": "z⟨t⟩ ⊙ a⟨t−1⟩ (kept)", "zh": "z⟨t⟩ ⊙ a⟨t−1⟩（保留）"},
                      "n_mix": {"en": "+ (1 − z⟨t⟩) ⊙ ã⟨t⟩ (new)", "zh": "+ (1 − z⟨t⟩) ⊙ ã⟨t⟩（新）"},
                      "a": {"en": "= a⟨t⟩", "zh": "= a⟨t⟩"}},
        "mingru_names": _MIN_NAMES,
        "minlstm_names": _MIN_NAMES,
        "lru_names": {"r": {"en": "|λ| (decay per step)", "zh": "|λ|（每步衰减）"},
                      "a_prev": {"en": "Re a⟨t−1⟩", "zh": "Re a⟨t−1⟩"},
                      "lam_a": {"en": "Re(λ ⊙ a⟨t−1⟩)", "zh": "Re(λ ⊙ a⟨t−1⟩)"},
                      "bu": {"en": "+ Re(γ ⊙ B {x})", "zh": "+ Re(γ ⊙ B {x})"},
                      "a": {"en": "= Re a⟨t⟩", "zh": "= Re a⟨t⟩"}},
    },
    "saliency_figure": {
        "title": {"en": "Which inputs drive each output", "zh": "哪些输入驱动每个输出"},
        "x": {"en": "lag", "zh": "滞后"}, "y": {"en": "forecast", "zh": "预测"},
        "value": {"en": "|∂ŷ/∂x|", "zh": "|∂ŷ/∂x|"},
        "row": {"en": "forecast", "zh": "预测"}, "col": {"en": "lag", "zh": "滞后"},
    },
    "saliency_bars": {
        "title": {"en": "Average over all outputs", "zh": "对所有输出取平均"},
        "x": {"en": "lag", "zh": "滞后"}, "y": {"en": "mean |∂ŷ/∂x|", "zh": "平均 |∂ŷ/∂x|"},
        "col": {"en": "lag", "zh": "滞后"},
    },
    "memory_figure": {
        "title": {"en": "What the recurrence keeps vs what the loss asks for (layer {layer})",
                  "zh": "循环保留了什么，损失需要什么（第 {layer} 层）"},
        "x": _STEP, "y": {"en": "relative to step T (log scale)", "zh": "相对于第 T 步（对数坐标）"},
        "memory": {"en": "‖∂h<sub>T</sub>/∂h<sub>t</sub>‖ the recurrence",
                   "zh": "‖∂h<sub>T</sub>/∂h<sub>t</sub>‖ 循环"},
        "loss": {"en": "‖∂L/∂h<sub>t</sub>‖ / ‖∂L/∂h<sub>T</sub>‖ the loss",
                 "zh": "‖∂L/∂h<sub>t</sub>‖ / ‖∂L/∂h<sub>T</sub>‖ 损失"},
        "t": _T,
    },
    "singular_figure": {
        "title": {"en": "Singular values of the step Jacobian ∂h<sub>t</sub>/∂h<sub>t−1</sub> (layer {layer})",
                  "zh": "单步雅可比矩阵 ∂h<sub>t</sub>/∂h<sub>t−1</sub> 的奇异值（第 {layer} 层）"},
        "x": _STEP, "y": {"en": "singular value (log scale)", "zh": "奇异值（对数坐标）"},
        "max": {"en": "largest", "zh": "最大"}, "min": {"en": "smallest", "zh": "最小"},
        "mean": {"en": "geometric mean", "zh": "几何平均"}, "one": {"en": "1 = size kept", "zh": "1 = 大小不变"},
        "t": _T,
    },
    "lyapunov_figure": {
        "title": {"en": "Largest Lyapunov exponent of a free-running tanh RNN ({H} units)",
                  "zh": "自由运行的 tanh RNN 的最大李雅普诺夫指数（{H} 个单元）"},
        "x": {"en": "spectral radius ρ of W<sub>aa</sub>", "zh": "W<sub>aa</sub> 的谱半径 ρ"},
        "y": {"en": "λ per step", "zh": "每步的 λ"}, "curve": {"en": "λ(ρ)", "zh": "λ(ρ)"},
        "now": {"en": "ρ = {rho:g}: λ = {lam:.3f}", "zh": "ρ = {rho:g}：λ = {lam:.3f}"},
        "edge": {"en": "contraction ends ρ ≈ {rho:.2f}", "zh": "收缩结束 ρ ≈ {rho:.2f}"},
        "chaos": {"en": "chaos from ρ ≈ {rho:.2f}", "zh": "混沌始于 ρ ≈ {rho:.2f}"},
        "contracting": {"en": "contracting", "zh": "收缩"}, "edge_band": {"en": "edge", "zh": "边缘"},
        "chaotic": {"en": "chaotic", "zh": "混沌"},
        "band": {"en": "95 % interval over {k} starting states", "zh": "{k} 个初始状态上的 95% 区间"},
        "trained": {"en": "this run's W<sub>aa</sub>: ρ = {rho:.2f}", "zh": "本次运行的 W<sub>aa</sub>：ρ = {rho:.2f}"},
    },
}


def inside_labels(t, builder: str, /, **overrides) -> dict:
    """The ``labels`` dict of one builder of ``charts/inside.py`` in ``t.lang`` (or a language code)."""
    lang = t if isinstance(t, str) else getattr(t, "lang", "en")
    out: dict = {}
    for key, entry in CHART_TEXT[builder].items():
        if key.endswith("_names"):
            out[key] = {name: sub.get(lang) or sub["en"] for name, sub in entry.items()}
        else:
            out[key] = entry.get(lang) or entry["en"]
    out.update(overrides)
    return out
