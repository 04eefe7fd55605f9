"""Wording classes found on benchmarks/wording_dev: the texts are written in those shapes, the expected
figures are what a reader types from them."""

from __future__ import annotations

from decimal import Decimal as D

from tests.unit.rows import facts_of


def test_three_public_expenditure_total_is_the_three_public_total():
    found = {(f.metric, f.period, f.amount_wan) for f in facts_of(
        "某局2015年度部门决算\n\n2015年，区商务局“三公”经费支出合计25.63万元，比2014年的31.90万元减少6.27万元。"
    )}  # fmt: skip
    assert ("three_public_total", "current", D("25.63")) in found
    assert not [f for f in found if f[0] == "expenditure_total"]


def test_parts_after_an_aside_in_parentheses_belong_to_the_sentence_s_figure():
    found = {(f.metric, f.basis, f.amount_wan) for f in facts_of(
        "某局2014年度部门决算\n\n2014年“三公”经费支出决算为98.60万元，比年初预算减少31.40万元（年初预算130.00万元），"
        "其中：因公出国（境）费18.20万元，公务接待费17.95万元。"
    )}  # fmt: skip
    assert ("three_public_total", "actual", D("98.60")) in found
    assert {
        ("three_public_outbound_travel", "actual", D("18.20")),
        ("three_public_reception", "actual", D("17.95")),
    } <= found


def test_a_project_self_evaluation_s_figures_are_its_project_s():
    named = facts_of(
        "2023年度项目支出绩效自评报告\n\n项目名称：居家养老服务补贴项目\n主管部门：某区民政局\n\n"
        "项目年初预算数386.00万元，全年预算数412.50万元，全年执行数398.26万元，预算执行率96.55%。\n"
    )
    assert {(f.metric, f.project_name) for f in named if f.metric in ("budget_initial", "executed")} == {
        ("budget_initial", "居家养老服务补贴项目"), ("executed", "居家养老服务补贴项目"),
    }  # fmt: skip
    titled = facts_of(
        "某中学2018年度校舍修缮项目支出绩效自评报告\n\n一、基本情况\n\n实际支出2,714,356.80元，预算执行率94.91%。\n"
    )
    assert {f.project_name for f in titled if f.metric == "executed"} == {"校舍修缮项目"}
    several = facts_of(
        "2023年度项目支出绩效自评报告\n\n项目名称：甲项目\n\n全年执行数10.00万元。\n\n项目名称：乙项目\n\n全年执行数20.00万元。\n"
    )
    assert {f.project_name for f in several if f.metric == "executed"} == {None}  # two projects: not guessed


def shares(text: str) -> set[tuple[str, D, str | None]]:
    return {(f.metric, f.pct, f.share_of) for f in facts_of(text) if f.pct is not None}


def test_a_share_after_a_parenthesis_is_of_the_figure_before_it():
    assert shares(
        "某街道2019年度部门决算\n\n本年支出合计18977.42万元，其中：基本支出11420.88万元（人员经费9635.27万元、"
        "公用经费1785.61万元），占60.2%；项目支出7556.54万元，占39.8%。"
    ) == {
        ("basic_expenditure", D("60.2"), "expenditure_total"),
        ("project_expenditure", D("39.8"), "expenditure_total"),
    }
    assert shares(
        "某局2016年部门预算\n\n2016年“三公”经费预算安排18.60万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费"
        "14.80万元（其中：公务用车购置费0万元，公务用车运行维护费14.80万元），占79.6%，公务接待费3.80万元。"
    ) == {("three_public_vehicle", D("79.6"), "three_public_total")}


def test_a_semicolon_closes_a_list_opened_inside_a_list():
    assert shares(
        "某委2017年度部门决算\n\n“三公”经费支出21.34万元，其中：因公出国（境）费0万元；公务用车购置及运行维护费15.60万元，"
        "占73.1%，其中：公务用车购置费0万元，公务用车运行维护费15.60万元；公务接待费5.74万元，占26.9%。"
    ) == {
        ("three_public_vehicle", D("73.1"), "three_public_total"),
        ("three_public_reception", D("26.9"), "three_public_total"),
    }


def test_a_list_of_words_not_recognised_is_not_a_breakdown_of_the_figure_before():
    found = shares(
        "某中学2020年部门预算\n\n收入包括：一般公共预算拨款收入4,612.60万元，事业收入240.00万元；支出包括：基本支出4,105.38万元，"
        "占84.6%，项目支出747.22万元，占15.4%。"
    )
    assert not [share for share in found if share[2] == "business_income"]


def test_a_growth_rate_after_a_new_figure_is_that_figure_s():
    changes = {(f.metric, f.subject_metric, f.value) for f in facts_of(
        "某局2015年度部门决算\n\n公务用车运行维护费19.38万元，比上年减少4.22万元，下降17.9%，公务用车购置费未发生；"
        "公务接待费6.25万元，较上年下降24.7%。"
    ) if f.metric in ("change_amount", "growth_pct")}  # fmt: skip
    assert changes == {
        ("change_amount", "three_public_vehicle_operation", D("-4.22")),
        ("growth_pct", "three_public_vehicle_operation", D("-17.9")),
        ("growth_pct", "three_public_reception", D("-24.7")),
    }


def test_a_figure_beside_the_list_s_whole_ends_the_list():
    parts = {(f.metric, f.part_of) for f in facts_of(
        "某局2016年部门预算说明\n\n基本支出3,102.44万元，其中：人员经费2,693.48万元，公用经费408.96万元；"
        "项目支出1,114.41万元，预算安排食品安全抽检等专项经费。"
    )}  # fmt: skip
    assert ("personnel_expense", "basic_expenditure") in parts
    assert ("public_expense", "basic_expenditure") in parts
    assert ("project_expenditure", None) in parts


def test_shares_in_an_income_list_that_counts_the_carry_over_are_of_the_grand_total():
    shares = {(f.metric, f.pct, f.share_of) for f in facts_of(
        "某厅2022年部门预算\n\n收入预算中：一般公共预算拨款收入268.45亿元，占52.4%；政府性基金预算拨款收入4.12亿元；"
        "事业收入186.73亿元，占36.4%；其他收入21.58亿元；上年结转28.22亿元。"
    ) if f.pct is not None}  # fmt: skip
    assert shares == {
        ("gpb_appropriation_income", D("52.4"), "total_income_expenditure"),
        ("business_income", D("36.4"), "total_income_expenditure"),
    }


def test_an_income_list_without_the_carry_over_keeps_its_shares_of_income():
    shares = {(f.metric, f.share_of) for f in facts_of(
        "某厅2022年部门预算\n\n收入预算中：一般公共预算拨款收入268.45亿元，占55.4%；事业收入186.73亿元，占38.6%；"
        "其他收入29.00亿元。"
    ) if f.pct is not None}  # fmt: skip
    assert shares == {("gpb_appropriation_income", "income_total"), ("business_income", "income_total")}


def test_a_share_of_the_budget_s_expenditure_total_is_of_the_expenditure_total():
    (basic,) = [f for f in facts_of(
        "某厅2022年部门预算\n\n支出预算中：基本支出302.48亿元，占预算支出总额的59.0%；项目支出209.88亿元。"
    ) if f.metric == "basic_expenditure"]  # fmt: skip
    assert (basic.pct, basic.share_of) == (D("59.0"), "expenditure_total")
