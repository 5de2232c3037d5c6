"""Human labels of every choice of every config field, in English and Chinese.

Keys are ``opt.<field>.<value>`` for each value of a ``choices`` field in ``rnn_core.config``; the URL
keeps the values, the page shows these labels (``ui.labels.option_label``). A test checks that every
choice has a label in both languages.
"""

TEXT: dict[str, dict[str, str]] = {
    # task
    "opt.task.forecast": {"en": "Forecast the next value", "zh": "预测下一个值"},
    "opt.task.multistep": {"en": "Forecast several steps", "zh": "多步预测"},
    "opt.task.denoise": {"en": "Denoise a signal", "zh": "信号去噪"},
    "opt.task.classify": {"en": "Which waveform? (classification)", "zh": "哪种波形？（分类）"},
    "opt.task.adding": {"en": "Adding problem", "zh": "加法问题"},
    "opt.task.recall": {"en": "Delayed recall", "zh": "延迟回忆"},
    "opt.task.first_value": {"en": "Remember the first value", "zh": "记住第一个值"},
    # dataset
    "opt.dataset.air_passengers": {"en": "Airline passengers (1949–1960)", "zh": "航空旅客人数（1949–1960）"},
    "opt.dataset.sine": {"en": "Sine wave", "zh": "正弦波"},
    "opt.dataset.noisy_sine": {"en": "Noisy sine wave", "zh": "带噪声的正弦波"},
    "opt.dataset.trend_season": {"en": "Trend plus season", "zh": "趋势加季节"},
    "opt.dataset.square": {"en": "Square wave", "zh": "方波"},
    "opt.dataset.sawtooth": {"en": "Sawtooth wave", "zh": "锯齿波"},
    "opt.dataset.ar2": {"en": "AR(2) process", "zh": "AR(2) 过程"},
    "opt.dataset.random_walk": {"en": "Random walk", "zh": "随机游走"},
    "opt.dataset.csv": {"en": "Your CSV file", "zh": "你的 CSV 文件"},
    # transform
    "opt.transform.none": {"en": "No transform", "zh": "不变换"},
    "opt.transform.log": {"en": "Logarithm", "zh": "取对数"},
    "opt.transform.diff": {"en": "Difference", "zh": "差分"},
    "opt.transform.logdiff": {"en": "Log, then difference", "zh": "先取对数，再差分"},
    "opt.transform.seasonal": {"en": "Seasonal difference", "zh": "季节差分"},
    "opt.transform.logseasonal": {"en": "Log, then seasonal difference", "zh": "先取对数，再季节差分"},
    # scale
    "opt.scale.none": {"en": "No scaling", "zh": "不缩放"},
    "opt.scale.minmax": {"en": "Min–max to 0…1", "zh": "最小-最大缩放到 0…1"},
    "opt.scale.standard": {"en": "Standardise (mean 0, sd 1)", "zh": "标准化（均值 0，标准差 1）"},
    # cell
    "opt.cell.rnn": {"en": "RNN", "zh": "RNN"},
    "opt.cell.lstm": {"en": "LSTM", "zh": "LSTM"},
    "opt.cell.gru": {"en": "GRU", "zh": "GRU"},
    "opt.cell.scratch": {"en": "Elman (scratch)", "zh": "Elman（手写）"},
    "opt.cell.lru": {"en": "LRU", "zh": "LRU"},  # the linear recurrences: h.cell says what they are
    "opt.cell.mingru": {"en": "minGRU", "zh": "minGRU"},
    "opt.cell.minlstm": {"en": "minLSTM", "zh": "minLSTM"},
    # nonlinearity (tanh is the function's own name in both languages)
    "opt.nonlinearity.tanh": {"en": "tanh", "zh": "tanh"},
    "opt.nonlinearity.relu": {"en": "ReLU", "zh": "ReLU"},
    # init
    "opt.init.default": {"en": "PyTorch's uniform", "zh": "PyTorch 均匀分布"},
    "opt.init.orthogonal": {"en": "Orthogonal", "zh": "正交矩阵"},
    "opt.init.identity": {"en": "Identity (IRNN)", "zh": "单位矩阵（IRNN）"},
    "opt.init.spectral": {"en": "Scaled to radius ρ", "zh": "缩放到谱半径 ρ"},
    # optimizer
    "opt.optimizer.adam": {"en": "Adam", "zh": "Adam"},
    "opt.optimizer.sgd": {"en": "SGD", "zh": "SGD"},
    # words for numbers and run names
    "num.no_decay": {"en": "no decay", "zh": "不衰减"},
    "num.seconds": {"en": " (s)", "zh": "（秒）"},
    "run.subtitle": {"en": "{cell} · {layers} × {hidden} units · {data} · seed {seed}",
                     "zh": "{cell} · {layers} × {hidden} 个单元 · {data} · 随机种子 {seed}"},
    "run.layer": {"en": "{n} layer", "zh": "{n} 层"},
    "run.layers": {"en": "{n} layers", "zh": "{n} 层"},
    "run.lag": {"en": "{task}, lag {lag}", "zh": "{task}，滞后 {lag}"},
    "run.pin_label": {"en": "{subtitle} · learning rate {lr}", "zh": "{subtitle} · 学习率 {lr}"},
    # compare and lab tables
    "compare.subtitle": {"en": "five cells · {layers} × {hidden} units · {data} · seed {seed}",
                         "zh": "五种单元 · {layers} × {hidden} 个单元 · {data} · 随机种子 {seed}"},
    "compare.outcome": {"en": "{outcome}, best epoch {best} of {n}",
                        "zh": "{outcome}，最佳为第 {best} 轮（共 {n} 轮）"},
    "compare.stopped_help": {"en": "How training ended; the weights shown are those of the best validation epoch.",
                             "zh": "训练如何结束；展示的是验证损失最低那一轮的权重。"},
    "lab.col_cell": {"en": "Cell", "zh": "单元"},
    "lab.col_lag": {"en": "Lag", "zh": "滞后"},
    "lab.col_epochs": {"en": "Epochs", "zh": "轮数"},
    "lab.col_outcome": {"en": "Outcome", "zh": "结果"},
    "lab.outcome.completed": {"en": "all epochs", "zh": "完成全部轮次"},
    "lab.outcome.early stop": {"en": "early stop", "zh": "提前停止"},
    "lab.outcome.time budget": {"en": "time budget", "zh": "达到时间预算"},
    "lab.outcome.stopped": {"en": "stopped", "zh": "已停止"},
    "lab.outcome.diverged": {"en": "diverged", "zh": "发散"},
    "lab.outcome.loaded": {"en": "loaded", "zh": "已载入"},
    # how to read the gradient charts
    "read.grad": {"en": "How to read this: each point is how much the loss would change if h at that step "
                        "changed; a line falling toward early t means the network barely learns from early "
                        "inputs, a flat one that it reaches them (log axis: equal steps are equal factors).",
                  "zh": "怎么看：每个点表示若该时间步的 h 改变，损失会改变多少；曲线向较早的 t 下降，"
                        "说明网络几乎学不到早期输入，曲线平坦说明梯度能传到那里（对数坐标：相同间距代表相同倍数）。"},
    "read.grad_overlay": {"en": "How to read this: every line ends at 1 on the right (the last step). The "
                                "lower a line lies on the left, the less of the early inputs that cell can use.",
                          "zh": "怎么看：每条曲线在最右端（最后一步）都等于 1。曲线在左侧越低，"
                                "该单元能利用的早期输入就越少。"},
    "read.grad_evolution": {"en": "How to read this: one row per snapshot, oldest at the bottom; bright is a "
                                  "large gradient, dark a small one. Dark on the left means early steps "
                                  "receive almost no gradient.",
                            "zh": "怎么看：每行是一次快照，最早的在下方；亮色表示梯度大，暗色表示梯度小。"
                                  "左侧发暗说明早期时间步几乎得不到梯度。"},
    "read.grad_film": {"en": "How to read this: press play to watch the profile change epoch by epoch; the "
                             "dotted grey line is the first snapshot.",
                       "zh": "怎么看：点击播放，逐轮观察梯度分布的变化；灰色点线是第一个快照。"},
    "read.clipping": {"en": "How to read this: grey is the gradient norm before clipping, blue after; red "
                            "dots mark steps that were cut down to the dashed threshold.",
                      "zh": "怎么看：灰线是裁剪前的梯度范数，蓝线是裁剪后；红点标出被截断到虚线阈值的步。"},
    "read.spectrum_plain": {"en": "For a plain RNN, eigenvalues outside the unit circle let repeated "
                                  "multiplication grow (explode); inside, it shrinks (vanishes).",
                            "zh": "对普通 RNN 而言，单位圆外的特征值会让重复相乘不断增大（爆炸）；"
                                  "圆内则会缩小（消失）。"},
    "read.spectrum_gated": {"en": "For {cell}, the radius of W_hh alone does not decide: the gates scale every "
                                  "step, so a radius above 1 need not explode (see the gradient profile above).",
                            "zh": "对 {cell} 而言，仅凭 W_hh 的谱半径无法判断：门在每一步都会缩放信号，"
                                  "所以半径大于 1 也不一定爆炸（参见上方的梯度曲线）。"},
    "read.disk_lru": {"en": "LRU's recurrence is diag(λ) with |λ| = exp(−e^ν) < 1 for any weights: a direction of "
                            "the state shrinks by |λ| per step and never grows, so the gradient through the "
                            "recurrence cannot grow from step to step. How close to the circle λ sits sets how far "
                            "back it reaches (|λ|^k after k steps).",
                      "zh": "LRU 的循环矩阵是 diag(λ)，且对任何权重都有 |λ| = exp(−e^ν) < 1："
                            "状态的每个方向每步缩小为 |λ| 倍、从不增大，所以经由循环回传的梯度不会逐步增大。"
                            "λ 离单位圆多近，决定梯度能回传多远（k 步后为 |λ|^k）。"},
    "read.disk_min": {"en": "{cell}'s recurrence is diag(decay) with a real decay in (0, 1) that the input sets at "
                            "every step (1 − z for minGRU, f′ for minLSTM): each point is a unit's median over the "
                            "steps of up to 128 training windows, the bar its 10–90 % range. Inside the circle the "
                            "gradient through the recurrence cannot grow from step to step; near 1 it reaches far "
                            "back.",
                      "zh": "{cell} 的循环矩阵是 diag(衰减)，衰减是 (0, 1) 内的实数，每一步由输入决定"
                            "（minGRU 为 1 − z，minLSTM 为 f′）：每个点是一个单元在最多 128 个训练窗口所有步上的"
                            "中位数，横条是其 10–90 % 范围。在圆内，经由循环回传的梯度不会逐步增大；"
                            "越接近 1，回传得越远。"},
}
