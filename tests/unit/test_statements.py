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
