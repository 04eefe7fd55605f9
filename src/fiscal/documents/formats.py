"""Turn each input format into document text: prose as lines, tables as tab-separated rows.

Every reader returns text the same pipeline reads: paragraphs one per line, each table row as one
line "\\tcell\\tcell…" followed by a blank line (the form extract/tables.py parses), a table's
title and unit line ("单位：万元") left as the prose around it. A reader that cannot get text out of
a file raises UnreadableDocument with the reason, which becomes the quarantine reason.
Libraries are imported lazily so that text-only runs do not pay for them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from fiscal.documents.reader_errors import UnreadableDocument

# DOCX and XLSX are zip archives: their members' declared sizes (which zipfile enforces when it
# reads) are checked before parsing, so a small file cannot unpack into gigabytes.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_SHEET_ROWS = 20_000  # a disclosure's tables have hundreds of rows; a million-row sheet is not one


def table_lines(rows: Iterable[Iterable[Any]], single_cells_as_prose: bool = False) -> list[str]:
    """Rows of cells as the tab-separated form, one row per line, rows apart.

    In spreadsheets a row with one filled cell is a title, a unit line or a note: prose.
    """
    lines: list[str] = []
    for row in rows:
        cells = [cell_text(value) for value in row]
        filled = [cell for cell in cells if cell]
        if not filled:
            continue
        if single_cells_as_prose and len(filled) == 1:
            lines.append(filled[0])
            continue
        while cells and not cells[-1]:
            cells.pop()
        lines.extend(["\t" + "\t".join(cells), ""])
    return lines


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # Spreadsheet numbers arrive as binary floats: their shortest repr is the decimal shown.
        text = format(Decimal(repr(value)), "f")
        return text[:-2] if text.endswith(".0") else text
    text = str(value)
    if "\n" in text and not any("a" <= ch.lower() <= "z" for ch in text):
        text = text.replace("\n", "")  # a wrapped Chinese label: 本年收入合\n计
    return " ".join(text.split())


# ---- DOCX ---------------------------------------------------------------------------------------
def docx_text(data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_archive(data, "DOCX")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:
        raise UnreadableDocument(f"corrupt or unreadable DOCX: {type(error).__name__}") from error
    lines: list[str] = []
    for block in document.iter_inner_content():  # paragraphs and tables in reading order
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.append("")
            lines.extend(table_lines(_docx_rows(block)))
    return "\n".join(lines)


def _docx_rows(table: Any) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans: keep it once.
            if previous is not None and cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(cell.text)
        rows.append(cells)
    return rows


# ---- spreadsheets -------------------------------------------------------------------------------
def xlsx_text(data: bytes) -> str:
    import openpyxl

    _check_archive(data, "XLSX")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        raise UnreadableDocument(f"corrupt or unreadable XLSX: {type(error).__name__}") from error
    lines: list[str] = []
    try:
        for sheet in workbook.worksheets:
            lines.extend([sheet.title, ""])
            rows = _bounded_rows(sheet.iter_rows(values_only=True), sheet.title)
            lines.extend(table_lines(rows, single_cells_as_prose=True))
    finally:
        workbook.close()
    return "\n".join(lines)


def _bounded_rows(rows: Iterable[Any], sheet: str) -> Iterable[Any]:
    """The rows, refusing the workbook once a sheet passes MAX_SHEET_ROWS (read-only mode streams
    rows, and a sheet's own <dimension> may be missing or wrong, so they are counted)."""
    for count, row in enumerate(rows, start=1):
        if count > MAX_SHEET_ROWS:
            raise UnreadableDocument(f"sheet '{sheet}' has over {MAX_SHEET_ROWS} rows: not a disclosure's table")
        yield row


def _check_archive(data: bytes, kind: str) -> None:
    import zipfile

    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnreadableDocument(f"corrupt or unreadable {kind}: not a zip archive ({error})") from error
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableDocument(
            f"{kind} unpacks to {unpacked} bytes, over the {MAX_UNPACKED_BYTES} byte limit (a zip bomb?)"
        )


def xls_text(data: bytes) -> str:
    import xlrd

    try:
        workbook = xlrd.open_workbook(file_contents=data)
    except Exception as error:
        raise UnreadableDocument(f"corrupt or unreadable XLS: {type(error).__name__}") from error
    lines: list[str] = []
    for sheet in workbook.sheets():
        if sheet.nrows > MAX_SHEET_ROWS:
            raise UnreadableDocument(f"sheet '{sheet.name}' has over {MAX_SHEET_ROWS} rows: not a disclosure's table")
        lines.extend([sheet.name, ""])
        lines.extend(table_lines((sheet.row_values(i) for i in range(sheet.nrows)), single_cells_as_prose=True))
    return "\n".join(lines)


# ---- HTML ---------------------------------------------------------------------------------------
_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section", "article")


def html_text(data: bytes) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")  # detects the encoding from bytes and <meta>
    for hidden in soup(["script", "style", "noscript", "template"]):
        hidden.decompose()
    for table in soup.find_all("table"):
        rows = [[cell.get_text(" ", strip=True) for cell in tr.find_all(["td", "th"])] for tr in table.find_all("tr")]
        table.replace_with("\n" + "\n".join(table_lines(rows)) + "\n")
    for block in soup.find_all(_BLOCKS):
        block.insert_before("\n")
    text = soup.get_text()
    lines = [" ".join(line.split()) if "\t" not in line else line.rstrip() for line in text.split("\n")]
    return "\n".join(lines)


READERS = {
    "docx": docx_text,
    "xlsx": xlsx_text,
    "xlsm": xlsx_text,
    "xls": xls_text,
    "html": html_text,
}
