"""The standard tables of 部门决算 and 部门预算 (附表), parsed into facts and coded lines.

A table is recognised by its title (and aliases) on the lines just above it; its unit by the
"单位:万元 / 元" line there. A table without a title right after one with the same number of
columns continues it (the next page); any other untitled table is named by its structure where only
one standard table has it (fiscal.extract.table_structure), or not read, with the reason. Three
layouts cover the nine tables:
- two-sided summaries (收入支出决算总表, 财政拨款收入支出决算总表): income items left, expenditure
  类 right, totals (本年收入合计, 本年支出合计, 年初/年末结转和结余, 总计) at the bottom;
- coded functional tables (收入决算表, 支出决算表, 一般公共预算 / 政府性基金 / 国有资本经营预算
  财政拨款支出决算表): 类/款/项 code columns, 科目名称, then amount columns whose headers say what
  they are (本年支出合计, 基本支出, 项目支出 …); the 合计 row gives the totals;
- the basic-expenditure table (基本支出决算表): economic codes and amounts, often two blocks side by
  side, with 人员经费合计 and 公用经费合计.
Beside them, tables the templates do not number are read where their headers say what they hold:
a funds block of a self-evaluation (年初预算数 | 全年预算数 | 全年执行数), a small comparison table
under no standard title (项目 | 本年决算数 | 上年决算数), and a summary copied one cell to a line.
Blank cells are not zero: a blank amount states nothing. Every record keeps the span of its row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from fiscal.extract import catalogue as cat
from fiscal.extract import table_structure
from fiscal.extract.amounts import MONEY, MONEY_UNITS, precision_of
from fiscal.extract.model import ClassifiedLine, Fact, Provenance
from fiscal.extract.tables import NUMBER_CELL, Cell, Table, find_tables

# kind, title pattern, scope of its figures, the metric its 合计 row states
_TITLES: list[tuple[str, re.Pattern[str], str, str | None]] = [
    # 收入支出决算总表 (决算), 收支预算总表 / 部门收支总表 (预算), 财政拨款收支总表 …: the national
    # templates and their provincial variants name the same tables with or without 入/出 and 决算/预算.
    ("fiscal_summary", re.compile(r"财政拨款收入?支出?(?:决算|预算)?总表"), "fiscal", None),
    ("summary", re.compile(r"收入?支出?(?:决算|预算)?总表"), "department", None),
    ("gpb_basic", re.compile(r"一般公共预算(?:财政拨款)?基本支出(?:决算|预算)?(?:明细)?表"), "gpb", None),
    ("gpb_expenditure", re.compile(r"一般公共预算(?:财政拨款)?支出(?:决算|预算)?(?:明细)?表"), "gpb",
     "gpb_expenditure"),
    ("gov_fund", re.compile(r"政府性基金预算(?:财政拨款)?(?:收入)?支出(?:决算|预算)?(?:明细)?表"), "gov_fund",
     "gov_fund_expenditure"),
    ("soe_capital", re.compile(r"国有资本经营预算(?:财政拨款)?(?:收入)?支出(?:决算|预算)?(?:明细)?表"), "soe_capital",
     "soe_capital_expenditure"),
    ("three_public", re.compile(r"(?:一般公共预算)?(?:财政拨款)?[“\"]?三公[”\"]?经费(?:财政拨款)?(?:支出)?"
                                r"(?:决算|预算)?(?:财政拨款)?(?:情况)?(?:统计)?表"), "fiscal", None),
    # Performance self-evaluations: the funds block (年初预算数 | 全年预算数 | 全年执行数 | 执行率 …).
    ("performance", re.compile(r"(?:部门|单位)?(?:整体)?(?:支出)?绩效自评(?:价)?表|项目(?:支出)?(?:绩效)?自评表"),
     "department", None),
    ("agency_operating", re.compile(r"机关运行经费(?:支出)?(?:决算|预算)?(?:情况)?(?:明细)?表"), "gpb", None),
    ("procurement", re.compile(r"政府采购(?:支出)?(?:决算|预算)?(?:情况)?(?:明细)?表"), "department", None),
    # 财政拨款支出预算表 (江苏 公开05表): the appropriation's spending by functional line, all funds.
    ("fiscal_expenditure", re.compile(r"财政拨款支出(?:决算|预算)?(?:明细)?表"), "fiscal", "expenditure_total"),
    ("fiscal_basic", re.compile(r"财政拨款基本支出(?:决算|预算)?(?:明细)?表"), "fiscal", None),
    ("income", re.compile(r"收入(?:决算|预算)?总?表"), "department", "income_total"),
    ("expenditure", re.compile(r"支出(?:决算|预算)?总?表"), "department", "expenditure_total"),
]  # fmt: skip
_UNIT_LINE = re.compile(
    r"单位[:：]\s*(?P<unit>亿元|万元|千元|元|万(?![\u4e00-\u9fff]))|\((?P<header_unit>万元|元|亿元)\)"
)
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、])")
# Where the year's own income and spending are a 小计 (江苏: 当年收入小计, 上年结转资金, 收入合计), the
# 合计 below them counts the carry-overs: it is the 收支总计.
_SUBTOTAL_LABELS = re.compile(r"^(?:当年|本年)(?:收入|支出)小计$")
_GRAND_WHEN_SUBTOTALLED = {"收入合计": "total_income_expenditure", "支出合计": "total_income_expenditure"}


@dataclass
class FiscalTable:
    kind: str
    title: str
    table: Table
    unit: str | None
    basis: str
    project: str | None = None  # a self-evaluation table's 项目名称
    sub_rows: tuple[str, ...] = ()  # the template's sub-rows named near a one-line funds block


@dataclass
class TableExtraction:
    facts: list[Fact] = field(default_factory=list)
    lines: list[ClassifiedLine] = field(default_factory=list)
    tables: list[FiscalTable] = field(default_factory=list)
    consumed: list[tuple[int, int]] = field(default_factory=list)
    problems: list[tuple[int, int, str]] = field(default_factory=list)  # span and why a table was not read


def _amount(text: str, unit: str) -> tuple[Decimal, Decimal, Decimal] | None:
    """(value as written, amount in 万元, rounding unit in 万元); None for a blank cell."""
    cleaned = text.replace(" ", "")
    if not NUMBER_CELL.match(cleaned):
        return None
    digits = cleaned.replace(",", "")
    factor = MONEY_UNITS[unit]
    return Decimal(digits), Decimal(digits) * factor, precision_of(digits.lstrip("-")) * factor


# Words that, before a title's match, make it another table (一般公共预算财政拨款项目支出决算表).
_OTHER_TABLE_WORDS = re.compile(r"支出|收入|预算|决算|拨款|经费|采购|项目")


# What a title line may carry after the table's name: "收支预算总表部门:江苏省政协办公厅单位:万元".
_TITLE_TRAILER = re.compile(r"(?:编制|填报)?(?:部门|单位)(?:名称)?[:：].*$|金额单位.*$")
# … and a qualifier after it: "财政拨款支出预算表(功能科目)", "(按经济分类)", "(续)".
_TITLE_QUALIFIER = re.compile(r"(?<=表)\([\u4e00-\u9fff]{1,14}\)$")


def _classify(title_lines: list[str]) -> tuple[str, str, str | None] | None:
    """A title line: the table's name at its end, after at most a department, year or number, and
    before at most the department and unit fields."""
    for line in reversed(title_lines):
        compact = _TITLE_QUALIFIER.sub("", _TITLE_TRAILER.sub("", re.sub(r"\s", "", line)))
        for kind, pattern, _, _ in _TITLES:
            match = pattern.search(compact)
            if match and match.end() == len(compact) and not _OTHER_TABLE_WORDS.search(compact[: match.start()]):
                named = re.search(r"(决算|预算)(?:明细)?总?表$", compact)
                return kind, match.group(0), ("budget" if named.group(1) == "预算" else "actual") if named else None
    return None


def _basis_of_columns(header_text: list[str], text_before: str) -> str:
    """A title without 决算/预算 (部门收支总表): the column headers say (预算数, 决算数), else the
    document's own title (…年部门预算), else it is an account of the year."""
    headers = "".join(header_text)
    if "决算" in headers or "执行数" in headers:
        return "actual"
    if "预算" in headers:
        return "budget"
    titles = re.findall(r"部门(决算|预算)", text_before[:2000])
    return "budget" if titles and titles[0] == "预算" else "actual"


def recognise(text: str, tables: list[Table] | None = None) -> tuple[list[FiscalTable], list[tuple[int, int, str]]]:
    """The standard tables among the document's tables, continuation pages joined."""
    found: list[FiscalTable] = []
    problems: list[tuple[int, int, str]] = []
    previous_end = 0
    candidates = find_tables(text) if tables is None else tables
    for table in (part for candidate in candidates for part in _split_at_titles(candidate)):
        if table.start < previous_end:
            continue  # the same lines read as another shape of table
        if table.shape == "one_line":
            unit = _unit_near(text, table)
            if unit is None:
                problems.append((table.start, table.end, "funds block on one line: no single unit near it"))
                continue
            project = _project_field(text[previous_end : table.start])
            window = text[table.start : table.end + _UNIT_NEAR]
            sub_rows = tuple(label for label in _FUNDS_SUB_ROWS if label in window)
            found.append(
                FiscalTable("performance", "绩效自评表(资金)", replace(table), unit, "actual", project, sub_rows)
            )
            previous_end = table.end
            continue
        if len(table.rows) <= 3 and all(_is_title_row(row) for row in table.rows):
            continue  # a title written as cells ("表5\t一般公共预算基本支出表"): the next table's title
        before = text[previous_end : table.start].split("\n")[-6:]
        previous_end = table.end
        # Web exports put the title and unit line inside the table, as rows of one cell.
        leading = ["".join(c.text for c in row) for row in table.rows[:4] if _is_title_row(row)]
        recognised = _classify(before + leading)
        header_text = [cell.text for row in table.rows[:6] for cell in row]
        units = [_unit_of(m) for line in before + leading + header_text if (m := _UNIT_LINE.search(line))]
        if recognised is None:
            last = found[-1] if found else None
            gap = _gap_rows(text, last.table.end, table.start) if last else None
            if last and table.rows and gap is not None and _same_width(last.table, table):
                gap = [_aligned(row, last.table.rows) for row in gap]
                last.table.rows.extend([*gap, *table.rows])  # the same table, next page
                last.table.end = table.end
                continue
            recognised = (
                _comparison_kind(table, before) or _funds_block_kind(table) or _by_structure(table, before, problems)
            )
            if recognised is None:
                continue
        kind, title, basis = recognised
        basis = basis or _basis_of_columns(header_text, text)
        if not units:
            problems.append((table.start, table.end, f"{title}: no unit line (单位:万元 / 元) above the table"))
            continue
        rows = _without_row_numbers(list(table.rows))
        found.append(FiscalTable(kind, title, replace(table, rows=rows), units[-1], basis))
    return found, problems


# A section heading that names the table below it without the word 表 ("二、一般公共预算基本支出预算
# (按经济分类)"): its ordinal and qualifiers are not the name.
_HEADING_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|\d+[.、])")
_HEADING_TAIL = re.compile(r"(?:\([\u4e00-\u9fff]{1,8}\)|情况|明细)$")


def _heading_kind(lines: list[str]) -> tuple[str, str, str | None] | None:
    """The table named by the heading just above the table (a unit line may come between)."""
    for line in reversed(lines):
        compact = re.sub(r"\s", "", line)
        if not compact or _UNIT_LINE.fullmatch(compact) or re.match(r"(?:编制|填报|金额)?单位[:：]", compact):
            continue
        if "表" in compact or "。" in compact or len(compact) > 40:
            return None
        name = _HEADING_ORDINAL.sub("", compact)
        while (shorter := _HEADING_TAIL.sub("", name)) != name:
            name = shorter
        return _classify([name + "表"])
    return None


def _by_structure(table: Table, before: list[str], problems: list[tuple[int, int, str]]
                  ) -> tuple[str, str, str | None] | None:  # fmt: skip
    """A table without a title line: named by a heading above it that its structure agrees with, or
    by a structure only one standard table has; else not read, with the reason."""
    structure = table_structure.identify(table.rows)
    if structure.layout is None:
        return None
    named = _heading_kind(before)
    if named is not None and table_structure.LAYOUT_OF_KIND.get(named[0]) == structure.layout:
        return named
    if structure.kind is not None:
        return structure.kind, table_structure.template_title(structure.kind), None
    problems.append((table.start, table.end, structure.reason or "table without a title"))
    return None


# A small table the text introduces without a standard title ("…情况如下表(单位:万元):", "收支预算
# 对照(万元)"): a 项目 column of named figures and columns headed by their year and basis (本年决算数 |
# 上年决算数, 2025年预算数 | 2024年预算数). Read like any row-labelled table: only rows whose label is a
# known figure, only columns whose header names a basis.
COMPARISON = "comparison"
_NAME_HEADER = re.compile(r"^(?:(?:收入|支出)?项目|项目名称|科目|科目名称|名称|内容)$")
# Columns beside the figures that are not figures of a basis (增减 | 增减率 | 占比): not read, not a reason
# to refuse the table.
_CHANGE_OR_SHARE_COLUMN = re.compile(r"增\(?减\)?|增长|变动|占比|比重|比例|差额")
_MIN_NAMED_ROWS = 2


def _comparison_kind(table: Table, before: list[str]) -> tuple[str, str, str | None] | None:
    rows = table.rows
    for index, row in enumerate(rows[:3]):
        texts = [re.sub(r"\s", "", cell.text) for cell in row]
        if len(texts) < 3 or not _NAME_HEADER.match(texts[0]):
            continue
        specs = [_column_spec(text) is not None or bool(_CHANGE_OR_SHARE_COLUMN.search(text)) for text in texts[1:]]
        if not all(specs) or _column_spec(texts[1]) is None:
            return None  # "项目 | 决算数 | 项目 | 决算数": a two-sided summary, not a comparison
        named = sum(1 for data in rows[index + 1 :] if data and _metric_of(data[0].text) is not None)
        headings = [line for line in before if "。" not in line]  # a heading or the table's intro, not prose
        if named < _MIN_NAMED_ROWS or _FUND_WORDS.search("".join(headings)):
            # Under a heading about one fund (一般公共预算财政拨款 …) its 基本支出 is that fund's, which
            # the row's words do not say: not read.
            return None
        title = next((line.strip() for line in reversed(before) if line.strip()), "")[:40] or "对照表"
        return COMPARISON, title, None
    return None


_FUNDS_HEADERS = ("年初预算数", "全年预算数", "全年执行数")


def _funds_block_kind(table: Table) -> tuple[str, str, str | None] | None:
    """A self-evaluation's funds block whose title is further up than the lines read above it: its
    header names two of 年初预算数 | 全年预算数 | 全年执行数, columns no other table has."""
    for row in table.rows[:3]:
        if sum(re.sub(r"\s", "", cell.text) in _FUNDS_HEADERS for cell in row) >= 2:
            return "performance", "绩效自评表(资金)", "actual"
    return None


_FUND_WORDS = re.compile(r"财政拨款|一般公共预算|政府性基金|国有资本经营|三公")


_ROW_NUMBER_HEADER = re.compile(r"^(?:行次|栏次|序号)$")


def _without_row_numbers(rows: list[list[Cell]]) -> list[list[Cell]]:
    """The rows without a 行次 column (the national 决算 template numbers its rows: "一、财政拨款收入 |
    1 | 2,315.68"): its numbers are no figures, and the label's figure is the cell after them."""
    header = next((row for row in rows[:6] if any(_ROW_NUMBER_HEADER.match(c.text.replace(" ", "")) for c in row)),
                  None)  # fmt: skip
    if header is None:
        return rows
    numbered = {i for i, cell in enumerate(header) if _ROW_NUMBER_HEADER.match(cell.text.replace(" ", ""))}

    def is_number_or_blank(row: list[Cell], index: int) -> bool:
        return index >= len(row) or not row[index].text or bool(re.fullmatch(r"\d{1,3}", row[index].text.strip()))

    body = rows[rows.index(header) + 1 :]
    numbered = {i for i in numbered if all(is_number_or_blank(row, i) for row in body)}
    if not numbered:
        return rows
    return [[cell for i, cell in enumerate(row) if i not in numbered] for row in rows]


def _split_at_titles(table: Table) -> list[Table]:
    """Tables a reader ran together: a row inside that is a standard table's title (公开03表支出预算
    总表部门:…单位:万元) starts the next one."""
    if table.shape != "rows":
        return [table]
    starts = [0] + [
        index
        for index, row in enumerate(table.rows)
        if index > 0 and _is_title_row(row) and _classify(["".join(cell.text for cell in row)]) is not None
    ]
    if len(starts) == 1:
        return [table]
    parts = []
    for begin, end in zip(starts, [*starts[1:], len(table.rows)], strict=True):
        rows = table.rows[begin:end]
        first = table.start if begin == 0 else rows[0][0].start
        last = table.end if end == len(table.rows) else rows[-1][-1].end
        parts.append(replace(table, start=first, end=last, rows=rows))
    return parts


# A PDF row whose cells the reader glued together ("2040504案件审判1,833.30"): a code, a name and
# figures apart. Figures glued to each other cannot be told apart, so such a line is not a row.
_GLUED_ROW = re.compile(
    r"(?P<code>\d{3,7})(?P<name>[\u4e00-\u9fff][^\d\t|]*?)(?P<figures>-?\d[\d,]*\.\d+(?:\s+-?\d[\d,]*\.\d+)*)"
)


def _gap_rows(text: str, start: int, end: int) -> list[list[Cell]] | None:
    """What lies between a table and an untitled table after it, when that can only be the same
    table going on: blank lines, page numbers and glued rows (returned as rows). None otherwise."""
    rows: list[list[Cell]] = []
    position = start
    for line in text[start:end].split("\n"):
        line_start, position = position, position + len(line) + 1
        stripped = line.strip()
        if re.fullmatch(r"-?\s*\d*\s*-?", stripped):
            continue
        glued = _GLUED_ROW.fullmatch(stripped)
        if glued is None:
            return None
        base = line_start + line.index(stripped)
        cells = [Cell(glued.group(name), base + glued.start(name), base + glued.end(name)) for name in ("code", "name")]
        figures_at = base + glued.start("figures")
        cells += [Cell(m.group(0), figures_at + m.start(), figures_at + m.end())
                  for m in re.finditer(r"\S+", glued.group("figures"))]  # fmt: skip
        rows.append(cells)
    return rows


def _aligned(glued: list[Cell], rows: list[list[Cell]]) -> list[Cell]:
    """A glued row's cells put in the columns of the last row above with as many filled cells."""
    for row in reversed(rows):
        columns = [index for index, cell in enumerate(row) if cell.text]
        if len(columns) == len(glued):
            placed = [Cell("", glued[0].start, glued[0].start) for _ in row]
            for index, cell in zip(columns, glued, strict=True):
                placed[index] = cell
            return placed
    return glued


_HEADER_WORDS = re.compile(r"科目|编码|代码|名称|^项目$|预算数|决算数|^金额$")


def _is_title_row(row: list[Cell]) -> bool:
    """One or two cells of words: a title, a table number or a unit line written inside a table."""
    return 1 <= _filled(row) <= 2 and not any(NUMBER_CELL.match(cell.text) for cell in row)


def _filled(row: list[Cell]) -> int:
    return sum(1 for cell in row if cell.text)


def _same_width(last: Table, following: Table) -> bool:
    """The first row of the following table is as wide as the last table's header row, or (its
    header repeated on the page before) as one of the last table's body rows."""
    if len(following.rows[0]) == len(last.rows[0]):
        return True
    return _filled(following.rows[0]) in {_filled(row) for row in last.rows[1:]} and not any(
        _HEADER_WORDS.search(cell.text) for cell in following.rows[0]
    )


# The 项目名称 field of a self-evaluation table; OCR may print its value before the field name.
_PROJECT_FIELD = re.compile(r"项目名称[:]?(?P<value>[^:\s]{2,40}?)(?=主管部门|实施单位|项目实施单位|项目类别)")
_PROJECT_BEFORE_FIELD = re.compile(r"自评(?:价)?表(?:\(\d{4}年度?\))?(?P<value>[^:\s()]{2,40}?)项目名称(?=主管部门)")


def _project_field(text: str) -> str | None:
    """The project the table names, from the text since the previous table; None when it names none."""
    found = [m.group("value") for m in _PROJECT_FIELD.finditer(text)]
    found += [m.group("value") for m in _PROJECT_BEFORE_FIELD.finditer(text)]
    return found[-1] if len(set(found)) == 1 else None


# The funds block's rows under 年度资金总额 in the national self-evaluation template, in order.
_FUNDS_SUB_ROWS = ("当年财政拨款", "上年结转资金", "其他资金")
_UNIT_NEAR = 300  # characters either side of a one-line funds block searched for its unit


def _unit_near(text: str, table: Table) -> str | None:
    """The unit written near a funds block on one line ("预算执行情况(万元)", "项目资金(元)"); None when
    none or more than one unit is written there."""
    window = text[max(0, table.start - _UNIT_NEAR) : table.end + _UNIT_NEAR]
    units = {_unit_of(m) for m in _UNIT_LINE.finditer(window)}
    return units.pop() if len(units) == 1 else None


def _unit_of(match: re.Match[str]) -> str:
    unit = match.group("unit") or match.group("header_unit")
    return "万元" if unit == "万" else unit


def _provenance(row: list[Cell], title: str) -> Provenance:
    start, end = row[0].start, row[-1].end
    sentence = f"{title}: " + " | ".join(cell.text for cell in row if cell.text)
    return Provenance(start, end, sentence, start, title, f"table:{title}")


def _fact(metric: str, scope: str, basis: str, value: tuple[Decimal, Decimal, Decimal], unit: str, text: str,
          prov: Provenance) -> Fact:  # fmt: skip
    written, amount, precision = value
    return Fact(metric=metric, scope=scope, period="current", basis=basis, value=written, unit=unit,
                precision=precision / MONEY_UNITS[unit], amount_wan=amount, precision_wan=precision,
                value_text=text, provenance=prov, label=None)  # fmt: skip


def _metric_of(label: str) -> str | None:
    compact = _ORDINAL.sub("", re.sub(r"\s", "", label))
    if compact in cat.TABLE_TOTAL_LABELS:
        return cat.TABLE_TOTAL_LABELS[compact]
    if compact.endswith("拨款"):
        compact += "收入"  # 财政拨款收入支出决算总表 writes 一般公共预算财政拨款 for its income
    named = cat.match_label(compact, MONEY)
    return named[0].yields if named and named[1] == 0 else None


# ---- layouts ------------------------------------------------------------------------------------
def _summary(ft: FiscalTable, scope: str, out: TableExtraction) -> None:
    in_carryover = False  # rows under 年初结转和结余 break the carry-over down, not the income
    subtotalled = any(_SUBTOTAL_LABELS.match(_compact(cell.text)) for row in ft.table.rows for cell in row)
    rows = _rejoin_wrapped_labels(_without_spread_columns(ft.table.rows))
    source_columns = _source_columns(rows)
    for row in rows:
        texts = [cell.text for cell in row]
        if any("结转和结余" in text or "结余分配" in text for text in texts):
            in_carryover = True
        pairs = [
            (i, _amount_index(texts, i))
            for i in range(0, len(texts) - 1)
            if texts[i] and not NUMBER_CELL.match(texts[i].replace(" ", ""))
        ]
        for label_index, amount_index in pairs:
            value = _amount(texts[amount_index], ft.unit) if amount_index < len(texts) else None
            if value is None:
                continue
            prov = _provenance(row, ft.title)
            metric = _metric_of(texts[label_index])
            if subtotalled and _compact(texts[label_index]) in _GRAND_WHEN_SUBTOTALLED:
                metric = _GRAND_WHEN_SUBTOTALLED[_compact(texts[label_index])]
            # right of the income side's label and figure (a 支出用途 side may follow: 江苏's 收支预算总表)
            on_expenditure_side = label_index >= min(2, len(texts) // 2)
            if in_carryover and metric not in cat.TABLE_TOTAL_LABELS.values():
                continue
            if metric is not None:
                out.facts.append(_fact(metric, scope if metric in cat.TABLE_TOTAL_LABELS.values() else
                                       _scope_of_metric(metric, scope), ft.basis, value, ft.unit,
                                       texts[amount_index], prov))  # fmt: skip
                if metric == "expenditure_total" and on_expenditure_side:
                    _source_totals(ft, row, amount_index, source_columns, prov, out)
            elif (
                on_expenditure_side
                and texts[label_index].endswith("支出")
                and not any(_FUNCTIONAL_CODE.match(text) for text in texts)
            ):  # a coded row is a 款 or 项 of another table run on, not a 类 of the summary
                name = _ORDINAL.sub("", texts[label_index])
                out.lines.append(_line("functional", 1, name, None, None, None, scope, ft, value,
                                       texts[amount_index], prov))  # fmt: skip


_FUNCTIONAL_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
# The appropriation's sources as columns of its spending (财政拨款收入支出决算总表: 合计 | 一般公共预算
# 财政拨款 | 政府性基金预算财政拨款 …): each column's 本年支出合计 is that source's spending.
_SOURCE_COLUMNS = (("一般公共预算", "gpb_expenditure", "gpb"), ("政府性基金", "gov_fund_expenditure", "gov_fund"),
                   ("国有资本经营", "soe_capital_expenditure", "soe_capital"))  # fmt: skip


def _source_columns(rows: list[list[Cell]]) -> dict[int, tuple[str, str]]:
    """The columns the header rows (above the first figure) name by a source, words of a column joined."""
    words: dict[int, str] = {}
    for row in table_structure.header_rows(rows):
        for index, cell in enumerate(row):
            words[index] = words.get(index, "") + re.sub(r"\s", "", cell.text)
    columns = {}
    for index, text in words.items():
        named = [(metric, scope) for word, metric, scope in _SOURCE_COLUMNS if text.startswith(word)]
        if len(named) == 1 and not text.endswith(("收入", "拨款收入")):
            columns[index] = named[0]
    return columns


def _source_totals(ft: FiscalTable, row: list[Cell], amount_index: int, columns: dict[int, tuple[str, str]],
                   prov: Provenance, out: TableExtraction) -> None:  # fmt: skip
    for index in range(amount_index + 1, len(row)):
        if index in columns and (value := _amount(row[index].text, ft.unit)):
            metric, scope = columns[index]
            out.facts.append(_fact(metric, scope, ft.basis, value, ft.unit, row[index].text, prov))


def _without_spread_columns(rows: list[list[Cell]]) -> list[list[Cell]]:
    """The rows without the grid columns no row of figures fills: a PDF table whose merged cells each
    span several grid columns ("一、财政拨款 | | | 33,172.15 | | | 一、一般公共服务支出 …") then reads as
    label, figure, label, figure."""
    figure_rows = [row for row in rows if any(NUMBER_CELL.match(cell.text.replace(" ", "")) for cell in row)]
    used = {index for row in figure_rows for index, cell in enumerate(row) if cell.text}
    if not used:
        return rows
    return [[cell for index, cell in enumerate(row) if index in used] for row in rows]


def _rejoin_wrapped_labels(rows: list[list[Cell]]) -> list[list[Cell]]:
    """A label a PDF cell wrapped around its figure ("三、单位预留机动经" / 3,258.06 / "费", the figure on
    the middle line, in a row of its own): the two pieces joined on the figure's row."""
    rows = [list(row) for row in rows]

    def text(row: int, column: int) -> str:
        return rows[row][column].text if 0 <= row < len(rows) and column < len(rows[row]) else ""

    for index in range(1, len(rows) - 1):
        for column in range(len(rows[index]) - 1):
            if text(index, column) or not NUMBER_CELL.match(text(index, column + 1).replace(" ", "")):
                continue
            above, below = text(index - 1, column), text(index + 1, column)
            if not above or not below or _ORDINAL.match(below) or NUMBER_CELL.match(below.replace(" ", "")):
                continue
            if text(index - 1, column + 1) or text(index + 1, column + 1):
                continue
            top, bottom = rows[index - 1][column], rows[index + 1][column]
            rows[index][column] = Cell(above + below, top.start, bottom.end)
            rows[index - 1][column] = Cell("", top.start, top.start)
            rows[index + 1][column] = Cell("", bottom.start, bottom.start)
    return rows


def _compact(label: str) -> str:
    return _ORDINAL.sub("", re.sub(r"\s", "", label))


def _amount_index(texts: list[str], label_index: int) -> int:
    """The cell of a label's figure: the next one, or for a total row (支出合计 | | | 10,150.48, its
    figure under the last of the side's columns) the first filled cell after empty ones."""
    following = label_index + 1
    if _compact(texts[label_index]) not in cat.TABLE_TOTAL_LABELS or (following < len(texts) and texts[following]):
        return following
    for index in range(following, len(texts)):
        if texts[index]:
            return index if NUMBER_CELL.match(texts[index].replace(" ", "")) else following
    return following


def _scope_of_metric(metric: str, table_scope: str) -> str:
    return cat.own_scope(metric) or table_scope


def _line(classification: str, level: int, name: str, code: str | None, class_name: str | None,
          kuan_name: str | None, scope: str, ft: FiscalTable, value: tuple[Decimal, Decimal, Decimal],
          text: str, prov: Provenance, parent_metric: str | None = None) -> ClassifiedLine:  # fmt: skip
    _, amount, precision = value
    return ClassifiedLine(classification=classification, level=level, name=name, code=code,
                          class_name=class_name, kuan_name=kuan_name, scope=scope, period="current",
                          basis=ft.basis, amount_wan=amount, precision_wan=precision, value_text=text,
                          provenance=prov, parent_metric=parent_metric, source=f"table:{ft.title}")  # fmt: skip


def _header_labels(rows: list[list[Cell]], first_data: int) -> dict[int, str]:
    labels: dict[int, str] = {}
    for row in rows[:first_data]:
        if any(_UNIT_LINE.search(cell.text) or cell.text.startswith("编制单位") for cell in row):
            continue  # the unit line, written inside the table by spreadsheet exports
        for index, cell in enumerate(row):
            if cell.text and index not in labels and not NUMBER_CELL.match(cell.text.replace(" ", "")):
                labels[index] = re.sub(r"\s", "", cell.text)
    return labels


def _code_of(texts: list[str]) -> tuple[str, int] | None:
    """The functional code written over the 类/款/项 columns (or in one column), and its level."""
    head = [t.replace(" ", "") for t in texts[:3]]
    if re.fullmatch(r"\d{3}(?:\d{2}){0,2}", head[0]) and (len(head[0]) > 3 or not any(head[1:])):
        return head[0], len(head[0]) // 2
    if re.fullmatch(r"\d{3}", head[0]):
        code = head[0] + "".join(part for part in head[1:] if re.fullmatch(r"\d{2}", part))
        return code, len(code) // 2
    return None


_TOTAL_HEADER = re.compile(r"^(?:本年(?:收入|支出)合计|合计|小计|决算数|预算数)$")


def _name_index(texts: list[str]) -> int | None:
    """The 科目名称 cell: the first cell after the code cells that is not a number."""
    for index, text in enumerate(texts):
        cleaned = text.replace(" ", "")
        if cleaned and not re.fullmatch(r"\d{2,7}", cleaned) and not NUMBER_CELL.match(cleaned):
            return index
    return None


def _coded(ft: FiscalTable, scope: str, total_metric: str | None, out: TableExtraction) -> None:
    rows = ft.table.rows
    first_data = next((i for i, row in enumerate(rows) if _code_of([c.text for c in row]) or
                       any(c.text == "合计" for c in row[:4])), None)  # fmt: skip
    if first_data is None:
        return
    headers = _header_labels(rows, first_data + 1)
    total_columns = [index for index, label in headers.items() if _TOTAL_HEADER.match(label)]
    plain_columns = _plain_figure_columns(rows[:first_data]) if ft.table.shape == "plain" else []
    class_name = kuan_name = None
    for row in rows[first_data:]:
        texts = [cell.text for cell in row]
        # The 合计 row may carry the header's last line in front of it: 类 | 款 | 项 | 合计 | 2,946.25 …
        name_index = texts.index("合计") if "合计" in texts[:5] else _name_index(texts)
        if name_index is None:
            continue
        amounts = {i: v for i in range(name_index + 1, len(texts)) if (v := _amount(texts[i], ft.unit))}
        if not amounts:
            continue
        total_column = next((i for i in sorted(total_columns) if i > name_index), None)
        if total_column is None:
            total_column = min(amounts)
        prov = _provenance(row, ft.title)
        if texts[name_index] == "合计":
            if plain_columns and len(amounts) == len(plain_columns) == len(texts) - name_index - 1:
                # a PDF copy's row, spaces gone: its figures in the header's order, one for each column
                headers = {name_index + 1 + j: label for j, label in enumerate(plain_columns)}
                total_column = name_index + 1
            for index, value in amounts.items():
                metric = total_metric if index == total_column else _metric_of(headers.get(index, ""))
                basis = ft.basis
                spec = _column_spec(headers.get(index, "")) if index != total_column else None
                if spec is not None and spec[0] != "actual" and ft.basis == "actual" and total_metric:
                    # 决算表 columns 调整预算数 | 决算数: the first is the same total on the budget's basis
                    metric, basis = total_metric, spec[0]
                if metric:
                    out.facts.append(_fact(metric, _scope_of_metric(metric, scope), basis, value, ft.unit,
                                           texts[index], prov))  # fmt: skip
            continue
        coded = _code_of(texts)
        if coded is None or ft.kind == "income" or total_column not in amounts:
            continue  # 收入决算表 classifies income by function: its totals are kept, not its lines
        code, level = coded
        name = texts[name_index]
        if level == 1:
            class_name, kuan_name = name, None
        elif level == 2:
            kuan_name = name
        out.lines.append(_line("functional", level, name, code, class_name if level > 1 else None,
                               kuan_name if level > 2 else None, scope, ft, amounts[total_column],
                               texts[total_column], prov))  # fmt: skip


# The figure columns of the income and expenditure tables, as a header run names them with its
# spaces gone ("项目合计财政拨款收入事业收入事业单位经营收入其他收入科目编码科目名称"); longer names first.
_FIGURE_COLUMN = re.compile(
    r"本年收入合计|本年支出合计|合计|一般公共预算财政拨款(?:收入)?|政府性基金预算财政拨款(?:收入)?"
    r"|国有资本经营预算财政拨款(?:收入)?|财政拨款(?:收入)?|上级补助收入|事业单位经营收入|事业收入|经营收入"
    r"|附属单位上缴收入|其他收入|上年结转(?:和结余)?|用事业基金弥补收支差额|基本支出|项目支出|上缴上级支出"
    r"|经营支出|对附属单位补助支出"
)


def _plain_figure_columns(header_rows: list[list[Cell]]) -> list[str]:
    """The figure columns a plain table's header run names, in order (none when it is not one run)."""
    for row in header_rows:
        if len(row) == 1 and re.match(r"项目|科目", row[0].text):
            return [match.group(0) for match in _FIGURE_COLUMN.finditer(row[0].text)]
    return []


def _basic(ft: FiscalTable, scope: str, out: TableExtraction) -> None:
    """Economic classification blocks: (类, 款, 科目名称, 决算数) repeated side by side, or one block
    a row with the code in one cell (科目编码 | 科目名称 | 金额)."""
    class_names: dict[str, str] = {}
    columns = _basic_columns(ft.table.rows)
    years = _year_columns(ft.table.rows)
    for row in ft.table.rows:
        texts = [cell.text for cell in row]
        prov = _provenance(row, ft.title)
        if years and len(texts) == len(years) + 1 and _by_class_name(ft, scope, texts, years, prov, out):
            continue
        if columns and texts and re.sub(r"\s", "", texts[0]) in ("合计", "总计"):
            # 合计 | 人员经费 | 公用经费 as columns (the templates since 2021): the row gives all three.
            for index, metric in columns.items():
                if index < len(texts) and (value := _amount(texts[index], ft.unit)):
                    out.facts.append(_fact(metric, scope, ft.basis, value, ft.unit, texts[index], prov))
            continue
        blocks = [texts[start : start + 4] for start in range(0, len(texts) - 3, 4)]
        if not any(_amount(block[3], ft.unit) and (_economic_code(block[0], block[1]) or _basic_total(block))
                   for block in blocks):  # fmt: skip
            blocks = _coded_cells([text for text in texts if text])
        for block in blocks:
            value = _amount(block[3], ft.unit)
            if value is None:
                continue
            if total := _basic_total(block):
                out.facts.append(_fact(total, scope, ft.basis, value, ft.unit, block[3], prov))
                continue
            code = _economic_code(block[0], block[1])
            name = re.sub(r"\s", "", block[2])
            if code is None and not block[0] and cat.ECONOMIC_CLASS.match(name):
                # A 类 by its name alone (经济分类科目 | 预算数): the reference gives its code.
                out.lines.append(_line("economic", 1, name, None, name, None, scope, ft, value, block[3], prov))
                continue
            if code is None:
                continue
            if len(code) == 3:
                class_names[code] = block[2]
            out.lines.append(_line("economic", 1 if len(code) == 3 else 2, block[2], code,
                                   class_names.get(code[:3]) if len(code) == 5 else block[2], None, scope, ft,
                                   value, block[3], prov))  # fmt: skip


_BASIC_COLUMNS = {"合计": "basic_expenditure", "人员经费": "personnel_expense", "公用经费": "public_expense"}


def _year_columns(rows: list[list[Cell]]) -> dict[int, str]:
    """A 科目名称 column, then one figure column for this year and one for last ("2023年预算数 |
    2022年预算数", "本年决算数 | 上年决算数"): {column: period}; {} for any other header."""
    for index, row in enumerate(rows[:4]):
        texts = [re.sub(r"\s", "", cell.text) for cell in row]
        if len(texts) != 3 or not _NAME_HEADER.match(texts[0]) or not all(_column_spec(t) for t in texts[1:]):
            continue
        prior = _prior_columns(rows[: index + 1])
        if len(prior) == 1:
            return {column: "prior" if column in prior else "current" for column in (1, 2)}
    return {}


def _by_class_name(ft: FiscalTable, scope: str, texts: list[str], years: dict[int, str], prov: Provenance,
                   out: TableExtraction) -> bool:  # fmt: skip
    """A row of a two-year table named by its economic 类 alone, or its 合计: True when placed. Rows of
    items (基本工资 …) are not placed: without their codes, which 类 they belong to is not known."""
    name = re.sub(r"\s", "", texts[0])
    is_total = name in ("合计", "总计")
    if not is_total and not cat.ECONOMIC_CLASS.match(name):
        return False
    for column, period in years.items():
        value = _amount(texts[column], ft.unit)
        if value is None:
            continue
        if is_total:
            out.facts.append(replace(_fact("basic_expenditure", scope, ft.basis, value, ft.unit, texts[column], prov),
                                     period=period))  # fmt: skip
        else:
            line = _line("economic", 1, name, None, name, None, scope, ft, value, texts[column], prov)
            out.lines.append(replace(line, period=period))
    return True


def _basic_columns(rows: list[list[Cell]]) -> dict[int, str]:
    """The columns of a 基本支出 table whose header row names 合计, 人员经费 and 公用经费; {} otherwise."""
    for row in rows[:8]:
        named = {i: _BASIC_COLUMNS[key] for i, cell in enumerate(row) if (key := re.sub(r"\s", "", cell.text))
                 in _BASIC_COLUMNS}  # fmt: skip
        if len(named) == 3:
            return named
    return {}


# In a 基本支出 table its 合计 is the basic expenditure.
_BASIC_TOTALS = {**cat.TABLE_TOTAL_LABELS, "合计": "basic_expenditure"}


def _basic_total(block: list[str]) -> str | None:
    """人员经费合计 / 公用经费合计 / 合计 written over the block's code cells or in its name cell."""
    return _BASIC_TOTALS.get(re.sub(r"\s", "", block[0] + block[2])) or _BASIC_TOTALS.get(re.sub(r"\s", "", block[0]))


def _economic_code(kind: str, item: str) -> str | None:
    """An economic code written over its 类 and 款 cells ("302" | "01") or in one cell ("30201")."""
    kind, item = kind.replace(" ", ""), item.replace(" ", "")
    if re.fullmatch(r"\d{3}", kind) and re.fullmatch(r"(?:\d{2})?", item):
        return kind + item
    if re.fullmatch(r"\d{3}(?:\d{2})?", kind) and not item:
        return kind
    return None


def _coded_cells(filled: list[str]) -> list[list[str]]:
    """Filled cells read as code, name, amount (or a total label and its amount), in the 4-cell block
    form. A row with any other sequence gives no block: a figure is never guessed into a column."""
    if len(filled) == 3 and re.fullmatch(r"\d{3}(?:\d{2})?", filled[0].replace(" ", "")):
        return [[filled[0], "", filled[1], filled[2]]]
    if len(filled) == 2 and _BASIC_TOTALS.get(re.sub(r"\s", "", filled[0])):
        return [[filled[0], "", "", filled[1]]]
    if len(filled) == 2 and cat.ECONOMIC_CLASS.match(re.sub(r"\s", "", filled[0])):
        return [["", "", filled[0], filled[1]]]
    return []


# The national template's column groups of the “三公” table, each as 预算数 | 决算数.
_THREE_PUBLIC_COLUMNS = (
    "three_public_total", "three_public_outbound_travel", "three_public_vehicle",
    "three_public_vehicle_purchase", "three_public_vehicle_operation", "three_public_reception",
)  # fmt: skip


def _template_basis_row(rows: list[list[Cell]]) -> int | None:
    return next((i for i, row in enumerate(rows) if sum(c.text in ("预算数", "决算数") for c in row) >= 6), None)


def _has_template_columns(ft: FiscalTable) -> bool:
    return _template_basis_row(ft.table.rows) is not None


def _three_public(ft: FiscalTable, out: TableExtraction) -> None:
    rows = ft.table.rows
    basis_row = _template_basis_row(rows)
    header = " ".join(cell.text for row in rows[: basis_row or 0] for cell in row)
    if basis_row is None or "合计" not in header or "公务接待" not in header:
        out.problems.append((ft.table.start, ft.table.end, f"{ft.title}: columns not in the template's order"))
        return
    labels = [cell.text for cell in rows[basis_row]]
    for row in rows[basis_row + 1 :]:
        for index, cell in enumerate(row[: len(_THREE_PUBLIC_COLUMNS) * 2]):
            value = _amount(cell.text, ft.unit)
            if value is None or index >= len(labels):
                continue
            basis = "budget" if labels[index] == "预算数" else "actual"
            metric = _THREE_PUBLIC_COLUMNS[index // 2]
            out.facts.append(_fact(metric, "fiscal", basis, value, ft.unit, cell.text, _provenance(row, ft.title)))


# ---- 政府采购(预算)表: a row per project, a column per kind of purchase -----------------------------
_PROCUREMENT_COLUMNS = ((re.compile(r"^(?:合计|小计|总计|采购(?:预算)?(?:金额|总额))$"), "procurement_total"),
                        (re.compile(r"^货物"), "procurement_goods"), (re.compile(r"^工程"), "procurement_works"),
                        (re.compile(r"^服务"), "procurement_services"))  # fmt: skip


def _procurement_header(rows: list[list[Cell]]) -> tuple[int, dict[int, str]] | None:
    for index, row in enumerate(rows):
        columns = {i: metric for i, cell in enumerate(row) for pattern, metric in _PROCUREMENT_COLUMNS
                   if pattern.match(re.sub(r"\s", "", cell.text))}  # fmt: skip
        if len(columns) >= 2 and "procurement_total" in columns.values():
            return index, columns
    return None


def _procurement(ft: FiscalTable, out: TableExtraction) -> None:
    """The 合计 row gives the department's totals, every other row a project's (its label the project)."""
    rows = ft.table.rows
    header = _procurement_header(rows)
    if header is None:
        problem = f"{ft.title}: no header row names 合计 | 货物 | 工程 | 服务"
        out.problems.append((ft.table.start, ft.table.end, problem))
        return
    header_index, columns = header
    first_column = min(columns)
    for row in rows[header_index + 1 :]:
        labels = [cell.text for cell in row[:first_column] if cell.text and not NUMBER_CELL.match(cell.text)]
        if len(labels) != 1:
            continue  # a row without one label (a 栏次 row, a wrapped name) names no project
        label = _ROW_PREFIX.sub("", re.sub(r"\s", "", labels[0]))
        project = None if _WHOLE_ROW.match(label) else label
        prov = _provenance(row, ft.title)
        for index, metric in columns.items():
            if index < len(row) and (value := _amount(row[index].text, ft.unit)):
                fact = _fact(metric, "department", ft.basis, value, ft.unit, row[index].text, prov)
                out.facts.append(replace(fact, project_name=project))


# ---- the “三公” table read by the template's column order, whatever its layout ------------------
# Web pages and PDF copies flatten its merged two- or three-row header (预算数 | 决算数 over 合计 |
# 因公出国(境)费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 公务接待费) so that no column can be
# found by position. Its figures are then placed by the national template's order, and only when the
# header names that order: each item as many times as there are groups, in the template's order
# within a group, and as many figures as columns. Otherwise nothing is placed.
_ORDER_ITEMS = (("合计", "three_public_total"), ("因公出国", "three_public_outbound_travel"),
                ("公务用车购置及运行", "three_public_vehicle"), ("公务用车购置费", "three_public_vehicle_purchase"),
                ("公务用车运行", "three_public_vehicle_operation"), ("公务接待", "three_public_reception"))  # fmt: skip
_REGION_LINES = 16  # a flattened “三公” table's header and figures fit in this many lines
_TOKEN = re.compile(r"[^\s|\t]+")


def _three_public_by_order(text: str, title_end: int, basis: str, title: str) -> tuple[list[Fact], int]:
    """Figures of the “三公” table whose title ends at `title_end`, and where its region ends."""
    words: list[str] = []
    figures: list[Cell] = []
    unit = None
    position = title_end
    for line in text[title_end:].split("\n")[1:_REGION_LINES]:
        line_start = position + 1
        position = line_start + len(line)
        if figures and not line.strip():
            break
        if "。" in line or _classify([line]) is not None:
            break  # prose, or the next table's title
        if match := _UNIT_LINE.search(line):
            unit = _unit_of(match)
            continue
        tokens = [(m.group(0), line_start + m.start()) for m in _TOKEN.finditer(line)]
        numbers = [(t, at) for t, at in tokens if NUMBER_CELL.match(t)]
        if tokens and len(numbers) == len(tokens):
            if [t for t, _ in numbers] != [str(i) for i in range(1, len(numbers) + 1)]:  # not a 栏次 row
                figures += [Cell(t, at, at + len(t)) for t, at in numbers]
        elif not figures:
            words += [re.sub(r"[()（）]", "", t) for t, _ in tokens]
        else:
            break
    return _place_by_order(words, figures, unit, basis, title), position


def _place_by_order(words: list[str], figures: list[Cell], unit: str | None, basis: str, title: str) -> list[Fact]:
    header = "".join(words)
    counts = [header.count(word) for word, _ in _ORDER_ITEMS]
    groups = counts[0]
    columns = [metric for (word, metric), count in zip(_ORDER_ITEMS, counts, strict=True) if count]
    if unit is None or groups not in (1, 2) or any(count not in (0, groups) for count in counts):
        return []
    if counts[1] == 0 or counts[5] == 0 or len(figures) != groups * len(columns):
        return []
    # The template's order: of the items (a lower header row may name the sub-items after them all)
    # and of the sub-items.
    items = [header.find(word) for word, _ in (_ORDER_ITEMS[:3] + _ORDER_ITEMS[5:]) if word in header]
    sub_items = [header.find(word) for word, _ in _ORDER_ITEMS[3:5] if word in header]
    if items != sorted(items) or sub_items != sorted(sub_items):
        return []
    budget_at, actual_at = header.find("预算数"), header.find("决算数")
    if groups == 2:
        if not (0 <= budget_at < actual_at):
            return []
        bases = ["budget", "actual"]
    else:
        bases = ["budget" if budget_at >= 0 and actual_at < 0 else "actual" if actual_at >= 0 else basis]
    facts = []
    row_text = " | ".join(cell.text for cell in figures)
    for index, cell in enumerate(figures):
        value = _amount(cell.text, unit)
        if value is None:
            continue
        prov = Provenance(cell.start, cell.end, f"{title}: {row_text}", cell.start, title, f"table:{title}")
        metric = columns[index % len(columns)]
        facts.append(_fact(metric, "fiscal", bases[index // len(columns)], value, unit, cell.text, prov))
    return facts


def _title_lines(text: str) -> list[tuple[int, str, tuple[str, str, str | None]]]:
    """(start, line, what it names) of every line that is a standard table's title: read once for
    the readers of tables flattened into text."""
    titles = []
    position = 0
    for line in text.split("\n"):
        start, position = position, position + len(line) + 1
        if (recognised := _classify([line])) is not None:
            titles.append((start, line, recognised))
    return titles


def _flattened_three_public(text: str, titles: list, out: TableExtraction) -> None:
    """“三公” tables whose figures no table reader placed: read by the template's order."""
    for start, line, recognised in titles:
        if recognised[0] != "three_public":
            continue
        facts, end = _three_public_by_order(text, start + len(line), recognised[2] or "actual", recognised[1])
        if facts:  # the template's order was found: it replaces what a table reader made of the region
            out.facts = [f for f in out.facts if not (f.metric.startswith("three_public")
                                                      and start <= f.provenance.span_start < end)]  # fmt: skip
            out.facts.extend(facts)
            out.consumed.append((start, end))
            out.problems = [p for p in out.problems if not (start <= p[0] < end)]


# ---- summary tables copied one cell to a line ----------------------------------------------------
# A PDF's summary table (收入支出决算总表) copied into a web page often loses its grid: every cell on a
# line of its own, row by row ("一、一般公共预算财政拨款收入\n1,246.35\n一、一般公共服务支出\n…"),
# with a row number after each label where the template has a 行次 column. Row by row, a figure
# follows its label; a blank cell leaves the label alone. Two figures in a row mean another order
# (column by column, or a cell moved by OCR): reading stops there, and the pair before it is dropped.
_FLAT_LINES = 200
_ROW_NUMBER = re.compile(r"^\d{1,3}$")


def _flattened_rows(text: str, title_end: int) -> tuple[list[list[Cell]], str | None]:
    """The label-and-figure rows after the title ending at `title_end`, and their unit."""
    rows: list[list[Cell]] = []
    unit = None
    numbered = False
    label: Cell | None = None
    after_row_number = False
    position = title_end
    for line in text[title_end:].split("\n")[1:_FLAT_LINES]:
        line_start = position + 1
        position = line_start + len(line)
        cell = line.strip()
        if not cell:
            continue
        if "\t" in line or "。" in cell or cell.startswith("注") or _classify([cell]) is not None:
            break  # a real table, prose, the table's note or the next table's title
        if match := _UNIT_LINE.search(cell):
            unit = _unit_of(match)
            continue
        if _ROW_NUMBER_HEADER.match(cell):
            numbered = True
            continue
        here = Cell(cell, line_start + line.index(cell), line_start + line.index(cell) + len(cell))
        if NUMBER_CELL.match(cell.replace(" ", "")):
            if numbered and label is not None and not after_row_number and _ROW_NUMBER.match(cell):
                after_row_number = True  # the 行次 of the label just read
                continue
            if label is None:
                # A figure after a figure: from here (and for the pair just read) the order is not
                # one cell a line, row by row; the rows before it stand.
                if rows:
                    rows.pop()
                break
            rows.append([label, here])
            label, after_row_number = None, False
            continue
        if len(cell) > 40:
            break
        label, after_row_number = here, False
    return rows, unit


def _flattened_summaries(text: str, titles: list, out: TableExtraction) -> None:
    """Summary tables whose cells stand one to a line, where no table reader read them."""
    for start, line, recognised in titles:
        if recognised[0] not in ("summary", "fiscal_summary"):
            continue
        if any(begin <= start + len(line) + 1 < end for begin, end in out.consumed):
            continue
        rows, unit = _flattened_rows(text, start + len(line))
        if unit is None or len(rows) < 2:
            continue
        kind, title, basis = recognised
        scope = next(entry[2] for entry in _TITLES if entry[0] == kind)
        table = Table(rows[0][0].start, rows[-1][-1].end, rows, shape="flattened")
        ft = FiscalTable(kind, title, table, unit, basis or _basis_of_columns([], text))
        _summary(ft, scope, out)
        out.tables.append(ft)
        out.consumed.append((table.start, table.end))


def extract_fiscal_tables(text: str, tables: list[Table] | None = None) -> TableExtraction:
    """The standard tables among `tables` (the document's tables in text, found here if not given)."""
    out = TableExtraction()
    tables, out.problems = recognise(text, tables)
    for ft in tables:
        if ft.kind == COMPARISON:
            _row_labelled(ft, out)
            out.tables.append(ft)
            out.consumed.append((ft.table.start, ft.table.end))
            continue
        _, _, scope, total_metric = next(entry for entry in _TITLES if entry[0] == ft.kind)
        if ft.kind in ("summary", "fiscal_summary"):
            _summary(ft, scope, out)
        elif ft.kind in ("gpb_basic", "fiscal_basic"):
            _basic(ft, scope, out)
        elif ft.kind == "three_public" and _has_template_columns(ft):
            _three_public(ft, out)
        elif ft.table.shape == "one_line":
            _one_line_funds(ft, out)
        elif ft.kind in ("three_public", "performance", "agency_operating"):
            _row_labelled(ft, out)
        elif ft.kind == "procurement":
            _procurement(ft, out)
        elif ft.kind in ("income", "expenditure", "gpb_expenditure", "gov_fund", "soe_capital", "fiscal_expenditure"):
            _coded(ft, scope, total_metric, out)
        out.tables.append(ft)
        out.consumed.append((ft.table.start, ft.table.end))
    titles = _title_lines(text)
    _flattened_three_public(text, titles, out)
    _flattened_summaries(text, titles, out)
    return out


# ---- tables whose rows name the figure and whose columns name its basis ----------------------------
# A column header says which basis its figures are, and, for a row that is the table's whole
# (合计, 年度资金总额), which execution figure: 年初预算数 → budget_initial, 全年执行数 → executed.
_COLUMNS: tuple[tuple[re.Pattern[str], str | None, str | None], ...] = (
    (re.compile(r"分值|得分|权重|备注|说明|指标|计算|方法|偏差|原因|来源"), None, None),
    (re.compile(r"执行率|完成率"), "actual", "execution_rate_pct"),
    (re.compile(r"年初预算|年初设定|年初批复"), "initial_budget", "budget_initial"),
    (re.compile(r"全年预算|调整后预算|预算调整"), "budget", "budget_adjusted"),
    (re.compile(r"执行数|实际支出|实际完成|执行金额|实际数"), "actual", "executed"),
    (re.compile(r"决算"), "actual", None),
    (re.compile(r"预算"), "budget", "budget_adjusted"),
)
_WHOLE_ROW = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:支出)?(?:合计|总计)$|^(?:年度)?(?:财政)?资金总额")
_COUNTS_BELOW = re.compile(r"相关统计|统计数|统计信息")
_ROW_PREFIX = re.compile(r"^(?:其中[:]?)?(?:[(]\d{1,2}[)]|\d{1,2}[、.]|[一二三四五六七八九十]+、)?")


_PLAIN_COLUMN = re.compile(r"(?:本年|上年|全年|年初)?[-]?(?:预算|决算|执行)数?|分值|得分|备注")


def _plain_header(rows: list[list[Cell]]) -> tuple[int | None, list[list[Cell]]]:
    """A plain table's header is one run of words ("项目本年决算数"): split it into its columns."""
    for index, row in enumerate(rows):
        if len(row) != 1 or not re.match(r"项目|科目|名称", row[0].text):
            continue
        cell = row[0]
        columns = [
            Cell(m.group(0), cell.start + m.start(), cell.start + m.end()) for m in _PLAIN_COLUMN.finditer(cell.text)
        ]
        if columns:
            return index, [*rows[:index], [Cell("项目", cell.start, cell.start), *columns], *rows[index + 1 :]]
    return None, rows


def _column_spec(header: str) -> tuple[str, str | None] | None:
    for pattern, basis, whole_metric in _COLUMNS:
        if pattern.search(header):
            return None if basis is None else (basis, whole_metric)
    return None


def _transposed(rows: list[list[Cell]]) -> list[list[Cell]] | None:
    """A table whose columns name the figures (合计 | 因公出国(境)费 | 公务接待费) and whose rows the
    basis (决算数 | …), turned so its rows name the figures; None when it is not one."""

    def names_figure(text: str) -> bool:
        label = re.sub(r"\s", "", text)
        return bool(_WHOLE_ROW.match(label)) or _metric_of(label) is not None

    for index, row in enumerate(rows):
        if len(row) < 3 or sum(names_figure(cell.text) for cell in row[1:]) < 2:
            continue
        basis_rows = [r for r in rows[index + 1 :] if r and _column_spec(r[0].text) and len(r) == len(row)]
        if not basis_rows:
            return None
        return [[row[0], *(r[0] for r in basis_rows)]] + [
            [row[column], *(r[column] for r in basis_rows)] for column in range(1, len(row))
        ]
    return None


def _row_labelled(ft: FiscalTable, out: TableExtraction) -> None:
    """Rows name the figure (公务接待费, 基本支出, 合计), columns its basis (预算数 | 决算数)."""
    rows = ft.table.rows
    header_index = next(
        (i for i, row in enumerate(rows) if any(_column_spec(c.text) for c in row[1:]) and len(row) >= 2), None
    )
    if header_index is None and (transposed := _transposed(rows)):
        header_index, rows = 0, transposed
    if header_index is None and ft.table.shape == "plain":
        header_index, rows = _plain_header(rows)
    if header_index is None:
        out.problems.append((ft.table.start, ft.table.end, f"{ft.title}: no header row names the columns"))
        return
    header = rows[header_index]
    first_value_column = next(i for i, cell in enumerate(header) if i > 0 and _column_spec(cell.text))
    prior_columns = _prior_columns(rows[: header_index + 1])
    for row in rows[header_index + 1 :]:
        texts = [cell.text for cell in row]
        label_index = next((i for i, text in enumerate(texts) if text and not _FIGURE.match(text)), None)
        if label_index is None:
            continue
        shift = (first_value_column - 1) - label_index  # a row-group cell spanning rows shifts the row left
        label = _ROW_PREFIX.sub("", re.sub(r"\s|:$", "", texts[label_index]))
        if _COUNTS_BELOW.search(label):
            break  # "二、相关统计数": the rows below count trips and cars, they are not money
        whole = bool(_WHOLE_ROW.match(label))
        metric = "three_public_total" if whole and ft.kind == "three_public" else None if whole else _metric_of(label)
        if whole and ft.kind == COMPARISON and label not in ("合计", "总计"):
            metric = cat.TABLE_TOTAL_LABELS.get(label)  # "支出合计" names its figure; a bare 合计 does not
        for index in range(label_index + 1, len(texts)):
            column = index + shift
            spec = _column_spec(header[column].text) if 0 < column < len(header) else None
            if spec is None or not texts[index]:
                continue
            basis, whole_metric = spec
            # a bare 合计 is the funds block's total (年度资金总额); in a comparison table it names nothing
            fact_metric = metric or (whole_metric if whole and ft.kind != COMPARISON else None)
            if fact_metric is None:
                continue
            prov = _provenance(row, ft.title)
            if fact_metric == "execution_rate_pct":
                rate = re.fullmatch(r"(\d+(?:\.\d+)?)%?", texts[index])
                if rate:
                    out.facts.append(_rate_fact(rate.group(1), texts[index], prov))
                continue
            value = _amount(texts[index], ft.unit)
            if value is not None:
                scope = "fiscal" if ft.kind == "three_public" else _scope_of_metric(fact_metric, "department")
                fact = _fact(fact_metric, scope, basis, value, ft.unit, texts[index], prov)
                out.facts.append(replace(fact, period="prior") if column in prior_columns else fact)


_YEAR = re.compile(r"(20\d\d)年")


def _prior_columns(header_rows: list[list[Cell]]) -> set[int]:
    """Columns of last year's figures: headed 上年, or by a year before the latest year the header
    names ("2024年 | 2025年" over "预算数 | 预算数")."""
    words: dict[int, str] = {}
    for row in header_rows:
        for index, cell in enumerate(row):
            words[index] = words.get(index, "") + re.sub(r"\s", "", cell.text)
    years = {index: int(match.group(1)) for index, text in words.items() if (match := _YEAR.search(text))}
    latest = max(years.values(), default=None)
    return {index for index, text in words.items() if index > 0 and (
        text.startswith("上年") or (latest is not None and index in years and years[index] < latest))}  # fmt: skip


_FIGURE = re.compile(r"^-?\d[\d,]*(?:\.\d+)?%?$")


def _rate_fact(digits: str, text: str, prov: Provenance) -> Fact:
    return Fact(metric="execution_rate_pct", scope="department", period="current", basis="actual",
                value=Decimal(digits), unit="%", precision=precision_of(digits), amount_wan=None,
                precision_wan=None, value_text=text, provenance=prov, label=None)  # fmt: skip


def _one_line_funds(ft: FiscalTable, out: TableExtraction) -> None:
    """The template's first funds row (年度资金总额) under its column names, read onto one line.

    OCR may move a cell away (the rate "86.19%" printed elsewhere) and run the next rows on, so the
    figures are walked column by column (a rate column takes only a figure with %), and the row is
    placed only when it checks itself: the stated rate, or the score (分值 × rate), agrees with
    executed ÷ budget. Otherwise the layout does not tie the figures to columns: abstain."""
    header, figures = ft.table.rows
    cells: dict[str, Cell] = {}
    remaining = list(figures)
    for column in header:
        if not remaining:
            break
        is_rate = bool(re.match(r"执行率|完成率", column.text))
        if is_rate and not remaining[0].text.endswith("%"):
            continue
        cells[re.sub(r"\(.*", "", column.text)] = remaining.pop(0)
    if not _funds_row_checks(cells, ft.unit):
        out.problems.append((ft.table.start, ft.table.end, "funds block on one line: figures do not fit its columns"))
        return
    row = [*header, *figures]
    _place_funds_cells(ft, cells, "department", row, out)
    _fiscal_sub_row(ft, cells, remaining, row, out)


def _fiscal_sub_row(
    ft: FiscalTable, total: dict[str, Cell], remaining: list[Cell], row: list[Cell], out: TableExtraction
) -> None:
    """The template's next row, 其中:当年财政拨款: three money cells and "—" for its score, each within
    the total's figure. Placed only when the block names that row and the figures fit."""
    if not ft.sub_rows or ft.sub_rows[0] != "当年财政拨款" or len(remaining) < 4 or remaining[3].text != "—":
        return
    money_columns = [c for c in total if re.match(r"年初预算|全年预算|预算数|全年执行|执行数", c)]
    if len(money_columns) != 3:
        return
    part = dict(zip(money_columns, remaining[:3], strict=True))
    for column, cell in part.items():
        whole, value = _amount(total[column].text, ft.unit), _amount(cell.text, ft.unit)
        if whole is None or value is None or value[1] > whole[1]:
            return
    _place_funds_cells(ft, part, "fiscal", row, out)


def _place_funds_cells(
    ft: FiscalTable, cells: dict[str, Cell], scope: str, row: list[Cell], out: TableExtraction
) -> None:
    for column, cell in cells.items():
        spec = _column_spec(column)
        if spec is None or spec[1] is None:
            continue
        prov = _provenance(row, ft.title)
        if spec[1] == "execution_rate_pct":
            out.facts.append(replace(_rate_fact(cell.text.rstrip("%"), cell.text, prov), project_name=ft.project))
            continue
        value = _amount(cell.text, ft.unit)
        if value is not None:
            fact = _fact(spec[1], scope, spec[0], value, ft.unit, cell.text, prov)
            out.facts.append(replace(fact, project_name=ft.project))


def _funds_row_checks(cells: dict[str, Cell], unit: str) -> bool:
    """executed ÷ budget agrees with the stated rate (to its last digit) or with score ÷ weight."""
    budget = next((cells[c] for c in ("全年预算数", "预算数", "年初预算数") if c in cells), None)
    executed = next((cells[c] for c in ("全年执行数", "执行数") if c in cells), None)
    if budget is None or executed is None:
        return False
    amounts = _amount(budget.text, unit), _amount(executed.text, unit)
    if amounts[0] is None or amounts[1] is None or amounts[0][1] == 0:
        return False
    ratio = amounts[1][1] / amounts[0][1]
    rate = cells.get("执行率")
    if rate is not None and re.fullmatch(r"\d+(?:\.\d+)?%", rate.text):
        stated = Decimal(rate.text.rstrip("%"))
        return abs(min(ratio, Decimal(1)) * 100 - stated) <= precision_of(rate.text.rstrip("%"))
    weight, score = cells.get("分值"), cells.get("得分")
    if weight is None or score is None or not _FIGURE.match(weight.text) or not _FIGURE.match(score.text):
        return False
    expected = min(ratio, Decimal(1)) * Decimal(weight.text)
    return abs(expected - Decimal(score.text)) <= precision_of(score.text)
