"""Alerts really arrive: a receiver on loopback gets the findings, and the pipeline's failure."""

from __future__ import annotations

import json
import re
import shutil
import threading
from collections.abc import Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import duckdb
import pytest
from typer.testing import CliRunner

from fiscal.cli import app
from tests.conftest import SAMPLES

pytestmark = pytest.mark.e2e


class _Receiver(BaseHTTPRequestHandler):
    received: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        _Receiver.received.append(json.loads(self.rfile.read(length) or b"{}"))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    _Receiver.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


def test_identity_errors_reach_the_channel_with_both_sides(prefect_server, receiver, tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(next(SAMPLES.glob("002_*.txt")), inbox)
    warehouse = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["run", str(inbox), "--warehouse", str(warehouse), "--alert-url", receiver])
    assert result.exit_code == 0, result.output
    assert len(_Receiver.received) == 1
    message = _Receiver.received[0]
    assert "identity errors" in message["title"]
    assert "002_22acb20406b93644.txt" in message["message"]
    assert "expenditure_total_eq_basic_plus_project" in message["message"]
    assert "2679.48 ≠ 2679.45" in message["message"]
    # a rebuild finds the same errors: recorded in quality.identity_results again, never alerted again
    again = CliRunner().invoke(
        app, ["run", str(inbox), "--warehouse", str(warehouse), "--alert-url", receiver, "--rebuild"]
    )
    assert again.exit_code == 0, again.output
    assert len(_Receiver.received) == 1
    # a plain rerun with nothing new does not validate at all
    plain = CliRunner().invoke(app, ["run", str(inbox), "--warehouse", str(warehouse), "--alert-url", receiver])
    assert plain.exit_code == 0 and "Nothing new" in plain.output, plain.output
    runs = (
        duckdb.connect(str(warehouse), read_only=True)
        .execute("select count(distinct run_id) from quality.identity_results where status = 'error'")
        .fetchone()
    )
    assert runs == (2,)
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        rows = connection.execute("select kind, delivered, channel from quality.alerts").fetchall()
    assert rows == [("identity_errors", True, receiver)]


def test_a_failed_pipeline_raises_an_operational_alert(prefect_server, receiver, tmp_path: Path):
    from flows.pipeline import pipeline

    with pytest.raises(FileNotFoundError):
        pipeline([str(tmp_path / "missing")], str(tmp_path / "w.duckdb"), receiver)
    assert len(_Receiver.received) == 1
    assert "the pipeline failed" in _Receiver.received[0]["title"]
    assert "no such file or folder" in _Receiver.received[0]["message"]


def test_planted_faults_are_found(prefect_server, tmp_path: Path):
    result = CliRunner().invoke(app, ["measure-detection", "--documents", "40", "--seed", "5", "--keep",
                                      str(tmp_path / "detection")])  # fmt: skip
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())  # the summary wraps at the terminal's width
    assert "precision 100.0%" in output
    # no error on a consistent document, nor on one whose fault stays inside the rounding envelope
    assert re.search(r"inside the envelope\): \d+, with an error: 0;", output)
    assert re.search(r"inside the envelope: \d+, with an error: 0\.", output)
    all_row = next(line for line in result.output.splitlines() if line.strip().startswith("│") and " all " in line)
    recall = Decimal(re.search(r"(\d+\.\d)%", all_row).group(1))
    assert recall >= 80  # what is missed is abstained on (基本经费 wording), never a false error
