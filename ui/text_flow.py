"""UI strings of the page flow: runs that train by themselves, the banner of a costly change."""

TEXT = {
    "flow.changed": {
        "en": "Settings changed: {run}. Training it takes about {s} s, so it waits for you — the charts "
              "below still show the previous run.",
        "zh": "设置已更改：{run}。训练约需 {s} 秒，因此等待你点击——下方图表仍显示上一次的运行。"},
    "flow.first": {
        "en": "This link's run: {run}. Training it takes about {s} s — press Train to see it.",
        "zh": "此链接对应的运行：{run}。训练约需 {s} 秒——点击“训练”即可查看。"},
    "flow.train": {"en": "Train (≈ {s} s)", "zh": "训练（约 {s} 秒）"},
    "compare.go_help": {"en": "About {s} s for the cells not trained yet.", "zh": "尚未训练的单元约需 {s} 秒。"},
}
