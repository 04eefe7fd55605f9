"""Each class of layout, noise and wording found on real pages from other provinces (issue 8).

The texts are written in the shapes those pages take (web exports, OCR, news items); the expected
figures are what a reader types from them.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from fiscal.documents.metadata import BUDGET, FINAL_ACCOUNTS, detect_metadata
from fiscal.documents.normalise import normalise
from fiscal.documents.reader import SourceDocument, document_id_of
from fiscal.extract.document import ProcessedDocument, process_text
from fiscal.extract.model import Extraction


def processed(text: str) -> ProcessedDocument:
    data = text.encode("utf-8")
    return process_text(SourceDocument(Path("page.txt"), document_id_of(data), "text", len(data), "utf-8", text))


def extracted(text: str) -> Extraction:
    document = processed(text)
    assert document.extraction is not None
    return document.extraction


def facts(text: str) -> set[tuple]:
    """(metric, period, basis, amount in 万元 or the value as written) of every fact."""
    return {
        (f.metric, f.period, f.basis, f.amount_wan if f.amount_wan is not None else f.value)
        for f in extracted(text).facts
    }


def issue_kinds(text: str) -> list[str]:
    return [issue.kind for issue in extracted(text).issues]


# ---- noise ------------------------------------------------------------------------------------
def test_pinyin_glosses_are_stripped_and_traditional_characters_read():
    text = (
        "某市質(zhì)量技術(shù)監(jiān)督局2018年部門預(yù)算\n"
        "2018年財(cái)政撥款“三公”經(jīng)費(fèi)預(yù)算合計(jì)32.6萬(wàn)元,"
        "其中:公務(wù)接待費(fèi)4萬(wàn)元。"
    )
    assert normalise("財(cái)政撥款").text == "财政拨款"
    found = facts(text)
    assert ("three_public_total", "current", "budget", D("32.6")) in found
    assert ("three_public_reception", "current", "budget", D("4")) in found


def test_ocr_space_after_the_decimal_point_is_repaired_only_inside_a_figure():
    assert normalise("项目预算35. 3万元").text == "项目预算35.3万元"
    assert normalise("见第3. 5节").text == "见第3. 5节"  # no unit after it: left as written
    assert normalise("执行率1O0%").text == "执行率100%"


def test_wan_cut_short_at_a_clause_end_is_wan_yuan():
    found = facts("某区2022年“三公”经费决算情况说明\n2022年的“三公”经费决算数合计为1000.86万,较上年有所增加。")
    assert ("three_public_total", "current", "actual", D("1000.86")) in found


# ---- tables flattened into text ---------------------------------------------------------------------
def test_unframed_bar_rows_with_empty_cells():
    text = (
        "某市工商联2021年度一般公共预算财政拨款“三公”经费支出决算\n"
        "一、2021年度一般公共预算财政拨款“三公”经费支出决算表\n"
        "单位:万元\n"
        "项 目 | 预 算 数 | 决 算 数 |\n"
        "合 计 | 2.4 | 2.05 |\n"
        "因公出国(境)费 | ||\n"
        "公务接待费 | 2.4 | 2.05 |\n"
        "公务用车购置费 |\n"
    )
    found = {f for f in facts(text) if f[0].startswith("three_public")}
    assert found == {
        ("three_public_total", "current", "budget", D("2.4")),
        ("three_public_total", "current", "actual", D("2.05")),
        ("three_public_reception", "current", "budget", D("2.4")),
        ("three_public_reception", "current", "actual", D("2.05")),
    }  # a blank cell states nothing: no outbound-travel or vehicle figure


def test_one_cell_per_line_between_bars():
    text = (
        "一、2020年一般公共预算“三公”经费支出预算表\n单位:万元\n"
        "项 目\n|\n预 算 数\n|\n合 计\n|\n0.5\n|\n因公出国(境)费\n|\n|\n公务接待费\n|\n0.5\n|\n"
        "公务用车购置及运行费\n|\n|\n"
        "二、2020年“三公”经费支出预算情况说明\n"
    )
    found = {f for f in facts(text) if f[0].startswith("three_public") and f[1:3] == ("current", "budget")}
    assert {(metric, amount) for metric, _, _, amount in found} == {
        ("three_public_total", D("0.5")),
        ("three_public_reception", D("0.5")),
    }


def test_plain_rows_under_a_unit_line_with_statistics_below():
    text = (
        "某县2015年度某局“三公”经费决算情况表\n"
        "单位:万元\n"
        "项      目 本年决算数\n"
        "一、支出合计 6.4\n"
        "1、因公出国(境)费用\n"
        "2、公务接待费 6.4\n"
        "二、相关统计数\n"
        "5.公务接待批次(批) 120\n"
    )
    found = {f for f in facts(text) if f[0].startswith("three_public")}
    assert found == {
        ("three_public_total", "current", "actual", D("6.4")),
        ("three_public_reception", "current", "actual", D("6.4")),
    }  # 120 batches below 相关统计数 are not money


def test_self_evaluation_funds_rows_shifted_by_a_row_group_cell():
    text = (
        "部门整体支出绩效自评表 | |||||\n"
        "部门(单位)总体资金(万元) | 资金来源 | 年初预算数(A) | 全年执行数(B) | 分值(10分) | 得分 |\n"
        "年度资金总额: | 900.00 | 855.00 | 10 | 9.5 |\n"
        "基本支出 | 700.00 | 690.00 |\n"
        "项目支出 | 200.00 | 165.00 | 10 | 8.25 |\n"
    )
    found = facts(text)
    assert {
        ("budget_initial", "current", "initial_budget", D("900.00")),
        ("executed", "current", "actual", D("855.00")),
        ("basic_expenditure", "current", "initial_budget", D("700.00")),
        ("basic_expenditure", "current", "actual", D("690.00")),
        ("project_expenditure", "current", "initial_budget", D("200.00")),
        ("project_expenditure", "current", "actual", D("165.00")),
    } <= found
    assert not any(f[3] in (D("10"), D("9.5"), D("8.25")) for f in found)  # weights and scores are not money


def test_funds_block_on_one_line_is_placed_only_when_it_checks_itself():
    header = "项目支出绩效自评表(2023年度)项目名称社区体育设施维护主管部门某区体育局 项目资金(万元) "
    checked = header + "年初预算数 全年预算数 全年执行数 分值 执行率 得分 80.00 80.00 72.00 10 9 其他"
    found = facts(checked)
    assert {
        ("budget_initial", "current", "initial_budget", D("80.00")),
        ("budget_adjusted", "current", "budget", D("80.00")),
        ("executed", "current", "actual", D("72.00")),
    } <= found  # the rate cell was lost; 72 ÷ 80 × 10 = 9 is the score stated
    unchecked = header + "年初预算数 全年预算数 全年执行数 分值 执行率 得分 80.00 80.00 4.52 其他"
    assert not {f for f in facts(unchecked) if f[0] in ("budget_initial", "budget_adjusted", "executed")}


# ---- wording ------------------------------------------------------------------------------------
def test_respectively_lists_figures_for_names_in_order():
    text = (
        "某市2025年一季度政府采购规模情况\n"
        "全市政府采购规模为2.00亿元。其中,货物、工程、服务政府采购规模分别为0.90亿元、0.30亿元和0.80亿元,"
        "占全市政府采购规模比例为45%、15%和40%。"
        "从组织形式看,政府集中采购、分散采购规模分别为1.2亿元和0.8亿元。"
    )
    extraction = extracted(text)
    placed = {(f.metric, f.amount_wan, f.pct) for f in extraction.facts}
    assert {
        ("procurement_total", D("20000.00"), None),
        ("procurement_goods", D("9000.00"), D("45")),
        ("procurement_works", D("3000.00"), D("15")),
        ("procurement_services", D("8000.00"), D("40")),
        # 政府集中采购 and 分散采购 are metrics too (they were unknown names, abstained on, before)
        ("procurement_centralized", D("12000.0"), None),
        ("procurement_decentralized", D("8000.0"), None),
    } <= placed
    assert [i.kind for i in extraction.issues].count("unplaced_respectively") == 0


def test_changes_from_to_verb_first_and_the_figure_compared_with():
    text = (
        "某委员会2014年部门预算\n"
        "2014年“三公”经费预算数为150万元,较2013年160万元减少10万元。"
        "压缩公务接待费10万元。公务接待费一项由40万元减至30万元。"
    )
    extraction = extracted(text)
    placed = {(f.metric, f.period, f.amount_wan, f.subject_metric) for f in extraction.facts}
    assert {
        ("three_public_total", "current", D("150"), None),
        ("three_public_total", "prior", D("160"), None),
        ("change_amount", "current", D("-10"), "three_public_total"),
        ("change_amount", "current", D("-10"), "three_public_reception"),
        ("three_public_reception", "prior", D("40"), None),
        ("three_public_reception", "current", D("30"), None),
    } <= placed


def test_parts_of_a_prior_year_total_are_prior_year_figures():
    text = (
        "某区2022年一般公共预算“三公”经费决算执行情况说明\n"
        "2021年的三公经费决算数合计为80.5万元,其中:公务用车运行维护费60万元、公务接待费20.5万元。"
    )
    found = facts(text)
    assert ("three_public_total", "prior", "actual", D("80.5")) in found
    assert ("three_public_vehicle_operation", "prior", "actual", D("60")) in found
    assert ("three_public_reception", "prior", "actual", D("20.5")) in found


def test_budget_a_figure_is_measured_against_is_that_figure_s_budget():
    text = (
        "某区审计局2024年度“三公”经费说明\n"
        "某区审计局2024年度“三公”经费财政拨款支出决算为2.5万元,完成全年预算5万元的50%。"
    )
    found = facts(text)
    assert ("three_public_total", "current", "actual", D("2.5")) in found
    assert ("three_public_total", "current", "budget", D("5")) in found
    assert not any(f[0] == "budget_adjusted" for f in found)


def test_projects_named_inline_own_their_figures():
    text = (
        "某管理处2022年度项目支出绩效自评总报告\n"
        "1、纪念设施维修项目:预算30万元,2022年全年实际支付30万元,使用率100%。"
        "2、环境整治项目:预算12万元,2022年全年实际支付9万元,使用率75%。"
    )
    extraction = extracted(text)
    placed = {(f.metric, f.project_name, f.value) for f in extraction.facts}
    assert {
        ("budget_adjusted", "纪念设施维修项目", D("30")),
        ("executed", "纪念设施维修项目", D("30")),
        ("execution_rate_pct", "纪念设施维修项目", D("100")),
        ("budget_adjusted", "环境整治项目", D("12")),
        ("executed", "环境整治项目", D("9")),
        ("execution_rate_pct", "环境整治项目", D("75")),
    } <= placed


def test_template_and_provincial_variants():
    found = facts(
        "某学校2023年部门预算\n"
        "2023年财政拨款收支总预算 705.5 万元。收入包括:一般公共预算拨款 700 万元、上年结转结余 5.5 万元。"
        "单位预留机动经费预算数为3万元。"
    )
    assert ("total_income_expenditure", "current", "budget", D("705.5")) in found
    assert ("gpb_appropriation_income", "current", "budget", D("700")) in found
    assert ("contingency_reserve", "current", "budget", D("3")) in found


# ---- abstentions --------------------------------------------------------------------------------
def test_figures_qualifying_an_unplaced_figure_are_not_attached_to_a_neighbour():
    text = (
        "某学校2023年部门预算\n"
        "2023年本年一般公共预算拨款支出 500 元。"
        "初中教育支出 200 元,其中:基本支出 200 元,项目支出 0元,同比增加 50 元,增长 33.3%。"
    )
    found = facts(text)
    assert ("gpb_expenditure", "current", "budget", D("0.0500")) in found
    assert not any(f[0] in ("basic_expenditure", "project_expenditure", "change_amount", "growth_pct") for f in found)
    kinds = issue_kinds(text)
    assert "part_of_unplaced" in kinds and "unplaced_change" in kinds


def test_weak_names_after_unknown_words_breakdowns_subsets_and_relative_years_abstain():
    kinds = issue_kinds(
        "某区2022年“三公”经费决算说明\n"
        "本单位2022年“会议费”“培训费”财政拨款预算数3万元。"
        "按政府采购资金类型划分,一般公共预算拨款1.7万元。"
        "区直财政拨款资金安排“三公”经费决算数为70万元。"
        "去年公务接待费仅8万元。"
    )
    assert {"unplaced_amount", "part_of_breakdown", "subset_of_units", "relative_year"} <= set(kinds)


def test_relative_year_counted_from_the_page_date():
    text = "某部去年公务接待费仅8万元\n18.07.2015 13:38\n某部2014年度部门决算近日公布。去年公务接待费仅8万元。"
    assert ("three_public_reception", "current", "actual", D("8")) in facts(text)


# ---- what the document is -------------------------------------------------------------------------
def test_document_type_and_year_from_basis_words_and_the_year_reported():
    sangong_page = (
        "2019年度“三公”经费财政拨款支出预算为40万元,2019年实际支出“三公经费”决算为20万元。决算数未超过预算数。"
    )
    # 决算 / 实际支出 three times, 预算 once (未超过预算数 compares with the budget)
    assert detect_metadata(sangong_page).doc_type == FINAL_ACCOUNTS
    budget_page = "2019年,市本级一般公共预算支出安排的“三公”经费预算为3000万元。同口径比2018年减少800万元。"
    metadata = detect_metadata(budget_page)
    assert (metadata.doc_type, metadata.fiscal_year) == (BUDGET, 2019)
    filed = detect_metadata("部门整体支出绩效自评表\n填报日期:2022年2月3日\n基本支出 985.19")
    assert filed.fiscal_year is None and filed.published_year == 2022  # a filing date is not the year
