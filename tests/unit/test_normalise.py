from fiscal.documents.normalise import normalise


def test_strips_docx_bookmarks_and_keeps_a_map_to_the_source():
    source = "[bookmark: _Toc1][bookmark: OLE_LINK2]2023年度收、支总计421.54万元。"
    result = normalise(source)
    assert result.text == "2023年度收、支总计421.54万元。"
    start = result.text.index("421.54")
    source_start, source_end = result.source_span(start, start + len("421.54万元"))
    assert source[source_start:source_end] == "421.54万元"


def test_unifies_full_width_punctuation_and_drops_layout_spaces():
    result = normalise("其中：基本支出 250.27 万元，占59.37％；（一）")
    assert result.text == "其中:基本支出250.27万元,占59.37%;(一)"


def test_markdown_heading_marks_and_bullets_are_removed():
    result = normalise("# 高新区部门单位整体支出 绩效自评报告\n\n- 2.群众补偿诉求较高")
    assert result.text.splitlines() == ["高新区部门单位整体支出绩效自评报告", "", "2.群众补偿诉求较高"]


def test_lines_wrapped_mid_sentence_are_joined_but_headings_are_not():
    source = (
        "2022年度株洲市芦淞区征地工作协调\n服务中心整体支出绩效自评报告\n"
        "六、一般公共预算财政拨款基本支出决算情况说明\t\n2023年一般公共预算财政拨款基本支出250.27万元"
    )
    lines = normalise(source).text.splitlines()
    assert lines[0] == "2022年度株洲市芦淞区征地工作协调服务中心整体支出绩效自评报告"
    assert lines[1] == "六、一般公共预算财政拨款基本支出决算情况说明"


def test_a_list_opened_by_a_colon_continues_on_the_next_line():
    source = "2024年本单位基本支出全年预算总额 450.94万元,其中:\n\n人员经费 435.62 万元,公用经费 15.32 万元。"
    assert (
        normalise(source).text
        == "2024年本单位基本支出全年预算总额450.94万元,其中:人员经费435.62万元,公用经费15.32万元。"
    )


def test_every_character_maps_into_the_source():
    source = "（一）[bookmark: x]部门 决算\r\n## 说明：421.54 万元"
    result = normalise(source)
    assert len(result.offsets) == len(result.text) + 1
    for index, char in enumerate(result.text):
        original = source[result.offsets[index]]
        assert original == char or char in "(),: %\n" or original in "（）：\r"
