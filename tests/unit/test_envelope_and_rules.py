from decimal import Decimal as D

from fiscal.quality.envelope import Comparison, Figure, one, ratio_pct, total
from fiscal.quality.rules import RULES, DocumentFacts, FactRow, evaluate


def fig(value: str, unit: str = "0.01") -> Figure:
    return Figure(D(value), D(unit) / 2, "x", "evidence")


def test_two_figures_of_one_quantity_must_be_equal():
    # 14.82 and 14.83 can only both be right if one was rounded differently: not rounding.
    comparison = Comparison(one(fig("14.82")), one(fig("14.83")))
    assert comparison.tolerance == D("0.01") and not comparison.within_rounding


def test_sum_of_rounded_parts_within_envelope_is_rounding():
    comparison = Comparison(one(fig("236.24")), total([fig("236.23"), fig("0")]))
    assert comparison.within_rounding and comparison.residual == D("0.01")


def test_seed_002_gap_is_beyond_rounding():
    comparison = Comparison(one(fig("2679.48")), total([fig("508.24"), fig("2171.21")]))
    assert comparison.residual == D("0.03") and comparison.tolerance == D("0.015")
    assert not comparison.within_rounding


def test_ratio_envelope_from_interval_arithmetic():
    computed = ratio_pct(one(fig("2679.48")), one(fig("2774.62")))
    comparison = Comparison(one(fig("96.57")), computed)
    assert comparison.within_rounding
    assert not Comparison(one(fig("96.60")), computed).within_rounding


def test_no_ratio_of_a_zero_total():
    assert ratio_pct(one(fig("0", "1")), one(fig("0", "1"))) is None


def row(metric: str, value: str, **kw) -> FactRow:
    defaults = dict(
        scope="department",
        period="current",
        basis="actual",
        project=None,
        subject=None,
        value=D(value),
        half_unit=D("0.005"),
        pct=None,
        pct_half_unit=None,
        share_of=None,
        evidence=f"{metric} {value}",
        span_start=0,
        span_end=1,
    )
    defaults.update(kw)
    return FactRow(metric=metric, **defaults)


def test_missing_part_is_insufficient_never_a_pass():
    doc = DocumentFacts("d", facts=[row("expenditure_total", "100.00"), row("basic_expenditure", "60.00")])
    (instance,) = [i for i in evaluate(doc) if i.rule_id == "expenditure_total_eq_basic_plus_project"]
    assert instance.comparison is None and "project_expenditure" in instance.missing


def test_a_figure_stated_twice_with_different_values():
    doc = DocumentFacts("d", facts=[row("executed", "10.00"), row("executed", "10.50")])
    (instance,) = [i for i in evaluate(doc) if i.rule_id == "same_figure_stated_twice_agrees"]
    assert instance.comparison.residual == D("-0.50")


def test_rule_ids_are_unique_and_described_in_both_languages():
    ids = [rule.rule_id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(rule.description_zh and rule.description_en for rule in RULES)


def test_every_rule_declares_kind_severity_and_the_facts_it_needs():
    for rule in RULES:
        assert rule.kind in ("within_text", "cross_table", "table_text", "cross_document"), rule.rule_id
        assert rule.severity in ("error", "warning"), rule.rule_id
        assert rule.metrics, rule.rule_id
        # exactly one home for its instances: Python per document, across documents, or a dbt model
        homes = (rule.evaluate, rule.evaluate_corpus, rule.declared_in)
        assert sum(home is not None for home in homes) == 1, rule.rule_id


def test_declared_sums_come_from_the_seeds_with_their_terms_in_order():
    from fiscal.quality.rules import DECLARED_SUMS_MODEL, RULES_BY_ID

    basic = RULES_BY_ID["basic_eq_personnel_plus_public"]
    assert basic.declared_in == DECLARED_SUMS_MODEL and basic.evaluate is None
    assert basic.metrics == ("basic_expenditure", "personnel_expense", "public_expense")
    assert basic.description_zh == "基本支出 = 人员经费 + 公用经费"
