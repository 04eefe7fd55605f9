"""Identities over the components the document states (issue 9): third spending components are
added, and a sum whose listed parts were not all placed is insufficient_data, never an error."""

from __future__ import annotations

from decimal import Decimal as D

from fiscal.documents.metadata import detect_metadata
from fiscal.documents.normalise import normalise
from fiscal.extract.statements import extract_statements
from fiscal.quality.rules import DocumentFacts, FactRow, evaluate
from tests.unit.rows import fact_row


def fact(metric: str, value: str, **kw) -> FactRow:
    return fact_row(metric, value, **{"basis": "budget", **kw})


def only(doc: DocumentFacts, rule_id: str):
    (instance,) = [i for i in evaluate(doc) if i.rule_id == rule_id]
    return instance


def test_a_third_spending_component_enters_the_total():
    # 某法院部门预算: 支出合计 = 基本支出 + 项目支出 + 单位预留机动经费.
    doc = DocumentFacts(
        "d",
        facts=[
            fact("expenditure_total", "33172.15"),
            fact("basic_expenditure", "18570.82"),
            fact("project_expenditure", "11343.27"),
            fact("contingency_reserve", "3258.06"),
        ],
    )
    instance = only(doc, "expenditure_total_eq_basic_plus_project")
    assert instance.comparison is not None and instance.comparison.residual == D("0")


def _three_public_listing(parts: str):
    text = (
        "某区2022年“三公”经费决算情况说明\n"
        f"2022年的“三公”经费决算数合计为100.00万元,其中:因公出国(境)费0万元、公务接待费40.00万元、{parts}。"
    )
    normalised = normalise(text).text
    return extract_statements(normalised, detect_metadata(normalised))


def test_parts_listed_but_not_placed_make_the_sum_insufficient():
    extraction = _three_public_listing("宣传费10.00万元、印刷费50.00万元")
    (total,) = [f for f in extraction.facts if f.metric == "three_public_total"]
    assert total.unplaced_parts == 2  # 宣传费 and 印刷费 name no figure the vocabulary knows

    doc = DocumentFacts(
        "d",
        facts=[
            fact("three_public_total", "100.00", scope="fiscal", basis="actual", unplaced_parts=2),
            fact("three_public_outbound_travel", "0", scope="fiscal", basis="actual"),
            fact("three_public_reception", "40.00", scope="fiscal", basis="actual"),
        ],
    )
    instance = only(doc, "three_public_total_eq_sum_of_parts")
    assert instance.comparison is None and "2 listed part(s)" in instance.missing


def test_meeting_and_training_listed_under_three_public_are_its_parts():
    # 鄂城区's “三公” lists 会议费 and 培训费 among its parts: 0 + 40 + 10 + 50 = 100.
    extraction = _three_public_listing("会议费10.00万元、培训费50.00万元")
    parts = {f.metric: f.part_of for f in extraction.facts if f.part_of}
    assert parts == {
        "three_public_outbound_travel": "three_public_total",
        "three_public_reception": "three_public_total",
        "meeting_expense": "three_public_total",
        "training_expense": "three_public_total",
    }
    listed = dict(scope="fiscal", basis="actual", part_of="three_public_total")
    doc = DocumentFacts(
        "d",
        facts=[
            fact("three_public_total", "100.00", scope="fiscal", basis="actual"),
            fact("three_public_outbound_travel", "0", **listed),
            fact("three_public_reception", "40.00", **listed),
            fact("meeting_expense", "10.00", **listed),
            fact("training_expense", "50.00", **listed),
        ],
    )
    instance = only(doc, "three_public_total_eq_sum_of_parts")
    assert instance.comparison is not None and instance.comparison.residual == D("0")
    # Stated elsewhere, not as its parts, they stay out of the “三公”: then the national three parts
    # are its parts, and with 公务用车 unstated 100 against 0 + 40 cannot be checked (it may be 60).
    apart = DocumentFacts("d", facts=[*doc.facts[:3], fact("meeting_expense", "10.00", scope="fiscal", basis="actual")])
    instance = only(apart, "three_public_total_eq_sum_of_parts")
    assert instance.comparison is None and instance.missing == "three_public_vehicle"
    # With the vehicle part stated, 100 against 0 + 20 + 40 is an error.
    whole = DocumentFacts(
        "d", facts=[*apart.facts, fact("three_public_vehicle", "20.00", scope="fiscal", basis="actual")]
    )
    instance = only(whole, "three_public_total_eq_sum_of_parts")
    assert instance.comparison is not None and instance.comparison.residual == D("40.00")


def test_income_sources_without_the_appropriation_are_insufficient():
    # "收入预算4,216.85万元 … 其中:财政拨款4,136.85万元,其他收入80.00万元": the bare 财政拨款 is not placed.
    doc = DocumentFacts(
        "d",
        facts=[
            fact("income_total", "4216.85"),
            fact("other_income", "80.00"),
        ],
    )
    instance = only(doc, "income_total_eq_sum_of_sources")
    assert instance.comparison is None and instance.missing == "fiscal appropriation income"


def test_income_sources_with_the_appropriation_are_compared():
    doc = DocumentFacts(
        "d",
        facts=[
            fact("income_total", "4216.85"),
            fact("fiscal_appropriation_income", "4136.85"),
            fact("other_income", "80.00"),
        ],
    )
    instance = only(doc, "income_total_eq_sum_of_sources")
    assert instance.comparison is not None and instance.comparison.residual == D("0")
