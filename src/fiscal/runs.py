"""What a run has to do: which files are new to a warehouse, and whether its marts and checks are
already up to date with the project's models and rules.

A run that lands nothing new, against a warehouse last validated with the same models and rules,
repeats nothing: no rebuild, no validation, no alert. The fingerprint is a hash of everything that
can change a result for the same landed rows (dbt models, macros, seeds, tests, the GE suites and
the package's Python), so an upgrade rebuilds even when no document is new.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

import fiscal
from fiscal.config import project_dir
from fiscal.documents.reader import discover, source_of

_PROJECT_INPUTS = ("dbt_project.yml", "models", "macros", "seeds", "tests/dbt", "expectations/gx/expectations")


def build_fingerprint() -> str:
    """sha256 over the project's models, seeds, suites and the package's code, by relative path."""
    digest = hashlib.sha256(fiscal.__version__.encode())
    project = project_dir()
    roots = [(project, project / name) for name in _PROJECT_INPUTS]
    package = Path(fiscal.__file__).parent
    roots.append((package, package))
    for base, root in roots:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if path.suffix in (".pyc",) or "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(base)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class LastValidation:
    run_id: str
    fingerprint: str | None
    by_status: dict[str, int]
    data_docs: str | None


def last_validation(connection: duckdb.DuckDBPyConnection) -> LastValidation | None:
    """The warehouse's latest validation run, or None for a new (or never validated) warehouse."""
    tables = {
        row[0]
        for row in connection.execute(
            "select table_schema || '.' || table_name from information_schema.tables"
        ).fetchall()
    }
    if "quality.validation_runs" not in tables:
        return None
    row = connection.execute(
        "select run_id, build_fingerprint, data_docs from quality.validation_runs "
        "order by finished_at desc nulls last limit 1"
    ).fetchone()
    if row is None:
        return None
    counts = connection.execute(
        "select status, count(*) from quality.identity_results where run_id = ? group by status", [row[0]]
    ).fetchall()
    return LastValidation(row[0], row[1], {status: count for status, count in counts}, row[2])


def up_to_date(warehouse: Path, paths: list[Path]) -> LastValidation | None:
    """The last validation, if every file under `paths` is already in the warehouse and that
    validation used this project's models and rules; else None (the run has work to do). A
    warehouse that cannot be opened read-only now (a writer holds it) counts as work to do."""
    if not warehouse.exists():
        return None
    try:
        with duckdb.connect(str(warehouse), read_only=True) as connection:
            last = last_validation(connection)
            if last is None or last.fingerprint != build_fingerprint():
                return None
            known = {row[0] for row in connection.execute("select document_id from raw.documents").fetchall()}
    except duckdb.Error:
        return None
    if any(source_of(path).document_id not in known for path in discover(paths)):
        return None
    return last
