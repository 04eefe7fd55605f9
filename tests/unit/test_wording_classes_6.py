"""Classes found by scoring every labelled figure (fiscal measure-coverage), not only the core ones.
Texts are written in the shapes the development sets showed; expected figures are typed from the
text by hand."""

from __future__ import annotations

from decimal import Decimal as D

from fiscal.documents.normalise import normalise
from fiscal.evaluation.coverage import target_of
from tests.unit.rows import facts_of

_SANGONG = "某局2021年度部门决算\n\n三、“三公”经费支出情况说明\n"


def counts(text: str) -> set[tuple[str, D | None]]:
    return {(f.metric, f.value) for f in facts_of(text) if f.unit not in ("万元", "元", "亿元", "%")}


def test_receptions_and_outbound_groups_are_counted_with_their_persons():
    found = counts(
        _SANGONG + "公务接待费12.8万元,国内公务接待67批次,660人次。因公出国(境)团组3个,累计出国(境)12人次。"
        "全年共接待21批次、186人次。外事接待2批次,15人。"
    )
    assert {
        ("reception_batches", D("67")),
        ("reception_persons", D("660")),  # a figure straight after a comma is read
        ("three_public_outbound_travel_groups", D("3")),
        ("three_public_outbound_travel_persons", D("12")),
        ("reception_batches", D("21")),
        ("reception_persons", D("186")),
    } <= found
    # 外事接待 is the foreign guests' reception, not the domestic batches
    assert ("reception_batches", D("2")) not in found and ("reception_persons", D("15")) not in found


def test_a_persons_count_continues_only_a_groups_count():
    found = counts(_SANGONG + "单位共有公务用车2辆,186人次参加培训。")
    assert not {metric for metric, _ in found} & {"reception_persons", "three_public_outbound_travel_persons"}


def test_the_comparison_nearest_the_verb_names_the_base():
    facts = facts_of(
        _SANGONG + "因公出国支出决算比预算无增减变化,比去年无增减变化;"
        "公务用车运行维护费支出决算比预算无增减变化,比去年增加1.05万元,增长35.8%。"
    )
    changes = {(f.metric, f.subject_metric, f.base, f.value) for f in facts if f.subject_metric}
    assert changes == {
        ("change_amount", "three_public_vehicle_operation", "prior_actual", D("1.05")),
        ("growth_pct", "three_public_vehicle_operation", "prior_actual", D("35.8")),
    }


def test_label_keys_map_onto_the_families_they_name():
    assert target_of("three_public_total_decrease_pct", {}).family == "growth"
    assert target_of("three_public_total_decrease_pct", {}).negative
    assert target_of("three_public_total_increase_vs_budget", {}).base == "current_budget"
    assert target_of("share_pct_func_205", {}).line == ("functional", "205", None)
    assert target_of("func_205_basic", {}).family == "functional line column"
    assert target_of("basic_wage_welfare", {}).line == ("economic", "301", None)
    assert target_of("indicator_score", {"indicator": "满意度"}).indicator == ("score", "满意度")
    assert target_of("staff_professional_level6", {}).label == "staff_professional_level6"


def first_level(text: str) -> set[tuple[str, D | None, D | None]]:
    from fiscal.extract.indicators import extract_indicators

    found = extract_indicators(normalise(text).text)
    return {(i.name, i.weight and i.weight.value, i.score and i.score.value) for i in found.indicators}


def test_first_level_scores_summed_up_in_a_sentence_are_items():
    assert first_level(
        "经逐项打分,投入（20分）得18分，过程（20分）得19.5分，产出（30分）得29分，效益（30分）得28分，自评得分94.5分。"
    ) == {("投入", D(20), D(18)), ("过程", D(20), D("19.5")), ("产出", D(30), D(29)), ("效益", D(30), D(28))}
    # weights and scores stated in two sentences are one item's
    assert first_level(
        "评价指标体系总分100分,其中决策指标满分15分、过程指标满分20分、产出指标满分40分、效益指标满分25分。\n"
        "决策指标得分14.5分,过程指标得分18.2分,产出指标得分37.9分,效益指标得分23.0分。"
    ) == {("决策指标", D(15), D("14.5")), ("过程指标", D(20), D("18.2")), ("产出指标", D(40), D("37.9")),
          ("效益指标", D(25), D("23.0"))}  # fmt: skip
    # a figure with no word before it is a score only where the sentence speaks of scores
    assert first_level("各项指标得分情况:投入指标17分、过程指标18.5分。") == {
        ("投入指标", None, D(17)),
        ("过程指标", None, D("18.5")),
    }
    assert first_level("产出指标27分。") == set()


def test_only_a_self_evaluation_has_first_level_items():
    from fiscal.extract.indicators import extract_indicators

    text = normalise("产出(30分)得29分,效益(30分)得28分。").text
    assert "效益" not in {i.name for i in extract_indicators(text, performance=False).indicators}


def _scores_sum(text: str) -> list:
    from fiscal.quality.rules import evaluate
    from tests.unit.rows import document_facts
    from tests.unit.test_real_document_classes import extracted

    return [i for i in evaluate(document_facts(extracted(text))) if i.rule_id == "item_scores_sum_to_total_score"]


def test_first_level_scores_are_summed_alone_and_only_when_complete():
    head = "某局2021年度部门整体支出绩效自评报告\n(二)自评结论\n"
    table = (
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
        "产出指标\t数量指标\t培训人次\t≥300人次\t320人次\t30\t29\n"
    )
    # the four items add up to 94.5; the indicator's 29 under 产出 is not summed again
    text = head + "投入(20分)得18分,过程(20分)得19.5分,产出(30分)得29分,效益(30分)得28分,自评得分94.5分。\n" + table
    [instance] = _scores_sum(text)
    assert instance.comparison is not None and instance.comparison.residual == 0
    # two of four items read: not a sum of the whole, so no finding either way
    partial = head + "产出(30分)得29分,效益(30分)得28分,自评得分94.5分。\n"
    [instance] = _scores_sum(partial)
    assert instance.comparison is None and instance.missing == "items whose weights make up full marks"


def _facts(text: str) -> set[tuple]:
    return {(f.metric, f.scope, f.period, f.basis, f.amount_wan if f.amount_wan is not None else f.value)
            for f in facts_of(text)}  # fmt: skip


def test_an_income_whose_parts_count_the_carry_over_is_the_side_total():
    found = _facts(
        "某妇联2024年部门预算\n二、收入预算情况\n2024年收入预算612.48万元，其中：一般公共预算拨款收入586.18万元；"
        "其他收入6.30万元；上年结转20.00万元。本年收入为592.48万元。"
    )
    assert ("total_income_expenditure", "department", "current", "budget", D("612.48")) in found
    assert ("income_total", "department", "current", "budget", D("592.48")) in found
    assert ("income_total", "department", "current", "budget", D("612.48")) not in found


def test_the_other_classes_total_is_not_the_spending_total():
    found = _facts("某镇2022年度部门决算\n一般公共服务支出120.00万元，其他各类支出合计568.37万元。")
    assert not any(metric == "expenditure_total" for metric, *_ in found)


def test_an_aside_s_fund_names_do_not_set_the_scope_after_it():
    found = _facts(
        "某镇2017年度部门决算\n2017年度财政拨款收支总计25,829,020.50元，其中：本年财政拨款支出24,502,871.30元"
        "（一般公共预算财政拨款支出23,622,871.30元，政府性基金预算财政拨款支出880,000.00元），"
        "年末财政拨款结转和结余1,326,149.20元。"
    )
    assert ("carryover_end", "fiscal", "current", "actual", D("132.614920")) in found


def test_last_year_s_figure_after_the_budget_compared_is_an_actual():
    found = _facts(
        _SANGONG + "因公出国（境）费支出4.12万元，完成预算的68.67%，比预算6.00万元减少1.88万元，"
        "下降31.33%；比上年5.60万元减少1.48万元，下降26.43%。"
    )
    assert ("three_public_outbound_travel", "fiscal", "prior", "actual", D("5.60")) in found
    assert ("three_public_outbound_travel", "fiscal", "current", "budget", D("6.00")) in found


def test_a_completion_of_the_budget_beside_the_figure_is_its_execution_rate():
    facts = facts_of(_SANGONG + "“三公”经费支出18.26万元，为全年预算20.00万元的91.3%。")
    assert [(f.subject_metric, f.value) for f in facts if f.metric == "execution_rate_pct"] == [
        ("three_public_total", D("91.3"))
    ]


def test_last_year_s_figure_of_a_figure_that_could_not_be_placed_is_not_another_s():
    facts = facts_of(
        "某县2014年部门决算公开情况\n项目支出10.28亿元，占51.09%。分功能看，某某支出6.38亿元，比上年5.90亿元增长8.1%。"
    )
    assert not [f for f in facts if f.period == "prior" or f.metric == "growth_pct"]


def lines(text: str) -> list[tuple[str, str, str, D]]:
    from tests.unit.test_real_document_classes import extracted

    return [(line.name, line.period, line.basis, line.amount_wan) for line in extracted(text).lines]


def test_functional_classes_listed_as_parts_or_after_the_classification_s_name_are_lines():
    assert lines(
        "某医院2019年度部门决算\n2019年度财政拨款支出3215.80万元，其中：卫生健康支出2918.64万元，"
        "社会保障和就业支出186.20万元，住房保障支出110.96万元。"
    ) == [("卫生健康支出", "current", "actual", D("2918.64")), ("社会保障和就业支出", "current", "actual", D("186.20")),
          ("住房保障支出", "current", "actual", D("110.96"))]  # fmt: skip
    listed = lines("某局2021年度部门决算\n从支出功能分类看，教育支出27985.30万元，占89.93%；卫生健康支出512.37万元。")
    assert listed == [
        ("教育支出", "current", "actual", D("27985.30")),
        ("卫生健康支出", "current", "actual", D("512.37")),
    ]


def test_last_year_s_figure_of_a_line_is_the_base_of_its_change():
    from fiscal.quality.rules import evaluate
    from tests.unit.rows import document_facts
    from tests.unit.test_real_document_classes import extracted

    text = (
        "某局2023年度部门决算\n五、一般公共预算财政拨款支出决算情况说明\n"
        "公共安全支出（类）决算数为2596.38万元，比上年决算2354.20万元增加242.18万元，增长10.29%。\n"
    )
    assert lines(text) == [("公共安全支出", "current", "actual", D("2596.38")),
                           ("公共安全支出", "prior", "actual", D("2354.20"))]  # fmt: skip
    [change] = [i for i in evaluate(document_facts(extracted(text))) if i.rule_id == "change_eq_current_minus_prior"]
    assert change.comparison is not None and change.comparison.residual == 0  # 2596.38 − 2354.20 = 242.18


def test_one_class_named_in_the_text_is_not_summed_as_all_of_them():
    from fiscal.quality.rules import evaluate
    from tests.unit.rows import document_facts
    from tests.unit.test_real_document_classes import extracted

    text = "某医院2019年度部门决算\n本年支出合计3215.80万元。\n卫生健康支出（类）决算数为2918.64万元。\n"
    [instance] = [
        i for i in evaluate(document_facts(extracted(text))) if i.rule_id == "expenditure_eq_sum_of_functional_classes"
    ]
    assert instance.comparison is None and instance.missing == "a list of the classes"


def test_vehicles_and_equipment_by_kind_and_not_those_to_be_bought():
    found = counts(
        "某局2024年度部门决算\n八、国有资产占用情况说明\n截至2024年12月31日，本部门共有车辆46辆，其中：一般公务用车2辆、"
        "执法执勤用车38辆、其他用车6辆；单价50万元以上通用设备2台（套），单价100万元（含）以上专用设备28台（套）。"
        "2025年拟安排购置单价50万元以上通用设备0台（套）。更新购置执法执勤用车1辆。"
    )
    assert found >= {
        ("vehicle_count", D(46)), ("vehicle_count_general", D(2)), ("vehicle_count_law_enforcement", D(38)),
        ("vehicle_count_other", D(6)), ("equipment_count_general", D(2)), ("equipment_count_special", D(28)),
        ("vehicle_purchase_count", D(1)),
    }  # fmt: skip
    assert ("equipment_count_general", D(0)) not in found and ("vehicle_count_law_enforcement", D(1)) not in found


def test_a_row_that_starts_with_a_bar_in_an_unframed_table_has_an_empty_first_cell():
    from fiscal.extract.tables import find_pipe_tables

    [table] = find_pipe_tables("项目 | 行次 | 决算数 | 项目 | 行次 | 决算数\n | 10 | | 十、节能环保支出 | 41 |\n")
    assert [c.text for c in table.rows[1]] == ["", "10", "", "十、节能环保支出", "41"]


def test_an_indicator_table_whose_cells_are_a_space_apart_is_read_from_each_row_s_end():
    from tests.unit.test_real_document_classes import extracted

    text = (
        "项目支出绩效自评表\n（2023年度）\n项目名称 城区污水管网排查检测项目\n"
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
        "产出指标 数量指标 排查检测管网长度 ≥120公里 126.5公里 20 20\n"
        "质量指标 检测报告合格率 100% 100% 15 15\n"
        "满意度指标 服务对象满意度指标 周边居民满意度 ≥90% 93% 15 14\n"
        "总分 100 91.34\n"
        "偏差原因：部分路段施工受汛期影响。\n"
    )
    document = extracted(text)
    rows = [(i.level1_name, i.name, i.target and i.target.text, i.actual and i.actual.text, i.weight and i.weight.value,
             i.score and i.score.value) for i in document.indicators]  # fmt: skip
    assert rows == [
        ("产出指标", "排查检测管网长度", "≥120公里", "126.5公里", D(20), D(20)),
        ("产出指标", "检测报告合格率", "100%", "100%", D(15), D(15)),  # 产出指标 spans both rows
        ("满意度指标", "周边居民满意度", "≥90%", "93%", D(15), D(14)),
    ]
    # the 总分 row is the total score as the table states it, not an item
    assert [(f.metric, f.value) for f in document.facts if f.metric == "self_eval_score"] == [
        ("self_eval_score", D("91.34"))
    ]


def test_a_first_level_score_is_the_sum_of_the_indicators_under_it_when_all_are_read():
    from fiscal.quality.rules import evaluate
    from tests.unit.rows import document_facts
    from tests.unit.test_real_document_classes import extracted

    head = "某街道2023年度部门整体支出绩效自评报告\n二、自评结果\n产出指标(分值40分)得36.5分。\n"
    table = (
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
        "产出指标 数量指标 新增就业人数 ≥300人 320人 10 10.00\n"
        "质量指标 培训合格率 ≥90% 95% 10 10.00\n"
        "时效指标 按期完成率 100% 90% 10 8.00\n"
        "成本指标 人均培训成本 ≤800元 760元 10 7.50\n"
    )

    def instances(text: str) -> list:
        rule = "first_level_score_eq_sum_of_its_indicators"
        return [i for i in evaluate(document_facts(extracted(text))) if i.rule_id == rule]

    # 10.00 + 10.00 + 8.00 + 7.50 = 35.50 against the 36.5 the summary states
    [instance] = instances(head + table)
    assert instance.comparison is not None and instance.comparison.residual == D("1.00")
    # a row not read (weights 30 of 40): not the item's whole, no finding either way
    [partial] = instances(head + table.rsplit("成本指标", 1)[0])
    assert partial.comparison is None


def test_procurement_by_how_it_was_organised():
    found = {(f.metric, f.amount_wan) for f in facts_of(
        "某市2025年一季度政府采购情况\n全市政府采购规模1.32亿元。政府集中采购、部门集中采购、分散采购规模分别为0.54亿元、"
        "0.04亿元和0.74亿元。"
    )}  # fmt: skip
    assert {
        ("procurement_total", D("13200.00")),
        ("procurement_centralized", D("5400.00")),
        ("procurement_departmental_centralized", D("400.00")),
        ("procurement_decentralized", D("7400.00")),
    } <= found


def _changes(text: str) -> set[tuple]:
    return {(f.metric, f.subject_metric, f.base, f.amount_wan if f.amount_wan is not None else f.value)
            for f in facts_of(text) if f.subject_metric}  # fmt: skip


def test_what_changed_is_named_before_a_comparison_or_an_aside():
    assert _changes(
        "某工会2024年度部门决算\n2024年度收、支总计均为357.21万元。收、支与2023年度相比,减少17.84万元,下降4.8%。"
    ) == {("change_amount", "total_income_expenditure", "prior_actual", D("-17.84")),
          ("growth_pct", "total_income_expenditure", "prior_actual", D("-4.8"))}  # fmt: skip
    assert ("change_amount", "three_public_vehicle", "initial_budget", D("1833.7")) in _changes(
        _SANGONG + "公务用车购置及运行维护费7,634.75万元(其中:公务用车购置费2,337.35万元,"
        "公务用车运行维护费5,297.40万元),比年初预算增加1833.7万元。"
    )
    assert ("change_amount", "three_public_vehicle_purchase", "prior_actual", D("126.72")) in _changes(
        _SANGONG + "公务用车购置费342.18万元,公务用车购置全区增加126.72万元。"
    )


def test_two_breakdowns_of_one_whole_each_total_100_on_their_own():
    from fiscal.quality.rules import evaluate
    from tests.unit.rows import document_facts
    from tests.unit.test_real_document_classes import extracted

    text = (
        "某市2025年一季度政府采购规模情况\n全市政府采购规模为1.32亿元。其中,货物、工程、服务政府采购规模分别为0.72亿元、"
        "0.02亿元和0.59亿元,占全市政府采购规模比例为54.54%、1.51%和44.69%。从组织形式看,政府集中采购、部门集中采购、"
        "分散采购规模分别为0.54亿元、0.04亿元和0.74亿元,分别占全市政府采购规模的40.91%、3.03%和56.06%。"
    )
    sums = {
        i.key: i.comparison.residual
        for i in evaluate(document_facts(extracted(text)))
        if i.rule_id == "shares_of_whole_total_100" and i.comparison
    }
    # 54.54 + 1.51 + 44.69 = 100.74 (a misprint); 40.91 + 3.03 + 56.06 = 100.00
    assert sorted(sums.values()) == [D("0.00"), D("0.74")]


def test_a_page_about_many_departments_gives_each_named_unit_s_figures_to_that_unit():
    from fiscal.documents.metadata import detect_metadata
    from fiscal.quality.rules import evaluate
    from tests.unit.rows import document_facts
    from tests.unit.test_real_document_classes import extracted

    text = (
        "澧县财政局关于2016年县直部门“三公”经费预算公开情况的说明\n"
        "2016年县直部门“三公”经费财政拨款预算2,136.80万元,其中:因公出国(境)费28.00万元;"
        "公务用车购置及运行费1,486.30万元;公务接待费622.50万元。\n"
        "1.县国土资源局“三公”经费预算86.40万元,比上年预算92.00万元减少5.60万元。"
        "其中:因公出国(境)费0万元;公务用车购置及运行费70.00万元;公务接待费16.40万元。\n"
        "2.县商务和招商局“三公”经费预算35.86万元,其中因公出国(境)费8.00万元,公务用车购置及运行费12.60万元,"
        "公务接待费15.00万元。\n"
    )
    metadata = detect_metadata(text)
    assert metadata.many_departments and metadata.department is None  # the publisher's name is not the page's
    facts = extracted(text).facts
    owners = {(f.unit_name, f.metric): f.value for f in facts if f.metric.startswith("three_public")}
    assert owners[(None, "three_public_reception")] == D("622.50")
    assert owners[("县国土资源局", "three_public_reception")] == D("16.40")
    assert owners[("县商务和招商局", "three_public_total")] == D("35.86")
    errors = {
        (i.key.split()[0], i.rule_id)
        for i in evaluate(document_facts(extracted(text)))
        if i.comparison and not i.comparison.within_rounding
    }
    # 8.00 + 12.60 + 15.00 = 35.60 against the 35.86 stated: that unit's own sum; nothing else differs
    assert errors == {("unit=县商务和招商局", "three_public_total_eq_sum_of_parts")}


# ---- false alarms wording_dev4 showed, each a class ---------------------------------------------


def test_funds_other_than_the_appropriation_are_their_own_scope():
    found = _facts(
        "某医院2020年度部门决算\n使用一般公共预算财政拨款安排的“三公”经费支出0万元。使用事业收入等非财政拨款资金安排的"
        "“三公”经费支出12.46万元,其中:公务用车运行维护费9.80万元;公务接待费2.66万元。另使用非财政拨款结余140.00万元,"
        "年初结转和结余1,652.39万元,年初财政拨款结转和结余27.10万元。"
    )
    assert {
        ("three_public_total", "fiscal", "current", "actual", D("0")),
        ("three_public_total", "non_fiscal", "current", "actual", D("12.46")),
        ("three_public_reception", "non_fiscal", "current", "actual", D("2.66")),
        ("carryover_begin", "department", "current", "actual", D("1652.39")),  # 非财政拨款 is no 财政拨款
        ("carryover_begin", "fiscal", "current", "actual", D("27.10")),
    } <= found


def test_a_completion_says_which_budget_and_the_rule_takes_that_one():
    from fiscal.quality.rules import evaluate
    from tests.unit.rows import document_facts
    from tests.unit.test_real_document_classes import extracted

    text = (
        "平遥县某镇2017年度部门决算\n2017年度一般公共预算财政拨款支出年初预算为986.00万元,年中调整预算为1,352.80万元,"
        "支出决算为1,335.42万元,完成调整预算的98.72%,为年初预算的135.44%。决算数比上年决算1,188.65万元增加146.77万元。"
    )
    rates = {(f.base, f.value) for f in extracted(text).facts if f.metric == "execution_rate_pct"}
    assert rates == {("current_budget", D("98.72")), ("initial_budget", D("135.44"))}
    checked = {
        i.key: i.comparison.within_rounding
        for i in evaluate(document_facts(extracted(text)))
        if i.rule_id in ("execution_rate_eq_executed_over_budget", "change_eq_current_minus_prior") and i.comparison
    }
    # 1335.42 ÷ 1352.80 = 98.72 %, ÷ 986.00 = 135.44 %; 1335.42 − 1188.65 = 146.77
    assert len(checked) == 3 and all(checked.values())


def test_a_saving_is_against_the_budget_and_a_cut_is_a_change():
    changes = _changes(
        _SANGONG + "2022年度“三公”经费年初预算36.00万元,年中压减后预算33.50万元,实际支出30.42万元,"
        "完成调整后预算的90.81%,节约3.08万元;比上年决算33.87万元压减3.45万元,下降10.19%。"
    )
    assert ("change_amount", "three_public_total", "current_budget", D("-3.08")) in changes
    assert ("change_amount", "three_public_total", "prior_actual", D("-3.45")) in changes


def test_figures_of_a_subset_or_of_one_source_are_not_the_totals():
    found = _facts(
        "某局2020年部门预算\n2020年收入预算合计98,652.40万元,其中一般公共预算拨款收入86,420.15万元;上年结转资金2,050.00万元。"
        "2015年基本支出198.64万元(含事业收入安排30.00万元)。\n"
        "本部门实行绩效目标管理的项目41个,涉及一般公共预算拨款21,650.00万元。上述民生保障类支出合计5,734.90万元。"
    )
    metrics = {(metric, value) for metric, _, _, _, value in found}
    assert ("total_income_expenditure", D("98652.40")) in metrics  # its parts count the carry-over
    assert not {("income_total", D("98652.40")), ("business_income", D("30.00")),
                ("gpb_appropriation_income", D("21650.00")), ("expenditure_total", D("5734.90"))} & metrics  # fmt: skip


def test_a_rate_of_a_named_part_is_that_part_s_and_of_an_unknown_one_abstains():
    facts = facts_of(
        "某局2023年度部门整体支出绩效自评报告\n全年预算数6,215.48万元,全年执行数5,986.12万元,预算执行率96.31%。"
        "其中基本支出执行率99.62%,项目支出执行率94.84%,一般公共预算资金执行率96.33%。"
    )
    assert {(f.subject_metric, f.value) for f in facts if f.metric == "execution_rate_pct"} == {
        (None, D("96.31")), ("basic_expenditure", D("99.62")), ("project_expenditure", D("94.84"))
    }


def test_the_general_budget_s_old_name_and_its_parts_in_the_next_sentence():
    found = _facts(
        "某单位2015年部门预算\n2015年公共财政预算拨款支出286.45万元,比2014年预算270.10万元增加16.35万元。"
        "其中:基本支出168.64万元,项目支出117.81万元。"
    )
    assert {
        ("gpb_expenditure", "gpb", "current", "budget", D("286.45")),
        ("basic_expenditure", "gpb", "current", "budget", D("168.64")),
        ("project_expenditure", "gpb", "current", "budget", D("117.81")),
    } <= found


def test_classes_are_summed_only_when_the_list_is_whole_and_of_one_fund():
    from fiscal.quality.rules import evaluate
    from tests.unit.rows import document_facts
    from tests.unit.test_real_document_classes import extracted

    def missing(text: str) -> set:
        return {i.missing for i in evaluate(document_facts(extracted(text)))
                if i.rule_id == "expenditure_eq_sum_of_functional_classes"}  # fmt: skip

    # 卫生健康 has a 项 line but no figure of its own: the classes stated are not all of them
    assert missing(
        "某校2021年度部门决算\n五、一般公共预算财政拨款支出决算情况说明\n"
        "2021年度一般公共预算财政拨款支出3,401.77万元。其中教育支出3,021.36万元。\n"
        "社会保障和就业支出(类)236.9103万元;\n卫生健康支出(类)行政事业单位医疗(款)事业单位医疗(项)90.1302万元。\n"
    ) == {"the figures of the classes 卫生健康"}
    # the appropriation also spends government-fund money: the classes may be the general budget's alone
    assert missing(
        "某医院2020年度部门决算\n三、财政拨款收入支出决算情况\n财政拨款支出2,168.92万元。政府性基金预算财政拨款支出200.00万元。"
        "\n按功能分类科目:\n卫生健康支出(类)1,821.06万元。\n社会保障和就业支出(类)147.86万元。\n"
    ) == {"whether the classes are of the general budget alone"}


def test_a_share_of_a_total_its_words_name_is_checked_against_that_total():
    from fiscal.quality.rules import evaluate
    from tests.unit.rows import document_facts
    from tests.unit.test_real_document_classes import extracted

    text = (
        "某中心2014年度部门决算\n本年支出合计553.87万元,全年财政拨款支出482.36万元。\n"
        "2014年度公共财政预算财政拨款支出482.36万元,比上年451.80万元增加30.56万元,增长6.34%。"
        "按功能分类,农林水支出403.42万元,占财政拨款支出的83.63%。\n"
    )
    found = _facts(text)
    assert ("gpb_expenditure", "gpb", "current", "actual", D("482.36")) in found  # 公共财政预算: no budget basis
    results = {i.rule_id: i.comparison for i in evaluate(document_facts(extracted(text))) if i.comparison}
    # 403.42 ÷ 482.36 = 83.63 % (of the appropriation, not of the department's 553.87)
    assert results["stated_share_eq_part_over_total"].within_rounding
    # 30.56 ÷ 451.80 = 6.76 %, not the 6.34 % stated
    assert not results["growth_eq_change_over_prior"].within_rounding


def test_a_project_report_s_total_score_is_checked_against_its_first_level_items():
    from fiscal.quality.rules import evaluate
    from tests.unit.rows import document_facts
    from tests.unit.test_real_document_classes import extracted

    text = (
        "讷河市营养改善计划项目支出绩效自评报告\n项目名称:农村义务教育学生营养改善计划\n"
        "本项目决策指标得分14.5分,过程指标得分18.92分,产出指标得分39.93分,效益指标得分24分,综合自评得分96.35分。\n"
    )
    [instance] = [i for i in evaluate(document_facts(extracted(text))) if i.rule_id == "item_scores_sum_to_total_score"]
    # 14.5 + 18.92 + 39.93 + 24 = 97.35 against the 96.35 stated; more than the total whatever was read
    assert instance.comparison is not None and instance.comparison.residual == D("-1.00")
