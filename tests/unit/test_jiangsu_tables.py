"""Standard tables of a Jiangsu budget PDF (江苏省高级人民法院 2018 部门预算), figures read from the PDF.

Its tables break where the reader glued one row's cells together ("2040504案件审判1,833.30") and
its 基本支出 table writes the economic code in one cell. Read from ../shared/corpus (not committed);
skipped when the corpus is not beside the checkout.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from fiscal.extract.document import ProcessedDocument, process_file
from fiscal.extract.fiscal_tables import recognise

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "pdf-jiangsu" / "江苏省高级人民法院"


@pytest.fixture(scope="module")
def court_2018() -> ProcessedDocument:
    path = CORPUS / "省法院2018年度部门预算公开.pdf"
    if not path.is_file():
        pytest.skip("shared/corpus is not beside the checkout")
    return process_file(path)


def lines_of(document: ProcessedDocument, title: str, level: int) -> dict[str, D]:
    return {line.code: line.amount_wan for line in document.extraction.lines
            if line.source == f"table:{title}" and line.level == level}  # fmt: skip


def test_functional_table_read_past_a_glued_row(court_2018):
    items = lines_of(court_2018, "一般公共预算支出预算表", 3)
    assert items["2040503"] == D("1600.00")  # the row above the glued one
    assert items["2040504"] == D("1833.30")  # the glued row: 2040504案件审判1,833.30
    assert items["2040505"] == D("950.00")  # the rows after it, as another table on the page
    assert items["2210202"] == D("3318.25")
    classes = lines_of(court_2018, "一般公共预算支出预算表", 1)
    assert classes == {"204": D("26200.88"), "208": D("2254.76"), "221": D("4716.51")}
    assert sum(classes.values()) == D("33172.15")  # the table's 合计


def test_economic_codes_in_one_cell(court_2018):
    classes = lines_of(court_2018, "一般公共预算基本支出预算表", 1)
    assert classes == {"301": D("13747.87"), "302": D("3407.38"), "303": D("1415.57")}
    assert sum(classes.values()) == D("18570.82")  # the table's 合计
    items = lines_of(court_2018, "一般公共预算基本支出预算表", 2)
    assert items["30101"] == D("2679.68")
    assert items["30231"] == D("266.80")  # glued: 30231公务用车运行维护费266.80
    assert items["30309"] == D("1.92")
    assert sum(value for code, value in items.items() if code.startswith("301")) == D("13747.87")


TABLE = (
    "一般公共预算支出预算表\n单位:万元\n\n"
    "\t科目编码\t科目名称\t金额\n\n\t\t合计\t30.00\n\n\t201\t一般公共服务支出\t30.00\n\n"
    "\t2010101\t行政运行\t10.00\n\n"
)


def test_a_glued_row_joins_the_table_only_in_the_columns_of_its_neighbours():
    text = TABLE + "2010102一般行政管理事务15.00\n\n\t2010199\t其他一般公共服务支出\t5.00\n"
    tables, _ = recognise(text)
    assert len(tables) == 1
    rows = [[cell.text for cell in row] for row in tables[0].table.rows]
    assert ["2010102", "一般行政管理事务", "15.00"] in rows
    assert rows[-1] == ["2010199", "其他一般公共服务支出", "5.00"]


def test_prose_between_two_tables_keeps_them_apart():
    text = TABLE + "以上为一般公共预算支出情况。\n\n\t2010199\t其他一般公共服务支出\t5.00\n"
    tables, _ = recognise(text)
    assert [[cell.text for cell in row] for row in tables[0].table.rows][-1] == ["2010101", "行政运行", "10.00"]


@pytest.fixture(scope="module")
def tables_only_2018() -> ProcessedDocument:
    # 江苏省政协办公厅 2018: the standard tables alone, each title glued to its 部门 and 单位 fields
    # ("收支预算总表部门：江苏省政协办公厅 单位：万元"), 公开03表 run on into 公开02表.
    path = CORPUS.parent / "江苏省政协办公厅" / "江苏省政协办公厅2018度部门预算公开表.pdf"
    if not path.is_file():
        pytest.skip("shared/corpus is not beside the checkout")
    return process_file(path)


def test_a_tables_only_pdf_names_its_department_from_the_tables_field(tables_only_2018):
    metadata = tables_only_2018.metadata
    assert (metadata.department, metadata.fiscal_year, metadata.doc_type) == ("江苏省政协办公厅", 2018, "budget")


def test_tables_with_their_fields_glued_to_the_title_are_recognised(tables_only_2018):
    kinds = [table.kind for table in tables_only_2018.extraction.tables]
    assert kinds[:6] == ["summary", "income", "expenditure", "fiscal_summary", "fiscal_expenditure", "fiscal_basic"]


def test_the_summary_s_subtotals_totals_and_figures_far_right(tables_only_2018):
    summary = {
        (f.metric, f.scope): f.amount_wan
        for f in tables_only_2018.extraction.facts
        if f.provenance.sentence.startswith("收支预算总表")
    }
    assert summary == {
        ("fiscal_appropriation_income", "department"): D("10070.48"),  # 一、财政拨款
        ("other_income", "department"): D("80.00"),  # 三、其他资金
        ("basic_expenditure", "department"): D("5678.17"),  # 一、基本支出
        ("project_expenditure", "department"): D("3314.68"),  # 二、项目支出
        ("contingency_reserve", "department"): D("1157.63"),  # 三、单位预留机动经费
        ("income_total", "department"): D("10150.48"),  # 当年收入小计
        ("expenditure_total", "department"): D("10150.48"),  # 当年支出小计 | | | 10,150.48
        ("total_income_expenditure", "department"): D("10150.48"),  # 收入合计 / 支出合计, after 上年结转
    }
    classes = {(line.name, line.amount_wan) for line in tables_only_2018.extraction.lines
               if line.source == "table:收支预算总表"}  # fmt: skip
    assert classes == {
        ("一般公共服务支出", D("7827.46")),
        ("社会保障和就业支出", D("823.76")),
        ("住房保障支出", D("1499.26")),
    }


def test_the_appropriation_s_functional_and_basic_tables(tables_only_2018):
    functional = lines_of(tables_only_2018, "财政拨款支出预算表", 1)
    assert functional == {"201": D("7747.46"), "208": D("823.76"), "221": D("1499.26")}
    assert sum(functional.values()) == D("10070.48")  # its 合计
    economic = lines_of(tables_only_2018, "财政拨款基本支出预算表", 1)
    assert economic == {"301": D("3806.26"), "302": D("1115.85"), "303": D("676.06")}
    assert sum(economic.values()) == D("5598.17")  # its 合计
    source = "table:财政拨款基本支出预算表"
    totals = {(fact.scope, fact.amount_wan) for fact in tables_only_2018.extraction.facts
              if fact.metric == "basic_expenditure" and fact.provenance.pattern == source}  # fmt: skip
    assert totals == {("fiscal", D("5598.17"))}  # the 合计 row (科目编码 | 科目名称 | 金额) is the basic total


def test_a_title_s_qualifier_does_not_run_its_table_into_the_one_before():
    # 江苏省政协办公厅 2019: "财政拨款支出预算表（功能科目）" follows the 财政拨款收支预算总表; read as
    # part of it, its 款 and 项 were taken for the summary's 类 (a false sum error)
    path = CORPUS.parent / "江苏省政协办公厅" / "江苏省政协办公厅2019年预算公开表.pdf"
    if not path.is_file():
        pytest.skip("shared/corpus is not beside the checkout")
    document = process_file(path)
    assert "fiscal_expenditure" in [table.kind for table in document.extraction.tables]
    summary_lines = {line.name for line in document.extraction.lines if line.source == "table:财政拨款收支预算总表"}
    assert summary_lines == set()
    assert lines_of(document, "财政拨款支出预算表", 1)["201"] == D("10191.56")


def test_a_summary_whose_cells_span_grid_columns_and_wrap_around_their_figure(court_2018):
    # 一、2018年度江苏省高级人民法院收支预算总表: every merged cell spans three grid columns, and
    # "三、单位预留机动经费" wraps onto the lines above and below its figure 3,258.06
    summary = {
        f.metric: f.amount_wan
        for f in court_2018.extraction.facts
        if f.provenance.sentence.startswith("收支预算总表") and f.scope == "department"
    }
    assert summary == {
        "fiscal_appropriation_income": D("33172.15"),  # 一、财政拨款
        "basic_expenditure": D("18570.82"),
        "project_expenditure": D("11343.27"),
        "contingency_reserve": D("3258.06"),
        "income_total": D("33172.15"),  # 当年收入小计
        "expenditure_total": D("33172.15"),  # 当年支出小计
        "total_income_expenditure": D("33172.15"),  # 收入合计, 支出合计
    }
    classes = {(line.name, line.amount_wan) for line in court_2018.extraction.lines
               if line.source == "table:收支预算总表"}  # fmt: skip
    assert classes == {
        ("公共安全支出", D("26200.88")),
        ("社会保障和就业支出", D("2254.76")),
        ("住房保障支出", D("4716.51")),
    }
