"""What a run has to do, and one run at a time: which files are new to a warehouse, whether its
marts and checks are already up to date with the project's models and rules, and the locks that keep
a second run or a reader from breaking a run.

A run that lands nothing new, against a warehouse last validated with the same models and rules,
repeats nothing: no rebuild, no validation, no alert. The fingerprint is a hash of everything that
can change a result for the same landed rows (dbt models, macros, seeds, tests, the GE suites and
the package's Python), so an upgrade rebuilds even when no document is new.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


def current_validation(connection: duckdb.DuckDBPyConnection) -> LastValidation | None:
    """The last validation, if it checked marts built by this project's models and rules."""
    last = last_validation(connection)
    return last if last is not None and last.fingerprint == build_fingerprint() else None


def up_to_date(warehouse: Path, paths: list[Path]) -> LastValidation | None:
    """The last validation, if every file under `paths` is already in the warehouse and that
    validation used this project's models and rules; else None (the run has work to do). A
    warehouse that cannot be opened read-only now (a writer holds it) counts as work to do."""
    if not warehouse.exists():
        return None
    try:
        with duckdb.connect(str(warehouse), read_only=True) as connection:
            last = current_validation(connection)
            if last is None:
                return None
            known = {row[0] for row in connection.execute("select document_id from raw.documents").fetchall()}
    except duckdb.Error:
        return None
    if any(source_of(path).document_id not in known for path in discover(paths)):
        return None
    return last


# ---- one writer at a time ------------------------------------------------------------------------
# DuckDB allows one writing process per file, and a reader (a BI tool) opening it also takes the
# file's lock. A run therefore (1) holds a run lock beside the warehouse, so a second run waits for the
# first or stops with a clear message, and (2) waits for DuckDB's own lock with retries when a reader
# holds it, saying so, rather than failing mid-run.
RUN_LOCK_WAIT_SECONDS = float(os.environ.get("FISCAL_RUN_LOCK_WAIT_SECONDS", "600"))  # float ok: seconds
WAREHOUSE_LOCK_WAIT_SECONDS = float(os.environ.get("FISCAL_WAREHOUSE_LOCK_WAIT_SECONDS", "300"))  # float ok: seconds
_RETRY_SECONDS = 2.0
_log = logging.getLogger(__name__)


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse past the wait: not a failure of this run's documents."""


@contextmanager
def exclusive_run(warehouse: Path, wait_seconds: float = RUN_LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold `<warehouse>.run.lock` for the run (an advisory flock, released when the process ends,
    however it ends). A second run waits up to `wait_seconds`, then raises WarehouseBusy."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    lock_path = warehouse.with_name(warehouse.name + ".run.lock")
    with lock_path.open("a+") as handle:
        deadline = time.monotonic() + wait_seconds
        announced = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another run"
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"{warehouse} is being written by {holder}; waited {wait_seconds:g} s "
                        "(FISCAL_RUN_LOCK_WAIT_SECONDS). Try again when it has finished."
                    ) from None
                if not announced:
                    _log.warning("waiting for %s to finish writing %s", holder, warehouse)
                    announced = True
                time.sleep(_RETRY_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(f"run pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def connect_for_writing(
    warehouse: Path, wait_seconds: float = WAREHOUSE_LOCK_WAIT_SECONDS
) -> duckdb.DuckDBPyConnection:
    """A writing connection, waiting (with a message) while a reader holds the file's lock."""
    deadline = time.monotonic() + wait_seconds
    announced = False
    while True:
        try:
            return duckdb.connect(str(warehouse))
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or time.monotonic() >= deadline:
                raise
            if not announced:
                _log.warning("%s is held by a reader (%s); waiting up to %g s", warehouse, error, wait_seconds)
                announced = True
            time.sleep(_RETRY_SECONDS)


def wait_until_writable(warehouse: Path, wait_seconds: float = WAREHOUSE_LOCK_WAIT_SECONDS) -> None:
    """For writers we do not open ourselves (dbt): wait until the file's lock is free."""
    if warehouse.exists():
        connect_for_writing(warehouse, wait_seconds).close()
