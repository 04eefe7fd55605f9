"""Classes of wording found on documents from other provinces (2026-12): each placed, or abstained
on, as a reader would. Texts are written in the shape such pages take; the expected figures are read
from the text by hand (the comments show the arithmetic)."""

from __future__ import annotations

from decimal import Decimal as D

from fiscal.quality.rules import evaluate
from tests.unit.rows import document_facts
from tests.unit.test_real_document_classes import extracted


def facts_of(text: str) -> set[tuple]:
    return {(f.metric, f.period, f.basis, f.subject_metric, f.amount_wan or f.value) for f in extracted(text).facts}


def statuses(text: str, rule_id: str) -> list[str]:
    """Each instance of the rule: "missing", "within" (inside the envelope) or "breached"."""
    out = []
    for instance in evaluate(document_facts(extracted(text))):
        if instance.rule_id != rule_id:
            continue
        if instance.comparison is None:
            out.append("missing")
        else:
            out.append("within" if instance.comparison.within_rounding else "breached")
    return out


_SELF_EVALUATION = "某区市场监督管理局2021年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def test_the_execution_rate_of_a_part_is_that_parts_rate():
    # 2104.30 ÷ 2104.30 = 100 %, 1294.41 ÷ 1408.16 = 91.92 %, 3398.71 ÷ 3512.46 = 96.76 %: all hold
    text = _SELF_EVALUATION + (
        "2021年度本部门全年预算3,512.46万元，全年执行数3,398.71万元，预算执行率96.76%。其中：基本支出全年"
        "预算2,104.30万元，执行2,104.30万元，执行率100%；项目支出全年预算1,408.16万元，执行1,294.41万元，"
        "执行率91.92%。\n"
    )
    facts = facts_of(text)
    assert ("basic_expenditure", "current", "actual", None, D("2104.30")) in facts
    assert ("execution_rate_pct", "current", "actual", "basic_expenditure", D("100")) in facts
    assert ("execution_rate_pct", "current", "actual", "project_expenditure", D("91.92")) in facts
    assert ("execution_rate_pct", "current", "actual", None, D("96.76")) in facts
    assert statuses(text, "execution_rate_eq_executed_over_budget") == ["within"] * 3


def test_a_use_described_after_a_figure_opens_no_list():
    # 418.57 is a share of the whole 支出预算 (27.4 % of 1526.84), not a part of 基本支出
    text = (
        "某市统计局2023年部门预算\n2023年收支总预算1,526.84万元。\n支出预算包括：基本支出1,108.27万元，占72.6%，"
        "主要用于保障机构正常运转；项目支出418.57万元，占27.4%，主要用于经济普查。\n"
    )
    shares = {f.metric: f.share_of for f in extracted(text).facts if f.pct is not None}
    assert shares == {"basic_expenditure": "expenditure_total", "project_expenditure": "expenditure_total"}
    assert "breached" not in statuses(text, "stated_share_eq_part_over_total")


def test_lines_after_by_functional_classification_are_functional_classes():
    # 1229.38 + 160.54 + 55.12 + 81.80 = 1526.84
    text = (
        "某市统计局2023年部门预算\n二、财政拨款支出预算情况说明\n2023年财政拨款支出预算1,526.84万元，按功能分类："
        "一般公共服务支出1,229.38万元，社会保障和就业支出160.54万元，卫生健康支出55.12万元，住房保障支出81.80万元。\n"
    )
    lines = [(line.classification, line.level, line.name, line.amount_wan) for line in extracted(text).lines]
    assert lines == [
        ("functional", 1, "一般公共服务支出", D("1229.38")),
        ("functional", 1, "社会保障和就业支出", D("160.54")),
        ("functional", 1, "卫生健康支出", D("55.12")),
        ("functional", 1, "住房保障支出", D("81.80")),
    ]


def test_items_described_one_paragraph_each_may_leave_lines_out():
    # 公共安全 1987.23 against its three described 项 1203.57 + 231.84 + 168.32 = 1603.73: short, not over
    text = (
        "某区司法局2016年度部门决算说明\n1.财政拨款支出决算总体情况\n2016年度一般公共预算财政拨款支出2,049.38万元，"
        "主要用于以下方面：公共安全（类）支出1,987.23万元，占97.0%；住房保障（类）支出62.15万元，占3.0%。\n"
        "2.一般公共预算财政拨款支出决算具体情况\n"
        "（1）公共安全支出（类）司法（款）行政运行（项）。支出决算为1,203.57万元。\n"
        "（2）公共安全支出（类）司法（款）基层司法业务（项）。支出决算为231.84万元。\n"
        "（3）公共安全支出（类）司法（款）法律援助（项）。支出决算为168.32万元。\n"
    )
    rule = "functional_line_eq_sum_of_children"
    instances = [i for i in evaluate(document_facts(extracted(text))) if i.rule_id == rule]
    assert instances and all(i.shortfall_is_warning for i in instances)


def test_a_budget_and_an_income_named_bare_are_the_documents_totals():
    text = (
        "某区司法局2017年部门预算\n一、部门收支预算情况\n2017年部门收入预算18,652,400元，全部为一般公共预算财政拨款；"
        "支出预算18,652,400元，其中基本支出14,206,800元，项目支出4,445,600元。\n"
    )
    facts = facts_of(text)
    assert ("income_total", "current", "budget", None, D("1865.24")) in facts
    assert ("expenditure_total", "current", "budget", None, D("1865.24")) in facts
    assert ("project_expenditure", "current", "budget", None, D("444.56")) in facts
    # 1420.68 + 444.56 = 1865.24
    assert statuses(text, "expenditure_total_eq_basic_plus_project") == ["within"]


def test_a_named_budget_is_not_the_documents_total():
    text = "某局2023年部门预算\n基本支出预算120.00万元，政府采购支出预算30.00万元。\n"
    assert not {f.metric for f in extracted(text).facts} & {"expenditure_total", "income_total"}


def test_in_a_projects_own_evaluation_this_project_is_the_subject():
    # 2291580.36 ÷ 2386400.00 = 96.03 %
    text = (
        "2024年度项目支出绩效自评报告\n项目名称：老旧小区改造提升项目\n一、项目资金情况\n本项目年度预算资金2,386,400.00元。"
        "全年实际执行2,291,580.36元，预算执行率96.03%。\n三、自评结论\n本项目自评总得分95.60分，自评等级“优”。\n"
    )
    facts = facts_of(text)
    assert ("budget_adjusted", "current", "budget", None, D("238.64")) in facts
    assert ("executed", "current", "actual", None, D("229.158036")) in facts
    assert ("self_eval_score", "current", "actual", None, D("95.60")) in facts
    assert statuses(text, "execution_rate_eq_executed_over_budget") == ["within"]
    assert not extracted(text).indicators  # the total score is not a scoring item


def test_last_years_figure_of_the_figure_just_stated():
    text = (
        "某厅2014年度部门决算\n2014年度“三公”经费财政拨款支出562.35万元，比2013年的710.62万元减少148.27万元。其中："
        "因公出国（境）费32.50万元，比上年减少13.30万元；公务用车购置及运行费421.18万元（上年为541.02万元），其中"
        "公务用车购置费0万元，上年为62.40万元，公务用车运行维护费421.18万元，比上年预算478.62万元减少57.44万元；"
        "公务接待费108.67万元。\n"
    )
    facts = facts_of(text)
    assert ("three_public_vehicle", "prior", "actual", None, D("541.02")) in facts
    assert ("three_public_vehicle_purchase", "prior", "actual", None, D("62.40")) in facts
    assert ("three_public_vehicle_purchase", "current", "actual", None, D("0")) in facts
    assert ("three_public_vehicle_operation", "prior", "budget", None, D("478.62")) in facts
    # last year's “三公” 710.62 is stated with only one of its parts (541.02): not a sum to check
    assert "breached" not in statuses(text, "three_public_total_eq_sum_of_parts")
    assert "missing" in statuses(text, "three_public_total_eq_sum_of_parts")


def test_the_vehicle_parts_named_short_inside_their_own_list():
    # 0.21 + 0.77 = 0.98 亿元
    text = (
        "某市2019年部门预算“三公”经费情况\n2019年市级“三公”经费财政拨款预算1.92亿元。其中，因公出国（境）费0.26亿元，"
        "公务用车购置及运行维护费0.98亿元（其中购置费0.21亿元、运行维护费0.77亿元），公务接待费0.68亿元。\n"
    )
    facts = facts_of(text)
    assert ("three_public_vehicle_purchase", "current", "budget", None, D("2100")) in facts
    assert ("three_public_vehicle_operation", "current", "budget", None, D("7700")) in facts


def test_a_numbered_line_that_states_a_figure_is_a_statement_not_a_heading():
    text = (
        "某街道办事处2022年度部门决算\n一、收入支出决算总体情况说明\n（一）收入总计9,268.79万元。包括：\n"
        "1.本年收入合计8,912.37万元。\n2.年初结转和结余356.42万元。\n（二）年末结转和结余438.15万元。\n"
    )
    facts = facts_of(text)
    assert ("carryover_begin", "current", "actual", None, D("356.42")) in facts
    assert ("carryover_end", "current", "actual", None, D("438.15")) in facts
    assert ("income_total", "current", "actual", None, D("8912.37")) in facts


def test_last_years_figure_named_by_its_basis_alone():
    text = (
        "某区教育局2016年部门预算\n2016年“三公”经费财政拨款预算18.60万元。其中：\n"
        "（一）因公出国（境）费预算0万元，上年预算0万元，与上年持平。\n"
    )
    facts = facts_of(text)
    assert ("three_public_outbound_travel", "prior", "budget", None, D("0")) in facts
    assert ("three_public_outbound_travel", "current", "budget", None, D("0")) in facts
