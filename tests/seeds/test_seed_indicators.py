"""Every indicator and scoring item of seeds 001, 002 and 004, compared with values read from them."""

from __future__ import annotations

from decimal import Decimal

from fiscal.extract.model import Indicator, Measure
from tests.seeds import expected_indicators as expected


def _value(measure: Measure | None) -> Decimal | None:
    return None if measure is None else measure.value


def indicator_set(records: list[Indicator]) -> set[tuple]:
    return {
        (r.source, r.project_name, r.level1_name, r.level2_name, r.name,
         r.target.text if r.target else None, r.actual.text if r.actual else None,
         _value(r.completion), _value(r.weight), _value(r.score))
        for r in records if r.record_kind == "indicator"
    }  # fmt: skip


def scoring_set(records: list[Indicator]) -> set[tuple]:
    return {
        (r.level1_name, r.level2_name, r.name, _value(r.weight), _value(r.score), r.deviation_reason)
        for r in records
        if r.record_kind == "scoring_item"
    }


def test_seed_001_indicator_tables(processed):
    records = processed["001"].extraction.indicators
    assert indicator_set(records) == expected.SEED_001_INDICATORS
    assert {r.name: r.deviation_reason for r in records if r.deviation_reason} == expected.SEED_001_DEVIATION
    assert scoring_set(records) == set()


def test_seed_001_targets_keep_comparator_number_and_unit(processed):
    by_text = {r.target.text: r.target for r in processed["001"].extraction.indicators if r.target}
    assert (by_text["实现率≥95%"].comparator, by_text["实现率≥95%"].value, by_text["实现率≥95%"].unit) == (
        "≥",
        Decimal(95),
        "%",
    )
    assert (by_text["7.975万元"].value, by_text["7.975万元"].unit, by_text["7.975万元"].precision) == (
        Decimal("7.975"),
        "万元",
        Decimal("0.001"),
    )
    assert by_text["好"].value is None  # a qualitative target keeps its words only


def test_seed_004_prose_indicators_and_mid_year_values(processed):
    records = processed["004"].extraction.indicators
    assert indicator_set(records) == expected.SEED_004_INDICATORS
    assert {r.name: r.mid_year.text for r in records if r.mid_year} == expected.SEED_004_MID_YEAR
    assert {r.name: r.target.comparator for r in records if r.target} == {
        '"三地合一"地块录入数量': "≥", "回迁安置户数": "≥", "征迁与安置政策宣传次数": "≥",
        "征收补偿完成率": "=", "信访案件办结率": "≥",
    }  # fmt: skip
    assert scoring_set(records) == expected.SEED_004_SCORING


def test_seed_002_scoring_items_with_their_hierarchy(processed):
    records = processed["002"].extraction.indicators
    assert scoring_set(records) == expected.SEED_002_SCORING
    assert sum(r.score.value for r in records if r.score) == Decimal("92.76")  # the stated total
    assert indicator_set(records) == set()


def test_scoring_paragraphs_are_no_longer_unplaced_figures(processed):
    kinds = {issue.kind for doc in processed.values() for issue in doc.extraction.issues}
    assert "scoring_item" not in kinds


def test_seed_004_funding_source_splits(processed):
    splits = {
        (line.name, line.parent_metric, line.basis, line.amount_wan)
        for line in processed["004"].extraction.lines
        if line.classification == "funding_source"
    }
    # 年初批复预算数229516.07万元, 其中: 上级资金安排 2480.21, 本级资金 227035.86, 其他资金 0
    assert splits == {
        ("上级资金", "budget_initial", "initial_budget", Decimal("2480.21")),
        ("本级资金", "budget_initial", "initial_budget", Decimal("227035.86")),
        ("其他资金", "budget_initial", "initial_budget", Decimal("0")),
    }
