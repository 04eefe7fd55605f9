"""Ctrl-C as a terminal sends it (SIGINT to the whole process group), during ingest and during dbt:
the run stops promptly with exit 130, leaves no process behind (workers, Prefect's temporary
server), keeps every committed document whole, and the next run goes on from there."""

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

FISCAL = Path(sys.executable).with_name("fiscal")


def _left_behind(prefect_home: Path) -> list[str]:
    """Processes still running with this run's PREFECT_HOME (its workers and temporary server)."""
    marker = f"PREFECT_HOME={prefect_home}".encode()
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and marker in (proc / "environ").read_bytes().split(b"\0"):
                found.append((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:
            continue
    return found


def _interrupt_when(
    command: list[str], env: dict[str, str], marker: str, delay: float, kill: bool = False
) -> tuple[int, str, float]:
    """Start the command in its own process group, send the group SIGINT (or the command alone
    SIGKILL) `delay` seconds after a stderr line containing `marker`; its exit code, output and
    seconds from the signal to exit."""
    run = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           start_new_session=True)  # fmt: skip
    seen = threading.Event()
    log: list[str] = []

    def watch() -> None:
        assert run.stderr is not None
        for line in run.stderr:
            log.append(line)
            if marker in line:
                seen.set()

    threading.Thread(target=watch, daemon=True).start()
    assert seen.wait(400), "".join(log)
    time.sleep(delay)
    if kill:
        os.kill(run.pid, signal.SIGKILL)
    else:
        os.killpg(run.pid, signal.SIGINT)
    interrupted = time.monotonic()
    stdout, _ = run.communicate(timeout=180)
    return run.returncode, stdout + "".join(log), time.monotonic() - interrupted


@pytest.fixture
def setting(tmp_path: Path):
    corpus = tmp_path / "documents"
    generate(corpus, 600, seed=3)  # ingest and dbt both take long enough to interrupt
    home = tmp_path / "prefect"
    env = {**os.environ, "PREFECT_HOME": str(home), "FISCAL_PROJECT_DIR": str(PROJECT)}
    env.pop("PREFECT_API_URL", None)  # the CLI's own temporary server, as a user's first run has
    warehouse = tmp_path / "w.duckdb"
    command = [str(FISCAL), "run", str(corpus), "--warehouse", str(warehouse)]
    return corpus, warehouse, command, env, home


def test_ctrl_c_during_ingest_stops_cleanly_and_the_rerun_goes_on(setting):
    corpus, warehouse, command, env, home = setting
    files = sum(1 for p in corpus.rglob("*") if p.is_file())
    code, output, seconds = _interrupt_when(command, env, "ingesting", 4)
    assert code == 130, output
    assert seconds < 60
    assert "Interrupted" in output
    time.sleep(6)  # the parent-death signal and atexit stop the server
    assert _left_behind(home) == []
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        landed, texts = connection.execute(
            "select count(*), (select count(*) from raw.document_text) from raw.documents where status = 'landed'"
        ).fetchone()
    assert 0 < landed < files and texts == landed  # committed documents whole, the rest not begun
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        assert connection.execute("select count(*) from raw.documents").fetchone() == (files,)
        assert connection.execute("select count(*) from quality.validation_runs").fetchone() == (1,)


def test_ctrl_c_during_dbt_stops_cleanly_without_validating(setting):
    _, warehouse, command, env, home = setting
    code, output, seconds = _interrupt_when(command, env, "dbt build", 3)
    assert code == 130, output
    assert seconds < 60
    time.sleep(6)
    assert _left_behind(home) == []
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        assert connection.execute("select count(*) from raw.documents").fetchone()[0] > 0
        assert connection.execute("select count(*) from quality.validation_runs").fetchone() == (0,)


def test_a_killed_run_leaves_no_worker_or_server_behind(setting):
    _, warehouse, command, env, home = setting
    code, _, _ = _interrupt_when(command, env, "ingesting", 4, kill=True)
    assert code == -signal.SIGKILL
    time.sleep(6)
    assert _left_behind(home) == []
    with duckdb.connect(str(warehouse), read_only=True) as connection:  # committed documents readable
        assert connection.execute("select count(*) from raw.documents").fetchone()[0] > 0
