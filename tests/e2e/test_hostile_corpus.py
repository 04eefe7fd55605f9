"""A batch of hostile files beside good ones (issue 10): every good file lands, every bad one is
quarantined with its reason, nothing runs unbounded, and the terminal sees no markup or escapes.

The files are built here; nothing hostile is committed."""

from __future__ import annotations

import io
import os
import re
import resource
import zipfile
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from fiscal.cli import app
from tests.conftest import SAMPLES, copy_samples

pytestmark = pytest.mark.e2e

GOOD_TEXT = "某区某局2024年度部门决算\n一、收入支出决算总体情况说明\n2024年度收入支出总计1,234.56万元。\n"


def _docx_bomb(path: Path) -> None:
    """A 250 MB document.xml of zeros, compressed to a few hundred kilobytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            block = b"\x00" * (1024 * 1024)
            for _ in range(250):
                member.write(block)


def _xlsx_without_dimension(path: Path, rows: int) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in range(rows):
        workbook.active.append([f"项目{row}", row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<dimension[^>]*/>", b"", data)
            target.writestr(item, data)


def _scanned_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with path.open("wb") as handle:
        writer.write(handle)


# file name → what its quarantine reason says (None: the file is good and lands)
EXPECTED: dict[str, str | None] = {
    "empty.txt": "empty file",
    "binary.txt": "binary content",
    "huge.txt": "byte limit",
    "bomb.docx": "unpacks to",
    "rows.xlsx": "has over 20000 rows",
    "scan.pdf": "no text on any page",  # a blank page: no text layer, and nothing for OCR to read
    "truncated.pdf": "corrupt or unreadable PDF",
    "legacy.doc": "unsupported format '.doc'",
    "broken-link.txt": "cannot read the file",
    "utf16.txt": None,
    "long-line.txt": None,
    "markup.txt": None,
}


@pytest.fixture(scope="module")
def hostile_run(prefect_server, tmp_path_factory):
    inbox = tmp_path_factory.mktemp("hostile")
    copy_samples(inbox)
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 64)
    with (inbox / "huge.txt").open("wb") as handle:  # sparse: 60 MB on paper, nothing on disk
        handle.truncate(60 * 1024 * 1024)
    _docx_bomb(inbox / "bomb.docx")
    _xlsx_without_dimension(inbox / "rows.xlsx", 20_500)
    _scanned_pdf(inbox / "scan.pdf")
    (inbox / "truncated.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    (inbox / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    (inbox / "broken-link.txt").symlink_to(inbox / "nowhere.txt")
    (inbox / "utf16.txt").write_bytes(b"\xff\xfe" + ("某区教育局2024年度部门决算\n" + GOOD_TEXT).encode("utf-16-le"))
    figures = "，".join(f"项目{i}支出{i}.00万元" for i in range(60_000))  # one 1.1 MB line
    (inbox / "long-line.txt").write_text("某区某局2024年度部门决算\n" + figures + "。\n", encoding="utf-8")
    (inbox / "markup.txt").write_text(
        "某区[bold]文化局[/b]2024年度部门决算\x1b[31m\u202e\n" + GOOD_TEXT, encoding="utf-8"
    )
    gbk_name = os.fsdecode("财政局决算".encode("gb18030") + b".txt")  # a name unpacked on a Chinese Windows
    (inbox / gbk_name).write_text("某区财政局2024年度部门决算\n" + GOOD_TEXT, encoding="utf-8")
    if os.geteuid() != 0:  # root reads any file: the unreadable case needs an ordinary user
        locked = inbox / "locked.txt"
        locked.write_text(GOOD_TEXT + "locked", encoding="utf-8")
        locked.chmod(0)
        EXPECTED["locked.txt"] = "cannot read the file"
    warehouse = tmp_path_factory.mktemp("hostile-warehouse") / "fiscal.duckdb"
    result = CliRunner().invoke(app, ["run", str(inbox), "--warehouse", str(warehouse)])
    return result, warehouse, inbox


def test_the_run_finishes_and_says_what_it_quarantined(hostile_run):
    result, _, _ = hostile_run
    assert result.exit_code == 0, result.output
    assert "quarantined" in result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output  # no escapes reach the terminal


def test_every_good_file_lands_and_every_bad_one_is_quarantined_with_its_reason(hostile_run):
    _, warehouse, inbox = hostile_run
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        rows = {name: (status, reason) for name, status, reason in connection.execute(
            "select file_name, status, reason from raw.documents").fetchall()}  # fmt: skip
    for path in SAMPLES.glob("*.txt"):
        assert rows[path.name][0] == "landed", path.name
    for name, reason in EXPECTED.items():
        status, stated = rows[name]
        if reason is None:
            assert status == "landed", (name, stated)
        else:
            assert status == "quarantined" and reason in stated, (name, status, stated)
    assert rows["财政局决算.txt"][0] == "landed"  # the GBK name, stored as the Chinese it spells
    # nothing silently lost: every file in the inbox has its row
    assert len(rows) == len(list(inbox.iterdir()))


def test_peak_memory_stays_bounded(hostile_run):
    # ru_maxrss is in KiB on Linux: the largest worker, and this process (pytest, Prefect, DuckDB)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert children < 2 * 1024 * 1024 and own < 2 * 1024 * 1024, (children, own)
