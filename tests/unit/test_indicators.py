from decimal import Decimal

import pytest

from fiscal.documents.normalise import normalise
from fiscal.extract.indicators import extract_indicators, parse_measure
from fiscal.extract.tables import find_tables


@pytest.mark.parametrize(
    ("text", "comparator", "value", "unit"),
    [
        ("实现率≥95%", "≥", "95", "%"),
        ("大于等于43宗", "≥", "43", "宗"),
        ("不高于5万元", "≤", "5", "万元"),
        ("等于100%", "=", "100", "%"),
        ("8套", None, "8", "套"),
        ("≤3天", "≤", "3", "天"),
    ],
)
def test_measures_keep_comparator_number_and_unit(text, comparator, value, unit):
    measure = parse_measure(text)
    assert (measure.text, measure.comparator, measure.value, measure.unit) == (text, comparator, Decimal(value), unit)


def test_qualitative_measure():
    assert parse_measure("好").value is None and parse_measure("好").text == "好"


def test_flattened_table_rows_cells_and_wrapped_headers():
    text = "\t一级\n指标\n\t三级指标\n\t指标值\n\n\t产出指标\n\t服务器\n\t1台\n\n\t\n\t高拍仪\n\t8套\n\n后文。"
    (table,) = find_tables(text)
    assert [[c.text for c in row] for row in table.rows] == [
        ["一级指标", "三级指标", "指标值"],
        ["产出指标", "服务器", "1台"],
        ["", "高拍仪", "8套"],
    ]
    cell = table.rows[1][1]
    assert text[cell.start : cell.end] == "服务器"


def test_table_with_weights_scores_and_a_ceiling_target():
    text = normalise(
        "某某项目支出绩效自评报告\n"
        "\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n\n"
        "\t产出指标\n\t时效指标\n\t办理时限\n\t≤3天\n\t2天\n\t10\n\t10\n"
    ).text
    (record,) = extract_indicators(text).indicators
    assert (record.project_name, record.level1_name, record.name) == ("某某", "产出指标", "办理时限")
    assert (record.target.comparator, record.actual.value, record.weight.value, record.score.value) == (
        "≤",
        Decimal(2),
        Decimal(10),
        Decimal(10),
    )


def test_markdown_pipe_table():
    text = normalise(
        "某某项目支出绩效自评报告\n"
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 完成率 |\n"
        "|---|---|---|---|---|---|\n"
        "| 产出指标 | 数量指标 | 安置户数 | ≥200户 | 217户 | 108.5% |\n"
        "| | 质量指标 | 验收合格率 | 100% | 100% | 100% |\n"
    ).text
    records = extract_indicators(text).indicators
    assert [
        (r.level1_name, r.level2_name, r.name, r.target.text, r.actual.value, r.completion.value) for r in records
    ] == [
        ("产出指标", "数量指标", "安置户数", "≥200户", Decimal(217), Decimal("108.5")),
        ("产出指标", "质量指标", "验收合格率", "100%", Decimal(100), Decimal(100)),
    ]
