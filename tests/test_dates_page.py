"""The Translate-dates page through AppTest: the shipped pair opens drawn, a typed date is translated without
training, another pair waits for its Train button, Chinese labels, text the models cannot read."""

import json

from apptest_pages import chart_titles, open_link

PAGE = "pages/11_Translate_dates.py"


def _page(**params):
    return open_link(PAGE, **params)


def test_the_default_opens_drawn_and_a_typed_date_translates_without_training():
    at = _page()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [m.value for m in at.metric][0] == "2026-12-07"
    assert chart_titles(at) == ["Where the decoder looks while it writes each symbol",
                           "Exact match by the length of the text (test dates)",
                           "Exact match per epoch (validation dates)"]
    assert not at.button
    # per epoch, both shipped pairs: with teacher forcing (solid) and without (dashed)
    lines = json.loads(at.get("plotly_chart")[2].proto.spec)["data"]
    assert [(d["name"], d["line"].get("dash")) for d in lines] == [
        ("With attention · teacher forcing on", "solid"), ("Without attention · teacher forcing on", "solid"),
        ("With attention · teacher forcing off", "dash"), ("Without attention · teacher forcing off", "dash")]
    at.text_input(key="dt_text").set_value("二〇二六年十二月七日").run()
    assert not at.exception
    assert at.metric[0].value == "2026-12-07" and not at.get("progress")
    assert at.query_params["dt_text"] == "二〇二六年十二月七日"  # the link carries the typed date
    at.text_input(key="dt_text").set_value("!!!").run()
    assert not at.exception and any("no symbol" in w.value for w in at.warning)


def test_another_pair_waits_for_train_then_draws_in_chinese():
    at = _page(lang="zh", dt_hidden="8", dt_epochs="1", dt_text="Mon 7 Dec 26")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("还没有训练" in i.value for i in at.info) and not at.get("plotly_chart")
    at.button(key="dt_train").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [m.label for m in at.metric] == ["有注意力", "无注意力", "测试集完全匹配（有 · 无）"]
    assert chart_titles(at) == ["解码器写每个符号时在看哪里", "按文字长度统计的完全匹配率（测试日期）",
                           "每轮的完全匹配率（验证日期）"]
    assert any("设为“关”并训练" in c.value for c in at.caption)  # the other way is not trained: how to get it
