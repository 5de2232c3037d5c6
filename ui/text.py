"""Every UI string of every page, keyed by id, in English ("en") and Simplified Chinese ("zh").

Placeholders in braces are filled by ``t(key, **values)``. Setting labels are ``f.<field>`` and
their help texts ``h.<field>``, one per RunConfig field.
"""

LANGS = ("en", "zh")
LANG_LABELS = {"en": "EN", "zh": "中文"}

TEXT: dict[str, dict[str, str]] = {
    # app and navigation
    "app.name": {"en": "RNN Playground", "zh": "RNN 实验场"},
    "app.tagline": {"en": "See how a recurrent network learns", "zh": "看循环神经网络如何学习"},
    "lang.label": {"en": "Language", "zh": "语言"},
    "nav.label": {"en": "Pages", "zh": "页面"},
    "nav.home": {"en": "Home", "zh": "首页"},
    "nav.data": {"en": "Data", "zh": "数据"},
    "nav.train": {"en": "Train", "zh": "训练"},
    "nav.hidden": {"en": "Hidden states", "zh": "隐藏状态"},
    "nav.gradients": {"en": "Gradients", "zh": "梯度"},
    "nav.compare": {"en": "Compare", "zh": "对比"},
    "nav.lab": {"en": "Long-range lab", "zh": "长程依赖实验"},
    "nav.learn": {"en": "Learn", "zh": "学习"},
    "desc.data": {"en": "Pick a series or a task; see it raw, scaled and cut into windows.",
                  "zh": "选择序列或任务，查看原始数据、缩放后的数据和滑动窗口。"},
    "desc.train": {"en": "Train a network and watch the loss and forecasts update live.",
                   "zh": "训练网络，实时观察损失和预测的变化。"},
    "desc.hidden": {"en": "Heatmaps of every hidden unit over time, and the LSTM/GRU gates.",
                    "zh": "每个隐藏单元随时间变化的热图，以及 LSTM/GRU 的门。"},
    "desc.gradients": {"en": "How strongly the loss reaches back to each time step.",
                       "zh": "损失对每个时间步的影响有多强（梯度范数）。"},
    "desc.compare": {"en": "RNN, LSTM, GRU, LRU and minGRU on the same data and seed, side by side.",
                     "zh": "相同数据和随机种子下，RNN、LSTM、GRU、LRU 与 minGRU 并排对比。"},
    "desc.lab": {"en": "Lag tasks with a lag slider: find where each cell stops remembering.",
                 "zh": "带滞后滑块的记忆任务：找出每种单元在多远处开始遗忘。"},
    "desc.learn": {"en": "The ideas: RNN kinds, the recurrence, activations, vanishing gradients.",
                   "zh": "核心概念：RNN 的结构类型、循环公式、激活函数、梯度消失。"},
    # home page
    "home.intro": {
        "en": "Build a recurrent network, train it on a time series and look inside: hidden states "
              "over time, the gates of LSTM and GRU cells, and how far back in time the gradient "
              "reaches. Every setting lives in the link, so a shared URL reproduces the exact run.",
        "zh": "搭建一个循环神经网络，在时间序列上训练它，并观察其内部：隐藏状态随时间的变化、"
              "LSTM 与 GRU 的门，以及梯度能回传到多远的时间步。所有设置都保存在链接中，"
              "分享网址即可完整复现同一次运行。"},
    "home.pages": {"en": "Where to go", "zh": "从这里开始"},
    # settings sidebar
    "set.data": {"en": "Data", "zh": "数据"},
    "set.model": {"en": "Model", "zh": "模型"},
    "set.train": {"en": "Training", "zh": "训练"},
    "set.share": {"en": "Share link", "zh": "分享链接"},
    "set.share_help": {"en": "Copy this link: it opens this page with exactly these settings.",
                       "zh": "复制此链接：打开后即是完全相同的设置。"},
    "set.locked": {"en": "Fixed by the link: {fields}", "zh": "已由链接固定：{fields}"},
    "set.fixed": {"en": "fixed by the link", "zh": "由链接固定"},
    "set.invalid": {"en": "These {part} settings do not work together — {error}. "
                          "Still using the last valid {part} settings.",
                    "zh": "这些{part}设置相互冲突——{error}。仍在使用上一次有效的{part}设置。"},
    "set.url_ignored": {"en": "The link asks for {field} = {raw}, which is not allowed ({allowed}); "
                              "using {value} instead.",
                        "zh": "链接中的 {field} = {raw} 不被允许（允许：{allowed}），已改用 {value}。"},
    # settings: one label (f.) and one help text (h.) per RunConfig field
    "f.task": {"en": "Task", "zh": "任务"},
    "h.task": {"en": "What the network learns: forecast the next value, several values, denoise, "
                     "classify, or remember across a lag.",
               "zh": "网络要学的内容：预测下一个值、预测多步、去噪、分类，或跨越时滞进行记忆。"},
    "f.dataset": {"en": "Series", "zh": "序列"},
    "h.dataset": {"en": "The time series used by forecasting (one or several steps) and denoising.",
                  "zh": "预测、多步预测和去噪任务使用的时间序列。"},
    "f.n_points": {"en": "Length of the series", "zh": "序列长度"},
    "h.n_points": {"en": "Number of points of a generated series.", "zh": "生成序列的点数。"},
    "f.period": {"en": "Period", "zh": "周期"},
    "h.period": {"en": "Seasonal period in time steps.", "zh": "季节周期（时间步数）。"},
    "f.noise": {"en": "Noise", "zh": "噪声"},
    "h.noise": {"en": "Standard deviation of the added noise.", "zh": "所加噪声的标准差。"},
    "f.data_seed": {"en": "Data seed", "zh": "数据随机种子"},
    "h.data_seed": {"en": "Same seed, same generated data.", "zh": "种子相同，生成的数据就相同。"},
    "f.transform": {"en": "Transform", "zh": "变换"},
    "h.transform": {"en": "Applied before scaling and undone for the metrics: log, differencing, "
                          "seasonal differencing.",
                    "zh": "在缩放之前应用、计算指标时还原：对数、差分、季节差分。"},
    "f.scale": {"en": "Scaling", "zh": "缩放"},
    "h.scale": {"en": "Min-max to 0..1 or standardise to mean 0, std 1.",
                "zh": "最小-最大缩放到 0..1，或标准化为均值 0、标准差 1。"},
    "f.seq_len": {"en": "Window length T", "zh": "窗口长度 T"},
    "h.seq_len": {"en": "Time steps fed to the network per example.", "zh": "每个样本输入网络的时间步数。"},
    "f.horizon": {"en": "Horizon", "zh": "预测步长"},
    "h.horizon": {"en": "Steps generated by a multistep forecast.", "zh": "多步预测生成的步数。"},
    "f.test_size": {"en": "Test points", "zh": "测试点数"},
    "h.test_size": {"en": "Last points of the series, held out for testing.",
                    "zh": "序列末尾留作测试的点数。"},
    "f.val_size": {"en": "Validation points", "zh": "验证点数"},
    "h.val_size": {"en": "Points just before the test set, used for early stopping.",
                   "zh": "测试集之前用于早停的点数。"},
    "f.lag": {"en": "Lag", "zh": "时滞"},
    "h.lag": {"en": "How many steps back the network must remember.", "zh": "网络需要记住多少步之前的信息。"},
    "f.n_samples": {"en": "Sequences", "zh": "序列条数"},
    "h.n_samples": {"en": "Number of generated training sequences.", "zh": "生成的训练序列条数。"},
    "f.cell": {"en": "Cell", "zh": "单元类型"},
    "h.cell": {"en": "RNN: the plain Elman cell; LSTM and GRU: gated cells; Elman (scratch): the Elman cell "
                     "written out by hand; LRU, minGRU, minLSTM: linear recurrences that train as a parallel scan.",
               "zh": "RNN：普通 Elman 单元；LSTM 和 GRU：带门控的单元；Elman（手写）：手写实现的 Elman 单元；"
                     "LRU、minGRU、minLSTM：可用并行扫描训练的线性循环。"},
    "f.nonlinearity": {"en": "Nonlinearity", "zh": "非线性函数"},
    "h.nonlinearity": {"en": "Activation of the plain RNN cell.", "zh": "普通 RNN 单元的激活函数。"},
    "f.num_layers": {"en": "Layers", "zh": "层数"},
    "h.num_layers": {"en": "Stacked recurrent layers.", "zh": "堆叠的循环层数。"},
    "f.hidden_size": {"en": "Hidden size", "zh": "隐藏单元数"},
    "h.hidden_size": {"en": "Units per layer.", "zh": "每层的单元数。"},
    "f.dropout": {"en": "Dropout", "zh": "Dropout"},
    "h.dropout": {"en": "Between layers, during training only.", "zh": "层与层之间，仅在训练时使用。"},
    "f.init": {"en": "Recurrent weight init", "zh": "循环权重初始化"},
    "h.init": {"en": "How W_hh starts: PyTorch's uniform, orthogonal, the identity, or scaled to a spectral radius.",
               "zh": "W_hh 的初始值：默认、正交、单位矩阵，或缩放到指定谱半径。"},
    "f.rho": {"en": "Spectral radius ρ", "zh": "谱半径 ρ"},
    "h.rho": {"en": "Largest |eigenvalue| of W_hh at the start; above 1 tends to explode.",
              "zh": "初始 W_hh 的最大特征值模；大于 1 容易导致爆炸。"},
    "f.optimizer": {"en": "Optimizer", "zh": "优化器"},
    "h.optimizer": {"en": "Adam adapts the step size per weight; SGD does not.",
                    "zh": "Adam 为每个权重自适应步长；SGD 不会。"},
    "f.lr": {"en": "Learning rate", "zh": "学习率"},
    "h.lr": {"en": "Step size of the optimizer.", "zh": "优化器的步长。"},
    "f.epochs": {"en": "Epochs", "zh": "训练轮数"},
    "h.epochs": {"en": "Upper bound; early stopping may end sooner.", "zh": "上限；早停可能提前结束。"},
    "f.batch_size": {"en": "Batch size", "zh": "批大小"},
    "h.batch_size": {"en": "0 means the full batch.", "zh": "0 表示使用全部样本。"},
    "f.clip": {"en": "Gradient clipping", "zh": "梯度裁剪"},
    "h.clip": {"en": "Largest allowed gradient norm; 0 turns clipping off.",
               "zh": "允许的最大梯度范数；0 表示不裁剪。"},
    "f.patience": {"en": "Early-stop patience", "zh": "早停耐心值"},
    "h.patience": {"en": "Stop after this many epochs without improvement; 0 turns it off.",
                   "zh": "验证损失连续这么多轮没有改善就停止；0 表示关闭。"},
    "f.seed": {"en": "Seed", "zh": "随机种子"},
    "h.seed": {"en": "Initial weights, batches and dropout: same seed, same run.",
               "zh": "决定初始权重、批次和 dropout：种子相同，运行结果相同。"},
    "f.time_budget": {"en": "Time budget (s)", "zh": "时间预算（秒）"},
    "h.time_budget": {"en": "Training stops after this many seconds.", "zh": "训练超过这么多秒后停止。"},
    "f.snapshot_every": {"en": "Snapshot every k epochs", "zh": "每 k 轮记录一次"},
    "h.snapshot_every": {"en": "Record hidden states and gradients every k epochs; 0 turns it off.",
                         "zh": "每隔 k 轮记录隐藏状态和梯度；0 表示关闭。"},
    "f.threads": {"en": "CPU threads", "zh": "CPU 线程数"},
    "h.threads": {"en": "Torch threads during the run; 1 is best on a shared machine.",
                  "zh": "运行时的 torch 线程数；共享机器上 1 最好。"},
    # learn page
    "l.title": {"en": "Learn: how recurrent networks work", "zh": "学习：循环神经网络如何工作"},
    "l.intro": {"en": "The ideas behind every view of this playground, with small interactive plots.",
                "zh": "本实验场各个页面背后的核心概念，配有可交互的小图。"},
    "l.ts.h": {"en": "What is a time series?", "zh": "什么是时间序列？"},
    "l.ts.body": {
        "en": "A time series is a sequence of values measured in order: monthly airline passengers, "
              "hourly temperature, a heartbeat. The order matters — what happens next depends on what "
              "came before. A forecasting model reads a **window** of the last T values and predicts the "
              "next one; sliding the window along the series turns one long series into many examples.",
        "zh": "时间序列是按时间顺序测得的一串数值：每月航空乘客数、每小时气温、心跳。顺序很重要——"
              "接下来会发生什么取决于之前发生了什么。预测模型读取最近 T 个值组成的**窗口**，并预测下一个值；"
              "让窗口沿序列滑动，一条长序列就变成了许多训练样本。"},
    "l.ts.series": {"en": "series", "zh": "序列"},
    "l.ts.window": {"en": "input window (T = {T})", "zh": "输入窗口（T = {T}）"},
    "l.ts.target": {"en": "next value (target)", "zh": "下一个值（目标）"},
    "l.ts.x": {"en": "time step t", "zh": "时间步 t"},
    "l.ts.y": {"en": "value", "zh": "数值"},
    "l.ts.title": {"en": "A time series: values ordered in time", "zh": "时间序列：按时间排列的数值"},
    "l.rec.h": {"en": "The recurrence", "zh": "循环公式"},
    "l.rec.body": {
        "en": "An RNN reads the sequence one step at a time and keeps a **hidden state** a⟨t⟩, a vector "
              "that summarises everything seen so far. At each step it combines the previous state with "
              "the new input:",
        "zh": "RNN 一次读取序列中的一个时间步，并维护一个**隐藏状态** a⟨t⟩——一个概括了到目前为止所见"
              "全部内容的向量。每一步，它把上一时刻的状态与新的输入结合起来："},
    "l.rec.symbols": {
        "en": "x⟨t⟩ is the input at step t, a⟨t−1⟩ the previous hidden state (a⟨0⟩ = 0), g an activation "
              "(tanh for the state; identity, sigmoid or softmax for the output y⟨t⟩). **The same weights "
              "W_aa, W_ax, W_ya and biases are used at every step** — that is what lets one small network "
              "handle sequences of any length, and also why gradients are multiplied by W_aa again and "
              "again when they flow back in time.",
        "zh": "x⟨t⟩ 是第 t 步的输入，a⟨t−1⟩ 是上一步的隐藏状态（a⟨0⟩ = 0），g 是激活函数（隐藏状态用 tanh；"
              "输出 y⟨t⟩ 用恒等、sigmoid 或 softmax）。**每一步都使用同一组权重 W_aa、W_ax、W_ya 和偏置**——"
              "正因如此，一个小网络就能处理任意长度的序列；也正因如此，梯度沿时间反向传播时会一次又一次地"
              "乘以 W_aa。"},
    "l.kinds.h": {"en": "Five kinds of RNN", "zh": "RNN 的五种结构"},
    "l.kinds.body": {"en": "What goes in and what comes out decides the shape of the unrolled network.",
                     "zh": "输入什么、输出什么，决定了展开后网络的形状。"},
    "l.example": {"en": "Example", "zh": "例子"},
    "l.here": {"en": "In this playground", "zh": "在本实验场中"},
    "l.enc": {"en": "encoder", "zh": "编码器"},
    "l.dec": {"en": "decoder", "zh": "解码器"},
    "l.k.one_to_one": {"en": "One-to-one", "zh": "一对一"},
    "l.k.one_to_one.desc": {"en": "One input, one output, no sequence: an ordinary feed-forward network.",
                            "zh": "一个输入、一个输出、没有序列：就是普通的前馈网络。"},
    "l.k.one_to_one.ex": {"en": "Classify a single image.", "zh": "对单张图片分类。"},
    "l.k.one_to_one.here": {"en": "Not used — there is nothing to remember.",
                            "zh": "未使用——没有需要记住的东西。"},
    "l.k.one_to_many": {"en": "One-to-many", "zh": "一对多"},
    "l.k.one_to_many.desc": {
        "en": "One input starts the sequence; each output is fed back as the next input.",
        "zh": "一个输入启动序列；每个输出再作为下一步的输入反馈回去。"},
    "l.k.one_to_many.ex": {"en": "Generate music from a first note; caption an image.",
                           "zh": "从第一个音符生成音乐；为图片生成描述。"},
    "l.k.one_to_many.here": {"en": "**Forecast several steps** (recursive): the forecast is fed back to "
                                   "generate the next steps.",
                             "zh": "**多步预测**（递归）：把预测值反馈回去，生成后续各步。"},
    "l.k.many_to_one": {"en": "Many-to-one", "zh": "多对一"},
    "l.k.many_to_one.desc": {"en": "Read the whole sequence, answer once at the end.",
                             "zh": "读完整个序列，只在最后输出一次。"},
    "l.k.many_to_one.ex": {"en": "Sentiment of a review; the next value of a series.",
                           "zh": "判断一条评论的情感；预测序列的下一个值。"},
    "l.k.many_to_one.here": {"en": "**Forecast the next value** (window → next value); **Which waveform?** and "
                                   "the lag tasks **Remember the first value**, **Adding problem**, **Delayed "
                                   "recall** (one answer per sequence).",
                             "zh": "**预测下一个值**（窗口 → 下一个值）；**哪种波形？** 以及记忆任务 "
                                   "**记住第一个值**、**加法问题**、**延迟回忆**（每条序列一个答案）。"},
    "l.k.many_to_many": {"en": "Many-to-many (aligned)", "zh": "多对多（对齐）"},
    "l.k.many_to_many.desc": {"en": "One output for every input, at the same step.",
                              "zh": "每个输入在同一时间步都有一个对应的输出。"},
    "l.k.many_to_many.ex": {"en": "Tag each word of a sentence; clean each sample of a noisy signal.",
                            "zh": "为句子中的每个词标注词性；对带噪信号的每个采样去噪。"},
    "l.k.many_to_many.here": {"en": "**Denoise a signal**: a clean value for every noisy input step.",
                              "zh": "**信号去噪**：为每个带噪输入步输出一个干净的值。"},
    "l.k.encoder_decoder": {"en": "Many-to-many (encoder–decoder)", "zh": "多对多（编码器–解码器）"},
    "l.k.encoder_decoder.desc": {
        "en": "An encoder reads the input into its state; a decoder then generates an output sequence of "
              "a different length.",
        "zh": "编码器把输入读进隐藏状态；随后解码器生成一个长度可以不同的输出序列。"},
    "l.k.encoder_decoder.ex": {"en": "Translate a sentence; forecast the next week from the last month.",
                               "zh": "翻译句子；根据上个月的数据预测下一周。"},
    "l.k.encoder_decoder.here": {"en": "**Forecast several steps**: read a window of T values, then generate "
                                       "the next values, as many as the horizon.",
                                 "zh": "**多步预测**：读入 T 个值的窗口，然后生成接下来若干个值（预测步长）。"},
    "l.sw.h": {"en": "Strengths and weaknesses", "zh": "优点与缺点"},
    "l.sw.strengths": {"en": "Strengths", "zh": "优点"},
    "l.sw.weaknesses": {"en": "Weaknesses", "zh": "缺点"},
    "l.sw.s": {
        "en": "- Handles sequences of any length with a fixed number of weights\n"
              "- A natural fit for streaming data: one step in, one state update\n"
              "- Small and fast to train on short, noisy series\n"
              "- The hidden state can be inspected step by step (see *Hidden states*)",
        "zh": "- 用固定数量的权重处理任意长度的序列\n"
              "- 天然适合流式数据：输入一步，更新一次状态\n"
              "- 模型小，在短而嘈杂的序列上训练很快\n"
              "- 隐藏状态可以逐步查看（见*隐藏状态*页面）"},
    "l.sw.w": {
        "en": "- Vanishing and exploding gradients: a plain RNN struggles beyond a few dozen steps\n"
              "- Sequential: step t needs step t−1, so training is hard to parallelise\n"
              "- The whole past must squeeze into one fixed-size vector\n"
              "- Sensitive to scaling, initialisation and learning rate",
        "zh": "- 梯度消失与爆炸：普通 RNN 很难跨越几十步以上的距离\n"
              "- 顺序计算：第 t 步依赖第 t−1 步，训练难以并行\n"
              "- 全部历史必须压缩进一个固定大小的向量\n"
              "- 对数据缩放、初始化和学习率都很敏感"},
    "l.act.h": {"en": "Activation functions and their derivatives", "zh": "激活函数及其导数"},
    "l.act.body": {"en": "During backpropagation every step multiplies the gradient by g'(z). Pick a "
                         "function and look at how large its derivative can get.",
                   "zh": "反向传播时，每一步都会把梯度乘以 g'(z)。选择一个函数，看看它的导数最大能有多大。"},
    "l.act.pick": {"en": "Activation function", "zh": "激活函数"},
    "l.act.f": {"en": "f(z)", "zh": "f(z)"},
    "l.act.df": {"en": "f'(z)", "zh": "f'(z)"},
    "l.act.x": {"en": "pre-activation z", "zh": "激活前的值 z"},
    "l.act.y": {"en": "value", "zh": "数值"},
    "l.act.title": {"en": "{name} and its derivative", "zh": "{name} 及其导数"},
    "l.act.max": {"en": "max f' = {value:g}", "zh": "f' 最大值 = {value:g}"},
    "l.act.note.tanh": {"en": "tanh squashes to (−1, 1); its derivative is at most **1** (at z = 0) and "
                              "close to 0 once |z| > 3 — a saturated unit passes almost no gradient.",
                        "zh": "tanh 把数值压缩到 (−1, 1)；导数最大为 **1**（在 z = 0 处），|z| > 3 后接近 0——"
                              "饱和的单元几乎不传递梯度。"},
    "l.act.note.sigmoid": {"en": "sigmoid squashes to (0, 1), which is why gates use it; its derivative is "
                                 "at most **0.25**, so every step shrinks the gradient at least fourfold.",
                           "zh": "sigmoid 把数值压缩到 (0, 1)，所以门控使用它；其导数最大只有 **0.25**，"
                                 "每经过一步梯度至少缩小为四分之一。"},
    "l.act.note.relu": {"en": "ReLU passes positive values unchanged: its derivative is exactly **1** for "
                              "z > 0 and 0 otherwise. No shrinking — but nothing stops growth either, so a "
                              "ReLU RNN can explode.",
                        "zh": "ReLU 让正值原样通过：z > 0 时导数恰好为 **1**，否则为 0。梯度不会缩小——"
                              "但也没有什么能阻止它增长，所以 ReLU RNN 可能发生梯度爆炸。"},
    "l.van.h": {"en": "Why gradients vanish or explode", "zh": "为什么梯度会消失或爆炸"},
    "l.van.body": {"en": "The gradient that reaches step t from the loss at step T passes through every "
                         "step in between, and each one multiplies it by the same recurrent weights and "
                         "the activation's derivative:",
                   "zh": "从第 T 步的损失传回第 t 步的梯度，要经过中间的每一步，而每一步都会把它乘以"
                         "同一组循环权重和激活函数的导数："},
    "l.van.scalar": {"en": "With one hidden unit this is a product of k = T − t equal factors, so it "
                           "behaves like a power:",
                     "zh": "只有一个隐藏单元时，这是 k = T − t 个相同因子的乘积，因此它的行为就像一个幂："},
    "l.van.w": {"en": "Recurrent weight w", "zh": "循环权重 w"},
    "l.van.k": {"en": "Steps back in time k", "zh": "回溯的时间步数 k"},
    "l.van.z": {"en": "Pre-activation z", "zh": "激活前的值 z"},
    "l.van.factor": {"en": "Factor per step |w·g'(z)|", "zh": "每步因子 |w·g'(z)|"},
    "l.van.after": {"en": "Gradient after {k} steps", "zh": "{k} 步之后的梯度"},
    "l.van.vanish": {"en": "The factor is below 1: after {k} steps only {value:.2e} of the gradient is "
                           "left — it **vanishes**, and the network cannot learn what happened that long ago.",
                     "zh": "因子小于 1：{k} 步之后梯度只剩 {value:.2e}——梯度**消失**了，"
                           "网络学不到那么久以前发生的事。"},
    "l.van.explode": {"en": "The factor is above 1: after {k} steps the gradient is {value:.2e} times "
                            "larger — it **explodes** and training jumps around or overflows. Gradient "
                            "clipping caps it.",
                      "zh": "因子大于 1：{k} 步之后梯度放大了 {value:.2e} 倍——梯度**爆炸**，训练会剧烈"
                            "震荡甚至溢出。梯度裁剪可以限制它。"},
    "l.van.stable": {"en": "The factor is exactly 1: the gradient keeps its size. This knife edge is what "
                           "the LSTM's cell state builds in on purpose.",
                     "zh": "因子恰好为 1：梯度大小保持不变。LSTM 的细胞状态正是有意构造了这种平衡。"},
    "l.van.fix": {"en": "LSTM and GRU add a second, **additive** path for memory (c⟨t⟩ = f⟨t⟩ ⊙ c⟨t−1⟩ + …): "
                        "when the forget gate is near 1 the gradient flows back almost unchanged. Compare "
                        "the cells on the *Gradients* and *Long-range lab* pages.",
                  "zh": "LSTM 和 GRU 为记忆增加了第二条**加法**通路（c⟨t⟩ = f⟨t⟩ ⊙ c⟨t−1⟩ + …）："
                        "遗忘门接近 1 时，梯度几乎不衰减地向后传播。可在*梯度*和*长程依赖实验*页面对比各种单元。"},
    "l.lin.h": {"en": "Linear recurrences: LRU and minGRU", "zh": "线性循环：LRU 与 minGRU"},
    "l.lin.body": {
        "en": "A second answer to vanishing and exploding gradients is to make the recurrence itself **linear and "
              "diagonal**, with its decay under control, and to put the nonlinearity elsewhere. The LRU (Orvieto et "
              "al., 2023) keeps a complex state and a nonlinear MLP between layers; minGRU (Feng et al., 2024) "
              "keeps a gate, but one that reads only the input:",
        "zh": "应对梯度消失和爆炸的第二种思路，是让循环本身变成**线性、对角**的，并控制其衰减，"
              "把非线性放到别处。LRU（Orvieto 等，2023）使用复数状态，并在层与层之间放一个非线性 MLP；"
              "minGRU（Feng 等，2024）保留一个门，但这个门只读取输入："},
    "l.lin.why": {
        "en": "**Why |λ| < 1 keeps the gradient in check.** Without g and W_aa inside the loop, "
              "∂a⟨T⟩/∂a⟨T−k⟩ is simply diag(λ)^k (or the product of the k decays 1 − z). LRU writes "
              "|λ| = exp(−e^ν), below 1 for any trained ν, so no direction of the state can grow from step to step: "
              "the gradient cannot explode. It still fades as |λ|^k, but how fast is now a number the network "
              "learns per unit, and a ring initialisation r_min ≤ |λ| ≤ r_max near 1 (here 0.9–0.999) starts it "
              "with a long memory. γ = √(1 − |λ|²) keeps the state's size the same whatever |λ| is.\n\n"
              "**Why training is parallel.** No term of the step reads a⟨t−1⟩ except the decay itself, so "
              "a⟨t⟩ = λ_t ⊙ a⟨t−1⟩ + b_t with every λ_t and b_t known in advance. Composing two such steps gives a "
              "step of the same form, so the whole sequence is one **scan**: log₂ T rounds of elementwise work for "
              "LRU (recursive doubling), cumulative sums in log space for minGRU, instead of T steps one after the "
              "other. The playground trains with the scan and replays the loop for its views; tests hold the two "
              "equal.",
        "zh": "**为什么 |λ| < 1 能控制梯度。** 循环中没有 g 和 W_aa，∂a⟨T⟩/∂a⟨T−k⟩ 就是 diag(λ)^k"
              "（或 k 个衰减 1 − z 的乘积）。LRU 令 |λ| = exp(−e^ν)，对任何训练得到的 ν 都小于 1，"
              "所以状态的任何方向都不会逐步增大：梯度不会爆炸。它仍按 |λ|^k 衰减，但衰减快慢成了网络为每个单元"
              "学习的一个数；环形初始化 r_min ≤ |λ| ≤ r_max 接近 1（这里为 0.9–0.999），让网络一开始就有长记忆。"
              "γ = √(1 − |λ|²) 使状态的大小与 |λ| 无关。\n\n"
              "**为什么训练可以并行。** 除了衰减本身，这一步中没有任何项读取 a⟨t−1⟩，所以 "
              "a⟨t⟩ = λ_t ⊙ a⟨t−1⟩ + b_t，其中所有 λ_t 和 b_t 都事先已知。两步这样的更新复合起来仍是同样形式的一步，"
              "因此整条序列就是一次**扫描**：LRU 用 log₂ T 轮逐元素运算（递归倍增），minGRU 用对数空间中的累加，"
              "而不是依次执行 T 步。本应用用扫描训练，用循环重放以供各视图查看；测试保证二者相等。"},
    "l.lin.grad_link": {"en": "See LRU's eigenvalues on the unit disk and its gradient over time: Gradients",
                        "zh": "查看 LRU 在单位圆盘上的特征值及其随时间的梯度：梯度"},
    "l.lin.mingru_link": {"en": "The same for minGRU, whose decay 1 − z changes with every input: Gradients",
                          "zh": "minGRU 的同一视图，它的衰减 1 − z 随每个输入变化：梯度"},
    "l.lin.lab_link": {"en": "Train LRU and minGRU beside RNN, LSTM and GRU at lags up to 1,000: Long-range lab",
                       "zh": "在最长 1,000 步的滞后上，把 LRU、minGRU 与 RNN、LSTM、GRU 一起训练：长程依赖实验"},
    "l.van.x": {"en": "steps back in time k", "zh": "回溯的时间步数 k"},
    "l.van.y": {"en": "|w·g'(z)|<sup>k</sup> (log scale)", "zh": "|w·g'(z)|<sup>k</sup>（对数坐标）"},
    "l.van.title": {"en": "Gradient factor after k steps: |{w:g} · {d:.3g}|<sup>k</sup> = {factor:.3g}<sup>k</sup>",
                    "zh": "k 步之后的梯度因子：|{w:g} · {d:.3g}|<sup>k</sup> = {factor:.3g}<sup>k</sup>"},
    "l.van.trace": {"en": "|w·g'(z)|<sup>k</sup>", "zh": "|w·g'(z)|<sup>k</sup>"},
    "l.van.one": {"en": "1 = size kept", "zh": "1 = 大小不变"},
    "l.code.h": {"en": "An Elman cell from scratch, next to nn.RNN", "zh": "从零实现 Elman 单元，与 nn.RNN 对照"},
    "l.code.body": {"en": "The *Elman (scratch)* cell of this playground is the recurrence written out as a loop. "
                          "With the same weights it gives the same outputs as PyTorch's fused `nn.RNN` — "
                          "the loop is slower, but every h_t is there to inspect.",
                    "zh": "本实验场中的 *Elman（手写）* 单元就是把循环公式写成一个循环。使用相同的权重时，"
                          "它与 PyTorch 融合实现的 `nn.RNN` 输出完全一致——循环版更慢，但每个 h_t 都可以查看。"},
    "l.code.scratch": {"en": "From scratch", "zh": "从零实现"},
    "l.code.torch": {"en": "PyTorch built-in", "zh": "PyTorch 内置"},
}


from ui.text_runs import TEXT_RUNS  # noqa: E402 - the run pages keep their strings in their own table

TEXT.update(TEXT_RUNS)

from ui.text_flow import TEXT as _FLOW  # noqa: E402

TEXT.update(_FLOW)

from ui.text_budget import TEXT as _BUDGET  # noqa: E402 - budget, queue and upload strings

TEXT.update(_BUDGET)

from ui.text_inside import TEXT as _INSIDE  # noqa: E402 - the Inside-the-cell page keeps its strings in its own table

TEXT.update(_INSIDE)

from ui.text_options import TEXT as _OPTIONS  # noqa: E402 - human labels of every config choice

TEXT.update(_OPTIONS)

from ui.text_lab import TEXT as _LAB  # noqa: E402 - the lab's settings, seed spread and forget-gate bias

TEXT.update(_LAB)

from ui.text_names import TEXT as _NAMES  # noqa: E402

TEXT.update(_NAMES)
