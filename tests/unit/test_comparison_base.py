"""Changes and growth rates know what they compare (issue 9): their subject and their base.

Extraction reads the base from the words (比上年决算数, 与本年预算相比, 比年初预算, 比上年预算); the
rules compare only figures of one subject and one base.
"""

from __future__ import annotations

from decimal import Decimal as D

from fiscal.documents.metadata import detect_metadata
from fiscal.documents.normalise import normalise
from fiscal.extract.statements import extract_statements
from fiscal.quality.rules import DocumentFacts, FactRow, evaluate
from tests.unit.rows import fact_row


def changes(text: str) -> set[tuple]:
    normalised = normalise(text).text
    extraction = extract_statements(normalised, detect_metadata(normalised))
    return {
        (f.metric, f.subject_metric, f.base, f.value)
        for f in extraction.facts
        if f.metric in ("change_amount", "growth_pct")
    }


def test_the_base_is_read_from_the_words_of_the_change():
    found = changes(
        "某局2021年度“三公”经费支出决算说明\n"
        "2021年度“三公”经费财政拨款支出决算为1.52万元,比上年决算数减少0.3万元,下降16.48%。"
        "公务接待费支出1.52万元,与2021年度预算相比,减少0.28万元,下降15.56%。"
        "公务用车运行维护费支出0万元,比年初预算减少0.5万元。"
    )
    assert found == {
        ("change_amount", "three_public_total", "prior_actual", D("-0.3")),
        ("growth_pct", "three_public_total", "prior_actual", D("-16.48")),
        ("change_amount", "three_public_reception", "current_budget", D("-0.28")),
        ("growth_pct", "three_public_reception", "current_budget", D("-15.56")),
        ("change_amount", "three_public_vehicle_operation", "initial_budget", D("-0.5")),
    }


def test_a_budget_compared_with_last_years_budget():
    found = changes(
        "某区直工委2020年部门预算\n2020年一般公共预算“三公”经费支出预算为0.36万元,比2019年预算减少0.02万元,下降5.26%。"
    )
    assert found == {
        ("change_amount", "three_public_total", "prior_budget", D("-0.02")),
        ("growth_pct", "three_public_total", "prior_budget", D("-5.26")),
    }


def fact(metric: str, value: str, **kw) -> FactRow:
    return fact_row(metric, value, **{"scope": "fiscal", **kw})


def instances(doc: DocumentFacts, rule_id: str) -> list:
    return [i for i in evaluate(doc) if i.rule_id == rule_id]


def test_a_change_against_the_budget_is_actual_minus_budget():
    doc = DocumentFacts(
        "d",
        facts=[
            fact("three_public_total", "7.36"),
            fact("three_public_total", "8.04", basis="budget"),
            fact("three_public_total", "6.50", period="prior"),
            fact("change_amount", "-0.68", subject="three_public_total", base="current_budget"),
            fact("change_amount", "0.86", subject="three_public_total", base="prior_actual"),
        ],
    )
    checked = {i.key: i.comparison.residual for i in instances(doc, "change_eq_current_minus_prior")}
    assert set(checked.values()) == {D("0")}  # each against its own base: both hold
    assert len(checked) == 2
    # The two changes of one subject against different bases are never compared with each other.
    assert not [i for i in instances(doc, "same_figure_stated_twice_agrees") if "change_amount" in i.key]


def test_changes_of_different_subjects_are_never_compared():
    doc = DocumentFacts(
        "d",
        facts=[
            fact("change_amount", "-0.26", subject="three_public_reception", base="prior_actual"),
            fact("change_amount", "14.79", subject="three_public_vehicle_operation", base="prior_actual"),
            fact("growth_pct", "-14", subject="three_public_reception", base="prior_actual"),
            fact("growth_pct", "105", subject="three_public_vehicle_operation", base="prior_actual"),
        ],
    )
    assert instances(doc, "same_figure_stated_twice_agrees") == []
