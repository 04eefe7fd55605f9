"""Read what the rules need from the marts (the quality layer reads marts, never raw or extraction)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import duckdb

from fiscal.quality.rules import DocumentFacts, FactRow

_HALF = Decimal("0.5")


def _half(unit: Decimal | None) -> Decimal | None:
    return None if unit is None else unit * _HALF


def load_documents(
    connection: duckdb.DuckDBPyConnection, document_ids: Iterable[str] | None = None
) -> dict[str, DocumentFacts]:
    """Facts, functional and economic lines and projects of the given (or all) landed documents."""
    ids = list(document_ids) if document_ids is not None else None
    where = "where document_id in (select unnest(?))" if ids is not None else ""
    params = [ids] if ids is not None else []
    docs: dict[str, DocumentFacts] = {}

    def doc(document_id: str) -> DocumentFacts:
        return docs.setdefault(document_id, DocumentFacts(document_id))

    for row in connection.execute(
        f"""
        select document_id, metric, scope, period, basis, project_name, subject_metric,
               coalesce(amount_wan, value), coalesce(precision_wan, precision), pct, pct_precision,
               share_of, evidence, span_start, span_end
        from marts.fct_document_facts {where} order by document_id, fact_id""",
        params,
    ).fetchall():
        doc(row[0]).facts.append(
            FactRow(
                metric=row[1],
                scope=row[2],
                period=row[3],
                basis=row[4],
                project=row[5],
                subject=row[6],
                value=row[7],
                half_unit=_half(row[8]),
                pct=row[9],
                pct_half_unit=_half(row[10]),
                share_of=row[11],
                evidence=row[12],
                span_start=row[13],
                span_end=row[14],
            )
        )
    for row in connection.execute(
        f"""
        select document_id, level, scope, period, basis, amount_wan, precision_wan, pct, pct_precision,
               share_of, evidence, span_start, span_end, functional_name, functional_code, class_code,
               kuan_code, class_name, kuan_name
        from marts.fct_expenditure_by_function {where} order by document_id, line_id""",
        params,
    ).fetchall():
        doc(row[0]).functional.append(
            FactRow(
                metric=f"functional:{row[1]}",
                scope=row[2],
                period=row[3],
                basis=row[4],
                project=None,
                subject=None,
                value=row[5],
                half_unit=_half(row[6]),
                pct=row[7],
                pct_half_unit=_half(row[8]),
                share_of=row[9],
                evidence=row[10],
                span_start=row[11],
                span_end=row[12],
                name=row[13],
                code=row[14],
                class_code=row[15],
                kuan_code=row[16],
                class_name=row[17],
                kuan_name=row[18],
                level=row[1],
            )
        )
    for row in connection.execute(
        f"""
        select document_id, level, scope, period, basis, amount_wan, precision_wan, evidence,
               span_start, span_end, economic_name, economic_code, economic_class_name, parent_metric
        from marts.fct_expenditure_by_economic {where} order by document_id, line_id""",
        params,
    ).fetchall():
        doc(row[0]).economic.append(
            FactRow(
                metric=f"economic:{row[1]}",
                scope=row[2],
                period=row[3],
                basis=row[4],
                project=None,
                subject=None,
                value=row[5],
                half_unit=_half(row[6]),
                pct=None,
                pct_half_unit=None,
                share_of=None,
                evidence=row[7],
                span_start=row[8],
                span_end=row[9],
                name=row[10],
                code=row[11],
                class_name=row[12],
                parent_metric=row[13],
                level=row[1],
            )
        )
    for row in connection.execute(
        f"""
        select document_id, basis, amount_wan, precision_wan, evidence, span_start, span_end, project_name
        from marts.fct_projects {where} order by document_id, project_id""",
        params,
    ).fetchall():
        doc(row[0]).projects.append(
            FactRow(
                metric="project",
                scope="department",
                period="current",
                basis=row[1],
                project=None,
                subject=None,
                value=row[2],
                half_unit=_half(row[3]),
                pct=None,
                pct_half_unit=None,
                share_of=None,
                evidence=row[4],
                span_start=row[5],
                span_end=row[6],
                name=row[7],
            )
        )
    return docs
