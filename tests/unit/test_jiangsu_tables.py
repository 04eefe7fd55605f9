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
