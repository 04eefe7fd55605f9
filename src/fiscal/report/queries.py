"""What the report shows, read from the marts and the latest validation run (never written to).

Each function returns plain rows (dicts of column → value), money as Decimal exactly as stored.
The document text, which the marts do not copy, is read from raw.document_text: it is what every
span in the marts points into.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import duckdb

from fiscal.quality.findings import latest_results


def _rows(connection: duckdb.DuckDBPyConnection, sql: str, parameters: list[Any] | None = None) -> list[dict]:
    cursor = connection.execute(sql, parameters or [])
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def latest_run(connection: duckdb.DuckDBPyConnection) -> str | None:
    row = connection.execute(
        "select run_id from quality.validation_runs order by finished_at desc nulls last limit 1"
    ).fetchone()
    return row[0] if row else None


def documents(connection: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every document, landed or quarantined, with its findings counts in its latest validation."""
    return _rows(
        connection,
        f"""
        with {latest_results(connection)}
        select d.document_id, d.source_file, d.source_path, d.format, d.doc_type, d.title, d.department_id,
               d.department_name, d.region, d.fiscal_year, d.status, d.quarantine_reason, d.fact_count,
               d.issue_count, d.is_latest_version,
               count(r.rule_id) filter (where r.status = 'error' and r.review is distinct from 'dismissed') as errors,
               count(r.rule_id) filter (where r.review = 'dismissed') as dismissed,
               count(r.rule_id) filter (where r.status = 'warning') as warnings,
               count(r.rule_id) filter (where r.status in ('pass', 'rounding')) as passed,
               count(r.rule_id) filter (where r.status = 'insufficient_data') as insufficient
        from marts.dim_document as d
        left join latest_results as r on r.document_id = d.document_id
        group by all
        order by d.department_name nulls last, d.fiscal_year, d.source_file
        """,
    )


def department_years(connection: duckdb.DuckDBPyConnection) -> list[dict]:
    return _rows(
        connection,
        "select * from marts.mart_department_year order by department_name, fiscal_year",
    )


def facts_of(connection: duckdb.DuckDBPyConnection, department_id: str, fiscal_year: int) -> list[dict]:
    return _rows(
        connection,
        """
        select document_id, source_file, doc_type, metric, scope, period, basis, project_name, amount_wan,
               value_text, evidence, page
        from marts.fct_document_facts
        where department_id = ? and fiscal_year = ? and amount_wan is not null and period = 'current'
        order by source_file, fact_id
        """,
        [department_id, fiscal_year],
    )


def lines_of(
    connection: duckdb.DuckDBPyConnection, classification: str, department_id: str, fiscal_year: int
) -> list[dict]:
    """The department-year's lines of the first level (类), each as first stated per name and basis."""
    table, written = (
        ("fct_expenditure_by_function", "functional_name")
        if classification == "functional"
        else ("fct_expenditure_by_economic", "economic_name")
    )
    name = f"coalesce(reference_name, {written})"  # the national name: 公共安全 and 公共安全支出 are one 类
    return _rows(
        connection,
        f"""
        select {name} as name, basis, scope, amount_wan
        from marts.{table}
        where department_id = ? and fiscal_year = ? and level = 1 and period = 'current'
        qualify row_number() over (
            partition by {name}, basis order by scope = 'department' desc, document_id, line_id
        ) = 1
        order by amount_wan desc
        """,
        [department_id, fiscal_year],
    )


def sources_of(connection: duckdb.DuckDBPyConnection, department_id: str, fiscal_year: int) -> list[dict]:
    """The department's income by source, each source and basis as first stated."""
    return _rows(
        connection,
        """
        select revenue_source_name as name, basis, amount_wan
        from marts.fct_revenue_by_source
        where department_id = ? and fiscal_year = ? and period = 'current' and scope = 'department'
        qualify row_number() over (partition by revenue_source_code, basis order by document_id, fact_id) = 1
        order by amount_wan desc
        """,
        [department_id, fiscal_year],
    )


def indicators_of(connection: duckdb.DuckDBPyConnection, department_id: str, fiscal_year: int) -> list[dict]:
    return _rows(
        connection,
        """
        select project_name, level1_name, level2_name, indicator_name, target_text, actual_text,
               completion_pct, weight, score
        from marts.fct_performance_indicators
        where department_id = ? and fiscal_year = ?
        order by document_id, indicator_id
        """,
        [department_id, fiscal_year],
    )


def findings_of(connection: duckdb.DuckDBPyConnection, document_id: str) -> list[dict]:
    """The document's latest results that a reviewer acts on, errors first."""
    return _rows(
        connection,
        f"""
        with {latest_results(connection)}
        select document_id, rule_id, rule_instance, severity, status, lhs_value, rhs_value, residual, tolerance,
               metrics, lhs_evidence, rhs_evidence, evidence, span_start, span_end, review, review_reason
        from latest_results
        where document_id = ? and status in ('error', 'warning')
        order by status = 'error' desc, rule_id, rule_instance
        """,
        [document_id],
    )


def boxes_of(connection: duckdb.DuckDBPyConnection, document_id: str) -> list[dict]:
    """Every figure of a PDF with its page and box (facts and classified lines)."""
    return _rows(
        connection,
        """
        select span_start, span_end, page, box_x0, box_top, box_x1, box_bottom, evidence
        from marts.fct_document_facts where document_id = ? and page is not null and box_x0 is not null
        union all
        select span_start, span_end, page, box_x0, box_top, box_x1, box_bottom, evidence
        from marts.fct_expenditure_by_function where document_id = ? and page is not null and box_x0 is not null
        union all
        select span_start, span_end, page, box_x0, box_top, box_x1, box_bottom, evidence
        from marts.fct_expenditure_by_economic where document_id = ? and page is not null and box_x0 is not null
        """,
        [document_id, document_id, document_id],
    )


def document_text(connection: duckdb.DuckDBPyConnection, document_id: str) -> str | None:
    row = connection.execute("select text from raw.document_text where document_id = ?", [document_id]).fetchone()
    return row[0] if row else None


def money(value: Decimal | None) -> str:
    """万元 as written to two places at least, with thousands separators; exact (no float)."""
    if value is None:
        return ""
    quantized = value.normalize()
    if quantized.as_tuple().exponent > -2:  # type: ignore[operator]
        quantized = value.quantize(Decimal("0.01"))
    return f"{quantized:,f}"
