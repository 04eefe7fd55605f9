"""The schedule really fires (issue 10): a real Prefect server on loopback, `fiscal serve` with a
short interval, and the scheduled flow run completes, landing the inbox into the warehouse."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from tests.conftest import PROJECT, SAMPLES

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _api(url: str, path: str, body: dict | None = None) -> object:
    request = urllib.request.Request(
        url + path, data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"}, method="POST" if body is not None else "GET",
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def _wait_for(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(2)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def test_a_served_schedule_fires_and_its_run_completes(tmp_path: Path):
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_API_URL": api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_API_SERVICES_SCHEDULER_LOOP_SECONDS": "5",
           "PREFECT_RUNNER_POLL_FREQUENCY": "5", "FISCAL_PROJECT_DIR": str(PROJECT),
           "GX_ANALYTICS_ENABLED": "false"}  # fmt: skip
    env.pop("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", None)
    logs = tmp_path / "logs"
    logs.mkdir()
    prefect = Path(sys.executable).with_name("prefect")
    fiscal = Path(sys.executable).with_name("fiscal")
    server = subprocess.Popen(
        [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=(logs / "server.log").open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    served = None
    try:
        _wait_for(lambda: _healthy(api), 180, "the Prefect server")
        inbox = tmp_path / "inbox"  # missing on purpose: the run creates it
        warehouse = tmp_path / "warehouse.duckdb"
        served = subprocess.Popen(
            [str(fiscal), "serve", "--interval", "10", "--inbox", str(inbox), "--warehouse", str(warehouse),
             "--name", "test-schedule"],
            env=env, stdout=(logs / "serve.log").open("w"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deployment = _wait_for(lambda: _deployment(api, "test-schedule"), 120, "the deployment")
        assert deployment["schedules"] and deployment["schedules"][0]["schedule"]["interval"] == 10
        _wait_for(inbox.is_dir, 120, "the first run to create the inbox")
        shutil.copy(next(SAMPLES.glob("002_*.txt")), inbox)  # a document arrives
        completed = _wait_for(lambda: _landed(warehouse), 420, "a scheduled run to land the document")
        assert completed == [("002_22acb20406b93644.txt", "landed")]
        landed_at = datetime.now(UTC)

        def finished_since() -> list[dict]:
            runs = _api(api, "/flow_runs/filter", {"deployments": {"id": {"any_": [deployment["id"]]}}})
            done = [r for r in runs if r["end_time"] and datetime.fromisoformat(r["end_time"]) > landed_at]
            return runs if done else []

        runs = _wait_for(finished_since, 300, "the landing run to finish")  # it publishes after validating
        states = {run["state"]["type"] for run in runs}
        assert "COMPLETED" in states and not states & {"FAILED", "CRASHED"}, states  # the empty-inbox run too
        assert all(run["auto_scheduled"] for run in runs if run["state"]["type"] == "COMPLETED")
        # the README's other way: flows/prefect.yaml deployed to a process work pool, as written there
        for command in (["work-pool", "create", "fiscal-process", "--type", "process"],
                        ["--no-prompt", "deploy", "--prefect-file", "flows/prefect.yaml", "--all"]):  # fmt: skip
            done = subprocess.run([str(prefect), *command], env=env, cwd=PROJECT, capture_output=True, text=True,
                                  timeout=300)  # fmt: skip
            assert done.returncode == 0, done.stdout + done.stderr
        nightly = _deployment(api, "nightly")
        assert nightly["parameters"]["inbox"] == "data/inbox"
        assert nightly["parameters"]["project"] == str(PROJECT)
        assert nightly["concurrency_limit"] == 1 or nightly.get("global_concurrency_limit", {}).get("limit") == 1
        assert nightly["schedules"][0]["schedule"]["cron"] == "0 2 * * *"
    finally:
        for process in (served, server):
            if process is not None:
                os.killpg(process.pid, 15)
                process.wait(timeout=60)
        for log in logs.iterdir():  # kept as test artefacts in the temporary folder
            print(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}")


def _healthy(api: str) -> bool:
    try:
        return _api(api, "/health") is True
    except OSError:
        return False


def _deployment(api: str, name: str) -> dict | None:
    found = _api(api, "/deployments/filter", {"deployments": {"name": {"any_": [name]}}})
    return found[0] if found else None


def _landed(warehouse: Path) -> list[tuple] | None:
    if not warehouse.exists():
        return None
    try:
        with duckdb.connect(str(warehouse), read_only=True) as connection:
            rows = connection.execute(
                "select d.file_name, d.status from raw.documents d "
                "where exists (select 1 from information_schema.tables where table_schema = 'marts')"
            ).fetchall()
            runs = connection.execute("select count(*) from quality.validation_runs").fetchone()
    except duckdb.Error:
        return None  # a run is writing it
    return rows if rows and runs and runs[0] else None
