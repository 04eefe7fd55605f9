"""Warnings exactly as documented (issue 9): a shortfall is a warning only for a list in the text,
and a share one unit off only where the shares listed with it total 100 %."""

from __future__ import annotations

from decimal import Decimal as D

from fiscal.quality.rules import DocumentFacts, FactRow, evaluate
from fiscal.quality.validate import _status
from tests.unit.rows import fact_row

row = fact_row


def statuses(doc: DocumentFacts, rule_id: str) -> list[str]:
    return [
        _status(i, i.comparison is not None and not i.comparison.within_rounding)
        for i in evaluate(doc)
        if i.rule_id == rule_id
    ]


def item(name: str, value: str, source: str) -> FactRow:
    return row("economic:2", value, name=name, class_name="工资福利支出", level=2, source=source)


def test_a_short_list_is_a_warning_in_the_text_and_an_error_in_a_standard_table():
    for source, expected in (("text", "warning"), ("table:基本支出决算表", "error")):
        whole = row("economic:1", "179.21", name="工资福利支出", level=1, source=source)
        doc = DocumentFacts(
            "d", economic=[whole, item("基本工资", "100.00", source), item("津贴补贴", "72.28", source)]
        )
        assert statuses(doc, "economic_total_eq_sum_of_items") == [expected]


def share(metric: str, value: str, pct: str) -> FactRow:
    return row(metric, value, pct=D(pct), pct_half_unit=D("0.005"), share_of="expenditure_total")


def test_a_share_one_unit_off_is_a_warning_only_where_the_shares_total_100():
    total = row("expenditure_total", "3000.00")
    # 1000 / 3000 = 33.33 %: the document nudged one share to 33.34 % so the three total 100 %.
    nudged = DocumentFacts(
        "d",
        facts=[total, share("basic_expenditure", "1000.00", "33.34"), share("project_expenditure", "1000.00", "33.33"),
               share("operating_expenditure", "1000.00", "33.33")],
    )  # fmt: skip
    assert "warning" in statuses(nudged, "stated_share_eq_part_over_total")
    # The same 33.34 % where the shares do not total 100 %: an error.
    unnudged = DocumentFacts(
        "d",
        facts=[total, share("basic_expenditure", "1000.00", "33.34"), share("project_expenditure", "2000.00", "66.67")],
    )
    assert statuses(unnudged, "stated_share_eq_part_over_total")[0] == "error"


def test_missing_standard_tables_only_for_a_document_that_publishes_the_set():
    from fiscal.quality.rules import REQUIRED_TABLES

    section_page = DocumentFacts("d", tables={"three_public": "“三公”经费支出决算表"})
    assert statuses(section_page, "required_tables_present") == []
    eight_of_nine = DocumentFacts(
        "d", tables={kind: title for kind, title in REQUIRED_TABLES.items() if kind != "expenditure"}
    )
    assert sorted(statuses(eight_of_nine, "required_tables_present")) == ["pass"] * 8 + ["warning"]
