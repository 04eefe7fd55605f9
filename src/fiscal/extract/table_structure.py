"""Standard tables told by their header rows and row labels, for a table with no title above it.

A title names the table; without one, only a structure that a single standard table has may name
it. Each layout is strict (what a table of another kind would not have), and where a layout is
shared by several tables (a coded 支出表 may be the department's, the 一般公共预算's or the 财政拨款's)
the table is not named: its figures would be placed under the wrong funds. The reason is returned
so the document records why the table was not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fiscal.extract import catalogue as cat
from fiscal.extract.tables import NUMBER_CELL, Cell


def _labels_of(metric: str) -> frozenset[str]:
    return frozenset(label for label, stated in cat.TABLE_TOTAL_LABELS.items() if stated == metric)


_INCOME_TOTALS = _labels_of("income_total")
_EXPENDITURE_TOTALS = _labels_of("expenditure_total")
_GRAND_TOTALS = _labels_of("total_income_expenditure")
# Income rows only the department's summary has: the 财政拨款 summary lists appropriations alone.
_NON_APPROPRIATION_INCOME = re.compile(r"事业收入|经营收入|其他收入|附属单位上缴|上级补助收入")
_FUNCTIONAL_CODE = re.compile(r"^2\d{2}(?:\d{2}){0,2}$")
_ECONOMIC_CODE = re.compile(r"^3\d{2}(?:\d{2})?$")
# Columns only the department's 支出表 has (the 一般公共预算 and 财政拨款 tables stop at 项目支出).
_DEPARTMENT_EXPENDITURE_COLUMNS = re.compile(r"上缴上级支出|经营支出|对附属单位补助支出")

# The layout a named kind has: a heading without 表 is taken only where the table has it.
LAYOUT_OF_KIND = {
    "summary": "summary", "fiscal_summary": "summary", "gpb_basic": "economic", "fiscal_basic": "economic",
    "gpb_expenditure": "coded", "gov_fund": "coded", "soe_capital": "coded", "fiscal_expenditure": "coded",
    "income": "coded", "expenditure": "coded", "three_public": "three_public",
}  # fmt: skip
# The national templates' names, for the provenance of a table that had none.
_TEMPLATE_TITLE = {
    "summary": "收入支出总表", "fiscal_summary": "财政拨款收入支出总表", "income": "收入总表",
    "expenditure": "支出总表", "three_public": "“三公”经费支出表",
}  # fmt: skip
UNTITLED = "(无标题,按表头识别)"


@dataclass(frozen=True)
class Structure:
    layout: str | None  # summary | economic | coded | three_public, None when no standard layout
    kind: str | None  # the one standard table with this structure; None when several have it
    reason: str | None = None  # why a standard layout was not named


def _compact(text: str) -> str:
    return re.sub(r"\s", "", text)


def header_rows(rows: list[list[Cell]]) -> list[list[Cell]]:
    """The rows above the first row with a figure."""
    for index, row in enumerate(rows):
        if any(NUMBER_CELL.match(_compact(cell.text)) for cell in row if cell.text):
            return rows[:index]
    return rows


def _labels(rows: list[list[Cell]]) -> set[str]:
    return {_compact(cell.text) for row in rows for cell in row if cell.text}


def _first_cells(rows: list[list[Cell]]) -> list[str]:
    return [_compact(next(cell.text for cell in row if cell.text)) for row in rows if any(c.text for c in row)]


def layout_of(rows: list[list[Cell]]) -> str | None:
    header = "".join(_labels(header_rows(rows)))
    labels = _labels(rows)
    firsts = _first_cells(rows)
    if labels & _INCOME_TOTALS and labels & _EXPENDITURE_TOTALS and labels & _GRAND_TOTALS:
        return "summary"
    if "因公出国" in header and "公务接待" in header:
        return "three_public"
    economic = sum(1 for label in firsts if _ECONOMIC_CODE.match(label) or cat.ECONOMIC_CLASS.match(label))
    if economic >= 2 and ("经济分类" in header or "人员经费" in header or "公用经费" in header):
        return "economic"
    functional = sum(1 for label in firsts if _FUNCTIONAL_CODE.match(label))
    if functional >= 2 and "科目" in header:
        return "coded"
    return None


def identify(rows: list[list[Cell]]) -> Structure:
    """The standard table these rows can only be, by their structure."""
    layout = layout_of(rows)
    header = "".join(_labels(header_rows(rows)))
    if layout == "summary":
        income_labels = [label for label in _first_cells(rows) if "收入" in label or "拨款" in label]
        if any(_NON_APPROPRIATION_INCOME.search(label) for label in income_labels):
            return Structure(layout, "summary")
        if "一般公共预算" in header or any("财政拨款" in label for label in income_labels):
            return Structure(layout, "fiscal_summary")
        return Structure(layout, None, "收支总表 without a title: its income rows do not say whose it is")
    if layout == "three_public":
        return Structure(layout, "three_public")
    if layout == "coded":
        if "财政拨款收入" in header and "事业收入" in header:
            return Structure(layout, "income")
        if "基本支出" in header and "项目支出" in header and _DEPARTMENT_EXPENDITURE_COLUMNS.search(header):
            return Structure(layout, "expenditure")
        return Structure(layout, None, "coded table without a title: whose funds (部门/一般公共预算/财政拨款) not said")
    if layout == "economic":
        return Structure(layout, None, "基本支出 table without a title: whose funds (一般公共预算 / 财政拨款) not said")
    return Structure(None, None)


def template_title(kind: str) -> str:
    return _TEMPLATE_TITLE.get(kind, kind) + UNTITLED
