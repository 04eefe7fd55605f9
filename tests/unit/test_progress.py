"""Progress reports reach the file the CLI draws its bars from, and nothing is written without it."""

from __future__ import annotations

from pathlib import Path

from fiscal import progress


def test_reports_are_written_where_the_cli_reads_them(tmp_path: Path, monkeypatch):
    path = tmp_path / "progress.json"
    monkeypatch.setenv(progress.PROGRESS_FILE, str(path))
    progress.reset()
    progress.report("ingest", 0, 3, force=True)
    progress.report("ingest", 3, 3, "c.txt")  # the last unit is always written, however soon
    progress.report("validate", 1, 4, "evaluating the rules", force=True)
    assert progress.read(path) == {
        "ingest": {"done": 3, "total": 3, "detail": "c.txt"},
        "validate": {"done": 1, "total": 4, "detail": "evaluating the rules"},
    }


def test_without_a_progress_file_nothing_is_written(tmp_path: Path, monkeypatch):
    monkeypatch.delenv(progress.PROGRESS_FILE, raising=False)
    monkeypatch.chdir(tmp_path)
    progress.reset()
    progress.report("ingest", 1, 2, force=True)
    assert list(tmp_path.iterdir()) == []
    assert progress.read(tmp_path / "missing.json") == {}
