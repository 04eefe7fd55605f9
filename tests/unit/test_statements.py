"""The statement engine on wordings of the national template the seeds do not use."""

from decimal import Decimal

from fiscal.documents.metadata import detect_metadata
from fiscal.documents.normalise import normalise
from fiscal.extract.statements import extract_statements


def facts_of(text: str) -> set[tuple]:
    normalised = normalise(text).text
    extraction = extract_statements(normalised, detect_metadata(normalised))
    return {(f.metric, f.scope, f.basis, f.amount_wan) for f in extraction.facts}


def test_budget_document_in_yuan():
    facts = facts_of(
        "某某区教育局2025年部门预算\n一、收入支出预算总体情况说明\n"
        "2025年收、支预算总计12,345,678.90元。其中:基本支出8,000,000.00元,项目支出4,345,678.90元。"
    )
    assert ("total_income_expenditure", "department", "budget", Decimal("1234.567890")) in facts
    assert ("basic_expenditure", "department", "budget", Decimal("800.000000")) in facts
    assert ("project_expenditure", "department", "budget", Decimal("434.567890")) in facts


def test_decrease_is_a_negative_change():
    text = (
        "某县财政局2023年度部门决算\n(一)机关运行经费支出情况\n"
        "2023年机关运行经费支出10.5万元,比2022年减少2.1万元,下降16.67%。"
    )
    normalised = normalise(text).text
    extraction = extract_statements(normalised, detect_metadata(normalised))
    changes = {(f.metric, f.value, f.subject_metric) for f in extraction.facts if f.subject_metric}
    assert changes == {
        ("change_amount", Decimal("-2.1"), "agency_operating_expense"),
        ("growth_pct", Decimal("-16.67"), "agency_operating_expense"),
    }


def test_prior_year_figure():
    text = "某县财政局2023年度部门决算\n2023年度收、支总计150.00万元,2022年度收、支总计120.00万元。"
    normalised = normalise(text).text
    extraction = extract_statements(normalised, detect_metadata(normalised))
    periods = {(f.metric, f.period, f.amount_wan) for f in extraction.facts}
    assert periods == {
        ("total_income_expenditure", "current", Decimal("150.00")),
        ("total_income_expenditure", "prior", Decimal("120.00")),
    }


def test_glossary_figures_are_not_statements():
    text = "某县财政局2023年度部门决算\n三、名词解释\n1.基本支出:指人员经费支出10万元以下的…"
    normalised = normalise(text).text
    assert extract_statements(normalised, detect_metadata(normalised)).facts == []


NATIONAL_TEMPLATE_EXCERPT = """某区某局2024年度部门决算
一、收入支出决算总体情况说明
某区某局2024年度收入支出总计120.50
万元。与2023年度相比，收入支出总计增加20.50万元，增长20.50%。
五、一般公共预算财政拨款支出决算情况说明
（三）一般公共预算财政拨款支出决算具体情况
一般公共预算财政拨款支出年初预算为100.00万元，全年预算为
125.00万元，支出决算为120.50万元，完成年初预算的120.50%。其中：
1、一般公共服务支出（类）财政事务（款）行政运行（项）。
主要用于：行政单位人员支出、公用支出。全年预算为100.00万元，
支出决算为98.00万元，完成全年预算数的98.00%。
2、社会保障和就业支出（类）行政事业单位养老支出（款）机
关事业单位基本养老保险缴费支出（项）。主要用于：养老保险支出。全年预算为
25.00万元，支出决算为22.50万元。
十一、其他重要事项的情况说明
（二）政府采购支出情况
2024年度政府采购金额（以合同签订为准）为10.00万元，其中：货物采购金额4.00万元、工程采购金额0万元、服务采购金额6.00万元。
"""


def test_national_template_wording():
    normalised = normalise(NATIONAL_TEMPLATE_EXCERPT).text
    extraction = extract_statements(normalised, detect_metadata(normalised))
    facts = {(f.metric, f.scope, f.basis, f.amount_wan) for f in extraction.facts}
    assert {
        ("total_income_expenditure", "department", "actual", Decimal("120.50")),
        ("gpb_expenditure", "gpb", "initial_budget", Decimal("100.00")),
        ("gpb_expenditure", "gpb", "budget", Decimal("125.00")),
        ("gpb_expenditure", "gpb", "actual", Decimal("120.50")),
        ("procurement_total", "department", "actual", Decimal("10.00")),
        ("procurement_goods", "department", "actual", Decimal("4.00")),
        ("procurement_works", "department", "actual", Decimal("0")),
        ("procurement_services", "department", "actual", Decimal("6.00")),
    } <= facts
    lines = {
        (line.level, line.name, line.class_name, line.kuan_name, line.basis, line.amount_wan)
        for line in extraction.lines
    }
    assert lines == {
        (3, "行政运行", "一般公共服务支出", "财政事务", "budget", Decimal("100.00")),
        (3, "行政运行", "一般公共服务支出", "财政事务", "actual", Decimal("98.00")),
        (
            3,
            "机关事业单位基本养老保险缴费支出",
            "社会保障和就业支出",
            "行政事业单位养老支出",
            "budget",
            Decimal("25.00"),
        ),
        (
            3,
            "机关事业单位基本养老保险缴费支出",
            "社会保障和就业支出",
            "行政事业单位养老支出",
            "actual",
            Decimal("22.50"),
        ),
    }
