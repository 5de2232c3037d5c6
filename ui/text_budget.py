"""Strings of the server budget, the training queue and uploads (en / zh)."""

TEXT = {
    "run.queued": {"en": "{label} queued, position {k}: {slots} of these trainings run at a time on this server.",
                   "zh": "{label} 排队中，第 {k} 位：本服务器同时只运行 {slots} 个此类训练。"},
    "run.queued_heavy": {"en": "{label} queued, position {k}: large runs train one at a time on this server.",
                         "zh": "{label} 排队中，第 {k} 位：本服务器上的大型训练一次只运行一个。"},
    "run.too_big": {"en": "This run does not fit this server's budget:",
                    "zh": "此训练超出了本服务器的资源预算："},
    "run.busy": {"en": "The server is busy training other runs; try again in a minute.",
                 "zh": "服务器正忙于其他训练，请稍后再试。"},
    "data.upload_help": {"en": "One numeric column, optionally a date column; at most 5 MB and 20,000 rows. "
                               "Decimal commas, thousands separators and UTF-16 files are understood.",
                         "zh": "一列数值，可选一列日期；最大 5 MB、2 万行。支持小数逗号、千位分隔符和 UTF-16 文件。"},
    "data.upload_ok": {"en": "Loaded {name}: {n} values. The dataset is now your uploaded series.",
                       "zh": "已载入 {name}：{n} 个数值。数据集已切换为上传的序列。"},
    "data.pick_column": {"en": "Column to use as the series", "zh": "用作序列的列"},
    "data.pick_help": {"en": "The file has several numeric columns; pick one.",
                       "zh": "文件中有多列数值，请选择一列。"},
    "data.upload_failed": {"en": "The file could not be used:", "zh": "无法使用此文件："},
    "h.threads": {"en": "Not used by this app: the server sets one torch thread for every run, so one link "
                        "cannot slow down everyone else.",
                  "zh": "本应用不使用此项：服务器为每次训练统一设置一个 torch 线程，避免一个链接拖慢所有人。"},
    "train.bundle_failed": {"en": "The run bundle could not be opened:", "zh": "无法打开此运行文件："},
}
