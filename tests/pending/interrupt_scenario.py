"""PENDING (not collected: its name does not start with test_): it fails today, see issue 10's note.

Ctrl-C (SIGINT to the whole process group, as a terminal sends it) during ingest: the run stops
promptly with exit 130, leaves no process behind, keeps every committed document, and the next run
goes on from there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from fiscal.synthetic import generate
from tests.conftest import PROJECT

pytestmark = pytest.mark.e2e


def _alive(group: int) -> list[str]:
    found = subprocess.run(["pgrep", "-g", str(group), "-a"], capture_output=True, text=True)
    return found.stdout.splitlines()


def test_ctrl_c_during_ingest_stops_cleanly_and_the_rerun_goes_on(tmp_path: Path):
    corpus = tmp_path / "documents"
    generate(corpus, 1500, seed=3)
    files = sum(1 for p in corpus.rglob("*") if p.is_file())
    warehouse = tmp_path / "w.duckdb"
    fiscal = Path(sys.executable).with_name("fiscal")
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "FISCAL_PROJECT_DIR": str(PROJECT)}
    command = [str(fiscal), "run", str(corpus), "--warehouse", str(warehouse)]
    run = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           start_new_session=True)  # fmt: skip
    started = threading.Event()
    log: list[str] = []

    def watch() -> None:
        assert run.stderr is not None
        for line in run.stderr:
            log.append(line)
            if "ingesting" in line:
                started.set()

    threading.Thread(target=watch, daemon=True).start()
    assert started.wait(300), "".join(log)
    time.sleep(4)  # well inside the ingest of 1,500 documents
    os.killpg(run.pid, signal.SIGINT)
    interrupted = time.monotonic()
    stdout, _ = run.communicate(timeout=120)
    assert time.monotonic() - interrupted < 90
    assert run.returncode == 130, stdout + "".join(log)
    assert "Interrupted" in stdout
    time.sleep(2)
    assert _alive(run.pid) == []  # no worker, no Prefect server left behind
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        landed, texts = connection.execute(
            "select count(*), (select count(*) from raw.document_text) from raw.documents where status = 'landed'"
        ).fetchone()
    assert 0 < landed < files and texts == landed  # committed documents whole, the rest not begun
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        assert connection.execute("select count(*) from raw.documents").fetchone() == (files,)
