"""Wording classes found on benchmarks/wording_dev (and benchmarks/authored): a whole said to be all of
one part (全部为公务接待费), procurement's kinds named short in its total's list, “三公” items said to
be nil, a budget's own income named after its year, traditional texts. The figures are a reader's."""

from __future__ import annotations

from decimal import Decimal as D

from tests.unit.rows import facts_of


def _found(text: str) -> set[tuple[str, str, D]]:
    return {(f.metric, f.basis, f.amount_wan) for f in facts_of(text)}


def test_a_total_that_is_all_reception_states_the_reception_figure():
    found = _found("某中学2020年部门预算\n\n2020年“三公”经费预算数为1.50万元，与上年预算持平，全部为公务接待费。")
    assert ("three_public_total", "budget", D("1.50")) in found
    assert ("three_public_reception", "budget", D("1.50")) in found
    assert not [f for f in found if f[0] in ("three_public_vehicle", "three_public_outbound_travel")]


def test_all_operation_of_the_total_is_the_vehicle_figure_and_its_operation():
    facts = facts_of(
        "某局2021年度部门决算\n\n本部门2021年度“三公”经费财政拨款支出决算为4.36万元，均为公务用车运行维护费。"
    )
    derived = {(f.metric, f.amount_wan, f.part_of) for f in facts if f.provenance.pattern == "wholly_one_part"}
    assert derived == {
        ("three_public_vehicle", D("4.36"), "three_public_total"),
        ("three_public_vehicle_operation", D("4.36"), "three_public_total"),
    }
    whole = next(f for f in facts if f.metric == "three_public_total")
    assert all(f.provenance.span_end == whole.provenance.span_end for f in facts if f.metric.startswith("three_"))


def test_all_goods_of_procurement():
    found = _found(
        "某中学2020年部门预算\n\n2020年政府采购预算286.00万元，全部为货物类，主要用于采购教学用计算机和多媒体教学设备。"
    )
    assert ("procurement_goods", "budget", D("286.00")) in found


def test_a_change_or_a_fund_after_the_words_is_not_a_part():
    found = _found(
        "某局2020年部门预算\n\n2020年“三公”经费预算数为3.00万元，比上年减少1.00万元，全部为公务接待费减少。"
        "项目支出50.00万元，全部为一般公共预算拨款。"
    )
    assert not [f for f in found if f[0] == "three_public_reception"]


def test_procurement_kinds_named_short_in_the_list_of_its_total():
    found = _found(
        "某镇2020年度部门决算\n\n2020年度政府采购支出总额1,652.40万元，其中：货物类318.75万元、工程类1,046.20万元、"
        "服务类287.45万元。"
    )
    assert {
        ("procurement_total", "actual", D("1652.40")),
        ("procurement_goods", "actual", D("318.75")),
        ("procurement_works", "actual", D("1046.20")),
        ("procurement_services", "actual", D("287.45")),
    } <= found


def test_items_said_to_be_nil_are_zero_each():
    facts = facts_of(
        "某医院2022年度部门决算\n\n2022年度“三公”经费支出0元，因公出国（境）费、公务用车购置及运行维护费、公务接待费均未发生。"
    )
    nil = {(f.metric, f.basis, f.amount_wan) for f in facts if f.provenance.pattern == "nil_in_words"}
    assert nil == {
        ("three_public_outbound_travel", "actual", D(0)),
        ("three_public_vehicle", "actual", D(0)),
        ("three_public_reception", "actual", D(0)),
    }


def test_nil_in_a_budget_and_no_purchase_planned():
    found = {
        (f.metric, f.basis, f.amount_wan)
        for f in facts_of(
            "某镇2018年部门预算\n\n公务用车购置及运行维护费３．２０万元，公务接待费２．４０万元，因公出国（境）费未安排预算，"
            "本年无公务用车购置预算。"
        )
    }
    assert {
        ("three_public_vehicle", "budget", D("3.20")),
        ("three_public_reception", "budget", D("2.40")),
        ("three_public_outbound_travel", "budget", D(0)),
        ("three_public_vehicle_purchase", "budget", D(0)),
    } <= found


def test_nil_of_last_year_or_of_a_trip_is_not_this_year_s_item():
    facts = facts_of("某局2020年度部门决算\n\n上年因公出国（境）费未发生。受疫情影响，未安排因公出国（境）团组。")
    assert not [f for f in facts if f.provenance.pattern == "nil_in_words"]


def test_a_budget_s_own_income_and_spending_named_after_its_year():
    found = {(f.metric, f.basis, f.amount_wan) for f in facts_of(
        "某街道2024年部门预算\n\n2024年部门预算收入5,318.64万元，其中：一般公共预算拨款5,218.64万元，其他收入100.00万元。"
        "2024年部门预算支出5,318.64万元，比2023年预算减少286.50万元，下降5.1%。"
    )}  # fmt: skip
    assert {
        ("income_total", "budget", D("5318.64")),
        ("gpb_appropriation_income", "budget", D("5218.64")),
        ("other_income", "budget", D("100.00")),
        ("expenditure_total", "budget", D("5318.64")),
    } <= found


def test_traditional_text_with_corner_quotes_and_fund_appropriation():
    found = {(f.metric, f.amount_wan) for f in facts_of(
        "某中心2025年部門預算\n\n2025年「三公」經費預算數為26.40萬元，比上年預算減少2.10萬元，下降7.4%。"
        "收入預算中，政府性基金預算撥款555.00萬元。"
    )}  # fmt: skip
    assert ("three_public_total", D("26.40")) in found
    assert ("gov_fund_appropriation_income", D("555.00")) in found


def test_words_that_only_look_like_nil_or_like_one_part_place_nothing():
    facts = facts_of(
        "某局2020年度部门决算\n\n公务用车运行维护费未发生变化。公务接待费为零星接待支出。"
        "2019年度公务用车购置费为零，2020年度公务用车购置费支出5.00万元。"
        "“三公”经费3.00万元，均为公务用车运行维护费和公务接待费。"
    )
    assert not [f for f in facts if f.provenance.pattern in ("nil_in_words", "wholly_one_part")]
    assert {(f.metric, f.amount_wan) for f in facts if f.metric == "three_public_vehicle_purchase"} == {
        ("three_public_vehicle_purchase", D("5.00"))
    }


def test_income_of_units_below_the_department_is_not_its_income():
    facts = facts_of("某局2020年度部门决算\n\n下属单位收入20万元。全年收入120万元，支出100万元。")
    # the 100 of spending is not placed (a bare 支出 may be another figure's), and never as income
    assert {(f.metric, f.amount_wan) for f in facts} == {("income_total", D("120"))}


def test_the_budget_a_figure_is_compared_with_is_that_figure_s_budget_not_the_department_s():
    facts = facts_of(
        "某局2017年度部门决算\n\n“三公”经费支出7.35万元，较预算数9.00万元节约1.65万元，未超预算。"
        "公务接待费支出2.00万元，比年初预算3.00万元减少1.00万元。"
    )
    found = {(f.metric, f.basis, f.amount_wan, f.subject_metric, f.base) for f in facts}
    assert {
        ("three_public_total", "budget", D("9.00"), None, None),
        ("change_amount", "actual", D("-1.65"), "three_public_total", "current_budget"),
        ("three_public_reception", "initial_budget", D("3.00"), None, None),
        ("change_amount", "actual", D("-1.00"), "three_public_reception", "initial_budget"),
    } <= found
    assert not [f for f in facts if f.metric in ("budget_initial", "budget_adjusted")]
