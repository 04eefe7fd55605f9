"""Standard tables flattened into text as web pages, PDF copies and spreadsheet exports write them.

Each text is written in the shape of one class (benchmarks/tables_dev has longer ones); the expected
figures are what a reader types from the table.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from fiscal.documents.normalise import normalise
from fiscal.documents.reader import SourceDocument, document_id_of
from fiscal.extract.document import process_text
from fiscal.extract.model import Extraction
from fiscal.extract.tables import find_tables


def extracted(text: str) -> Extraction:
    data = text.encode("utf-8")
    document = process_text(SourceDocument(Path("page.txt"), document_id_of(data), "text", len(data), "utf-8", text))
    assert document.extraction is not None
    return document.extraction


def three_public(text: str) -> set[tuple[str, str, D]]:
    return {(f.metric, f.basis, f.amount_wan) for f in extracted(text).facts if f.metric.startswith("three_public")}


BUDGET_AND_ACTUAL = {
    ("three_public_total", "budget", D("18.60")), ("three_public_outbound_travel", "budget", D("0.00")),
    ("three_public_vehicle", "budget", D("12.00")), ("three_public_vehicle_purchase", "budget", D("0.00")),
    ("three_public_vehicle_operation", "budget", D("12.00")), ("three_public_reception", "budget", D("6.60")),
    ("three_public_total", "actual", D("14.47")), ("three_public_outbound_travel", "actual", D("0.00")),
    ("three_public_vehicle", "actual", D("10.85")), ("three_public_vehicle_purchase", "actual", D("0.00")),
    ("three_public_vehicle_operation", "actual", D("10.85")), ("three_public_reception", "actual", D("3.62")),
}  # fmt: skip


def test_three_public_pipe_table_with_a_three_row_header():
    text = (
        "某街道办事处2023年度部门决算\n\n表7 一般公共预算财政拨款“三公”经费支出决算表\n单位:万元\n\n"
        "| 预算数 |  |  |  |  |  | 决算数 |  |  |  |  |  |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        "| 合计 | 因公出国（境）费 | 公务用车购置及运行费 |  |  | 公务接待费 "
        "| 合计 | 因公出国（境）费 | 公务用车购置及运行费 |  |  | 公务接待费 |\n"
        "|  |  | 小计 | 公务用车购置费 | 公务用车运行费 |  |  |  | 小计 | 公务用车购置费 | 公务用车运行费 |  |\n"
        "| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 |\n"
        "| 18.60 | 0.00 | 12.00 | 0.00 | 12.00 | 6.60 | 14.47 | 0.00 | 10.85 | 0.00 | 10.85 | 3.62 |\n"
    )
    assert three_public(text) == BUDGET_AND_ACTUAL


def test_three_public_copied_from_a_pdf_one_row_a_line_single_spaces():
    text = (
        "某局2023年度部门决算\n\n表7 一般公共预算财政拨款“三公”经费支出决算表\n单位：万元\n预算数 决算数\n"
        "合计 因公出国（境）费 公务用车购置及运行费 公务接待费 合计 因公出国（境）费 公务用车购置及运行费 公务接待费\n"
        "小计 公务用车购置费 公务用车运行费 小计 公务用车购置费 公务用车运行费\n"
        "18.60 0.00 12.00 0.00 12.00 6.60 14.47 0.00 10.85 0.00 10.85 3.62\n"
        "本部门2023年度无因公出国（境）费支出。\n"
    )
    assert three_public(text) == BUDGET_AND_ACTUAL


def test_three_public_one_cell_per_line_basis_from_the_title():
    cells = ["合计", "因公出国（境）费", "公务用车购置及运行费", "小计", "公务用车购置费", "公务用车运行费",
             "公务接待费", "２８．５０", "０．００", "１６．００", "０．００", "１６．００", "１２．５０"]  # fmt: skip
    text = (
        "某局2024年部门预算\n\n表８\n一般公共预算“三公”经费支出预算表\n单位：万元\n" + "\n".join(cells) + "\n\n表９\n"
    )
    assert three_public(text) == {
        ("three_public_total", "budget", D("28.50")), ("three_public_outbound_travel", "budget", D("0.00")),
        ("three_public_vehicle", "budget", D("16.00")), ("three_public_vehicle_purchase", "budget", D("0.00")),
        ("three_public_vehicle_operation", "budget", D("16.00")), ("three_public_reception", "budget", D("12.50")),
    }  # fmt: skip


def test_three_public_not_in_the_template_order_or_short_of_a_figure_is_not_placed():
    out_of_order = (
        "某局2024年部门预算\n\n一般公共预算“三公”经费支出预算表\n单位:万元\n"
        "合计 公务接待费 因公出国（境）费 公务用车购置及运行费 小计 公务用车购置费 公务用车运行费\n"
        "28.50 12.50 0.00 16.00 0.00 16.00\n"
    )
    assert three_public(out_of_order) == set()
    short = (
        "某局2024年部门预算\n\n一般公共预算“三公”经费支出预算表\n单位:万元\n"
        "合计 因公出国（境）费 公务用车购置及运行费 小计 公务用车购置费 公务用车运行费 公务接待费\n"
        "28.50 0.00 16.00 16.00 12.50\n"
    )
    assert three_public(short) == set()


def test_tab_separated_rows_one_a_line_with_class_item_columns():
    text = (
        "某委员会2023年度部门决算\n\n一般公共预算财政拨款支出决算表\n"
        "编制单位：某委员会\t\t\t\t\t\t单位：万元\n科目编码\t\t\t科目名称\t本年支出\t\t\n"
        "类\t款\t项\t\t合计\t基本支出\t项目支出\n合计\t\t\t\t300.00\t200.00\t100.00\n"
        "208\t\t\t社会保障和就业支出\t200.00\t200.00\t\n208\t05\t05\t机关事业单位基本养老保险缴费支出\t200.00\t200.00\t\n"
        "210\t\t\t卫生健康支出\t100.00\t\t100.00\n\n"
        "表5\t一般公共预算基本支出表\n单位：万元\t\t\t\t\t\n科目编码\t\t科目名称\t合计\t人员经费\t公用经费\n"
        "合计\t\t\t200.00\t180.00\t20.00\n301\t\t工资福利支出\t180.00\t180.00\t\n"
        "302\t\t商品和服务支出\t20.00\t\t20.00\n"
    )
    extraction = extracted(text)
    assert {(f.metric, f.scope, f.amount_wan) for f in extraction.facts} >= {
        ("gpb_expenditure", "gpb", D("300.00")), ("basic_expenditure", "gpb", D("200.00")),
        ("project_expenditure", "gpb", D("100.00")), ("personnel_expense", "gpb", D("180.00")),
        ("public_expense", "gpb", D("20.00")),
    }  # fmt: skip
    assert {(line.code, line.amount_wan) for line in extraction.lines} == {
        ("208", D("200.00")), ("2080505", D("200.00")), ("210", D("100.00")), ("301", D("180.00")), ("302", D("20.00")),
    }  # fmt: skip
    assert len([t for t in extraction.tables]) == 2  # the blank line ends the first table


def test_unframed_bar_row_keeps_its_empty_first_cell():
    (table,) = find_tables("科目编码 | 科目名称 | 合计\n |  | 合计 | 基本支出\n合计 |  | 3.00 | 2.00\n")
    assert [cell.text for cell in table.rows[1]] == ["", "", "合计", "基本支出"]
    (framed,) = find_tables("| a | b |\n|  | 1.00 |\n")
    assert [cell.text for cell in framed.rows[1]] == ["", "1.00"]


def test_a_row_of_figures_is_not_joined_to_the_prose_around_it():
    text = normalise(
        "合计 因公出国（境）费 公务接待费 合计 因公出国（境）费\n12.00 0.00 9.00 3.00 10.46\n本年无因公出国。"
    ).text
    assert text.split("\n")[1] == "12.00 0.00 9.00 3.00 10.46"


def test_one_cell_per_line_rows_rebuilt_from_their_figures_across_a_page_break():
    header = ["项目", "本年支出", "科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    cells = [*header, "合计", "3,376.99", "761.88", "2,615.11",
             "208", "社会保障和就业支出", "117.58", "117.58", "-",
             "2080505", "机关事业单位基本养老保险缴费支出", "86.42", "86.42", "-"]  # fmt: skip
    after_break = ["210", "卫生健康支出", "3,259.41", "644.30", "2,615.11"]
    text = (
        "某局2022年度部门决算\n\n一般公共预算财政拨款支出决算表\n单位：万元\n" + "\n".join(cells)
        + "\n\n- 7 -\n\n" + "\n".join(header + after_break) + "\n注：本表反映本年度实际支出情况。\n"
    )  # fmt: skip
    extraction = extracted(text)
    assert {(f.metric, f.amount_wan) for f in extraction.facts if f.provenance.pattern.startswith("table:")} == {
        ("gpb_expenditure", D("3376.99")), ("basic_expenditure", D("761.88")), ("project_expenditure", D("2615.11")),
    }  # fmt: skip
    assert {(line.code, line.amount_wan) for line in extraction.lines} == {
        ("208", D("117.58")), ("2080505", D("86.42")), ("210", D("3259.41")),
    }  # fmt: skip


def test_one_cell_per_line_rows_of_different_widths_are_not_read():
    cells = [
        "项目",
        "合计",
        "基本支出",
        "项目支出",
        "合计",
        "3.00",
        "2.00",
        "1.00",
        "208",
        "社会保障和就业支出",
        "2.00",
    ]
    text = "某局2022年度部门决算\n\n一般公共预算财政拨款支出决算表\n单位：万元\n" + "\n".join(cells) + "\n"
    assert not [line for line in extracted(text).lines]
    assert not [f for f in extracted(text).facts if f.provenance.pattern.startswith("table:")]


def test_procurement_and_agency_operating_tables():
    text = (
        "某局2024年部门预算\n\n表9\n机关运行经费预算表\n单位：万元\n项目\n预算数\n机关运行经费\n215.36\n\n"
        "表10\n政府采购预算表\n单位：万元\n| 采购项目 | 合计 | 货物类 | 工程类 | 服务类 |\n"
        "| 合计 | 386.20 | 126.20 | 0.00 | 260.00 |\n| 办公设备购置 | 126.20 | 126.20 | 0.00 | 0.00 |\n"
        "| 物业管理服务 | 260.00 |  |  | 260.00 |\n"
    )
    found = {(f.metric, f.basis, f.project_name, f.amount_wan) for f in extracted(text).facts}
    assert found >= {
        ("agency_operating_expense", "budget", None, D("215.36")),
        ("procurement_total", "budget", None, D("386.20")), ("procurement_goods", "budget", None, D("126.20")),
        ("procurement_works", "budget", None, D("0.00")), ("procurement_services", "budget", None, D("260.00")),
        ("procurement_total", "budget", "办公设备购置", D("126.20")),
        ("procurement_goods", "budget", "办公设备购置", D("126.20")),
        ("procurement_services", "budget", "物业管理服务", D("260.00")),
    }  # fmt: skip
    assert ("procurement_goods", "budget", "物业管理服务", D("0")) not in found  # a blank cell is not zero


def test_every_table_kind_is_an_accepted_value_of_the_staging_model():
    import yaml

    from fiscal.extract.fiscal_tables import _TITLES, COMPARISON

    models = yaml.safe_load((Path(__file__).resolve().parents[2] / "models/staging/_raw__models.yml").read_text())
    (tables,) = [m for m in models["models"] if m["name"] == "stg_raw__document_tables"]
    (kind,) = [c for c in tables["columns"] if c["name"] == "table_kind"]
    accepted = kind["data_tests"][0]["accepted_values"]["arguments"]["values"]
    assert {entry[0] for entry in _TITLES} | {COMPARISON} == set(accepted)


# ---- columns aligned with spaces (plain-text exports, pdftotext -layout) ------------------------
ALIGNED_SUMMARY = (
    "某镇人民政府2022年度部门决算\n\n收入支出决算总表\n公开01表\n"
    "编制单位：某镇人民政府                                   金额单位：万元\n\n"
    "收入                                   支出\n"
    "项目                  行次    决算数   项目                      行次    决算数\n"
    "一、财政拨款收入         1    1,204.50   一、一般公共服务支出         31      630.20\n"
    "二、上级补助收入         2               二、公共安全支出             32\n"
    "三、其他收入             3       15.50   三、农林水支出               33      560.00\n"
    "                         4               四、住房保障支出             34       20.80\n"
    "本年收入合计             5    1,220.00   本年支出合计                 35    1,211.00\n"
    "年初结转和结余           6       30.00   年末结转和结余               36       39.00\n"
    "总计                     7    1,250.00   总计                         37    1,250.00\n\n"
    "注：本表反映部门本年度的总收支和年末结转结余情况。\n"
)


def test_aligned_summary_with_row_numbers_reads_figures_not_row_numbers():
    extraction = extracted(ALIGNED_SUMMARY)
    facts = {(f.metric, f.amount_wan) for f in extraction.facts}
    assert {("fiscal_appropriation_income", D("1204.50")), ("other_income", D("15.50")),
            ("income_total", D("1220.00")), ("expenditure_total", D("1211.00")),
            ("carryover_begin", D("30.00")), ("carryover_end", D("39.00")),
            ("total_income_expenditure", D("1250.00"))} <= facts  # fmt: skip
    # 行次 numbers (2, 31, 32 …) are never figures
    assert not any(f.amount_wan is not None and f.amount_wan < 10 for f in extraction.facts)
    lines = {(line.name, line.amount_wan) for line in extraction.lines if line.classification == "functional"}
    assert lines == {("一般公共服务支出", D("630.20")), ("农林水支出", D("560.00")), ("住房保障支出", D("20.80"))}


def test_aligned_cells_keep_their_span_in_the_source():
    normalised = normalise(ALIGNED_SUMMARY)
    at = normalised.text.index("1,220.00")
    start, end = normalised.source_span(at, at + len("1,220.00"))
    assert ALIGNED_SUMMARY[start:end] == "1,220.00"
    label = normalised.text.index("本年支出合计")
    start, end = normalised.source_span(label, label + len("本年支出合计"))
    assert ALIGNED_SUMMARY[start:end] == "本年支出合计"


def test_aligned_fiscal_summary_gives_each_sources_spending_from_its_column():
    text = (
        "某局2023年度部门决算\n\n财政拨款收入支出决算总表\n单位：万元\n\n"
        "收入                                     支出\n"
        "项目                            决算数   项目                决算数\n"
        "                                                               合计  一般公共预算  政府性基金预\n"
        "                                                                         财政拨款    算财政拨款\n"
        "一、一般公共预算财政拨款        800.00   一、教育支出        900.00        700.00        200.00\n"
        "二、政府性基金预算财政拨款      200.00\n"
        "本年收入合计                  1,000.00   本年支出合计        900.00        700.00        200.00\n"
    )
    facts = {(f.metric, f.scope, f.amount_wan) for f in extracted(text).facts}
    assert {("income_total", "fiscal", D("1000.00")), ("expenditure_total", "fiscal", D("900.00")),
            ("gpb_expenditure", "gpb", D("700.00")), ("gov_fund_expenditure", "gov_fund", D("200.00")),
            ("gpb_appropriation_income", "department", D("800.00"))} <= facts  # fmt: skip


def test_three_public_by_rows_with_last_years_column_is_last_years():
    text = (
        "某区财政局2025年部门预算\n\n表7 一般公共预算“三公”经费支出表\n单位：万元\n"
        "项目                     2024年     2025年     增减\n"
        "                         预算数     预算数\n"
        "合计                      30.00      27.50     -2.50\n"
        "  因公出国（境）费          4.00       3.00     -1.00\n"
        "  公务用车购置及运行费     18.00      17.50     -0.50\n"
        "  公务接待费                8.00       7.00     -1.00\n"
    )
    facts = {(f.metric, f.period, f.amount_wan) for f in extracted(text).facts if f.metric.startswith("three_public")}
    assert facts == {
        ("three_public_total", "prior", D("30.00")), ("three_public_total", "current", D("27.50")),
        ("three_public_outbound_travel", "prior", D("4.00")), ("three_public_outbound_travel", "current", D("3.00")),
        ("three_public_vehicle", "prior", D("18.00")), ("three_public_vehicle", "current", D("17.50")),
        ("three_public_reception", "prior", D("8.00")), ("three_public_reception", "current", D("7.00")),
    }  # fmt: skip


def test_aligned_lines_without_a_reliable_grid_are_left_as_written():
    # the first line's figure spans both of the second line's: no column holds one cell, no guess
    text = "单位：万元\n合计      1,234,567.00\n基本支出  3.00  9.00\n"
    assert normalise(text).text.count("\t") == 0
