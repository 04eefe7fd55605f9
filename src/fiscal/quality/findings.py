"""Findings as a reviewer reads them: the latest result of every rule instance, with its evidence."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
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
    review: str | None = None  # accepted | dismissed: a reviewer's decision on these very figures
    review_reason: str | None = None

    @property
    def finding_id(self) -> str:
        return finding_id(self.document_id, self.rule_id, self.rule_instance)

    @property
    def description(self) -> str:
        rule = RULES_BY_ID.get(self.rule_id)
        return f"{rule.description_zh} / {rule.description_en}" if rule else self.rule_id


def finding_id(document_id: str, rule_id: str, rule_instance: str) -> str:
    """A finding's name across runs: its document, rule and instance (the figures may change)."""
    return hashlib.sha256(f"{document_id}|{rule_id}|{rule_instance}".encode()).hexdigest()[:12]


# Each document's results from the latest validation run that checked it (a run may check only some),
# with the latest review of each: a decision holds only while the figures are the ones decided on (a
# document whose figures changed is reopened).
_LATEST_RESULTS = """
    latest as (
        select results.document_id, max(runs.started_at) as started_at
        from quality.identity_results as results
        inner join quality.validation_runs as runs on results.run_id = runs.run_id
        group by results.document_id
    ),
    latest_review as (
        select * from {reviews}
        qualify row_number() over (partition by document_id, rule_id, rule_instance order by decided_at desc) = 1
    ),
    latest_results as (
        select results.*,
               case when reviewed.lhs_value is not distinct from results.lhs_value
                     and reviewed.rhs_value is not distinct from results.rhs_value
                    then reviewed.decision end as review,
               case when reviewed.lhs_value is not distinct from results.lhs_value
                     and reviewed.rhs_value is not distinct from results.rhs_value
                    then reviewed.reason end as review_reason
        from quality.identity_results as results
        inner join quality.validation_runs as runs on results.run_id = runs.run_id
        inner join latest on results.document_id = latest.document_id and runs.started_at = latest.started_at
        left join latest_review as reviewed
            on reviewed.document_id = results.document_id and reviewed.rule_id = results.rule_id
           and reviewed.rule_instance = results.rule_instance
    )"""

# A warehouse validated before reviews existed has no quality.reviews: read it as an empty one.
_NO_REVIEWS = (
    "(select null::varchar as finding_id, null::varchar as document_id, null::varchar as rule_id, "
    "null::varchar as rule_instance, null::decimal(38, 10) as lhs_value, null::decimal(38, 10) as rhs_value, "
    "null::varchar as decision, null::varchar as reason, null::varchar as reviewer, null::timestamp as decided_at "
    "where false)"
)


def latest_results(connection: duckdb.DuckDBPyConnection) -> str:
    """The CTEs ending in `latest_results`, for this warehouse."""
    has_reviews = connection.execute(
        "select count(*) from information_schema.tables where table_schema = 'quality' and table_name = 'reviews'"
    ).fetchone()
    return _LATEST_RESULTS.format(reviews="quality.reviews" if has_reviews and has_reviews[0] else _NO_REVIEWS)


_LATEST = """
    with {latest_results}
    select results.document_id, results.source_file, results.rule_id, results.rule_instance, results.status,
           results.lhs_value, results.rhs_value, results.residual, results.tolerance, results.metrics,
           results.lhs_evidence, results.rhs_evidence, results.span_start, results.span_end, results.review,
           results.review_reason
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
        query = _LATEST.format(latest_results=latest_results(connection))
        rows = connection.execute(query, [status, status, document, document, document, rule, rule, limit]).fetchall()
    return [Finding(*row) for row in rows]


DECISIONS = ("accepted", "dismissed")


def review(connection: duckdb.DuckDBPyConnection, finding: Finding, decision: str, reason: str,
           reviewer: str | None = None) -> None:  # fmt: skip
    """Record a reviewer's decision on a finding's current figures (kept: the history is the record)."""
    if decision not in DECISIONS:
        raise ValueError(f"decision is {' or '.join(DECISIONS)}, not '{decision}'")
    if not reason.strip():
        raise ValueError("a decision needs its reason")
    connection.execute(
        "insert into quality.reviews values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [finding.finding_id, finding.document_id, finding.rule_id, finding.rule_instance, finding.lhs_value,
         finding.rhs_value, decision, reason.strip(), reviewer or os.environ.get("USER") or "unknown",
         datetime.now(UTC).replace(tzinfo=None)],
    )  # fmt: skip
