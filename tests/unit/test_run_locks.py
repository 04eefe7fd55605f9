"""One writer at a time: a second run waits for the first (or stops, saying who holds it), and a
reader holding the warehouse makes a run wait, not fail. The other side is a real second process."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from fiscal.runs import WarehouseBusy, connect_for_writing, exclusive_run


def _hold(code: str, seconds: float) -> subprocess.Popen:
    """Another process that takes a lock, prints 'held', and keeps it for `seconds`."""
    script = f"{code}\nprint('held', flush=True)\nimport time; time.sleep({seconds})"
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    return process


def test_a_second_run_waits_for_the_first_or_says_who_holds_the_warehouse(tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    lock = f"{warehouse}.run.lock"
    holder = _hold(
        f"import fcntl; h = open({lock!r}, 'a+'); fcntl.flock(h, fcntl.LOCK_EX); h.write('run pid 42'); h.flush()", 3
    )
    try:
        with pytest.raises(WarehouseBusy, match="being written by run pid 42"), exclusive_run(warehouse, 0.5):
            pass
        started = time.monotonic()
        with exclusive_run(warehouse, wait_seconds=30):
            waited = time.monotonic() - started
        assert waited > 1  # it waited for the first run to end, then ran
    finally:
        holder.wait(timeout=30)


def test_a_reader_holding_the_warehouse_makes_a_writer_wait_not_fail(tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    duckdb.connect(str(warehouse)).close()
    reader = _hold(f"import duckdb; c = duckdb.connect({str(warehouse)!r}, read_only=True)", 3)
    try:
        with pytest.raises(duckdb.IOException):
            connect_for_writing(warehouse, wait_seconds=0.5)
        with connect_for_writing(warehouse, wait_seconds=30) as connection:
            assert connection.execute("select 1").fetchone() == (1,)
    finally:
        reader.wait(timeout=30)
