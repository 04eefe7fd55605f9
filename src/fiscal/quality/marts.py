"""Read what the rules need from the marts (the quality layer reads marts, never raw or extraction).

Rows come back as Python Decimals (`fetchall`, never a DataFrame: pandas would make them floats).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import duckdb

from fiscal.quality.envelope import Figure
from fiscal.quality.rules import DECLARED_SUMS_MODEL, DocumentFacts, FactRow, IndicatorRow

_HALF = Decimal("0.5")

# Every mart the rules read a document's figures from (besides marts.dim_document): a change in any
# of them means the document is checked again (fiscal.quality.incremental).
MARTS_READ = (
    "marts.fct_document_facts",
    "marts.fct_expenditure_by_function",
    "marts.fct_expenditure_by_economic",
    "marts.fct_projects",
    "marts.fct_funding_sources",
    "marts.fct_document_tables",
    "marts.fct_performance_indicators",
    DECLARED_SUMS_MODEL,
)

_FACTS = """
    select document_id, metric, scope, period, basis, project_name, subject_metric, base, unplaced_parts, part_of,
           coalesce(amount_wan, value) as value, coalesce(precision_wan, precision) as unit_of_rounding,
           pct, pct_precision, share_of, share_of_scope, evidence, span_start, span_end, value_text, label, unit_name
    from marts.fct_document_facts {where} order by document_id, fact_id"""
_FUNCTIONAL = """
    select document_id, line_id, level, scope, period, basis, amount_wan, precision_wan, pct, pct_precision,
           share_of, share_of_scope, evidence, span_start, span_end, functional_name, functional_code, class_code,
           kuan_code, class_name, kuan_name, stated_in
    from marts.fct_expenditure_by_function {where} order by document_id, line_id"""
_ECONOMIC = """
    select document_id, line_id, level, scope, period, basis, amount_wan, precision_wan, pct, pct_precision,
           share_of, share_of_scope, evidence, span_start, span_end, economic_name, economic_code, economic_class_name,
           parent_metric, stated_in
    from marts.fct_expenditure_by_economic {where} order by document_id, line_id"""
_PROJECTS = """
    select document_id, basis, amount_wan, precision_wan, evidence, span_start, span_end, project_name
    from marts.fct_projects {where} order by document_id, project_id"""
_FUNDING = """
    select document_id, funding_source, budget_metric, scope, basis, amount_wan, precision_wan,
           evidence, span_start, span_end
    from marts.fct_funding_sources {where} order by document_id, line_id"""
_TABLES = """
    select * from (
        select document_id, table_id, table_kind, table_title from marts.fct_document_tables
        where doc_type = 'final_accounts'
    ) {where} order by document_id, table_id"""
_INDICATORS = """
    select document_id, record_kind, indicator_name, table_or_prose, project_name, comparator,
           target_text, target_value, target_precision, actual_text, actual_value, actual_precision,
           unit, target_unit, unit_column, completion_pct, completion_precision, weight, weight_precision, score,
           score_precision, evidence, span_start, span_end, level1_name
    from marts.fct_performance_indicators {where} order by document_id, indicator_id"""


def _half(unit: Decimal | None) -> Decimal | None:
    return None if unit is None else unit * _HALF


def _rows(connection: duckdb.DuckDBPyConnection, sql: str, ids: list[str] | None) -> list[dict[str, Any]]:
    where = "where document_id in (select unnest(?))" if ids is not None else ""
    cursor = connection.execute(sql.format(where=where), [ids] if ids is not None else [])
    columns = [description[0] for description in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _fact(r: dict[str, Any]) -> FactRow:
    return FactRow(
        metric=r["metric"], scope=r["scope"], period=r["period"], basis=r["basis"], project=r["project_name"],
        subject=r["subject_metric"], value=r["value"], half_unit=_half(r["unit_of_rounding"]), pct=r["pct"],
        pct_half_unit=_half(r["pct_precision"]), share_of=r["share_of"], share_of_scope=r["share_of_scope"],
        evidence=r["evidence"],
        span_start=r["span_start"], span_end=r["span_end"], text=r["value_text"], base=r["base"],
        unplaced_parts=r["unplaced_parts"] or 0, label=r["label"], part_of=r["part_of"],
    )  # fmt: skip


def _line(r: dict[str, Any], classification: str) -> FactRow:
    functional = classification == "functional"
    return FactRow(
        metric=f"{classification}:{r['level']}", scope=r["scope"], period=r["period"], basis=r["basis"],
        project=None, subject=None, value=r["amount_wan"], half_unit=_half(r["precision_wan"]),
        pct=r.get("pct"), pct_half_unit=_half(r.get("pct_precision")), share_of=r.get("share_of"),
        share_of_scope=r.get("share_of_scope"),
        evidence=r["evidence"], span_start=r["span_start"], span_end=r["span_end"],
        name=r["functional_name"] if functional else r["economic_name"],
        code=r["functional_code"] if functional else r["economic_code"],
        class_code=r.get("class_code"), kuan_code=r.get("kuan_code"),
        class_name=r["class_name"] if functional else r["economic_class_name"],
        kuan_name=r.get("kuan_name"), parent_metric=r.get("parent_metric"), level=r["level"],
        source=r["stated_in"], line_id=r["line_id"],
    )  # fmt: skip


def _project(r: dict[str, Any]) -> FactRow:
    return FactRow(
        metric="project", scope="department", period="current", basis=r["basis"], project=None, subject=None,
        value=r["amount_wan"], half_unit=_half(r["precision_wan"]), pct=None, pct_half_unit=None,
        share_of=None, evidence=r["evidence"], span_start=r["span_start"], span_end=r["span_end"],
        name=r["project_name"],
    )  # fmt: skip


# Scores and weights are assigned, not measured: "4分" is exactly 4. Only computed scores (6.76分)
# are rounded, to hundredths at most, so score figures get the envelope of 0.01.
_SCORE_UNIT = Decimal("0.01")


def _funding(r: dict[str, Any]) -> FactRow:
    return FactRow(
        metric="funding_source", scope=r["scope"], period="current", basis=r["basis"], project=None,
        subject=None, value=r["amount_wan"], half_unit=_half(r["precision_wan"]), pct=None, pct_half_unit=None,
        share_of=None, evidence=r["evidence"], span_start=r["span_start"], span_end=r["span_end"],
        name=r["funding_source"], parent_metric=r["budget_metric"],
    )  # fmt: skip


def _indicator(r: dict[str, Any]) -> IndicatorRow:
    name = r["indicator_name"]

    def figure(value: str, precision: str, label: str) -> Figure | None:
        if r[value] is None or r[precision] is None:
            return None
        unit = min(r[precision], _SCORE_UNIT) if value in ("weight", "score") else r[precision]
        return Figure(r[value], unit * _HALF, f"{name} {label}", r["evidence"], r["span_start"], r["span_end"])

    return IndicatorRow(
        record_kind=r["record_kind"], name=name, source=r["table_or_prose"], project=r["project_name"],
        comparator=r["comparator"], target_text=r["target_text"],
        target=figure("target_value", "target_precision", "target"),
        target_unit=r["unit"] if r["target_value"] is not None else None, actual_text=r["actual_text"],
        actual=figure("actual_value", "actual_precision", "actual"), unit=r["unit"],
        completion=figure("completion_pct", "completion_precision", "completion %"),
        weight=figure("weight", "weight_precision", "weight"), score=figure("score", "score_precision", "score"),
        own_target_unit=r["target_unit"], unit_column=r["unit_column"], evidence=r["evidence"],
        span_start=r["span_start"], span_end=r["span_end"], level1_name=r["level1_name"],
    )  # fmt: skip


def load_documents(
    connection: duckdb.DuckDBPyConnection, document_ids: Iterable[str] | None = None
) -> dict[str, DocumentFacts]:
    """Facts, classified lines, projects and indicators of the given (or all) landed documents."""
    ids = list(document_ids) if document_ids is not None else None
    docs: dict[str, DocumentFacts] = {}

    def doc(document_id: str) -> DocumentFacts:
        return docs.setdefault(document_id, DocumentFacts(document_id))

    for r in _rows(connection, _FACTS, ids):
        if r["unit_name"] is not None:  # a named unit's figure on a page about many departments
            owner = doc(r["document_id"])
            owner.units.setdefault(r["unit_name"], DocumentFacts(r["document_id"])).facts.append(_fact(r))
            continue
        doc(r["document_id"]).facts.append(_fact(r))
    for r in _rows(connection, _FUNCTIONAL, ids):
        doc(r["document_id"]).functional.append(_line(r, "functional"))
    for r in _rows(connection, _ECONOMIC, ids):
        doc(r["document_id"]).economic.append(_line(r, "economic"))
    for r in _rows(connection, _PROJECTS, ids):
        doc(r["document_id"]).projects.append(_project(r))
    for r in _rows(connection, _FUNDING, ids):
        doc(r["document_id"]).funding.append(_funding(r))
    for r in _rows(connection, _TABLES, ids):
        doc(r["document_id"]).tables.setdefault(r["table_kind"], r["table_title"])
    for r in _rows(connection, _INDICATORS, ids):
        doc(r["document_id"]).indicators.append(_indicator(r))
    return docs
