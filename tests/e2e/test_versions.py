"""A republished disclosure (same department, year and type, different bytes) is a new version of
it, not another document: the marts count it once and show the latest. (Cross-document rules see
only current versions: src/fiscal/quality/validate.py.)"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from fiscal.cli import app
from tests.conftest import sample

pytestmark = pytest.mark.e2e


def test_a_corrected_republication_supersedes_the_first_version(prefect_server, tmp_path: Path):
    original = sample("002").read_text(encoding="utf-8")
    # the corrected version: 基本经费支出 508.27 makes 508.27 + 2171.21 = 2679.48 add up
    corrected = original.replace("其中基本经费支出508.24万元", "其中基本经费支出508.27万元")
    assert corrected != original
    warehouse = tmp_path / "w.duckdb"
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "002.txt").write_text(original, encoding="utf-8")
    (second / "002_corrected.txt").write_text(corrected, encoding="utf-8")
    for inbox in (first, second):
        result = CliRunner().invoke(app, ["run", str(inbox), "--warehouse", str(warehouse)])
        assert result.exit_code == 0, result.output
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        versions = connection.execute(
            "select source_file, version_number, version_count, is_latest_version from marts.dim_document "
            "order by version_number"
        ).fetchall()
        year = connection.execute(
            "select document_count, superseded_document_count from marts.mart_department_year"
        ).fetchall()
        latest_errors = connection.execute(
            "select source_file from quality.identity_results where status = 'error' "
            "and rule_id = 'expenditure_total_eq_basic_plus_project' "
            "and run_id = (select run_id from quality.validation_runs order by finished_at desc limit 1)"
        ).fetchall()
    assert versions == [("002.txt", 1, 2, False), ("002_corrected.txt", 2, 2, True)]
    assert year == [(1, 1)]
    assert latest_errors == [("002.txt",)]  # the first version's error stays on record; the correction has none
