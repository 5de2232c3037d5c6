"""UI strings of the page flow: runs that train by themselves, the banner of a large run."""

TEXT = {
    "flow.changed": {
        "en": "Settings changed: {run}. This is a large run (about {s} s, on the server's one slot for large "
              "runs), so it waits for you — the charts below still show the previous run.",
        "zh": "设置已更改：{run}。这是一次大型运行（约 {s} 秒，占用服务器唯一的大型运行槽位），因此等待你点击——"
              "下方图表仍显示上一次的运行。"},
    "flow.first": {
        "en": "This link's run: {run}. It is a large run (about {s} s, on the server's one slot for large "
              "runs), so it waits for you — press Train to see it.",
        "zh": "此链接对应的运行：{run}。这是一次大型运行（约 {s} 秒，占用服务器唯一的大型运行槽位），因此等待你"
              "点击——点击“训练”即可查看。"},
    "flow.train": {"en": "Train (≈ {s} s)", "zh": "训练（约 {s} 秒）"},
    "met.one_step_mape": {"en": "One-step MAPE", "zh": "单步 MAPE"},
    "met.recursive_mape": {"en": "Recursive MAPE", "zh": "递归 MAPE"},
    "met.one_step_rmse": {"en": "One-step RMSE", "zh": "单步 RMSE"},
    "met.recursive_rmse": {"en": "Recursive RMSE", "zh": "递归 RMSE"},
    "met.why_mape": {"en": "MAPE: mean absolute percentage error; this series stays well above zero, so a "
                           "percentage is meaningful.",
                     "zh": "MAPE：平均绝对百分比误差；该序列始终远大于零，因此百分比有意义。"},
    "met.why_rmse": {"en": "RMSE: root mean squared error, in the series' own units. MAPE is not shown: this "
                           "series reaches zero or near it, where a percentage error explodes.",
                     "zh": "RMSE：均方根误差，单位与序列相同。此处不显示 MAPE：该序列会到达或接近零，"
                           "百分比误差会失真。"},
    "compare.go_help": {"en": "About {s} s for the cells not trained yet.", "zh": "尚未训练的单元约需 {s} 秒。"},
}
