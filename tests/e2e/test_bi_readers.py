"""The README's ways for BI tools to read the warehouse, each exercised: the published release
(Parquet and a DuckDB file of views, readable while a run holds the warehouse), `fiscal export`
to CSV, and SQLAlchemy through duckdb-engine (what Superset uses), read-only."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from fiscal.cli import app
from flows.pipeline import published_folder

pytestmark = pytest.mark.e2e

FACTS = "select count(*) from marts.fct_document_facts"


def test_each_run_publishes_a_release_readers_can_open_while_the_warehouse_is_written(first_run):
    _, warehouse, _ = first_run
    latest = published_folder(warehouse) / "latest"
    assert (latest / "marts" / "fct_document_facts.parquet").is_file()
    with duckdb.connect(str(warehouse), read_only=True) as source:
        [expected] = source.execute(FACTS).fetchone()
        [money] = source.execute("select sum(amount_wan) from marts.fct_document_facts").fetchone()
    writer = duckdb.connect(str(warehouse))  # a run holding the warehouse
    try:
        with duckdb.connect(str(latest / "views.duckdb"), read_only=True) as views:
            assert views.execute(FACTS).fetchone() == (expected,)
            # money stays exact: DECIMAL in, Parquet decimal out
            assert views.execute("select sum(amount_wan) from marts.fct_document_facts").fetchone() == (money,)
            assert isinstance(money, Decimal)
    finally:
        writer.close()


@pytest.mark.parametrize("target", ["warehouse", "published views"])
def test_superset_style_sqlalchemy_reads_and_reflects_the_marts(first_run, target):
    # the README's URLs: duckdb:////abs/path/…?access_mode=read_only
    _, warehouse, _ = first_run
    path = warehouse if target == "warehouse" else published_folder(warehouse) / "latest" / "views.duckdb"
    engine = sa.create_engine(f"duckdb:///{path.resolve()}?access_mode=read_only")
    try:
        inspector = sa.inspect(engine)
        names = inspector.get_table_names(schema="marts") + inspector.get_view_names(schema="marts")
        assert "fct_document_facts" in names
        columns = {c["name"] for c in inspector.get_columns("fct_document_facts", schema="marts")}
        assert {"metric", "amount_wan", "evidence", "span_start"} <= columns
        with engine.connect() as connection:
            assert connection.execute(sa.text(FACTS)).scalar() > 0
    finally:
        engine.dispose()


def test_fiscal_export_writes_csv_releases(first_run, tmp_path: Path):
    _, warehouse, _ = first_run
    result = CliRunner().invoke(
        app, ["export", "--warehouse", str(warehouse), "--out", str(tmp_path), "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = (tmp_path / "latest" / "marts" / "mart_department_year.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("department_") or "fiscal_year" in rows[0]
    assert len(rows) > 1
    arguments = ["export", "--warehouse", str(warehouse), "--out", str(tmp_path), "--format", "xml"]
    bogus = CliRunner().invoke(app, arguments)
    assert bogus.exit_code == 2


DOCUMENTS = "select count(*) from marts.dim_document"


def test_a_bi_query_through_sqlalchemy_succeeds_while_a_pipeline_run_is_in_progress(prefect_server, tmp_path):
    """A real second run (a new document: ingest, dbt, validation) in another process, and a BI tool
    polling the published views through SQLAlchemy all the while: every query answers, with the last
    good release until the run publishes the next."""
    import os
    import shutil
    import subprocess
    import sys
    import time

    from prefect.settings import PREFECT_API_URL

    from fiscal import progress
    from tests.conftest import PROJECT, SAMPLES

    samples = sorted(SAMPLES.glob("*.txt"))
    inbox, warehouse = tmp_path / "inbox", tmp_path / "warehouse" / "fiscal.duckdb"
    inbox.mkdir()
    shutil.copy(samples[0], inbox)
    first = CliRunner().invoke(app, ["run", str(inbox), "--warehouse", str(warehouse)])
    assert first.exit_code == 0, first.output
    views = published_folder(warehouse) / "latest" / "views.duckdb"

    def bi_query() -> int:  # a fresh connection each time, as a dashboard's refresh opens one
        engine = sa.create_engine(f"duckdb:///{views.resolve()}?access_mode=read_only")
        try:
            with engine.connect() as connection:
                return connection.execute(sa.text(DOCUMENTS)).scalar_one()
        finally:
            engine.dispose()

    before = bi_query()
    assert before == 1
    shutil.copy(samples[1], inbox)
    progress_file = tmp_path / "progress.json"
    environment = {**os.environ, progress.PROGRESS_FILE: str(progress_file), "PREFECT_API_URL": PREFECT_API_URL.value()}
    fiscal = Path(sys.executable).with_name("fiscal")
    log = tmp_path / "run.log"
    with log.open("w") as output:  # a file, not a pipe: nobody reads a pipe while the run goes on
        run = subprocess.Popen(
            [str(fiscal), "run", str(inbox), "--warehouse", str(warehouse), "--json"],
            cwd=PROJECT, env=environment, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    answered: list[tuple[str, int]] = []
    try:
        deadline = time.monotonic() + 600
        while run.poll() is None and time.monotonic() < deadline:
            stages = progress.read(progress_file)
            stage = "validate" if "validate" in stages else "transform" if "transform" in stages else "ingest"
            if stages:
                answered.append((stage, bi_query()))
            time.sleep(0.5)
        run.wait(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 0, log.read_text(errors="replace")[-3000:]
    writing = [count for stage, count in answered if stage in ("transform", "validate")]
    assert writing, f"no query while dbt or validation ran: {answered}"
    assert writing[0] == before  # the last good release while the next is built
    assert all(count in (before, before + 1) for _, count in answered)
    assert bi_query() == before + 1  # the run published the next release
