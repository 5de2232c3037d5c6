"""UI strings of the long-range lab's settings, seed spread and forget-gate bias (en / zh).

``TEXT`` merges into ``ui.text.TEXT``; ``CHART_TEXT_LAB`` into ``ui.text_charts.CHART_TEXT`` (the
label tables of ``charts.lab_seeds``). Neither imports the tables it extends.
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # settings: the forget-gate bias on the Train page (ModelConfig) and in the lab (LabConfig)
    "f.forget_bias": {"en": "Forget-gate bias", "zh": "遗忘门偏置"},
    "h.forget_bias": {"en": "LSTM only: the forget gate's starting bias (b_ih + b_hh). 0 keeps PyTorch's random "
                            "biases, so f ≈ σ(0) = 0.5; 1 (Keras' default; Gers et al. 2000, Jozefowicz et al. "
                            "2015) starts f ≈ 0.73, so the cell keeps more of its state and the gradient reaches "
                            "further back.",
                      "zh": "仅用于 LSTM：遗忘门的初始偏置（b_ih + b_hh）。0 保留 PyTorch 的随机偏置，f ≈ σ(0) = 0.5；"
                            "1（Keras 的默认值；Gers 等 2000，Jozefowicz 等 2015）使 f 从约 0.73 开始，"
                            "单元保留更多状态，梯度能传得更远。"},
    "f.lab_forget_bias": {"en": "LSTM forget-gate bias", "zh": "LSTM 遗忘门偏置"},
    "h.lab_forget_bias": {"en": "The LSTM's forget gate starts at σ(bias): 0 is PyTorch's default (0.5), 1 Keras' "
                                "(0.73). See the Initialisation tab for its effect before training.",
                          "zh": "LSTM 的遗忘门从 σ(偏置) 开始：0 是 PyTorch 的默认值（0.5），1 是 Keras 的（0.73）。"
                                "它在训练前的效果见“初始化”标签页。"},
    "h.lab_task": {"en": "Adding problem: the sum of two marked values; recall a value: the input seen lag steps "
                         "ago; sign of the first value: whether the first input was positive.",
                   "zh": "加法问题：两个被标记数之和；回忆数值：lag 步之前的输入；"
                         "第一个值的正负：第一个输入是否为正。"},
    "h.lab_seed": {"en": "Seeds the weights and the batch order (the data stay the same): the same seed gives the "
                         "same numbers.",
                   "zh": "决定权重和批次顺序（数据不变）：相同的种子得到相同的结果。"},
    "h.lab_epochs": {"en": "The same for every cell, so results are reproducible on any machine. A cell that has "
                           "solved the task (loss below 2 % of the baseline for 3 epochs) stops early.",
                     "zh": "每种单元相同，因此在任何机器上结果都可复现。已经解决任务的单元"
                           "（损失连续 3 轮低于基线的 2%）会提前停止。"},
    "f.lab_lags": {"en": "Lags", "zh": "滞后列表"},
    "h.lab_lags": {"en": "Comma-separated, 2 to 200; up to 8 lags.", "zh": "用逗号分隔，2 到 200，最多 8 个。"},
    "f.lab_init": {"en": "Recurrent weight init", "zh": "循环权重初始化"},
    "h.lab_init": {"en": "How the RNN's W_hh starts: PyTorch's default, orthogonal, identity, or scaled to a "
                         "spectral radius.",
                   "zh": "RNN 的 W_hh 如何开始：PyTorch 默认、正交、单位矩阵，或缩放到给定谱半径。"},
    "f.lab_rho": {"en": "Spectral radius ρ", "zh": "谱半径 ρ"},
    "h.lab_rho": {"en": "Largest |eigenvalue| of W_hh at the start; above 1 tends to explode.",
                  "zh": "初始时 W_hh 的最大 |特征值|；大于 1 容易爆炸。"},
    "f.lab_act": {"en": "Activation", "zh": "激活函数"},
    "h.lab_act": {"en": "tanh squashes every step; ReLU does not, so with ρ > 1 it can blow up.",
                  "zh": "tanh 每一步都会压缩；ReLU 不会，因此 ρ > 1 时可能爆炸。"},
    "f.lab_clip": {"en": "Gradient clipping", "zh": "梯度裁剪"},
    "h.lab_clip": {"en": "Largest gradient norm per step; 0 turns clipping off.",
                   "zh": "每步梯度范数的上限；0 表示不裁剪。"},
    "f.lab_lr": {"en": "Learning rate", "zh": "学习率"},
    "h.lab_lr": {"en": "Adam's learning rate. With ReLU and ρ > 1, a large one (1.0) makes the weights blow up: "
                       "watch the NaN guard stop the run.",
                 "zh": "Adam 的学习率。在 ReLU 且 ρ > 1 时，较大的学习率（1.0）会使权重爆炸："
                       "观察 NaN 保护如何停止训练。"},
    "opt.lab_task.adding": {"en": "Adding problem", "zh": "加法问题"},
    "opt.lab_task.recall": {"en": "Recall a value", "zh": "回忆数值"},
    "opt.lab_task.first_value": {"en": "Sign of the first value", "zh": "第一个值的正负"},
    "opt.lab_init.default": {"en": "PyTorch default", "zh": "PyTorch 默认"},
    "opt.lab_init.orthogonal": {"en": "Orthogonal", "zh": "正交"},
    "opt.lab_init.identity": {"en": "Identity", "zh": "单位矩阵"},
    "opt.lab_init.spectral": {"en": "Spectral radius ρ", "zh": "指定谱半径 ρ"},
    "opt.lab_act.tanh": {"en": "tanh", "zh": "tanh"},
    "opt.lab_act.relu": {"en": "ReLU", "zh": "ReLU"},
    "lab.lags_bad": {"en": "Lags: write 1 to 8 whole numbers between 2 and 200, separated by commas, e.g. 5, 10, 20, "
                           "40, 80.",
                     "zh": "滞后列表：请写 1 到 8 个 2 到 200 之间的整数，用逗号分隔，例如 5, 10, 20, 40, 80。"},
    # the comparison and its seed
    "lab.seed_line": {"en": "Seed {seed}: it sets the initial weights and the batch order. One seed can be lucky; "
                            "run {n} seeds to see the spread.",
                      "zh": "种子 {seed}：它决定初始权重和批次顺序。一个种子可能只是运气好；运行 {n} 个种子看看分布。"},
    "lab.subtitle": {"en": "{task} · lag {lag} · seed {seed} · up to {epochs} epochs",
                     "zh": "{task} · 滞后 {lag} · 种子 {seed} · 最多 {epochs} 轮"},
    "lab.epochs_col": {"en": "Epochs", "zh": "轮数"},
    "lab.seconds_col": {"en": "Time (s)", "zh": "时间（秒）"},
    "lab.no_decay": {"en": "∞ (no decay)", "zh": "∞（不衰减）"},
    "lab.seeds_go": {"en": "Run {n} seeds", "zh": "运行 {n} 个种子"},
    "lab.seeds_help": {"en": "Train the comparison again with seeds {first}–{last} and draw how far the results "
                             "spread.",
                       "zh": "用种子 {first}–{last} 重新训练这次对比，并画出结果的分布。"},
    "lab.seeds_progress": {"en": "Seed {seed} · {cell} · {k} of {n} runs done",
                           "zh": "种子 {seed} · {cell} · 已完成 {k}/{n}"},
    "lab.seeds_title": {"en": "Seeds {first}–{last}", "zh": "种子 {first}–{last}"},
    "lab.seeds_solved": {"en": "Learnt (test below {solved:g})", "zh": "学会（测试低于 {solved:g}）"},
    "lab.seeds_test_ratio": {"en": "Test loss / baseline: median (range)", "zh": "测试损失 / 基线：中位数（范围）"},
    "lab.test_ratio": {"en": "Test / baseline", "zh": "测试损失 / 基线"},
    "lab.solved_col": {"en": "Learnt (test < {solved:g})", "zh": "学会（测试 < {solved:g}）"},
    "lab.verdict_note": {
        "en": "The validation split picks each cell's best epoch and its early stop, so its ratio is not a held-out "
              "figure. The verdict reads the test split, which took no part in training: learnt when the test loss "
              "is below {solved:g} × the trivial baseline on the test split.",
        "zh": "验证集用于挑选每种单元的最佳轮次和提前停止，因此它的比值不是留出数据上的结果。"
              "结论看测试集——它不参与训练：测试损失低于测试集上平凡基线的 {solved:g} 倍，即为学会。"},
    "lab.seeds_of": {"en": "{k} of {n}", "zh": "{k}/{n}"},
    "lab.seeds_ratio": {"en": "Val loss / baseline: median (range)", "zh": "验证损失 / 基线：中位数（范围）"},
    "lab.seeds_horizon": {"en": "Memory horizon τ: median (range)", "zh": "记忆范围 τ：中位数（范围）"},
    "lab.seeds_reach": {"en": "‖∂L/∂h₁‖ / ‖∂L/∂h_T‖: median (range)", "zh": "‖∂L/∂h₁‖ / ‖∂L/∂h_T‖：中位数（范围）"},
    # the forget-gate bias in the initialisation lab
    "lab.fb_title": {"en": "LSTM: the forget-gate bias before training", "zh": "LSTM：训练前的遗忘门偏置"},
    "lab.fb_line": {"en": "Back through the cell state the gradient is multiplied by the forget gate f at every "
                          "step: a bias of 0 starts f near 0.5, a bias of 1 near 0.73, so before any training the "
                          "gradient reaches much further back.",
                    "zh": "沿着细胞状态往回传时，梯度每一步都要乘以遗忘门 f：偏置为 0 时 f 约为 0.5，偏置为 1 时约为 "
                          "0.73，因此在训练之前梯度就能传得更远。"},
    "lab.fb_profiles": {"en": "LSTM ‖∂L/∂h<sub>t</sub>‖ at initialisation, by forget-gate bias",
                        "zh": "初始化时的 LSTM ‖∂L/∂h<sub>t</sub>‖，按遗忘门偏置"},
    "lab.fb_label": {"en": "forget bias {b:g}", "zh": "遗忘门偏置 {b:g}"},
    "lab.fb_reach": {"en": "‖∂L/∂h₁‖ / ‖∂L/∂h_T‖ at initialisation: {values}.",
                     "zh": "初始化时的 ‖∂L/∂h₁‖ / ‖∂L/∂h_T‖：{values}。"},
}

CHART_TEXT_LAB: dict[str, dict[str, dict[str, str]]] = {
    "seed_ratio_figure": {
        "title": {"en": "Validation loss / trivial baseline on each seed", "zh": "每个种子的验证损失 / 平凡基线"},
        "y": {"en": "validation loss / trivial baseline", "zh": "验证损失 / 平凡基线"},
        "seed": {"en": "seed", "zh": "种子"},
        "median": {"en": "median", "zh": "中位数"},
        "baseline": {"en": "no better than the trivial answer", "zh": "不比平凡答案更好"},
        "learnt": {"en": "learnt (below {solved:g})", "zh": "学会（低于 {solved:g}）"},
        "empty": {"en": "No seeds run yet", "zh": "还没有运行种子"},
    },
    "seed_horizon_figure": {
        "title": {"en": "Memory horizon τ on each seed: median and range", "zh": "每个种子的记忆范围 τ：中位数与范围"},
        "y": {"en": "memory horizon τ (steps)", "zh": "记忆范围 τ（步）"},
        "seed": {"en": "seed", "zh": "种子"},
        "median": {"en": "median", "zh": "中位数"},
        "range": {"en": "range", "zh": "范围"},
        "inf": {"en": "∞ (no decay)", "zh": "∞（不衰减）"},
        "lag": {"en": "lag {lag}", "zh": "滞后 {lag}"},
        "empty": {"en": "No seeds run yet", "zh": "还没有运行种子"},
    },
}
