"""One temporary Prefect server for every end-to-end test (starting one costs seconds)."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from fiscal.cli import app
from tests.conftest import SAMPLES, copy_samples


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory):
    os.environ["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture(scope="session")
def first_run(prefect_server, tmp_path_factory):
    """`fiscal run` on the samples, a corrupt file and a copy: shared by the e2e modules."""
    inbox = tmp_path_factory.mktemp("inbox")
    copy_samples(inbox)
    (inbox / "corrupt.txt").write_bytes(b"\x00\x9f\x92\x96 binary")
    (inbox / "copy_of_003.txt").write_bytes(next(SAMPLES.glob("003_*.txt")).read_bytes())
    warehouse = tmp_path_factory.mktemp("warehouse") / "fiscal.duckdb"
    result = CliRunner().invoke(app, ["run", str(inbox), "--warehouse", str(warehouse)])
    return result, warehouse, inbox
