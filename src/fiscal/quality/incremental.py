"""Which documents a validation has to check again, decided in SQL over the marts.

A document's results depend only on what the marts say about it and, through the cross-document
rules and versions, about the other documents of its department (same department key and region).
So each validation records a digest of every landed document's mart rows
(quality.validated_documents). The next validation, if it runs with the same models and rules
(build fingerprint), checks again only:

- the documents whose digest is new or changed (a new document, a new version, a re-mapped line);
- every document of a department one of those belongs to (or belonged to, if it left the marts);

and carries the last run's results of every other document into the new run unchanged. A document
whose department is unknown is a group of its own: it is never compared across documents.
Anything else (no earlier run, another fingerprint, `full=True`) checks every document.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from fiscal.quality.marts import MARTS_READ

SCOPE_TABLE = "validation_scope"  # a temporary table: this run's documents and their digests

# The result columns copied from one run into the next (everything but the run id).
RESULT_COLUMNS = (
    "document_id, source_file, department_name, fiscal_year, rule_id, rule_instance, severity, status, "
    "lhs_value, rhs_value, residual, tolerance, metrics, lhs_evidence, rhs_evidence, evidence, "
    "span_start, span_end, checked_at"
)


def _digest_sql() -> str:
    """Each landed document with its group key and a digest of its rows in every mart the rules read."""
    per_table = "\n    union all\n    ".join(
        f"select document_id, md5(string_agg(cast(t as varchar), chr(10) order by cast(t as varchar))) as digest "
        f"from {table} as t group by document_id"
        for table in MARTS_READ
    )
    return f"""
create or replace temp table {SCOPE_TABLE} as
with documents as (
    select
        document_id,
        department_id,
        coalesce(region, '') as region,
        md5(cast(t as varchar)) as row_digest
    from marts.dim_document as t
    where status = 'landed'
),

table_digests as (
    {per_table}
)

select
    documents.document_id,
    documents.department_id,
    documents.region,
    md5(
        documents.row_digest || chr(10)
        || coalesce(string_agg(table_digests.digest, chr(10) order by table_digests.digest), '')
    ) as digest
from documents
left join table_digests on documents.document_id = table_digests.document_id
group by documents.document_id, documents.department_id, documents.region, documents.row_digest
"""


_TO_CHECK = f"""
with current_documents as (
    select * from {SCOPE_TABLE}
),

previous_documents as (
    select * from quality.validated_documents where run_id = ?
),

changed as (
    select current_documents.document_id, current_documents.department_id, current_documents.region
    from current_documents
    left join previous_documents
        on current_documents.document_id = previous_documents.document_id
        and current_documents.digest = previous_documents.digest
    where previous_documents.document_id is null
    union all
    select previous_documents.document_id, previous_documents.department_id, previous_documents.region
    from previous_documents
    left join current_documents on previous_documents.document_id = current_documents.document_id
    where current_documents.document_id is null
),

touched_departments as (
    select distinct department_id, region from changed where department_id is not null
)

select current_documents.document_id
from current_documents
where current_documents.document_id in (select changed.document_id from changed)
    or exists (
        select 1 from touched_departments
        where touched_departments.department_id = current_documents.department_id
            and touched_departments.region = current_documents.region
    )
"""


@dataclass(frozen=True)
class Scope:
    """What this validation checks: `check` (None: every document) and the run whose results it
    carries for the rest."""

    check: set[str] | None
    carried_from: str | None = None


def digest_documents(connection: duckdb.DuckDBPyConnection) -> None:
    """Build this run's scope table (document, department, region, digest) in the session."""
    connection.execute(_digest_sql())


def scope(connection: duckdb.DuckDBPyConnection, last_run: str | None) -> Scope:
    """The documents to check, given the last run made with the same models and rules (or None)."""
    if last_run is None:
        return Scope(None)
    recorded = connection.execute(
        "select count(*) from quality.validated_documents where run_id = ?", [last_run]
    ).fetchone()
    if not recorded or not recorded[0]:
        return Scope(None)  # a run from before digests were recorded: nothing to compare with
    check = {row[0] for row in connection.execute(_TO_CHECK, [last_run]).fetchall()}
    return Scope(check, last_run)


def carry_results(connection: duckdb.DuckDBPyConnection, run_id: str, chosen: Scope) -> int:
    """Copy the last run's results of the documents not checked again into run `run_id`; the count."""
    if chosen.carried_from is None or chosen.check is None:
        return 0
    inserted = connection.execute(
        f"insert into quality.identity_results (run_id, {RESULT_COLUMNS}) "
        f"select ?, {RESULT_COLUMNS} from quality.identity_results "
        f"where run_id = ? and document_id in (select document_id from {SCOPE_TABLE}) "
        "and document_id not in (select unnest(?))",
        [run_id, chosen.carried_from, sorted(chosen.check)],
    )
    return inserted.fetchone()[0]  # type: ignore[index]  # DuckDB returns the inserted row count


def record_documents(connection: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Record this run's documents and digests, for the next run to compare with."""
    connection.execute(
        f"insert into quality.validated_documents select ?, document_id, department_id, region, digest "
        f"from {SCOPE_TABLE}",
        [run_id],
    )


def landed_count(connection: duckdb.DuckDBPyConnection) -> int:
    """How many landed documents this run's scope holds."""
    return connection.execute(f"select count(*) from {SCOPE_TABLE}").fetchone()[0]  # type: ignore[index]
