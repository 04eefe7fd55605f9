"""A run that lands one new document checks only that document and its department's other
documents, carries every other document's results, and ends with exactly the results a full
validation of the same warehouse gives."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from fiscal.cli import app
from fiscal.config import warehouse_gx_root
from fiscal.quality.validate import validate_warehouse
from fiscal.runs import build_fingerprint
from tests.conftest import copy_samples, sample

pytestmark = pytest.mark.e2e

_COMPARED = (
    "document_id, rule_id, rule_instance, status, lhs_value, rhs_value, residual, tolerance, metrics, "
    "evidence, span_start, span_end"
)


def _results(connection: duckdb.DuckDBPyConnection, run_id: str) -> list[tuple]:
    rows = connection.execute(f"select {_COMPARED} from quality.identity_results where run_id = ?", [run_id])
    return sorted(rows.fetchall(), key=str)


def _runs(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(
            "select run_id, documents_checked, documents_carried from quality.validation_runs order by started_at"
        ).fetchall()


def test_a_new_year_of_one_department_is_checked_with_that_department_only(prefect_server, tmp_path: Path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    copy_samples(first)
    # sample 001 (米易县's 2023 final accounts) as that department's 2022 accounts: same department,
    # so the cross-document rule compares the two years and both are checked again
    text = sample("001").read_text(encoding="utf-8")
    for year in (2022, 2023, 2024):
        text = text.replace(f"{year}年", f"{year - 1}年")
    (second / "001_last_year.txt").write_text(text, encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    for inbox in (first, second):
        result = CliRunner().invoke(app, ["run", str(inbox), "--warehouse", str(warehouse)])
        assert result.exit_code == 0, result.output

    (_, checked_first, carried_first), (incremental_run, checked, carried) = _runs(warehouse)
    assert (checked_first, carried_first) == (5, 0)  # a new warehouse: every document
    assert (checked, carried) == (2, 4)  # 001 and its new year; 000, 002, 003, 004 carried

    with duckdb.connect(str(warehouse), read_only=True) as connection:
        cross_year = connection.execute(
            "select count(*) from quality.identity_results where run_id = ? "
            "and rule_id = 'prior_year_agrees_with_previous_document'",
            [incremental_run],
        ).fetchone()[0]
    assert cross_year > 0  # the two years were compared in the incremental run

    full = validate_warehouse(warehouse, warehouse_gx_root(warehouse), build_fingerprint(), full=True)
    assert (full.documents_checked, full.documents_carried) == (6, 0)
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        incremental_results = _results(connection, incremental_run)
        assert incremental_results == _results(connection, full.run_id)
        assert len(incremental_results) == full.instances
