"""Text of a scanned page by OCR, offline: RapidOCR's PP-OCR Chinese models ship in its wheel.

The page is rendered by PDFium, recognised piece by piece (a line of prose, or one table cell), and
written back as lines: pieces on one line that stand apart (table cells) are separated by tabs, the
tab-separated row form extract/tables.py reads. Each character gets its piece's box (the piece's
width shared out evenly) in PDF points, and its piece's confidence.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from fiscal.documents.layout import LayoutBuilder

RENDER_SCALE = 2  # 144 dpi: PP-OCR reads 10.5 pt Chinese reliably at this size (1–5 s a page)
# A page whose pieces average below this is not read: a guess at its figures would be a false finding.
MIN_PAGE_CONFIDENCE = 0.80
MIN_PIECE_CONFIDENCE = 0.60  # a piece below this is left out (and counted in the page's note)
CELL_GAP = 1.0  # pieces further apart than this many line heights are cells of a table row


@dataclass(frozen=True)
class Piece:
    text: str
    x0: float  # float ok: pixel positions from the recogniser, not money
    top: float  # float ok: as above
    x1: float  # float ok: as above
    bottom: float  # float ok: as above
    confidence: float  # float ok: the recogniser's score


@dataclass(frozen=True)
class OcrPage:
    pieces: int
    dropped: int  # below MIN_PIECE_CONFIDENCE
    mean_confidence: float | None  # float ok: the recogniser's score


@lru_cache(maxsize=1)
def unavailable_reason() -> str | None:
    """None when OCR can run here, else why not (the package, or a system library it loads)."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError as error:
        return f"OCR cannot run here ({error}; see the README's set-up)"
    return None


@lru_cache(maxsize=1)
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def recognise(image: Any) -> list[Piece]:
    """The recogniser's pieces of a page image (PIL), in pixels."""
    result, _ = _engine()(image)
    pieces = []
    for points, text, score in result or []:
        xs, ys = [point[0] for point in points], [point[1] for point in points]
        confidence = float(score)  # float ok: OCR confidence, not money
        pieces.append(Piece(str(text), min(xs), min(ys), max(xs), max(ys), confidence))
    return pieces


def ocr_page(pdfium_page: Any, number: int, builder: LayoutBuilder) -> OcrPage:
    """Render, recognise and write one page."""
    image = pdfium_page.render(scale=RENDER_SCALE).to_pil()
    pieces = recognise(image)
    kept = [piece for piece in pieces if piece.confidence >= MIN_PIECE_CONFIDENCE]
    write_pieces(kept, number, builder, RENDER_SCALE)
    mean = statistics.fmean(piece.confidence for piece in pieces) if pieces else None
    return OcrPage(len(pieces), len(pieces) - len(kept), mean)


def write_pieces(pieces: list[Piece], number: int, builder: LayoutBuilder, scale: float) -> None:
    """Pieces as lines in reading order: top to bottom, then left to right within a line. The lines
    of a table are written as rows of its columns, an empty cell where a row has nothing in a column
    (OCR sees no empty cells: without them 二、外交支出 would sit in the income side's figure column)."""
    for index, row in enumerate(_rows(_lines(pieces))):
        if index:
            builder.write("\n", number)
        for position, cell in enumerate(row):
            if position:
                builder.write("\t", number)
            for piece_index, piece in enumerate(cell):
                if piece_index:
                    builder.write(" ", number)
                _write_piece(piece, number, builder, scale)


def _cells(line: list[Piece]) -> list[list[Piece]]:
    """A line's pieces grouped into cells: pieces further apart than CELL_GAP line heights."""
    height = statistics.median(piece.bottom - piece.top for piece in line)
    cells: list[list[Piece]] = []
    for piece in line:
        if cells and piece.x0 - cells[-1][-1].x1 <= CELL_GAP * height:
            cells[-1].append(piece)
        else:
            cells.append([piece])
    return cells


def _rows(lines: list[list[Piece]]) -> list[list[list[Piece]]]:
    """Each line as its cells. A table (from a line of two or more cells to the last such line after
    it, with the one-cell lines between) is laid on the columns of its fullest rows."""
    cells = [_cells(line) for line in lines]
    wide = [index for index, row in enumerate(cells) if len(row) >= 2]
    rows: list[list[list[Piece]]] = []
    index = 0
    while index < len(cells):
        if len(cells[index]) < 2:
            rows.append(cells[index])
            index += 1
            continue
        end = max(i for i in wide if i >= index) + 1  # the table runs to the last line of cells
        rows.extend(_lay_table(cells[index:end]))
        index = end
    return rows


def _lay_table(block: list[list[list[Piece]]]) -> list[list[list[Piece]]]:
    """The block on its columns; a one-cell line that is not in exactly one column (a title, a note
    across the page) parts two tables, each laid on its own columns."""
    if not any(len(row) >= 2 for row in block):
        return block
    columns = _columns(block)
    for index, row in enumerate(block):
        if len(row) == 1 and len(_touching(row[0], columns)) != 1:
            return [*_lay_table(block[:index]), row, *_lay_table(block[index + 1 :])]
    return _on_columns(block, columns)


def _columns(block: list[list[list[Piece]]]) -> list[tuple[float, float]]:
    """The columns of a table's fullest rows: from the leftmost start to the rightmost end of each."""
    width = max(len(row) for row in block)
    reference = [row for row in block if len(row) == width]
    return [(min(row[j][0].x0 for row in reference), max(row[j][-1].x1 for row in reference)) for j in range(width)]


def _touching(cell: list[Piece], columns: list[tuple[float, float]]) -> list[int]:
    return [j for j, (left, right) in enumerate(columns) if cell[-1].x1 > left and cell[0].x0 < right]


def _on_columns(block: list[list[list[Piece]]], columns: list[tuple[float, float]]) -> list[list[list[Piece]]]:
    laid: list[list[list[Piece]]] = []
    for row in block:
        if len(row) == len(columns):
            laid.append(row)
            continue
        slots: list[list[Piece]] = [[] for _ in columns]
        for cell in row:
            column = _column_of(cell, columns)
            if slots[column]:
                break  # two cells in one column: the row does not fit the grid, keep it as read
            slots[column] = cell
        else:
            laid.append(slots)
            continue
        laid.append(row)
    return laid


def _column_of(cell: list[Piece], columns: list[tuple[float, float]]) -> int:
    """The column the cell overlaps most, else the nearest one."""
    left, right = cell[0].x0, cell[-1].x1

    def fit(column: tuple[float, float]) -> tuple[float, float]:  # float ok: pixel positions
        overlap = min(right, column[1]) - max(left, column[0])
        distance = abs((left + right) / 2 - (column[0] + column[1]) / 2)
        return (overlap, -distance)

    return max(range(len(columns)), key=lambda j: fit(columns[j]))


def _lines(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces whose vertical middles lie within half a line height of a line's are on that line."""
    lines: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: (p.top + p.bottom) / 2):
        middle = (piece.top + piece.bottom) / 2
        if lines:
            last = lines[-1]
            last_middle = statistics.fmean((p.top + p.bottom) / 2 for p in last)
            if abs(middle - last_middle) <= (piece.bottom - piece.top) / 2:
                last.append(piece)
                continue
        lines.append([piece])
    return [sorted(line, key=lambda p: p.x0) for line in lines]


def _write_piece(piece: Piece, number: int, builder: LayoutBuilder, scale: float) -> None:
    width = (piece.x1 - piece.x0) / max(len(piece.text), 1)
    for offset, char in enumerate(piece.text):
        left = piece.x0 + offset * width
        box = (left / scale, piece.top / scale, (left + width) / scale, piece.bottom / scale)
        builder.write(char, number, box, piece.confidence)
