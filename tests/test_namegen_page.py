"""The Generate-names page through AppTest: the shipped default opens drawn, sampling settings redraw without
training, another model waits for its Train button, Chinese labels, a link's names."""

from apptest_pages import chart_titles, open_link

PAGE = "pages/10_Generate_names.py"


def _page(**params):
    return open_link(PAGE, **params)


def _names(at) -> list[str]:
    return list(at.dataframe[0].value.iloc[:, 0])


def test_the_default_opens_drawn_and_sampling_settings_redraw_without_training():
    at = _page()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [m.label for m in at.metric] == ["Held-out letter loss", "Bigram table", "New names", "Training time"]
    assert float(at.metric[0].value) < float(at.metric[1].value)  # the RNN beats the letter-pair table
    assert chart_titles(at) == ["The next letter, step by step", "Letter loss per epoch"]
    first = _names(at)
    assert len(first) == 10 and not at.button  # shipped: nothing to train
    at.selectbox(key="gen_first").set_value("K").run()
    assert not at.exception
    assert all(n.startswith("K") for n in _names(at))
    assert at.query_params["gen_first"] == "K"  # the link names the letter
    at.number_input(key="gen_sample").set_value(3).run()
    assert _names(at) != first and not at.get("progress")
    assert at.query_params["gen_sample"] == "3"


def test_a_link_gives_its_names_and_another_model_waits_for_train_in_chinese():
    link = {"gen_lang": "Japanese", "gen_sample": "4", "gen_temp": "1.2", "gen_count": "5"}
    a, b = _page(**link), _page(**link)
    a.run()
    b.run()
    assert _names(a) == _names(b) and len(_names(a)) == 5

    at = _page(lang="zh", gen_hidden="16", gen_epochs="1")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("还没有训练" in i.value for i in at.info)
    assert not at.get("plotly_chart")
    at.button(key="gen_train").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [m.label for m in at.metric] == ["留出集逐字母损失", "二元组表", "新姓氏", "训练时间"]
    assert chart_titles(at) == ["逐步看下一个字母", "每轮的逐字母损失"]
    assert at.dataframe[0].value.columns[1] == "是真的吗？"
    at.slider(key="gen_temp").set_value(0.5).run()  # the trained model stays: no Train button again
    assert not at.exception
    assert not [b for b in at.button if b.key == "gen_train"]
    assert chart_titles(at) == ["逐步看下一个字母", "每轮的逐字母损失"]
