"""Each document is extracted in a worker bounded in time and memory: one runaway file is stopped
and quarantined with the reason, and the batch's other documents come back as they finish."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from fiscal import interrupts
from fiscal.extract.batch import process_files
from fiscal.extract.document import ProcessedDocument, process_file


def runaway(path: Path) -> ProcessedDocument:
    """Stands in for a reader caught in a loop or a decompression bomb, chosen by the file's name."""
    if path.name == "loops.txt":
        time.sleep(600)
    if path.name == "bomb.txt":
        bytearray(8 * 1024**3)  # 8 GiB: over the worker's address-space limit
    if path.name == "dies.txt":
        os._exit(9)
    return process_file(path)


GOOD = (
    "某某区财政局2023年度部门决算\n一、收入支出决算总体情况说明\n2023年度收入总计1,234.56万元，支出总计1,234.56万元。\n"
)


def test_a_runaway_document_is_stopped_alone_and_the_rest_land(tmp_path: Path):
    for name in ("good.txt", "loops.txt", "bomb.txt", "dies.txt"):
        (tmp_path / name).write_text(GOOD + name, encoding="utf-8")
    started = time.monotonic()
    results = {
        d.source.path.name: d
        for d in process_files(sorted(tmp_path.iterdir()), workers=2, seconds=20, memory_mb=1024, work=runaway)
    }
    assert time.monotonic() - started < 120  # the sleeper was stopped, not waited for
    assert results["good.txt"].status == "landed"
    assert results["good.txt"].extraction is not None and results["good.txt"].extraction.facts
    assert results["loops.txt"].status == "quarantined"
    assert "stopped after 20 s" in results["loops.txt"].reason
    assert "1024 MB" in results["bomb.txt"].reason
    assert "died (exit code 9)" in results["dies.txt"].reason
    # a document stopped before it was read is still known by the hash of its bytes
    assert len(results["loops.txt"].source.document_id) == 64


def test_our_own_bug_is_reported_as_ours(tmp_path: Path, monkeypatch):
    import fiscal.extract.document as document

    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")

    def broken(_source):
        raise KeyError("a bug of ours")

    monkeypatch.setattr(document, "process_text", broken)
    result = document.process_file(path)
    assert result.status == "quarantined"
    assert result.reason.startswith("extractor bug (ours, not the file's")
    assert "KeyError" in result.reason


def test_a_worker_ended_after_ctrl_c_stops_the_run_instead_of_quarantining_its_document(tmp_path: Path):
    # Ctrl-C reaching a worker that is still starting ends it like a crash; once the run was asked to
    # stop, that is the interrupt, not the document.
    (tmp_path / "dies.txt").write_text(GOOD, encoding="utf-8")
    interrupts._requested.set()
    try:
        with pytest.raises(KeyboardInterrupt):
            list(process_files([tmp_path / "dies.txt"], workers=1, seconds=20, memory_mb=1024, work=runaway))
    finally:
        interrupts._requested.clear()
