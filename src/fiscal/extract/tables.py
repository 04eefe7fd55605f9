"""Tables flattened into text, in the forms exports and web pages produce.

- DOCX exports write one cell per line, each starting with a tab. Rows are separated by blank
  lines; a line without a tab continues the cell above it (a header wrapped as "一级\\n指标").
- Bar rows, one row per line: Markdown pipe tables ("| 一级指标 | 二级指标 |", "|---|" rules
  skipped) and web-page exports that separate cells with bars without framing the row
  ("公务接待费 | 1.8 | 1.52 |"); empty cells between bars are kept.
- One cell per line with a bar on the line between cells ("合计\\n|\\n0.36\\n|"): the rows are
  rebuilt from the number of header cells.
- Tab-separated rows, one a line (spreadsheet copies, TSV exports): a blank line ends the table.
- Plain rows under a unit line ("单位:万元"): a label and its figures, spaces lost
  ("一、支出合计9.28").
- One cell per line under a unit line, nothing between cells: the rows are rebuilt from the runs of
  figures after each label (across a page break that repeats the header).
- A self-evaluation's funds block read by OCR onto one line: its column names, then its figures
  ("年初预算数全年预算数全年执行数分值执行率得分250000.00 250000.00 215,457.6 10 8.62").
Cells keep their spans into the normalised text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
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
    # rows | plain (label and figures, no separators: the header is one run of words) | one_line
    # (a header run and a figure run on one line, image OCR) | flattened (one cell a line, row by row)
    shape: str = "rows"


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


def _tsv_cells(start: int, line: str) -> list[Cell]:
    cells, offset = [], start
    for part in line.split("\t"):
        lead = len(part) - len(part.lstrip())
        cells.append(Cell(part.strip(), offset + lead, offset + lead + len(part.strip())))
        offset += len(part) + 1
    return cells


_PIPE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_LONE_BAR = re.compile(r"^\s*\|\s*$")


def _is_bar_row(line: str) -> bool:
    """A row of cells between bars; a line that is only a bar separates cells of the next shape."""
    return "|" in line and not _LONE_BAR.match(line) and "\t" not in line


def _pipe_cells(line: str, start: int, framed: bool) -> list[Cell]:
    """The cells between bars; in a framed table an empty piece before the first bar is the frame, and
    after the last bar in any table."""
    bars = [-1, *(i for i, char in enumerate(line) if char == "|"), len(line)]
    cells = []
    for left, right in itertools.pairwise(bars):
        raw = line[left + 1 : right]
        offset = len(raw) - len(raw.lstrip())
        cells.append(Cell(raw.strip(), start + left + 1 + offset, start + left + 1 + offset + len(raw.strip())))
    if cells and not cells[0].text and framed:
        cells = cells[1:]
    while cells and not cells[-1].text:
        cells.pop()
    return cells


def _framed(lines: list[str]) -> bool:
    """A table is framed when its rows start with a bar; where only some do (" | 10 | | 十、节能环保支出
    | 41 |" among rows that start with their label) the bar before is an empty first cell."""
    return all(line.strip().startswith("|") for line in lines)


def find_pipe_tables(text: str) -> list[Table]:
    """Bar rows: consecutive lines of cells separated by '|', framed or not."""
    runs: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] | None = None
    position = 0
    for line in text.split("\n"):
        start = position
        position += len(line) + 1
        if _is_bar_row(line):
            if current is None:
                current = []
                runs.append(current)
            current.append((start, line))
            continue
        current = None
    tables: list[Table] = []
    for run in runs:
        table = Table(run[0][0], run[-1][0] + len(run[-1][1]))
        rows = [(start, line) for start, line in run if not _PIPE_RULE.match(line)]
        framed = _framed([line for _, line in rows])
        table.rows = [_pipe_cells(line, start, framed) for start, line in rows]
        tables.append(table)
    return [table for table in tables if len(table.rows) >= 2 or any(len(row) >= 3 for row in table.rows)]


def find_tables(text: str) -> list[Table]:
    """Every table in the text, in reading order, whatever shape it was flattened into."""
    found = (
        _find_tab_tables(text)
        + find_pipe_tables(text)
        + _find_cell_per_line_tables(text)
        + _find_plain_tables(text)
        + _find_cell_lines_tables(text)
        + _find_one_line_funds(text)
        + _find_two_line_funds(text)
        + _find_spaced_indicator_tables(text)
        + _find_cell_line_indicator_tables(text)
    )
    return sorted(found, key=lambda table: table.start)


# ---- one cell per line, bars between -----------------------------------------------------------
_HEADER_CELL = re.compile(r"项目|科目|名称|预算|决算|执行|金额|备注|本年|上年|年初|全年|数$|\(元\)|\(万元\)")
_TOTAL_CELL = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:支出)?(?:合计|总计)$")


def _find_cell_per_line_tables(text: str) -> list[Table]:
    tables = []
    for run in _bar_separated_runs(text):
        cells = _cells_between_bars(run)
        columns = 0
        while (
            columns < len(cells)
            and _HEADER_CELL.search(cells[columns].text)
            and not _TOTAL_CELL.match(cells[columns].text)
        ):
            columns += 1
        if columns < 2 or len(cells) < 2 * columns:
            continue  # no header row to rebuild the rows from: not read as a table
        rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
        tables.append(Table(run[0][0], run[-1][0] + len(run[-1][1]), rows))
    return tables


def _bar_separated_runs(text: str) -> list[list[tuple[int, str]]]:
    """Runs of lines in which every other line is a lone bar (at least three bars)."""
    runs, current = [], []
    position = 0
    for line in [*text.split("\n"), ""]:
        start = position
        position += len(line) + 1
        bar = bool(_LONE_BAR.match(line))
        previous_bar = bool(current) and bool(_LONE_BAR.match(current[-1][1]))
        if bar or (line.strip() and (not current or previous_bar) and "|" not in line and len(line) <= 60):
            current.append((start, line))
            continue
        if sum(1 for _, text_line in current if _LONE_BAR.match(text_line)) >= 3:
            runs.append(current)
        current = [(start, line)] if line.strip() and "|" not in line and len(line) <= 60 else []
    return runs


def _cells_between_bars(run: list[tuple[int, str]]) -> list[Cell]:
    cells, pending = [], None
    for start, line in run:
        if _LONE_BAR.match(line):
            cells.append(pending or Cell("", start, start))
            pending = None
        else:
            pending = Cell(line.strip(), start, start + len(line))
    if pending is not None:
        cells.append(pending)
    return cells


# ---- plain rows under a unit line --------------------------------------------------------------
_UNIT_ABOVE = re.compile(r"单位[:：]\s*(?:亿元|万元|千元|元|万(?![\u4e00-\u9fff]))\s*$")
_PLAIN_ROW = re.compile(
    # a functional or economic code may stand before the label ("206科学技术支出 …", spaces gone)
    r"^(?:(?P<code>\d{3}(?:\d{2}){0,2})\s*(?=[\u4e00-\u9fff]))?"
    # a header run of many columns is long ("项目本年支出合计基本支出项目支出上缴上级支出经营支出…")
    r"(?P<label>(?:[(]?\d{1,2}[)、.]|[一二三四五六七八九十]+、)?[^\d,。;|\t][^,。;|\t]{0,80}?)"
    r"(?P<figures>(?:-?\d[\d,]*(?:\.\d+)?)(?:\s+-?\d[\d,]*(?:\.\d+)?)*)?\s*$"
)


def _find_plain_tables(text: str) -> list[Table]:
    """After a unit line: a header and rows of a label and figures, one row a line, no separators."""
    tables = []
    lines = text.split("\n")
    offsets = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    index = 0
    while index < len(lines):
        if not _UNIT_ABOVE.search(lines[index]):
            index += 1
            continue
        rows: list[list[Cell]] = []
        cursor = index + 1
        while cursor < len(lines) and (lines[cursor].strip() == "" or _PLAIN_ROW.match(lines[cursor].strip())):
            line = lines[cursor]
            if "|" in line or "\t" in line:
                break
            if line.strip():
                rows.append(_plain_cells(line, offsets[cursor]))
            cursor += 1
        if sum(1 for row in rows if len(row) > 1) >= 2:
            tables.append(Table(offsets[index + 1], offsets[cursor - 1] + len(lines[cursor - 1]), rows, "plain"))
        index = cursor
    return tables


def _plain_cells(line: str, start: int) -> list[Cell]:
    lead = len(line) - len(line.lstrip())
    match = _PLAIN_ROW.match(line.strip())
    assert match is not None
    cells = []
    if match.group("code"):
        cells.append(Cell(match.group("code"), start + lead, start + lead + match.end("code")))
    label_start = start + lead + match.start("label")
    cells.append(Cell(match.group("label").strip(), label_start, start + lead + match.end("label")))
    if match.group("figures"):
        base = start + lead + match.start("figures")
        for figure in re.finditer(r"\S+", match.group("figures")):
            cells.append(Cell(figure.group(0), base + figure.start(), base + figure.end()))
    return cells


def _is_lone_label(line: str) -> bool:
    return 0 < len(line.strip()) <= 40 and not re.search(r"[。;,]", line)


def _find_tab_tables(text: str) -> list[Table]:
    """Every run of tab-separated lines, split into rows at blank lines."""
    tables: list[Table] = []
    current: Table | None = None
    row: list[tuple[int, str]] = []
    position = 0
    previous_blank = previous_tsv = False  # a blank line ends a table of tab-separated rows
    lines = text.split("\n")
    for number, line in enumerate(lines):
        start = position
        position += len(line) + 1
        # A row of one cell between tab-separated rows: its empty cells' tabs were trimmed with the
        # line's trailing space ("国有资本经营预算财政拨款" with nothing beside it).
        is_cell_line = "\t" in line or (
            previous_tsv and _is_lone_label(line) and number + 1 < len(lines) and "\t" in lines[number + 1]
        )
        is_continuation = (
            current is not None and row and not previous_blank and 0 < len(line.strip()) <= _MAX_CONTINUATION
        )
        if is_cell_line and (previous_tsv or not line.startswith("\t")) and line.strip():
            # Tab-separated values (spreadsheet copy, TSV export): a line is a row, its first cell
            # before the first tab, rows not set apart by blank lines.
            if current is None:
                current = Table(start, start)
            if row:
                current.rows.append(_row_cells(row))
                row = []
            current.rows.append(_tsv_cells(start, line))
            current.end = start + len(line)
            previous_blank, previous_tsv = False, True
            continue
        if is_cell_line or is_continuation:
            if current is None:
                current = Table(start, start)
            row.append((start, line))
            current.end = start + len(line)
            previous_blank = previous_tsv = False
            continue
        if not line.strip() and current is not None and not previous_tsv:
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
        previous_blank, previous_tsv = not line.strip(), False
    if current is not None:
        if row:
            current.rows.append(_row_cells(row))
        tables.append(current)
    return tables


# ---- one cell per line, nothing between cells ----------------------------------------------------
# Web pages that put every cell of a table on its own line: after the unit line, the header's cells,
# then each row as its label (科目编码, 科目名称 / 项目) and its figures. Rows are rebuilt from the figure
# runs: every row must have as many figures as the last header cells name, or nothing is read.
_CELL_LINE = re.compile(r"^[^\s|\t。;]{1,40}$")
# A cell that is one figure as written (1,234.56 or 1234.56), nothing else.
NUMBER_CELL = re.compile(r"^-?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^-?\d+(?:\.\d+)?$")
_FIGURE_CELL = re.compile(r"^(?:-?\d[\d,]*(?:\.\d+)?%?|-|—)$")
# A unit alone on its line above the header ("资金情况\n(万元)\n年初预算数\n…").
_UNIT_ALONE = re.compile(r"^\((?:亿元|万元|元)\)$")
_CODE_CELL = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
# "- 7 -" ("7 -" once the Markdown bullet step took the dash), "第7页"; a bare number only at a break.
_PAGE_MARK = re.compile(r"^\s*(?:-?\s*\d+\s*-|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)\s*$")
_PAGE_NUMBER = re.compile(rf"{_PAGE_MARK.pattern}|^\s*\d+\s*$")


def _find_cell_lines_tables(text: str) -> list[Table]:
    lines = text.split("\n")
    offsets = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    tables = []
    index = 0
    while index < len(lines):
        if not (_UNIT_ABOVE.search(lines[index]) or _UNIT_ALONE.match(lines[index].strip())):
            index += 1
            continue
        cells, index = _cell_lines(lines, offsets, index + 1)
        table = _rows_from_cell_lines(cells)
        if table is not None:
            tables.append(table)
    return tables


def _cell_lines(lines: list[str], offsets: list[int], index: int) -> tuple[list[Cell], int]:
    """The run of one-cell lines from `index`, across page breaks that repeat the header."""
    cells: list[Cell] = []
    header: list[str] | None = None
    while index < len(lines):
        line = lines[index].strip()
        if _CELL_LINE.match(line) and not _PAGE_MARK.match(line):
            cells.append(Cell(line, offsets[index] + lines[index].index(line), offsets[index] + lines[index].index(line)
                              + len(line)))  # fmt: skip
            index += 1
            continue
        if header is None:
            header = _header_cells([cell.text for cell in cells])
        resume = index
        while resume < len(lines) and (not lines[resume].strip() or _PAGE_NUMBER.match(lines[resume])):
            resume += 1
        repeated = [lines[i].strip() for i in range(resume, min(resume + len(header or []), len(lines)))]
        if not header or resume == index or repeated != header:
            break
        index = resume + len(header)  # the header repeated on the next page
    return cells, index


def _header_cells(texts: list[str]) -> list[str]:
    """The header's cells: those before the first row's label (合计, or a code and its name)."""
    first = next((i for i, text in enumerate(texts) if _FIGURE_CELL.match(text) and not _CODE_CELL.match(text)), 0)
    own = 2 if first >= 2 and _CODE_CELL.match(texts[first - 2]) else 1
    return texts[: max(0, first - own)]


def _rows_from_cell_lines(cells: list[Cell]) -> Table | None:
    groups: list[tuple[list[Cell], list[Cell]]] = []  # (label cells, figure cells)
    for cell in cells:
        is_figure = bool(_FIGURE_CELL.match(cell.text)) and not (
            _CODE_CELL.match(cell.text) and (not groups or groups[-1][1])
        )
        if is_figure and groups:
            groups[-1][1].append(cell)
        elif not groups or groups[-1][1]:
            groups.append(([cell], []))
        else:
            groups[-1][0].append(cell)
    while groups and not groups[-1][1]:
        groups.pop()  # labels after the last row ("年度总体目标", "预期目标"): the next section's, not a row
    rows = [g for g in groups if g[1]]
    if not rows or len({len(figures) for _, figures in rows}) != 1:
        return None  # no rows, or rows of different widths: the cells cannot be put in columns
    width = len(rows[0][1])
    label_width = max((len(labels) for labels, _ in rows[1:]), default=1)
    first_labels = rows[0][0]
    own = 1 if re.fullmatch(r"(?:合计|总计)", first_labels[-1].text) or label_width == 1 else label_width
    header, first_labels = first_labels[:-own], first_labels[-own:]
    if len(header) == width and label_width == 1 and header:
        header = [Cell("", header[0].start, header[0].start), *header]  # the label column has no header
    if len(header) < width + 1 or label_width > 2:
        return None
    header = header[-(width + label_width) :]
    body = [(first_labels, rows[0][1]), *rows[1:]]

    def padded(labels: list[Cell]) -> list[Cell]:
        return [Cell("", labels[0].start, labels[0].start)] * (label_width - len(labels)) + labels

    table_rows = [header, *(padded(labels) + figures for labels, figures in body)]
    return Table(cells[0].start, body[-1][1][-1].end, table_rows)


# ---- a funds header and its figures on one line ------------------------------------------------
_FUNDS_COLUMN = r"(?:年初预算数|全年预算数|全年执行数|预算数|执行数|分值|执行率|得分)(?:\([^()]{0,12}\))?"
_FIGURE_RUN = r"-?\d[\d,]*(?:\.\d+)?%?"
# "—" stands in a cell the template leaves without a figure (a sub-row's score).
_ONE_LINE_FUNDS = re.compile(
    rf"(?P<header>(?:{_FUNDS_COLUMN}\s*){{3,}})"
    rf"(?P<figures>{_FIGURE_RUN}(?:\s+(?:{_FIGURE_RUN}|—))+)(?![\d.,%])"
)


# The funds header on its line and each row's label and figures on the next, a space between figures
# ("项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分\n年度资金总额480.00 520.00 468.35 10 93.4% 9.34"):
# the cells are all there, so the rows are a table like any other, read when every row has a figure
# (or —) for every column.
_FUNDS_HEADER_LINE = re.compile(rf"^(?P<label>[^\d\n]{{0,20}}?)(?P<header>(?:{_FUNDS_COLUMN}){{3,}})$", re.M)
_FIGURE_OR_DASH = re.compile(rf"^(?:{_FIGURE_RUN}|—|-)$")


def _funds_header(match: re.Match[str]) -> list[Cell]:
    """The funds column names in the match's `header` group, as cells."""
    start = match.start("header")
    names = re.finditer(_FUNDS_COLUMN, match.group("header"))
    return [Cell(m.group(0), start + m.start(), start + m.end()) for m in names]


def _find_two_line_funds(text: str) -> list[Table]:
    tables = []
    for match in _FUNDS_HEADER_LINE.finditer(text):
        header = _funds_header(match)
        rows = [[Cell(match.group("label"), match.start(), match.start("header")), *header]]
        position = match.end() + 1
        for line in text[position:].split("\n"):
            row = _funds_row(line, position, len(header))
            if row is None:
                break
            rows.append(row)
            position += len(line) + 1
        if len(rows) > 1:
            tables.append(Table(match.start(), rows[-1][-1].end, rows))
    return tables


def _funds_row(line: str, start: int, width: int) -> list[Cell] | None:
    """A label and exactly `width` figures (or —) a space apart, as cells; None for any other line."""
    label = re.match(r"^[^\d\s]+", line)
    if label is None:
        return None
    tokens = [(m.group(0), start + m.start()) for m in re.finditer(r"\S+", line[label.end() :])]
    tokens = [(token, at + label.end()) for token, at in tokens]
    if len(tokens) != width or not all(_FIGURE_OR_DASH.match(token) for token, _ in tokens):
        return None
    return [Cell(label.group(0), start, start + label.end()), *(Cell(t, at, at + len(t)) for t, at in tokens)]


# ---- indicator tables a space apart -----------------------------------------------------------------
# A header line of column names, then a row a line: "产出指标 数量指标 排查检测管网长度 ≥120公里 126.5公里 20 20",
# whose merged 一级/二级 cells are printed only on the row they start. Normalisation joins what a space
# parted between words ("产出指标数量指标排查检测管网长度≥120公里126.5公里20 20"), so a row is read from
# its end: one value per column, then the name, then the level names the national frameworks use.
_LEVEL_COLUMNS = r"一级指标|二级指标"
_NAME_COLUMNS = r"三级指标|指标名称|绩效指标"
_VALUE_COLUMNS = {
    "measure": r"年度指标值|指标值|目标值|年初目标值|实际完成值|完成值|实际值",
    "percent": r"完成率|完成比例",
    "number": r"分值|权重|得分",
}
_HEADER_WORD = re.compile(rf"{_LEVEL_COLUMNS}|{_NAME_COLUMNS}|" + "|".join(_VALUE_COLUMNS.values()))
_VALUE_AT_END = {
    "number": re.compile(r"\s*(?P<v>\d+(?:\.\d+)?)\s*$"),
    "percent": re.compile(r"\s*(?P<v>\d+(?:\.\d+)?%)\s*$"),
    # a comparator, a figure and its unit ("≥120公里", "100%", "≤5天")
    "measure": re.compile(r"\s*(?P<v>(?:≥|≤|>=|<=|>|<|=)?\s*\d+(?:\.\d+)?(?:%|[\u4e00-\u9fff]{1,3})?)\s*$"),
}
_SCORE_CELL = re.compile(r"^\d+(?:\.\d+)?$")
_TOTAL_ROW_LINE = re.compile(r"^\s*(总分|合计|总计)\s*\d")
_LEVEL2_NAMES = (
    r"(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|满意度|经济成本|社会成本|生态环境成本)指标"
)
# Both level names where a row starts both merged cells; one name alone is the 二级 where it can be
# one (成本指标 under 产出指标), since the 一级 cell spans more rows.
_INDICATOR_LEVELS = re.compile(
    rf"^(?:(?P<level1>(?:产出|效益|满意度|成本|决策|过程|投入|效果)指标)(?={_LEVEL2_NAMES}))?(?P<level2>{_LEVEL2_NAMES})"
    r"|^(?P<level1_alone>(?:产出|效益|满意度|成本|决策|过程|投入|效果)指标)"
    r"|^"
)


def _spaced_indicator_header(line: str, start: int) -> list[tuple[Cell, str]] | None:
    """The columns of an indicator table's header line (and the kind of value under each), or None."""
    words = list(_HEADER_WORD.finditer(line))
    if not words or re.sub(r"[\s|\t]", "", line) != "".join(m.group(0) for m in words):
        return None
    columns = [(Cell(m.group(0), start + m.start(), start + m.end()), _column_kind(m.group(0))) for m in words]
    kinds = [kind for _, kind in columns]
    if kinds.count("name") != 1 or len(kinds) - kinds.index("name") - 1 < 2:
        return None
    return columns


def _column_kind(word: str) -> str:
    if re.fullmatch(_LEVEL_COLUMNS, word):
        return "level"
    if re.fullmatch(_NAME_COLUMNS, word):
        return "name"
    return next(kind for kind, words in _VALUE_COLUMNS.items() if re.fullmatch(words, word))


def _spaced_indicator_row(line: str, start: int, columns: list[tuple[Cell, str]]) -> list[Cell] | None:
    """The row's cells under the header's columns, read from its end; None for a line that is not a
    row (a value missing or in words, or no name left)."""
    kinds = [kind for _, kind in columns]
    name_at = kinds.index("name")
    total = _TOTAL_ROW_LINE.match(line)
    end = len(line)
    values: list[Cell] = []
    for kind in reversed(kinds[name_at + 1 :]):
        found = _VALUE_AT_END[kind].search(line, 0, end)
        if found is None and total and kind != "number":
            values.insert(0, Cell("", start + end, start + end))  # "总分 100 91.34": no target under a total
            continue
        if found is None:
            return None
        values.insert(0, Cell(found.group("v").replace(" ", ""), start + found.start("v"), start + found.end("v")))
        end = found.start()
    lead = line[:end].strip()
    if total:
        label = Cell(total.group(1), start, start + len(total.group(1)))
        return [*(Cell("", start, start) for _ in range(name_at)), label, *values]
    levels = _INDICATOR_LEVELS.match(lead)
    assert levels is not None  # every group is optional
    name = lead[levels.end() :]
    if not name or re.search(r"\d", name) or len(name) > 30:
        return None
    offset = start + line.find(lead)

    def cell(*groups: str) -> Cell:
        group = next((g for g in groups if levels.group(g)), None)
        if group is None:
            return Cell("", offset + levels.end(), offset + levels.end())
        return Cell(levels.group(group), offset + levels.start(group), offset + levels.end(group))

    level_cells = [cell("level1", "level1_alone"), cell("level2")][2 - name_at :] if name_at else []
    name_cell = Cell(name, offset + levels.end(), offset + levels.end() + len(name))
    return [*level_cells, name_cell, *values]


def _find_spaced_indicator_tables(text: str) -> list[Table]:
    tables: list[Table] = []
    lines = list(_lines_with_starts(text))
    for index, (start, line) in enumerate(lines):
        if "\t" in line or "|" in line:
            continue
        columns = _spaced_indicator_header(line, start)
        if columns is None:
            continue
        rows = [[column for column, _ in columns]]
        for row_start, row_line in lines[index + 1 :]:
            row = _spaced_indicator_row(row_line, row_start, columns)
            if row is None:
                break
            rows.append(row)
        if len(rows) > 1:
            tables.append(Table(start, max(cell.end for cell in rows[-1]), rows))
    return tables


def _find_cell_line_indicator_tables(text: str) -> list[Table]:
    """An indicator table copied one cell to a line: its header's column names on consecutive lines,
    then each row's cells, as many lines as the header has (a merged cell printed once would shift
    the rest, so reading stops at the first row whose weight and score are not figures); a 合计/总分
    row gives its weight and score only."""
    lines = list(_lines_with_starts(text))
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        header: list[tuple[Cell, str]] = []
        while index + len(header) < len(lines):
            start, line = lines[index + len(header)]
            word = line.strip()
            if not word or not _HEADER_WORD.fullmatch(word):
                break
            header.append((Cell(word, start + line.index(word), start + line.index(word) + len(word)),
                           _column_kind(word)))  # fmt: skip
        kinds = [kind for _, kind in header]
        if kinds.count("name") != 1 or len(kinds) - kinds.index("name") - 1 < 2 or kinds[-1] != "number":
            index += max(len(header), 1)
            continue
        position = index + len(header)
        rows = [[cell for cell, _ in header]]
        while position < len(lines):
            row, used = _cell_line_row(lines[position:], header)
            if row is None:
                break
            rows.append(row)
            position += used
        if len(rows) > 1:
            tables.append(Table(rows[0][0].start, max(cell.end for cell in rows[-1]), rows))
        index = position
    return tables


def _cell_line_row(lines: list[tuple[int, str]], header: list[tuple[Cell, str]]) -> tuple[list[Cell] | None, int]:
    """One row of a one-cell-a-line indicator table from the top of `lines`, and how many lines it took."""
    cells = [Cell(line.strip(), start + line.find(line.strip()), start + line.find(line.strip()) + len(line.strip()))
             for start, line in lines[: len(header)]]  # fmt: skip
    if cells and re.fullmatch(r"合计|总分|总计", cells[0].text):
        numbers = sum(1 for _, kind in header if kind == "number")
        figures = cells[1 : 1 + numbers]
        if len(figures) != numbers or not all(_SCORE_CELL.match(cell.text) for cell in figures):
            return None, 0
        blank = Cell("", cells[0].start, cells[0].start)
        name_at = [kind for _, kind in header].index("name")
        row = [*([blank] * name_at), cells[0], *([blank] * (len(header) - name_at - 1 - numbers)), *figures]
        return row, 1 + numbers
    if len(cells) < len(header) or any(not cell.text for cell in cells):
        return None, 0
    for cell, (_, kind) in zip(cells, header, strict=True):
        if kind == "number" and not _SCORE_CELL.match(cell.text):
            return None, 0
        if kind in ("level", "name") and (re.search(r"\d", cell.text) or _HEADER_WORD.fullmatch(cell.text)):
            return None, 0
    return cells, len(header)


def _lines_with_starts(text: str) -> Iterator[tuple[int, str]]:
    position = 0
    for line in text.split("\n"):
        yield position, line
        position += len(line) + 1


def _find_one_line_funds(text: str) -> list[Table]:
    tables = []
    for match in _ONE_LINE_FUNDS.finditer(text):
        header = _funds_header(match)
        figures_start = match.start("figures")
        figures = [
            Cell(m.group(0), figures_start + m.start(), figures_start + m.end())
            for m in re.finditer(r"\S+", match.group("figures"))
        ]
        tables.append(Table(match.start(), match.end(), [header, figures], shape="one_line"))
    return tables
