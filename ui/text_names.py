"""Strings of the Names page and its charts, in English ("en") and Simplified Chinese ("zh")."""

from __future__ import annotations

LANGUAGES = {
    "Arabic": "阿拉伯语", "Chinese": "汉语", "Czech": "捷克语", "Dutch": "荷兰语", "English": "英语",
    "French": "法语", "German": "德语", "Greek": "希腊语", "Irish": "爱尔兰语", "Italian": "意大利语",
    "Japanese": "日语", "Korean": "韩语", "Polish": "波兰语", "Portuguese": "葡萄牙语", "Russian": "俄语",
    "Scottish": "苏格兰", "Spanish": "西班牙语", "Vietnamese": "越南语",
}

TEXT: dict[str, dict[str, str]] = {
    "nav.names": {"en": "Names", "zh": "姓氏"},
    "desc.names": {"en": "Type a surname and watch a character-level RNN guess its language letter by letter.",
                   "zh": "输入一个姓氏，看字符级 RNN 逐个字母地猜测它来自哪种语言。"},
    "opt.task.names": {"en": "surnames → language", "zh": "姓氏 → 语言"},
    "opt.cell.tutorial": {"en": "tutorial RNN (no nonlinearity)", "zh": "教程 RNN（无非线性）"},
    "opt.cell.tutorial_tanh": {"en": "tutorial RNN + tanh", "zh": "教程 RNN + tanh"},
    "opt.optimizer.plain_sgd": {"en": "SGD without momentum", "zh": "无动量 SGD"},
    "opt.class_weight.none": {"en": "Equal weights", "zh": "不加权"},
    "opt.class_weight.fourth_root": {"en": "1/frequency^¼", "zh": "1/频率^¼"},
    "opt.class_weight.sqrt": {"en": "1/√frequency", "zh": "1/√频率"},
    "opt.class_weight.inverse": {"en": "1/frequency (balanced)", "zh": "1/频率（均衡）"},
    "f.class_weight": {"en": "Class weights", "zh": "类别权重"},
    "h.class_weight": {"en": "Weight of each class in the classification loss: none, 1/√(class frequency), or "
                             "1/frequency (every class counts the same). Rare classes gain, frequent ones lose.",
                       "zh": "分类损失中每个类别的权重：不加权、1/√(类别频率) 或 1/频率（每个类别同等重要）。"
                             "稀有类别获益，常见类别受损。"},
    "names.caption": {
        "en": "20,074 surnames in 18 languages, read one letter at a time (one-hot over 57 symbols). "
              "The network's guess after each letter is what it would answer if the name ended there.",
        "zh": "18 种语言的 20,074 个姓氏，逐个字母读入（57 个符号的 one-hot 编码）。"
              "每个字母之后的猜测，就是假如姓氏到此结束时网络给出的答案。"},
    "names.switched": {"en": "This page shows the surname task; the sidebar now holds its settings.",
                       "zh": "本页展示姓氏任务；侧边栏已切换为它的设置。"},
    "names.other_task": {"en": "Choose the task “surnames → language” in the sidebar to use this page.",
                         "zh": "请在侧边栏选择任务“姓氏 → 语言”以使用本页。"},
    "names.training": {"en": "Training the surname classifier once (about fifteen seconds)…",
                       "zh": "正在训练一次姓氏分类器（约十五秒）……"},
    "names.none": {"en": "No trained model for these settings yet.", "zh": "这些设置还没有训练好的模型。"},
    "names.train": {"en": "Train", "zh": "训练"},
    "names.label_run": {"en": "surnames", "zh": "姓氏"},
    "names.subtitle": {"en": "{cell} · {L}×{H} · surnames · seed {seed}",
                       "zh": "{cell} · {L}×{H} · 姓氏 · 种子 {seed}"},
    "names.accuracy": {"en": "Test accuracy", "zh": "测试准确率"},
    "names.accuracy_help": {"en": "Share of the {n} test names whose language is the model's first guess. The split "
                                  "is by name: no test name, in any spelling of upper and lower case, occurs in "
                                  "training. {m} test names ({k} distinct) are listed under several languages; "
                                  "a guess of any of them counts as right.",
                            "zh": "{n} 个测试姓氏中，模型首选语言正确的比例。数据按姓氏划分："
                                  "任何测试姓氏（不论大小写）都不出现在训练集中。其中 {m} 个测试姓氏"
                                  "（{k} 个不同姓氏）属于多种语言；猜中其中任何一种都算正确。"},
    "names.balanced": {"en": "Balanced accuracy", "zh": "均衡准确率"},
    "names.balanced_help": {"en": "Accuracy per language, averaged over the 18 languages: Korean counts as much "
                                  "as Russian.",
                            "zh": "先按语言计算准确率，再对 18 种语言取平均：韩语与俄语同等重要。"},
    "names.majority": {"en": "Always “{lang}”", "zh": "总是答“{lang}”"},
    "names.majority_help": {"en": "Accuracy of answering the most frequent training language every time; its "
                                  "balanced accuracy is 1/18 = 5.6 %.",
                            "zh": "每次都回答训练集中最常见语言的准确率；其均衡准确率为 1/18 = 5.6%。"},
    "names.time": {"en": "Training time", "zh": "训练时间"},
    "names.weights_sqrt": {
        "en": "Class weights 1/√frequency: a mistake on a rare language costs more, which lifts the balanced "
              "accuracy at a price in plain accuracy.",
        "zh": "类别权重为 1/√频率：在稀有语言上犯错代价更高，这提高了均衡准确率，代价是普通准确率下降。"},
    "names.weights_fourth_root": {
        "en": "Class weights frequency^-¼: a mistake on a rare language costs a little more, which lifts the "
              "balanced accuracy (set the class weights to none to compare).",
        "zh": "类别权重为 频率^-¼：在稀有语言上犯错的代价稍高，这提高了均衡准确率（把类别权重设为不加权即可对比）。"},
    "names.weights_none": {"en": "No class weights: every training name counts the same, so frequent languages "
                                 "dominate.",
                           "zh": "不加权：每个训练姓氏同等重要，因此常见语言占主导。"},
    "names.weights_inverse": {"en": "Class weights 1/frequency: every language counts the same in the loss.",
                              "zh": "类别权重为 1/频率：每种语言在损失中同等重要。"},
    "names.type": {"en": "Type a surname", "zh": "输入一个姓氏"},
    "names.type_help": {"en": "Letters are folded to ASCII (é → e); other symbols are dropped.",
                        "zh": "字母会被转换为 ASCII（é → e）；其他符号会被忽略。"},
    "names.empty": {"en": "Type at least one Latin letter (a–z).", "zh": "请至少输入一个拉丁字母（a–z）。"},
    "names.folded": {"en": "Read as “{name}”.", "zh": "按“{name}”读取。"},
    "names.guess": {"en": "**{name}** → {lang} ({p:.0%})", "zh": "**{name}** → {lang}（{p:.0%}）"},
    "names.flips": {"en": "The first guess changes {k} times while the name is read: {path}.",
                    "zh": "读入过程中首选答案变化了 {k} 次：{path}。"},
    "names.no_flip": {"en": "The first guess never changes while the name is read.",
                      "zh": "读入过程中首选答案始终不变。"},
    "names.tab_states": {"en": "Hidden state", "zh": "隐藏状态"},
    "names.tab_gates": {"en": "Gates", "zh": "门"},
    "names.tab_grads": {"en": "Gradient over the letters", "zh": "各字母上的梯度"},
    "names.grad_caption": {
        "en": "Loss of the first guess ({lang}) at the last letter, differentiated with respect to each h_t. "
              "The tutorial's model reads its last output from h before the last letter, so h at the last letter "
              "gets no gradient there.",
        "zh": "以最后一个字母处首选答案（{lang}）的损失对每个 h_t 求导。教程模型的最后输出取自最后一个字母之前的 h，"
              "因此最后一个字母处的 h 没有梯度。"},
    "names.no_gates": {"en": "This cell has no gates: choose LSTM or GRU to see them.",
                       "zh": "这种单元没有门：选择 LSTM 或 GRU 即可查看。"},
    "names.test_title": {"en": "On the test names", "zh": "在测试姓氏上"},
    "names.arabic_note": {
        "en": "The data repeat many names (Arabic has 108 distinct names in 2,000 lines). Every line of a name goes to "
              "the same side of the split, so the test names are all new to the model; a name listed under several "
              "languages counts as right on any of them.",
        "zh": "数据中有许多重复姓氏（阿拉伯语 2,000 行中只有 108 个不同姓氏）。同一姓氏的所有行都划到同一侧，"
              "因此测试姓氏对模型来说都是新的；属于多种语言的姓氏，猜中其中任何一种都算正确。"},
    "names.wrong": {"en": "Test names the model gets wrong (most confident first)",
                    "zh": "模型判断错误的测试姓氏（最自信的错误在前）"},
    "names.col_name": {"en": "name", "zh": "姓氏"},
    "names.col_true": {"en": "language", "zh": "语言"},
    "names.col_pred": {"en": "model's guess", "zh": "模型的猜测"},
    "names.col_prob": {"en": "probability", "zh": "概率"},
    "names.tutorial_title": {"en": "The tutorial's model: what the missing nonlinearity costs",
                             "zh": "教程模型：缺少非线性的代价"},
    "names.tutorial_text": {
        "en": "The tutorial's model computes hidden = i2h(cat(x, hidden)) with no activation, so the whole "
              "recurrence is linear; the same model with tanh is the textbook Elman RNN. Both are trained as the "
              "tutorial does: plain SGD at 0.01, one name per step, {epochs} epoch(s) of about 16,000 steps — "
              "minutes, not seconds.",
        "zh": "教程模型计算 hidden = i2h(cat(x, hidden))，没有激活函数，整个循环是线性的；加上 tanh 就是教科书中的 "
              "Elman RNN。两者都按教程的方式训练：学习率 0.01 的普通 SGD，每步一个姓氏，"
              "{epochs} 轮，每轮约 16,000 步——需要几分钟而不是几秒。"},
    "names.tutorial_go": {"en": "Train both tutorial models", "zh": "训练两个教程模型"},
    "names.tutorial_cost": {"en": "Without tanh: accuracy {a:.0%}, balanced {b:.0%}. With tanh: {c:.0%}, {d:.0%}.",
                            "zh": "无 tanh：准确率 {a:.0%}，均衡准确率 {b:.0%}。有 tanh：{c:.0%}，{d:.0%}。"},
    "names.row_majority": {"en": "always the majority", "zh": "总是多数类"},
    "names.row_this": {"en": "this run ({cell})", "zh": "本次运行（{cell}）"},
    "names.no_names_csv": {"en": "per-letter predictions", "zh": "逐字母预测"},
    "names.stopped": {"en": "Training was interrupted; these results are partial. Train again for the full run.",
                      "zh": "训练被中断；这些结果不完整。再次训练可得到完整结果。"},
    # charts
    "nc.letter.title": {"en": "After each letter: the three likeliest languages",
                        "zh": "每个字母之后：最可能的三种语言"},
    "nc.letter.prob": {"en": "probability", "zh": "概率"},
    "nc.letter.panel": {"en": "{k}. {prefix}", "zh": "{k}. {prefix}"},
    "nc.states.title": {"en": "Hidden state over the letters", "zh": "各字母处的隐藏状态"},
    "nc.states.x": {"en": "letter", "zh": "字母"},
    "nc.states.y": {"en": "hidden unit", "zh": "隐藏单元"},
    "nc.states.unit": {"en": "unit", "zh": "单元"},
    "nc.states.value": {"en": "h", "zh": "h"},
    "nc.grad.title": {"en": "How strongly the decision reaches back to each letter",
                      "zh": "决策回传到每个字母的强度"},
    "nc.grad.x": {"en": "letter", "zh": "字母"},
    "nc.grad.y": {"en": "‖∂L/∂h<sub>t</sub>‖ (log scale)", "zh": "‖∂L/∂h<sub>t</sub>‖（对数坐标）"},
    "nc.confusion.title": {"en": "Confusion matrix (each row sums to 1)", "zh": "混淆矩阵（每行之和为 1）"},
    "nc.confusion.x": {"en": "predicted language", "zh": "预测语言"},
    "nc.confusion.y": {"en": "true language", "zh": "真实语言"},
    "nc.confusion.share": {"en": "share", "zh": "比例"},
    "nc.per_class.title": {"en": "Accuracy per language against its frequency", "zh": "各语言的准确率与其频率"},
    "nc.per_class.x": {"en": "share of the training names (log scale)", "zh": "训练姓氏中的占比（对数坐标）"},
    "nc.per_class.y": {"en": "accuracy on the test names", "zh": "测试姓氏上的准确率"},
    "nc.per_class.balanced": {"en": "balanced accuracy {v:.0%}", "zh": "均衡准确率 {v:.0%}"},
    "nc.compare.title": {"en": "Test accuracy", "zh": "测试准确率"},
    "nc.compare.accuracy": {"en": "accuracy", "zh": "准确率"},
    "nc.compare.balanced": {"en": "balanced accuracy", "zh": "均衡准确率"},
    "nc.compare.y": {"en": "share", "zh": "比例"},
}
TEXT.update({f"names.lang.{k}": {"en": k, "zh": v} for k, v in LANGUAGES.items()})


def chart_text(t, chart: str) -> dict[str, str]:
    """The ``labels`` of one names chart (``nc.<chart>.<key>``) in the current language."""
    prefix = f"nc.{chart}."
    return {k[len(prefix):]: t(k) for k in TEXT if k.startswith(prefix)}
