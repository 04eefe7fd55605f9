"""Findings as a reviewer reads them: the latest result of every rule instance, with its evidence."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from fiscal.quality.rules import RULES_BY_ID


@dataclass(frozen=True)
class Finding:
    document_id: str
    source_file: str
    rule_id: str
    rule_instance: str
    status: str
    lhs_value: Decimal | None
    rhs_value: Decimal | None
    residual: Decimal | None
    tolerance: Decimal | None
    metrics: str
    lhs_evidence: str | None
    rhs_evidence: str | None
    span_start: int | None
    span_end: int | None

    @property
    def description(self) -> str:
        rule = RULES_BY_ID.get(self.rule_id)
        return f"{rule.description_zh} / {rule.description_en}" if rule else self.rule_id


# Each document's results from the latest validation run that checked it (a run may check only some).
LATEST_RESULTS = """
    latest as (
        select results.document_id, max(runs.started_at) as started_at
        from quality.identity_results as results
        inner join quality.validation_runs as runs on results.run_id = runs.run_id
        group by results.document_id
    ),
    latest_results as (
        select results.*
        from quality.identity_results as results
        inner join quality.validation_runs as runs on results.run_id = runs.run_id
        inner join latest on results.document_id = latest.document_id and runs.started_at = latest.started_at
    )"""

_LATEST = f"""
    with {LATEST_RESULTS}
    select results.document_id, results.source_file, results.rule_id, results.rule_instance, results.status,
           results.lhs_value, results.rhs_value, results.residual, results.tolerance, results.metrics,
           results.lhs_evidence, results.rhs_evidence, results.span_start, results.span_end
    from latest_results as results
    where (? = 'all' or results.status = ?)
      and (? is null or results.source_file like '%' || ? || '%' or results.document_id like ? || '%')
      and (? is null or results.rule_id = ?)
    order by results.source_file, results.rule_id, results.rule_instance
    limit ?"""


def latest_findings(warehouse: Path, *, document: str | None = None, status: str = "error",
                    rule: str | None = None, limit: int = 50) -> list[Finding]:  # fmt: skip
    """The latest validation's results (per document), filtered; read-only."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        rows = connection.execute(_LATEST, [status, status, document, document, document, rule, rule, limit]).fetchall()
    return [Finding(*row) for row in rows]
