"""An alert raised while another process holds the warehouse past the wait is not lost: it is kept
beside the warehouse and recorded in quality.alerts by the next writer that alerts."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from fiscal.land.schema import ensure_schemas
from fiscal.quality.alerts import alert_on_failure, pending_alerts_file, record_pending

HOLD = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(60)"


@contextmanager
def held_by_another_process(warehouse: Path) -> Iterator[None]:
    """A new warehouse, its write lock held by another process while the block runs."""
    with duckdb.connect(str(warehouse)) as connection:
        ensure_schemas(connection)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(warehouse)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.kill()
        holder.wait()


def test_a_failure_alert_while_the_warehouse_is_held_is_recorded_by_the_next_writer(tmp_path: Path):
    warehouse = tmp_path / "fiscal.duckdb"
    with held_by_another_process(warehouse):
        started = time.monotonic()
        assert alert_on_failure(warehouse, "dbt build failed: boom", None, wait_seconds=1) is False
        assert time.monotonic() - started < 30
    kept = pending_alerts_file(warehouse).read_text(encoding="utf-8").splitlines()
    assert len(kept) == 1 and "dbt build failed: boom" in kept[0]
    with duckdb.connect(str(warehouse)) as connection:
        assert record_pending(connection, warehouse) == 1
        assert record_pending(connection, warehouse) == 0  # recorded once
        rows = connection.execute("select kind, body, delivered, delivery_error from quality.alerts").fetchall()
    assert rows == [("pipeline_failure", "dbt build failed: boom", False, "no alert channel configured")]
    assert not pending_alerts_file(warehouse).exists()


def test_the_next_failure_alert_records_the_kept_one_too(tmp_path: Path):
    warehouse = tmp_path / "fiscal.duckdb"
    with held_by_another_process(warehouse):
        alert_on_failure(warehouse, "first failure", None, wait_seconds=0.5)
    alert_on_failure(warehouse, "second failure", None)
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        bodies = sorted(body for (body,) in connection.execute("select body from quality.alerts").fetchall())
    assert bodies == ["first failure", "second failure"]
