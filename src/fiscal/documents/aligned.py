"""Tables whose columns are aligned with spaces, rewritten as tab-separated rows.

Plain-text exports, `pdftotext -layout`, <pre> blocks and hand-typed pages line a table's cells up
with runs of spaces. Normalisation then removes the spaces next to Chinese characters, and with
them the columns. So before it, each block of such lines is put in columns by where its cells stand
on the line (wide characters count twice) and written with a tab between columns, an empty cell
where a column is blank: the tab-separated reader then reads it like any spreadsheet copy. Where the
cells do not line up but one full-width space parts each two (a web page's table copied as text), the
cells are taken in order.

A cell is a run of text without two spaces in a row (a full-width space also parts cells, and so does
one space between a label and the figure after it). A block
is a run of such lines, at least two of them with two cells or more and a figure; its columns are
the union of the extents of the cells of its figure lines. Where a figure line has two cells in one
column or a cell across two columns, the grid is not reliable and the block is left as written.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from array import array
from dataclasses import dataclass

_CELL = re.compile(r"[^\s|\t](?:[^\S\t\n\u3000]?[^\s|\t])*")
_FIGURE = re.compile(r"^[-−]?\d[\d,，]*(?:[.．]\d+)?[%％]?$")
_GAP = re.compile(r"\S(?: {2,}|\u3000)+\S")
_MIN_FIGURE_LINES = 2


@dataclass(frozen=True)
class _Placed:
    start: int  # character offsets on the line
    end: int
    left: int  # display columns on the line
    right: int
    figure: bool


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


# A long label may leave one space before its figure ("二、政府性基金预算财政拨款 200.00").
_LABEL_THEN_FIGURE = re.compile(r"(?<=[\u4e00-\u9fff)）]) (?=[-−]?\d[\d,]*(?:\.\d+)?%?(?: |$))")


def _cells(line: str) -> list[_Placed]:
    placed = []
    for match in _CELL.finditer(line):
        pieces = [0, *(m.end() for m in _LABEL_THEN_FIGURE.finditer(match.group(0))), len(match.group(0)) + 1]
        for begin, end in itertools.pairwise(pieces):
            start, stop = match.start() + begin, match.start() + end - 1
            left = _width(line[:start])
            text = line[start:stop]
            placed.append(_Placed(start, stop, left, left + _width(text), bool(_FIGURE.match(text))))
    return placed


def _is_aligned(line: str) -> bool:
    """Cells two spaces apart, or one cell indented under the columns of the lines around it."""
    if "\t" in line or "|" in line or not line.strip() or "。" in line:
        return False
    return bool(_GAP.search(line.strip()) or _LABEL_THEN_FIGURE.search(line)) or line.startswith(("  ", "\u3000"))


def _union(extents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for left, right in sorted(extents):
        if merged and left < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], right))
        else:
            merged.append((left, right))
    return merged


def _column_of(columns: list[tuple[int, int]], cell: _Placed) -> int:
    """The column the cell falls in: the one it shares most with, else the nearest."""
    shared = [min(right, cell.right) - max(left, cell.left) for left, right in columns]
    if max(shared) > 0:
        return max(range(len(columns)), key=lambda i: shared[i])
    middle = (cell.left + cell.right) / 2
    return min(range(len(columns)), key=lambda i: abs((columns[i][0] + columns[i][1]) / 2 - middle))


def _grid(lines: list[str]) -> list[list[list[_Placed]]] | None:
    """Each line's cells in the block's columns; None when the figure lines give no reliable grid."""
    placed = [_cells(line) for line in lines]
    figure_lines = [cells for cells in placed if any(cell.figure for cell in cells)]
    if sum(1 for cells in figure_lines if len(cells) >= 2) < _MIN_FIGURE_LINES:
        return None
    columns = _union([(cell.left, cell.right) for cells in figure_lines for cell in cells])
    if len(columns) < 2:
        return None
    grid = []
    for cells in placed:
        row: list[list[_Placed]] = [[] for _ in columns]
        for cell in cells:
            row[_column_of(columns, cell)].append(cell)
        if any(cell.figure for cell in cells) and any(len(column) > 1 for column in row):
            return None  # two cells of a figure line in one column: no grid
        grid.append(row)
    return grid


# One full-width space parts two cells; three or more pad a wide cell ("收入　　　…　支出").
_FULL_WIDTH_SEPARATOR = re.compile("\u3000{3,}|\u3000")


def _delimited(lines: list[str]) -> list[list[list[_Placed]]] | None:
    """Each line's cells where one full-width space parts every two cells, two an empty cell between
    ("总计　31　13,826.47　总计　61　13,862.47", "二、外交支出　33　"): cells in order, not aligned. Only
    where at least two figure lines have two cells or more, and those with the most cells agree."""
    if not any("\u3000" in line.lstrip("\u3000 ") for line in lines):
        return None
    indents = [len(line) - len(line.lstrip("\u3000 ")) for line in lines]
    common = min((indent for indent, line in zip(indents, lines, strict=True) if line.strip()), default=0)
    grid = []
    for line, indent in zip(lines, indents, strict=True):
        row: list[list[_Placed]] = []
        position = indent
        for separator in [*_FULL_WIDTH_SEPARATOR.finditer(line, indent), None]:
            end = separator.start() if separator else len(line)
            text = line[position:end].strip(" ")
            start = line.index(text, position) if text else position
            row.append([_Placed(start, start + len(text), 0, 0, bool(_FIGURE.match(text)))] if text else [])
            position = separator.end() if separator else end
        grid.append(row)
    counts = [len(row) for row in grid if any(cell.figure for column in row for cell in column)]
    widest = max(counts, default=0)
    if sum(1 for count in counts if count >= 2) < _MIN_FIGURE_LINES or 2 * counts.count(widest) < len(counts):
        return None
    # A row indented past the block's own indent and short of cells: its first cell is empty
    # ("　　　　　合计　3,612.48　2,601.71　1,010.77" under "科目编码　科目名称　合计　基本支出　项目支出").
    return [
        [[], *row] if indent > common and row and len(row) < widest else row
        for row, indent in zip(grid, indents, strict=True)
    ]


def _blocks(text: str) -> list[tuple[int, int]]:
    """(first, last + 1) line numbers of the runs of aligned lines."""
    lines = text.split("\n")
    runs, index = [], 0
    while index < len(lines):
        if not _is_aligned(lines[index]):
            index += 1
            continue
        end = index
        while end < len(lines) and _is_aligned(lines[end]):
            end += 1
        runs.append((index, end))
        index = end
    return runs


def tabulate(text: str, offsets: array) -> tuple[str, array]:
    """The text with each aligned block written as tab-separated rows; `offsets` carried along."""
    if "  " not in text and "\u3000" not in text:
        return text, offsets
    lines = text.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    pieces: list[str] = []
    new_offsets = array("l")
    cursor = 0
    for first, last in _blocks(text):
        grid = _grid(lines[first:last]) or _delimited(lines[first:last])
        if grid is None:
            continue
        block_start = starts[first]
        pieces.append(text[cursor:block_start])
        new_offsets.extend(offsets[cursor:block_start])
        for number, row in zip(range(first, last), grid, strict=True):
            line_start = starts[number]
            for column, cells in enumerate(row):
                if column:
                    pieces.append("\t")
                    new_offsets.append(offsets[cells[0].start + line_start] if cells else offsets[line_start])
                for cell in cells:  # header words of one column are joined
                    pieces.append(lines[number][cell.start : cell.end])
                    new_offsets.extend(offsets[line_start + cell.start : line_start + cell.end])
            if number < last - 1:
                pieces.append("\n")
                new_offsets.append(offsets[line_start + len(lines[number])])
        cursor = starts[last - 1] + len(lines[last - 1])
    pieces.append(text[cursor:])
    new_offsets.extend(offsets[cursor:])
    return "".join(pieces), new_offsets
