"""UI strings of the pages that show runs (Home example, Data, Train, Hidden states, Gradients, Compare).

Merged into ``ui.text.TEXT``; same shape: key -> {"en": ..., "zh": ...}, placeholders in braces.
"""

from rnn_core.series import SERIES_NAMES

TEXT_RUNS: dict[str, dict[str, str]] = {
    # home example
    "home.example": {"en": "A trained example", "zh": "一个训练好的示例"},
    "home.example_caption": {
        "en": "A 2-layer LSTM forecasting airline passengers (1949–1960), trained in {s:.1f} s over {epochs} "
              "epochs. Holdout: the last 24 months — one-step error {mape:.1f} %, 24 months ahead {rec:.1f} %.",
        "zh": "一个两层 LSTM 预测航空旅客人数（1949–1960），训练 {epochs} 轮，用时 {s:.1f} 秒。"
              "留出最后 24 个月：单步误差 {mape:.1f} %，向前 24 个月的递归预测误差 {rec:.1f} %。"},
    "home.grad_title": {"en": "How far back the gradient reaches: ‖∂L/∂h<sub>t</sub>‖",
                        "zh": "梯度能回传多远：‖∂L/∂h<sub>t</sub>‖"},
    # shared run words
    "run.starting": {"en": "{label} starting…", "zh": "{label} 正在开始…"},
    "run.progress": {"en": "{label} epoch {epoch}/{epochs} · train {train:.4g} · val {val:.4g} · {s:.1f} s",
                     "zh": "{label} 第 {epoch}/{epochs} 轮 · 训练 {train:.4g} · 验证 {val:.4g} · {s:.1f} 秒"},
    "run.csv": {"en": "CSV", "zh": "CSV"},
    "run.downloads": {"en": "Downloads", "zh": "下载"},
    "run.forecast_csv": {"en": "Forecasts (CSV)", "zh": "预测（CSV）"},
    "run.json": {"en": "Run report (JSON)", "zh": "运行报告（JSON）"},
    "run.bundle": {"en": "Run bundle", "zh": "运行包"},
    "run.bundle_help": {"en": "Settings and trained weights in one file; upload it on the Train page to reopen.",
                        "zh": "设置与训练好的权重在一个文件中；在训练页上传即可重新打开。"},
    "stop.completed_one": {"en": "Trained its one epoch in {s:.2f} s.", "zh": "完成 1 轮训练，用时 {s:.2f} 秒。"},
    "run.forecast_cut": {"en": "The time budget ran out during the recursive forecast after {done} of {total} "
                               "points, so it has no metrics. Raise the time budget, or lower the test size or "
                               "the window.",
                         "zh": "递归预测进行到 {total} 个点中的第 {done} 个时用完了时间预算，因此没有它的指标。"
                               "请提高时间预算，或减小测试集大小或窗口长度。"},
    "run.no_forecast": {"en": "No forecast for this run. ({why})", "zh": "此运行没有预测。（{why}）"},
    "stop.completed": {"en": "Trained all {epoch} epochs in {s:.2f} s.",
                       "zh": "完成全部 {epoch} 轮训练，用时 {s:.2f} 秒。"},
    "stop.early stop": {"en": "Early stop after {epoch} epochs ({s:.2f} s); showing the best epoch, {best}.",
                        "zh": "第 {epoch} 轮提前停止（{s:.2f} 秒）；显示最佳的第 {best} 轮。"},
    "stop.time budget": {"en": "Time budget reached after {epoch} epochs; showing the best epoch, {best}.",
                         "zh": "达到时间预算，共 {epoch} 轮；显示最佳的第 {best} 轮。"},
    "stop.untrained": {"en": "Stopped before the first epoch ended ({s:.2f} s): these are the untrained "
                             "weights. Train again and let it run longer.",
                       "zh": "在第一轮结束前就停止了（{s:.2f} 秒）：显示的是未训练的权重。"
                             "请重新训练并让它多运行一会儿。"},
    "stop.budget_untrained": {"en": "The time budget ran out before the first epoch ended ({s:.2f} s): these are "
                                    "the untrained weights. Raise the time budget or choose a smaller run.",
                              "zh": "时间预算在第一轮结束前就用完了（{s:.2f} 秒）：显示的是未训练的权重。"
                                    "请提高时间预算或选择更小的运行。"},
    "stop.stopped": {"en": "Stopped after {epoch} epochs; the partial run is kept (best epoch {best}).",
                     "zh": "在第 {epoch} 轮停止；保留了这次未完成的运行（最佳为第 {best} 轮）。"},
    "stop.diverged": {"en": "Training diverged.", "zh": "训练发散了。"},
    "stop.loaded": {"en": "Loaded from a run bundle: trained weights, no training history.",
                    "zh": "从运行包载入：有训练好的权重，没有训练历史。"},
    # metrics
    "met.one_step": {"en": "One-step MAPE", "zh": "单步 MAPE"},
    "met.one_step_help": {"en": "Each test month predicted from the true months before it.",
                          "zh": "每个测试月份都由它之前的真实数据预测。"},
    "met.recursive": {"en": "Recursive MAPE", "zh": "递归 MAPE"},
    "met.recursive_help": {"en": "All {n} test points forecast from the start of the test, feeding predictions back.",
                           "zh": "从测试期开始处预测全部 {n} 个点，把预测值作为下一步输入。"},
    "met.val_loss": {"en": "Validation loss", "zh": "验证损失"},
    "met.accuracy": {"en": "Validation accuracy", "zh": "验证准确率"},
    "met.baseline": {"en": "Trivial baseline", "zh": "平凡基线"},
    "met.baseline_help": {"en": "Validation loss of always answering the {name}.",
                          "zh": "始终给出同一个答案（{name}）时的验证损失。"},
    "met.time": {"en": "Training time", "zh": "训练时间"},
    "met.epochs": {"en": "Best / epochs", "zh": "最佳轮 / 总轮数"},
    "met.epochs_help": {"en": "The weights shown are those of the best validation epoch.",
                        "zh": "展示的是验证损失最低那一轮的权重。"},
    # units
    "unit.air_passengers": {"en": "passengers (thousands)", "zh": "旅客人数（千人）"},
    "unit.csv": {"en": "value", "zh": "数值"},
    **{f"unit.{k}": {"en": "value", "zh": "数值"} for k in SERIES_NAMES},
    # train page
    "train.caption": {"en": "Choose the data, model and training in the sidebar, then press Train. The same "
                            "settings and seed always give the same numbers.",
                      "zh": "在侧边栏选择数据、模型和训练方式，然后点击训练。相同的设置和随机种子总会得到相同的结果。"},
    "train.go": {"en": "Train", "zh": "训练"},
    "train.stop": {"en": "Stop", "zh": "停止"},
    "train.stop_help": {"en": "Stops within about a second and keeps the best epoch trained so far.",
                        "zh": "约一秒内停止，并保留到目前为止最好的一轮。"},
    "train.forecast_title": {"en": "Forecast vs truth on the holdout", "zh": "留出期的预测与真实值"},
    "train.loss_title": {"en": "Loss per epoch", "zh": "每轮的损失"},
    "train.metrics": {"en": "Against the classic baselines", "zh": "与经典基线对比"},
    "train.metrics_caption": {
        "en": "Errors on the last {n} points in the data's own units. Naive repeats the last value, seasonal naive "
              "the value one season ago; SARIMA is the classic airline model (0,1,1)(0,1,1)₁₂.",
        "zh": "在最后 {n} 个点上、以原始单位计算的误差。朴素法重复上一个值，季节朴素法重复上一季同期的值；"
              "SARIMA 是经典的航空模型 (0,1,1)(0,1,1)₁₂。"},
    "train.load": {"en": "Open a run bundle", "zh": "打开运行包"},
    "train.bundle_upload": {"en": "Run bundle (.pt)", "zh": "运行包（.pt）"},
    "train.bundle_loaded": {"en": "Opened {name}: its settings are in the sidebar and its weights are shown.",
                            "zh": "已打开 {name}：设置已填入侧边栏，并展示其权重。"},
    # views
    "view.no_run": {"en": "Nothing trained with these settings yet: train it on the Train page first.",
                    "zh": "这些设置还没有训练过：请先到训练页训练。"},
    "view.split": {"en": "Windows from", "zh": "窗口来自"},
    "view.window": {"en": "Window", "zh": "窗口"},
    # data page
    "data.caption": {"en": "What the network is given: the series, its transform, the windows and the split in time.",
                     "zh": "网络的输入是什么：序列、变换、滑动窗口以及按时间划分的数据集。"},
    "data.upload": {"en": "Use your own series (CSV)", "zh": "使用自己的序列（CSV）"},
    "data.upload_label": {"en": "CSV file", "zh": "CSV 文件"},
    "data.upload_help": {"en": "One numeric column, optionally a date column; at most 5 MB and 100,000 rows.",
                         "zh": "一列数值，可选一列日期；最大 5 MB、10 万行。"},
    "data.upload_ok": {"en": "Loaded {name}: {n} values. The series is now your CSV file.",
                       "zh": "已载入 {name}：{n} 个数值。序列已切换为你的 CSV 文件。"},
    "data.csv_share_note": {"en": "An uploaded series stays in this browser session: a share link carries the "
                                  "settings, not the file.",
                            "zh": "上传的序列只保存在本次浏览器会话中：分享链接只包含设置，不包含文件。"},
    "data.points": {"en": "Points", "zh": "数据点"},
    "data.points_short": {"en": "points", "zh": "个点"},
    "data.windows": {"en": "windows", "zh": "个窗口"},
    "data.sequences": {"en": "sequences", "zh": "条序列"},
    "data.train": {"en": "Train", "zh": "训练集"},
    "data.val": {"en": "Validation", "zh": "验证集"},
    "data.test": {"en": "Test", "zh": "测试集"},
    "data.split_title": {"en": "The series and its chronological split", "zh": "序列及其按时间的划分"},
    "data.z_title": {"en": "What the network sees: transformed and scaled", "zh": "网络看到的数据：变换并缩放之后"},
    "data.z": {"en": "scaled value", "zh": "缩放后的值"},
    "data.value": {"en": "value", "zh": "数值"},
    "data.t": {"en": "time step t", "zh": "时间步 t"},
    "data.window_pick": {"en": "Training window", "zh": "训练窗口"},
    "data.window_title": {"en": "One training example: T = {T} steps in, the next value out",
                          "zh": "一个训练样本：输入 T = {T} 步，输出下一个值"},
    "data.window": {"en": "input window", "zh": "输入窗口"},
    "data.target": {"en": "target", "zh": "目标"},
    "data.samples_title": {"en": "Example sequences", "zh": "示例序列"},
    "data.sample": {"en": "sample {i}: target {y}", "zh": "样本 {i}：目标 {y}"},
    "task.classify": {"en": "**Which waveform?** Many-to-one classification: sine, square, sawtooth or triangle.",
                      "zh": "**哪种波形？** 多对一分类：正弦波、方波、锯齿波或三角波。"},
    "task.denoise": {"en": "**Denoise.** Many-to-many aligned: the clean signal at every step from a noisy one.",
                     "zh": "**去噪。** 对齐的多对多：在每个时间步由含噪信号恢复干净信号。"},
    "task.adding": {"en": "**Adding problem.** Two values in a long sequence are marked; answer their sum at the end.",
                    "zh": "**加法问题。** 长序列中有两个数被标记；在末尾给出它们的和。"},
    "task.recall": {"en": "**Delayed recall.** At the end, output the value seen a lag of steps earlier.",
                    "zh": "**延迟回忆。** 在末尾输出若干步（滞后长度）之前看到的那个值。"},
    "task.first_value": {"en": "**Remember the first value.** Was the first input positive or negative?",
                         "zh": "**记住第一个值。** 第一个输入是正还是负？"},
    "task.forecast": {"en": "", "zh": ""},
    "task.multistep": {"en": "", "zh": ""},
    # hidden states
    "hidden.caption": {"en": "Every hidden unit of every layer over the time steps of one window. Red is "
                             "positive, blue negative, white zero.",
                       "zh": "一个窗口内，每一层每个隐藏单元随时间步的取值。红色为正，蓝色为负，白色为零。"},
    "hidden.reading": {"en": "{cell}: {L} × {H} units (layers × units per layer) over {T} time steps.",
                       "zh": "{cell}：{L} 层 × {H} 个单元，共 {T} 个时间步。"},
    "hidden.lru_note": {"en": "LRU's state x_t is complex: the charts show its real part Re x_t; the CSV also has "
                               "Im x_t (column h_imag). The gradient pages use both parts together.",
                         "zh": "LRU 的状态 x_t 是复数：图中显示其实部 Re x_t；CSV 中另有虚部 Im x_t（h_imag 列）。"
                               "梯度页面同时使用实部和虚部。"},
    "hidden.tab_states": {"en": "Hidden states", "zh": "隐藏状态"},
    "hidden.tab_gates": {"en": "Gates", "zh": "门"},
    "hidden.tab_units": {"en": "Single units", "zh": "单个单元"},
    "hidden.states_title": {"en": "Hidden states h<sub>t</sub> per layer", "zh": "每层的隐藏状态 h<sub>t</sub>"},
    "hidden.no_gates": {"en": "A plain RNN has no gates: choose LSTM or GRU to see them.",
                        "zh": "普通 RNN 没有门：选择 LSTM 或 GRU 即可看到。"},
    "hidden.layer": {"en": "Layer", "zh": "层"},
    "hidden.units": {"en": "Units", "zh": "单元"},
    "hidden.saturation_caption": {"en": "Over {n} windows: how often each unit's gate is nearly closed (< 0.1) or "
                                        "fully open (> 0.9).",
                                  "zh": "基于 {n} 个窗口：每个单元的门几乎关闭（< 0.1）或完全打开（> 0.9）的比例。"},
    "hidden.saturation_lstm": {"en": "A forget gate f that stays open keeps the cell state: it holds information.",
                               "zh": "长时间打开的遗忘门 f 会保留细胞状态，从而保存信息。"},
    "hidden.saturation_gru": {"en": "A GRU has a reset gate r and an update gate z; an update gate that stays open "
                                    "(z near 1) copies the previous state forward: it holds information.",
                              "zh": "GRU 有重置门 r 和更新门 z；长时间打开（z 接近 1）的更新门"
                                    "会把上一步的状态原样传下去，从而保存信息。"},
    # gradients
    "grad.caption": {"en": "‖∂L/∂h_t‖: how much the training loss changes when the hidden state at step t "
                           "changes — through every later step. Where it falls toward early t, the network "
                           "cannot learn from early inputs.",
                     "zh": "‖∂L/∂h_t‖：第 t 步隐藏状态变化时训练损失的变化量——经过之后的每一步传递。"
                           "若它在较早的时间步迅速下降，网络就无法从早期输入中学习。"},
    "grad.profile_title": {"en": "‖∂L/∂h<sub>t</sub>‖ per time step (loss on {n} training windows)",
                           "zh": "每个时间步的 ‖∂L/∂h<sub>t</sub>‖（{n} 个训练窗口上的损失）"},
    "grad.horizon_vanishes": {"en": "Memory horizon of layer {L}: τ ≈ {tau:.3g} steps (the gradient shrinks by e "
                                    "every τ steps back).",
                              "zh": "第 {L} 层的记忆范围：τ ≈ {tau:.3g} 步（每向前回溯 τ 步，梯度缩小为 1/e）。"},
    "grad.horizon_flat": {"en": "Layer {L}: the gradient neither shrinks nor grows going back — it carries the whole "
                                "window (memory horizon beyond the window).",
                          "zh": "第 {L} 层：梯度向前回溯时既不缩小也不增大——它能传遍整个窗口（记忆范围超出窗口）。"},
    "grad.horizon_explodes": {"en": "Layer {L}: going back, the gradient grows by e every {growth:.3g} steps; over "
                                    "many more steps such growth would explode.",
                              "zh": "第 {L} 层：向前回溯时，梯度每 {growth:.3g} 步增大 e 倍；"
                                    "若步数更多，这种增长就会爆炸。"},
    "grad.horizon_undefined": {"en": "Layer {L}: no memory horizon can be fitted (no finite gradient).",
                               "zh": "第 {L} 层：无法拟合记忆范围（梯度不是有限值）。"},
    "grad.evolution": {"en": "How the gradient profile evolves during training", "zh": "训练过程中梯度分布的变化"},
    "grad.heatmap": {"en": "Epochs × time steps", "zh": "轮次 × 时间步"},
    "grad.film": {"en": "Film strip", "zh": "逐帧播放"},
    "grad.no_snapshots": {"en": "No snapshots: set 'snapshot every' above 0 and train again.",
                          "zh": "没有快照：把“快照间隔”设为大于 0 后重新训练。"},
    "grad.clipping": {"en": "Gradient clipping", "zh": "梯度裁剪"},
    "grad.clipped": {"en": "{k} of {n} steps were clipped at {clip:g}.",
                     "zh": "{n} 步中有 {k} 步在 {clip:g} 处被裁剪。"},
    "grad.spectrum": {"en": "Eigenvalues of W_hh", "zh": "W_hh 的特征值"},
    "grad.disk": {"en": "Eigenvalues on the unit disk", "zh": "单位圆盘上的特征值"},
    "grad.spectrum_caption": {"en": "Outside the unit circle, repeated multiplication grows (explodes); inside, "
                                    "it shrinks (vanishes).",
                              "zh": "在单位圆外，重复相乘会增大（爆炸）；在圆内则会缩小（消失）。"},
    # compare
    "compare.caption": {"en": "The settings in the sidebar, run once with each cell: same data, same seed.",
                        "zh": "使用侧边栏的设置，每种单元各运行一次：相同的数据，相同的随机种子。"},
    "compare.go": {"en": "Train RNN, LSTM, GRU, LRU and minGRU", "zh": "训练 RNN、LSTM、GRU、LRU 和 minGRU"},
    "compare.none": {"en": "Press the button to train all five cells with these settings.",
                     "zh": "点击按钮，用这些设置训练五种单元。"},
    "compare.partial": {"en": "Not trained yet: {cells}.", "zh": "尚未训练：{cells}。"},
    "compare.cell": {"en": "Cell", "zh": "单元"},
    "compare.stopped": {"en": "Outcome", "zh": "结果"},
    "compare.grad_caption": {"en": "Each profile divided by its value at the last step, so the decay is comparable.",
                             "zh": "每条曲线都除以最后一步的值，以便比较衰减速度。"},
    # long-range lab
    "lab.caption": {"en": "A plain RNN cannot carry information across many time steps; LSTM and GRU can. LRU and "
                          "minGRU are linear recurrences that train as a parallel scan. Pick a lag task and a lag, "
                          "train all five cells the same way, and find where each one breaks.",
                    "zh": "普通 RNN 无法把信息传递过很多个时间步，而 LSTM 和 GRU 可以。"
                          "LRU 和 minGRU 是可用并行扫描训练的线性循环。"
                          "选择一个滞后任务和滞后长度，用相同方式训练五种单元，找出各自在哪里失效。"},
    "f.lab_task": {"en": "Lag task", "zh": "滞后任务"},
    "h.lab_task": {"en": "Adding problem: the sum of two marked values; delayed recall: the value seen a lag ago; "
                         "remember the first value: the sign of the first input.",
                   "zh": "加法问题：两个被标记数之和；延迟回忆：一个滞后之前看到的值；"
                         "记住第一个值：第一个输入的正负。"},
    "f.lab_lag": {"en": "Lag (time steps)", "zh": "滞后（时间步）"},
    "h.lab_lag": {"en": "How far back the answer lies.", "zh": "答案位于多少步之前。"},
    "f.lab_epochs": {"en": "Epochs", "zh": "训练轮数"},
    "h.lab_epochs": {"en": "The same for every cell, so results are reproducible on any machine.",
                     "zh": "每种单元相同，因此在任何机器上结果都可复现。"},
    "f.lab_seed": {"en": "Seed", "zh": "随机种子"},
    "h.lab_seed": {"en": "Weights, data order and data: the same seed gives the same numbers.",
                   "zh": "决定权重、数据顺序和数据：相同的种子得到相同的结果。"},
    "lab.tab_compare": {"en": "Cells side by side", "zh": "单元对比"},
    "lab.tab_sweep": {"en": "Lag sweep", "zh": "滞后扫描"},
    "lab.tab_init": {"en": "Initialisation & clipping", "zh": "初始化与梯度裁剪"},
    "lab.tab_history": {"en": "Run history", "zh": "运行记录"},
    "lab.go": {"en": "Train the five cells", "zh": "训练五种单元"},
    "lab.none": {"en": "Press the button: RNN, LSTM, GRU, LRU and minGRU train on the same data and seed at lag {lag}.",
                 "zh": "点击按钮：RNN、LSTM、GRU、LRU 和 minGRU 将在滞后 {lag} 下用相同数据和种子训练。"},
    "lab.waiting": {"en": "{cell}: waiting", "zh": "{cell}：等待中"},
    "lab.progress": {"en": "{cell}: epoch {epoch}/{epochs} · val {val:.4g} · {s:.1f} s",
                     "zh": "{cell}：第 {epoch}/{epochs} 轮 · 验证 {val:.4g} · {s:.1f} 秒"},
    "lab.val": {"en": "Validation loss", "zh": "验证损失"},
    "lab.baseline": {"en": "Trivial baseline", "zh": "平凡基线"},
    "lab.ratio": {"en": "Val / baseline", "zh": "验证损失 / 基线"},
    "lab.horizon": {"en": "Memory horizon τ (steps)", "zh": "记忆范围 τ（步）"},
    "lab.profiles_title": {"en": "Gradient reaching back from the answer, with fitted memory horizons",
                           "zh": "从答案处回传的梯度，以及拟合的记忆范围"},
    "lab.cell_pick": {"en": "Look inside", "zh": "查看"},
    "lab.lags": {"en": "Lags", "zh": "滞后列表"},
    "lab.lags_help": {"en": "Comma-separated, 2 to 200; up to 8 lags.", "zh": "用逗号分隔，2 到 200，最多 8 个。"},
    "lab.sweep_go": {"en": "Run the sweep", "zh": "开始扫描"},
    "lab.sweep_none": {"en": "The sweep trains {n} models; about a minute with the default ladder.",
                       "zh": "扫描将训练 {n} 个模型；默认设置约需一分钟。"},
    "lab.sweep_start": {"en": "Starting the sweep…", "zh": "正在开始扫描…"},
    "lab.sweep_progress": {"en": "{cell} at lag {lag} · {k} of {n} runs done",
                           "zh": "{cell}，滞后 {lag} · 已完成 {k}/{n}"},
    "lab.init_intro": {"en": "A vanilla RNN multiplies the gradient by W_hh (and tanh') at every step back. With "
                             "all eigenvalues inside the unit circle (ρ < 1) it vanishes; outside (ρ > 1) it can "
                             "explode. ReLU with the identity (IRNN) carries further.",
                       "zh": "普通 RNN 每向前回溯一步，梯度都要乘以 W_hh（以及 tanh'）。"
                             "特征值都在单位圆内（ρ < 1）时梯度消失；"
                             "在圆外（ρ > 1）时可能爆炸。ReLU 配合单位矩阵初始化（IRNN）能传得更远。"},
    "lab.at_init": {"en": "‖∂L/∂h<sub>t</sub>‖ at initialisation", "zh": "初始化时的 ‖∂L/∂h<sub>t</sub>‖"},
    "lab.after_training": {"en": "‖∂L/∂h<sub>t</sub>‖ after training", "zh": "训练后的 ‖∂L/∂h<sub>t</sub>‖"},
    "lab.init_go": {"en": "Train this RNN", "zh": "训练这个 RNN"},
    "lab.lr_help": {"en": "Adam's learning rate. With ReLU and ρ > 1, a large one (1.0) makes the weights blow up: "
                          "watch the NaN guard stop the run.",
                    "zh": "Adam 的学习率。在 ReLU 且 ρ > 1 时，较大的学习率（1.0）会使权重爆炸："
                          "观察 NaN 保护如何停止训练。"},
    "lab.no_clip": {"en": "Clipping is off.", "zh": "未开启梯度裁剪。"},
    # run history
    "pin.add": {"en": "Pin to run history", "zh": "加入运行记录"},
    "pin.help": {"en": "Keep this run's curves to overlay with others (up to {n}).",
                 "zh": "保存此次运行的曲线，与其他运行叠加比较（最多 {n} 个）。"},
    "pin.done": {"en": "Pinned.", "zh": "已加入。"},
    "pin.full": {"en": "The run history holds {n} runs: clear it first.", "zh": "运行记录最多 {n} 个：请先清空。"},
    "pin.none": {"en": "No pinned runs yet: use 'Pin to run history' on the Train page or in the lab.",
                 "zh": "还没有记录：在训练页或实验中点击“加入运行记录”。"},
    "pin.clear": {"en": "Clear the run history", "zh": "清空运行记录"},
    "pin.title": {"en": "Run history", "zh": "运行记录"},
}
