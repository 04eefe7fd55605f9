"""Validate the marts: evaluate every rule instance, let GE judge the envelopes, store the results.

Status of an instance, exactly one of:
- pass: both sides equal as stated;
- rounding: they differ by less than the rounding envelope;
- warning: GE found the envelope breached, but only as a shortfall of a list the document
  introduces as incomplete (主要包括), or as a share nudged by one unit so a list totals 100%;
- error: GE found the envelope breached;
- insufficient_data: a figure the rule needs is not stated (never counted as a pass);
- not_applicable: the figures are stated but the identity means nothing for them (a share of a
  zero total, growth from zero); not a pass either.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from fiscal import interrupts, progress
from fiscal.land.schema import ensure_schemas
from fiscal.quality import incremental
from fiscal.quality.envelope import Comparison, Figure, Side, stored
from fiscal.quality.expectations import FRAME_COLUMNS, INSTANCE_ROW, run_checkpoint
from fiscal.quality.marts import load_documents
from fiscal.quality.rules import (
    DECLARED_SUMS_MODEL,
    ERROR,
    INSUFFICIENT,
    NOT_APPLICABLE,
    PASS,
    ROUNDING,
    RULES_BY_ID,
    WARNING,
    Instance,
    evaluate,
    evaluate_corpus,
)
from fiscal.runs import connect_for_writing, last_validation


@dataclass
class ValidationSummary:
    run_id: str
    instances: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    gx_success: bool = True
    expectations_run: int = 0
    data_docs: str | None = None
    documents_checked: int = 0  # documents evaluated in this run
    documents_carried: int = 0  # documents whose results were carried from the last run unchanged


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _status(instance: Instance, breached: bool) -> str:
    comparison = instance.comparison
    if comparison is None:
        return NOT_APPLICABLE if instance.not_applicable else INSUFFICIENT
    if breached:
        shortfall = comparison.residual > 0  # the listed parts add up to less than the total
        if instance.shortfall_is_warning and shortfall:
            return WARNING
        if instance.near_miss is not None and abs(comparison.residual) < comparison.tolerance + instance.near_miss:
            return WARNING
        if instance.breach_is_warning:
            return WARNING
        return ERROR
    return PASS if comparison.residual == 0 else ROUNDING


def _side(value: Any, half_width: Any, description: str | None, evidence: str | None, span: tuple) -> Side:
    figure = Figure(value, half_width, description or "", evidence or "", *span)
    return Side(value, half_width, (figure,), description or "")


def declared_instances(
    connection: duckdb.DuckDBPyConnection, document_ids: list[str] | None = None
) -> list[tuple[str, Instance]]:
    """The declared sums' instances (of the given documents, or all) as the dbt model built them: its
    figures are carried over, not recomputed; the suite decides each one like any other instance."""
    where = "where document_id in (select unnest(?))" if document_ids is not None else ""
    cursor = connection.execute(
        f"select document_id, rule_id, rule_instance, is_checkable, missing, lhs_value, lhs_half_unit, "
        f"rhs_value, rhs_half_width, lhs_description, rhs_description, lhs_evidence, rhs_evidence, "
        f"span_start, span_end from {DECLARED_SUMS_MODEL} {where} order by document_id, rule_id, rule_instance",
        [document_ids] if document_ids is not None else [],
    )
    pairs = []
    for (document_id, rule_id, key, checkable, missing, lhs, lhs_half, rhs, rhs_half, lhs_text, rhs_text,
         lhs_evidence, rhs_evidence, start, end) in cursor.fetchall():  # fmt: skip
        comparison = None
        if checkable:
            comparison = Comparison(
                _side(lhs, lhs_half, lhs_text, lhs_evidence, (start, end)),
                _side(rhs, rhs_half, rhs_text, rhs_evidence, (start, end)),
            )
        pairs.append((document_id, Instance(rule_id, key, comparison, missing=missing or "")))
    return pairs


def _side_text(side: Side | None) -> str | None:
    """A side as the findings show it (its figures name their values: "basic_expenditure=165.99")."""
    return (side.description or str(side.value)) if side else None


def _frame(instances: list[tuple[str, Instance]], documents: dict[str, tuple]) -> Any:
    """One row per instance for the suite: the envelope and residual it decides on, and (named in
    the Data Docs beside each breach) the document, the instance and both sides' figures."""
    import pandas as pd

    rows = [
        {
            INSTANCE_ROW: position,
            "rule_id": instance.rule_id,
            "source_file": documents[document_id][1],
            "rule_instance": instance.key,
            "lhs": _side_text(instance.comparison.lhs if instance.comparison else None),
            "rhs": _side_text(instance.comparison.rhs if instance.comparison else None),
            "tolerance": instance.comparison.tolerance if instance.comparison else None,
            "abs_residual": abs(instance.comparison.residual) if instance.comparison else None,
        }
        for position, (document_id, instance) in enumerate(instances)
    ]
    # object dtype keeps the Decimals exact inside GE's comparisons
    return pd.DataFrame(rows, columns=FRAME_COLUMNS, dtype=object)


def _result_row(
    run_id: str,
    document: tuple[str, str | None, str | None, int | None],
    instance: Instance,
    status: str,
    checked_at: datetime,
) -> dict[str, Any]:
    document_id, source_file, department, fiscal_year = document
    rule = RULES_BY_ID[instance.rule_id]
    comparison = instance.comparison
    lhs = comparison.lhs if comparison else None
    rhs = comparison.rhs if comparison else None
    first_figure = lhs.figures[0] if lhs else None
    return {
        "run_id": run_id,
        "document_id": document_id,
        "source_file": source_file,
        "department_name": department,
        "fiscal_year": fiscal_year,
        "rule_id": rule.rule_id,
        "rule_instance": instance.key,
        "severity": rule.severity,
        "status": status,
        "lhs_value": stored(lhs.value) if lhs else None,
        "rhs_value": stored(rhs.value) if rhs else None,
        "residual": stored(comparison.residual) if comparison else None,
        "tolerance": stored(comparison.tolerance) if comparison else None,
        "metrics": (f"{lhs.description} vs {rhs.description}" if lhs and rhs else f"missing: {instance.missing}"),
        "lhs_evidence": lhs.evidence if lhs else None,
        "rhs_evidence": rhs.evidence if rhs else None,
        "evidence": " ‖ ".join(x for x in (lhs.evidence if lhs else None, rhs.evidence if rhs else None) if x),
        "span_start": first_figure.span_start if first_figure else None,
        "span_end": first_figure.span_end if first_figure else None,
        "checked_at": checked_at,
    }


def _load(connection: duckdb.DuckDBPyConnection, check: set[str] | None) -> tuple[dict[str, tuple], set[str], dict]:
    """The documents to check (None: all landed) as (document id → identity), the current versions
    among them, and their facts."""
    only = "and document_id in (select unnest(?))" if check is not None else ""
    identity = connection.execute(
        "select document_id, source_file, department_name, fiscal_year, department_id, doc_type, region, "
        f"is_latest_version from marts.dim_document where status = 'landed' {only} order by document_id",
        [sorted(check)] if check is not None else [],
    ).fetchall()
    documents = {row[0]: row[:4] for row in identity}
    # Across documents only current versions are compared: a corrected republication is meant to
    # differ from the version it supersedes.
    current = {row[0] for row in identity if row[7]}
    facts = load_documents(connection, None if check is None else sorted(check))
    for document_id, _, _, fiscal_year, department_id, doc_type, region, _ in identity:
        if document_id in facts:
            doc = facts[document_id]
            doc.department_id, doc.fiscal_year, doc.doc_type = department_id, fiscal_year, doc_type
            doc.region = region
    return documents, current, facts


def validate_warehouse(
    warehouse: Path, gx_root: Path, fingerprint: str | None = None, full: bool = False
) -> ValidationSummary:
    """Check the landed documents' identities and append the results to `quality`. `fingerprint`
    names the models and rules the marts were built with (see fiscal.runs). Unless `full`, a run
    after one with the same fingerprint checks only the documents whose marts changed and their
    departments' other documents, and carries the rest (fiscal.quality.incremental)."""
    run_id = uuid.uuid4().hex
    started = _now()
    summary = ValidationSummary(run_id)
    with connect_for_writing(warehouse) as connection:
        ensure_schemas(connection)
        progress.report("validate", 0, 4, "loading the marts", force=True)
        incremental.digest_documents(connection)
        last = last_validation(connection)
        comparable = not full and fingerprint is not None and last is not None and last.fingerprint == fingerprint
        chosen = incremental.scope(connection, last.run_id if comparable and last else None)
        documents, current, facts = _load(connection, chosen.check)
        interrupts.checkpoint()  # nothing is written before the last step
        progress.report("validate", 1, 4, f"evaluating the rules on {len(documents)} documents", force=True)
        instances = [
            (doc_id, instance) for doc_id in documents if doc_id in facts for instance in evaluate(facts[doc_id])
        ]
        instances += evaluate_corpus([facts[doc_id] for doc_id in documents if doc_id in facts and doc_id in current])
        instances += declared_instances(connection, sorted(documents))
        frame = _frame(instances, documents)
        interrupts.checkpoint()  # nothing is written before the last step
        progress.report("validate", 2, 4, f"Great Expectations on {len(instances)} instances", force=True)
        outcome = run_checkpoint(gx_root, frame)
        interrupts.checkpoint()  # nothing is written before the last step
        progress.report("validate", 3, 4, "writing quality.identity_results", force=True)
        summary.gx_success, summary.expectations_run = outcome.success, outcome.expectations_run
        summary.data_docs = outcome.data_docs
        checked_at = _now()
        rows = [
            _result_row(run_id, documents[doc_id], instance, _status(instance, position in outcome.breached_rows),
                        checked_at)
            for position, (doc_id, instance) in enumerate(instances)
        ]  # fmt: skip
        connection.execute("begin transaction")
        if rows:
            results = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB below
            connection.execute("insert into quality.identity_results by name select * from results")
        incremental.carry_results(connection, run_id, chosen)
        incremental.record_documents(connection, run_id)
        counts = connection.execute(
            "select status, count(*) from quality.identity_results where run_id = ? group by status", [run_id]
        ).fetchall()
        summary.by_status = {status: count for status, count in counts}
        summary.instances = sum(summary.by_status.values())
        summary.documents_checked = len(documents)
        summary.documents_carried = incremental.landed_count(connection) - len(documents)
        connection.execute(
            "insert into quality.validation_runs (run_id, started_at, finished_at, rule_instances, errors, "
            "gx_success, data_docs, build_fingerprint, documents_checked, documents_carried) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                started,
                _now(),
                summary.instances,
                summary.by_status.get(ERROR, 0),
                summary.gx_success,
                summary.data_docs,
                fingerprint,
                summary.documents_checked,
                summary.documents_carried,
            ],
        )
        connection.execute("commit")
    progress.report("validate", 4, 4, "done", force=True)
    return summary
