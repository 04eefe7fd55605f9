"""Tables flattened into text, in the two forms exports produce.

- DOCX exports write one cell per line, each starting with a tab. Rows are separated by blank
  lines; a line without a tab continues the cell above it (a header wrapped as "一级\\n指标").
- Markdown pipe tables ("| 一级指标 | 二级指标 |"), one row per line, "|---|" rules skipped.
Cells keep their spans into the normalised text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass
class Table:
    start: int
    end: int
    rows: list[list[Cell]] = field(default_factory=list)


_MAX_CONTINUATION = 12  # a continuation line is a wrapped fragment, not prose


def _row_cells(lines: list[tuple[int, str]]) -> list[Cell]:
    cells: list[tuple[str, int, int]] = []
    for start, line in lines:
        parts = line.split("\t")
        offset = start
        for index, part in enumerate(parts):
            part_start = offset
            offset += len(part) + 1
            if index == 0:
                if part.strip() and cells:  # wrapped text of the cell above
                    text, cell_start, _ = cells[-1]
                    cells[-1] = (text + part.strip(), cell_start, part_start + len(part))
                continue
            cells.append((part.strip(), part_start, part_start + len(part)))
    return [Cell(text, start, end) for text, start, end in cells]


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")


def _pipe_cells(line: str, start: int) -> list[Cell]:
    cells = []
    bars = [i for i, char in enumerate(line) if char == "|"]
    for left, right in itertools.pairwise(bars):
        raw = line[left + 1 : right]
        offset = len(raw) - len(raw.lstrip())
        cells.append(Cell(raw.strip(), start + left + 1 + offset, start + left + 1 + offset + len(raw.strip())))
    return cells


def find_pipe_tables(text: str) -> list[Table]:
    """Markdown pipe tables: consecutive lines that start and end with '|'."""
    tables: list[Table] = []
    current: Table | None = None
    position = 0
    for line in text.split("\n"):
        start = position
        position += len(line) + 1
        if _PIPE_ROW.match(line):
            if current is None:
                current = Table(start, start)
            current.end = start + len(line)
            if not _PIPE_RULE.match(line):
                current.rows.append(_pipe_cells(line, start))
            continue
        if current is not None:
            tables.append(current)
            current = None
    if current is not None:
        tables.append(current)
    return tables


def find_tables(text: str) -> list[Table]:
    """Every table in the text: tab-separated runs and Markdown pipe tables, in reading order."""
    return sorted(_find_tab_tables(text) + find_pipe_tables(text), key=lambda table: table.start)


def _find_tab_tables(text: str) -> list[Table]:
    """Every run of tab-separated lines, split into rows at blank lines."""
    tables: list[Table] = []
    current: Table | None = None
    row: list[tuple[int, str]] = []
    position = 0
    previous_blank = False
    for line in text.split("\n"):
        start = position
        position += len(line) + 1
        is_cell_line = "\t" in line
        is_continuation = (
            current is not None and row and not previous_blank and 0 < len(line.strip()) <= _MAX_CONTINUATION
        )
        if is_cell_line or is_continuation:
            if current is None:
                current = Table(start, start)
            row.append((start, line))
            current.end = start + len(line)
            previous_blank = False
            continue
        if not line.strip() and current is not None:
            if row:
                current.rows.append(_row_cells(row))
                row = []
            previous_blank = True
            continue
        if current is not None:
            if row:
                current.rows.append(_row_cells(row))
                row = []
            tables.append(current)
            current = None
        previous_blank = not line.strip()
    if current is not None:
        if row:
            current.rows.append(_row_cells(row))
        tables.append(current)
    return tables
