"""Classes of real inconsistencies the development excerpts state, found from the text (issue 9).

Each text is written in the shape the pages take; each expected figure is worked out by hand from
the figures as written (the comment shows the arithmetic). Consistent variants show no error.
"""

from __future__ import annotations

from decimal import Decimal as D

from fiscal.quality.rules import Instance, evaluate
from tests.unit.rows import document_facts
from tests.unit.test_real_document_classes import extracted


def instances(text: str, rule_id: str) -> list[Instance]:
    return [i for i in evaluate(document_facts(extracted(text))) if i.rule_id == rule_id]


def breached(instance: Instance) -> bool:
    assert instance.comparison is not None, instance.missing
    return not instance.comparison.within_rounding


_BUDGET_PAGE = "某单位2022年部门预算情况说明\n六、一般公共预算基本支出情况说明\n"


def test_the_change_of_an_economic_line_is_checked_against_that_line():
    # 52044.27 ÷ (75800 − 52044.27) = 219.08 %, not the 50.63 % printed; 21557.64 ÷ 884151.42 = 2.44 %
    text = _BUDGET_PAGE + (
        "工资福利支出预算905709.06元,占基本支出预算79.89%,同比增加21557.64元,增长2.44%。\n"
        "商品和服务支出预算75800元,占基本支出预算%,同比增加52044.27元,增长50.63%。\n"
    )
    growths = instances(text, "growth_eq_change_over_prior")
    assert [breached(i) for i in growths] == [False, True]
    assert growths[1].comparison.rhs.value.quantize(D("0.01")) == D("219.08")


def test_the_share_of_an_economic_line_is_checked():
    # 73200 ÷ 1133753.33 = 6.4564 %: 6.45 % is beyond the rounding of every figure as written
    text = _BUDGET_PAGE + (
        "2022年一般公共预算基本支出1133753.33元。\n对个人和家庭补助支出预算73200元,占基本支出预算6.45%。"
    )
    (share,) = instances(text, "stated_share_eq_part_over_total")
    assert breached(share) and share.comparison.rhs.value.quantize(D("0.0001")) == D("6.4564")


def test_a_rate_against_the_figure_compared_with_needs_no_stated_change():
    # 培训费 (2 − 1.50) ÷ 1.50 = 33.3 %, printed 75 %; 差旅费 (1 − 2) ÷ 2 = −50 %, printed 减少50%
    text = (
        "某学校2023年部门预算\n本单位2023年“会议费”“培训费”“差旅费”财政拨款预算数3万元,"
        "其中:会议费0万元,培训费2万元,差旅费1万元。\n"
        "(二)培训费2023年预算2万元,较2022年预算1.50万元增长75%。\n"
        "(三)差旅费2023年预算1万元,较2022年预算2万元减少50%。"
    )
    training, travel = instances(text, "growth_eq_change_over_prior")
    assert breached(training) and not breached(travel)
    # 3 = 0 + 2 + 1 is a declared sum, checked in SQL: tests/e2e/test_fiscal_run.py
    together = {(f.metric, f.part_of, f.amount_wan) for f in extracted(text).facts if f.period == "current"}
    listed = {
        ("meeting_training_travel_total", None, D("3")),
        ("training_expense", "meeting_training_travel_total", D("2")),
    }
    assert listed <= together


def test_shares_of_a_complete_list_must_total_100():
    # 0.72 + 0.02 + 0.59 = 1.33 ≈ 1.32 (a complete list); 54.54 + 1.51 + 44.69 = 100.74 %
    text = (
        "某市2025年一季度政府采购规模情况\n2025年一季度全市政府采购规模为1.32亿元。"
        "货物、工程、服务政府采购规模分别为0.72亿元、0.02亿元和0.59亿元,"
        "占全市政府采购规模比例为{}、{}和{}。"
    )
    (faulty,) = instances(text.format("54.54%", "1.51%", "44.69%"), "shares_of_whole_total_100")
    assert breached(faulty) and faulty.comparison.lhs.value == D("100.74")
    (sound,) = instances(text.format("54.55%", "1.52%", "43.93%"), "shares_of_whole_total_100")
    assert not breached(sound)
    # only some of the parts: their shares need not total 100
    partial = "某市2025年政府采购情况\n全市政府采购规模为1.32亿元。其中货物采购0.72亿元,占全市政府采购规模的54.54%。"
    assert instances(partial, "shares_of_whole_total_100") == []


def test_vehicles_bought_for_nothing_are_an_error():
    text = (
        "某局2015年“三公”经费决算情况说明\n2015年“三公”经费公共预算财政拨款支出74.6万元,"
        "其中公务用车及运行维护费用61.8万元,公务接待费12.8万元。公务用车费用中含公车购置费{}万元,"
        "公务用车运行维护费61.8万元。本年度使用公共预算财政拨款购置公务用车7辆。"
    )
    (bought,) = instances(text.format("0"), "vehicles_bought_have_purchase_spending")
    assert breached(bought) and bought.comparison.lhs.value == D("7")
    (paid,) = instances(text.format("20"), "vehicles_bought_have_purchase_spending")
    assert paid.comparison is None and paid.not_applicable  # a spending above zero says nothing of how many


def test_a_minus_after_a_falling_verb_repeats_it():
    # (115,749.56 − 634,127.80) ÷ 634,127.80 = −81.75 %: "下降-81.75%" is a fall, not a rise
    text = (
        "某局2018年“三公”经费支出决算情况说明\n2018年度“三公”经费支出决算为115,749.56元。"
        "2018年度“三公”经费支出决算数比2017年减少518,378.24元,下降-81.75%。"
    )
    (growth,) = instances(text, "growth_eq_change_over_prior")
    assert growth.comparison.lhs.value == D("-81.75") and not breached(growth)


def test_completion_of_the_budget_is_the_rate_of_the_figure_just_stated():
    # 115,749.56元 ÷ 494,400.00万元 = 0.0023 %, not the 23.42 % printed (the budget's unit is wrong)
    text = (
        "某局2018年“三公”经费支出决算情况说明\n2018年度一般公共预算财政拨款“三公”经费支出预算为494,400.00万元,"
        "支出决算为115,749.56元,完成预算的23.42%。"
    )
    (rate,) = instances(text, "execution_rate_eq_executed_over_budget")
    assert breached(rate) and rate.comparison.rhs.value.quantize(D("0.0001")) == D("0.0023")
    assert "three_public_total" in rate.key


def test_a_share_after_a_pause_mark_is_the_share_of_its_figure():
    text = (
        "某局2024年度部门决算\n本年支出合计13983.68万元。其中基本支出5576.81万元、占39.88%,"
        "项目支出8406.86万元、占60.12%。"
    )
    shares = {(f.metric, f.pct, f.share_of) for f in extracted(text).facts if f.pct is not None}
    assert shares == {
        ("basic_expenditure", D("39.88"), "expenditure_total"),
        ("project_expenditure", D("60.12"), "expenditure_total"),
    }


def test_a_table_whose_columns_name_the_figures_is_read_and_checked_against_the_text():
    text = (
        "某局2024年度部门决算\n2024年“三公”经费财政拨款支出决算为12.50万元,其中:因公出国(境)费1.00万元,"
        "公务用车购置及运行维护费8.00万元,公务接待费3.50万元。\n财政拨款“三公”经费支出决算表\n单位:万元\n"
        "| 项目 | 合计 | 因公出国(境)费 | 公务用车购置及运行维护费 | 公务接待费 |\n"
        "| 决算数 | 12.50 | 1.00 | 8.00 | 3.60 |\n"
    )
    table = {(f.metric, f.amount_wan) for f in extracted(text).facts if f.provenance.pattern.startswith("table:")}
    assert table == {("three_public_total", D("12.50")), ("three_public_outbound_travel", D("1.00")),
                     ("three_public_vehicle", D("8.00")), ("three_public_reception", D("3.60"))}  # fmt: skip
    twice = instances(text, "same_figure_stated_twice_agrees")
    assert [breached(i) for i in twice] == [False, False, False, True]  # 公务接待费 3.50 against 3.60


def test_a_class_stated_again_with_its_kuan_is_counted_once_in_the_total():
    # 4.00 + 6.00 = 10.00; the detail paragraph repeats 一般公共服务支出(类)4.00 with its 款
    text = (
        "某局2024年度部门决算\n2024年一般公共预算财政拨款支出10.00万元,主要用于以下方面:一般公共服务支出(类)4.00万元,"
        "占40.00%;教育支出(类)6.00万元,占60.00%。\n(二)一般公共预算财政拨款支出决算具体情况\n"
        "一般公共服务支出(类)4.00万元,其中:人大事务(款)1.50万元,政府办公厅(室)及相关机构事务(款)2.50万元。"
    )
    (classes,) = instances(text, "expenditure_eq_sum_of_functional_classes")
    assert classes.comparison.residual == 0 and len(classes.comparison.rhs.figures) == 2


def test_a_functional_name_keeps_its_inner_parentheses():
    text = "某局2024年度部门决算\n一般公共服务支出(类)政府办公厅(室)及相关机构事务(款)行政运行(项)支出决算为12.30万元。"
    (line,) = extracted(text).lines
    assert (line.level, line.name, line.class_name, line.kuan_name) == (
        3,
        "行政运行",
        "一般公共服务支出",
        "政府办公厅(室)及相关机构事务",
    )


def test_a_page_flattened_into_one_long_line_is_read_to_its_end():
    # 200,000 characters without a full stop or a parenthesis (the engine's patterns are linear in it)
    prose = ("本单位认真落实各项工作要求加强预算管理" * 10_000)[:200_000]
    text = "某局2024年度部门决算\n" + prose + ",基本支出100.00万元。"
    assert [(f.metric, f.amount_wan) for f in extracted(text).facts] == [("basic_expenditure", D("100.00"))]


_TARGETS_TABLE = (
    "某中心2023年度整体绩效目标表\n"
    "一级指标 | 二级指标 | 三级指标 | 指标值类型 | *指标值 | 计量单位 | *指标解释 | *评(扣)分标准 | 备注 |\n"
    "产出指标 | 数量指标 | 业务工作支出安排金额 | 定量 | {amount} | {unit} | 考察安排情况 | 酌情扣分 | |\n"
    "质量指标 | 业务工作支出到位率 | 定量 | 100 | % | 考察到位情况 | 酌情扣分 | ||\n"
    "社会效益指标 | 保证单位正常运转 | 定性 | 应保尽保 | {words_unit} | 考察保障范围 | 酌情扣分 | ||\n"
)


def test_target_tables_are_read_by_their_value_type_column_and_their_units_checked():
    consistent = _TARGETS_TABLE.format(amount="28.8", unit="万元", words_unit="")
    rows = {(i.name, i.level1_name, i.level2_name, i.target.text, i.target.unit, i.unit_column)
            for i in extracted(consistent).indicators}  # fmt: skip
    # rows under a merged 一级指标 cell start one column left: 定量/定性 tells by how much
    assert rows == {
        ("业务工作支出安排金额", "产出指标", "数量指标", "28.8", "万元", "万元"),
        ("业务工作支出到位率", "产出指标", "质量指标", "100", "%", "%"),
        ("保证单位正常运转", "产出指标", "社会效益指标", "应保尽保", None, None),
    }
    assert all(not breached(i) for i in instances(consistent, "indicator_unit_agrees_with_its_column"))
    # 岳阳楼区's page: 28.8万元 under a 计量单位 of %, and 应保尽保 given %
    contradicting = _TARGETS_TABLE.format(amount="28.8万元", unit="%", words_unit="%")
    verdicts = [breached(i) for i in instances(contradicting, "indicator_unit_agrees_with_its_column")]
    assert verdicts == [True, False, True]
