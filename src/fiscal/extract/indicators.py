"""Performance indicators and scoring items of self-evaluation reports (绩效自评报告).

Three forms are read:
- indicator tables (一级/二级/三级指标, 指标值, 实际完成值, 完成率, 分值, 得分, 未完成原因),
  flattened into tab-separated lines (tables.py);
- indicator prose: "X:该指标预期指标值为大于等于43宗,年中监控实际完成值为19宗,本次评价完成值为
  43宗,完成率100% … 该指标权重分值为20分,自评得分20分";
- scoring items of 部门整体支出 evaluations: "(1)预算编制合理性,… 该项指标总分4分,自评得分4分",
  placed under the headings they sit in (预算编制情况 → 预算编制合理性及规范性).
Values keep their words: comparator, number, unit and the text as written ("实现率≥95%", "好").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from fiscal.documents.normalise import LIST_MARKER
from fiscal.extract.amounts import precision_of
from fiscal.extract.model import Indicator, Measure
from fiscal.extract.sections import SectionTracker, parse_heading
from fiscal.extract.tables import Cell, Table, find_tables
from fiscal.vocabulary import FIRST_LEVEL_NAME, first_level_key

_COMPARATOR_WORDS = {
    "≥": "≥", ">=": "≥", "大于等于": "≥", "大于或等于": "≥", "不低于": "≥", "不少于": "≥", "至少": "≥",
    "≤": "≤", "<=": "≤", "小于等于": "≤", "小于或等于": "≤", "不高于": "≤", "不超过": "≤", "不多于": "≤",
    ">": ">", "大于": ">", "高于": ">", "超过": ">", "<": "<", "小于": "<", "低于": "<",
    "=": "=", "等于": "=",
}  # fmt: skip
_COMPARATOR = "|".join(sorted(map(re.escape, _COMPARATOR_WORDS), key=len, reverse=True))
_UNITS = "万平方米|平方米|㎡|万元|亿元|元|%|人次|批次|个|套|台|项|次|宗|户|人|名|年|月|天|日|亩|座|处|件|批|辆|公里|分"
_MEASURE = re.compile(rf"(?P<cmp>{_COMPARATOR})?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>{_UNITS})?")

# Table headers → fields (checked in this order: 实际完成值 is not a 指标值).
_HEADER_FIELDS = [
    ("level1", re.compile(r"^一级指标")),
    ("level2", re.compile(r"^二级指标")),
    ("name", re.compile(r"^三级指标|^指标名称|^绩效指标名称")),
    ("mid_year", re.compile(r"年中|监控")),
    ("actual", re.compile(r"实际完成值|实际值|完成值|实际完成情况")),
    ("completion", re.compile(r"完成率|完成比例")),
    ("value_type", re.compile(r"指标值类型|指标类型|指标性质")),  # 定量 / 定性, not the target
    ("unit", re.compile(r"^(?:计量|度量)?单位$")),
    ("target", re.compile(r"指标值|目标值")),
    ("weight", re.compile(r"分值|权重")),
    ("score", re.compile(r"得分")),
    ("reason", re.compile(r"原因|偏差|改进措施")),
]
_PROJECT_REPORT = re.compile(
    r"^(?:附件\d*)?(?P<name>[^\n,。]{2,60}?)项目(?:支出)?绩效(?:自评|评价)(?:报告|表)\s*$", re.M
)

_PROSE_NAME = re.compile(r"^(?P<name>[^:。\n]{2,40}):该指标")
_PROSE_FIELDS = {
    "target": re.compile(r"(?:预期|目标)?指标值(?:为|是|:)(?P<v>[^,。;]+)"),
    "mid_year": re.compile(r"年中监控(?:实际)?完成值(?:为|是)(?P<v>[^,。;]+)"),
    "actual": re.compile(r"本次评价(?:实际)?完成值(?:为|是)(?P<v>[^,。;]+)"),
    "completion": re.compile(r"完成率(?:为)?(?P<v>\d+(?:\.\d+)?%)"),
    "weight": re.compile(r"(?:权重分值|权重|分值)(?:为)?(?P<v>\d+(?:\.\d+)?分)"),
    "score": re.compile(r"自评得分(?:为)?(?P<v>\d+(?:\.\d+)?分)"),
}

# A scoring item states its own score; "不得分" is a score of 0. A total score is not an item.
_ITEM_SCORE = re.compile(
    r"(?:自评)?得分(?:为)?(?P<v>\d+(?:\.\d+)?)分|(?<![自评综合])得(?P<v2>\d+(?:\.\d+)?)分|(?P<none>不得分)"
)
_ITEM_MARKERS = re.compile(r"该(?:项)?指标|本项(?!目)|此项|权重|分值|总分|(?<![自评综合])得\d")
_ITEM_WEIGHT = re.compile(r"(?:总分值|总分|分值|权重|指标)(?:为|是)?(?P<v>\d+(?:\.\d+)?)分")
_NOT_ASSESSED = re.compile(r"不考核|不参与评分|不适用")


@dataclass(frozen=True)
class TotalScore:
    """The score of an indicator table's 合计/总分 row: the self-evaluation's total, as the table states it."""

    score: Measure
    start: int
    end: int
    evidence: str
    project: str | None


@dataclass
class IndicatorExtraction:
    indicators: list[Indicator] = field(default_factory=list)
    consumed: list[tuple[int, int]] = field(default_factory=list)  # spans these records account for
    total_scores: list[TotalScore] = field(default_factory=list)


def parse_measure(text: str | None) -> Measure | None:
    """'实现率≥95%' → (≥, 95, %); '大于等于43宗' → (≥, 43, 宗); '好' → words only."""
    if text is None:
        return None
    cleaned = text.strip().strip(" ,。")
    if not cleaned:
        return None
    m = _MEASURE.search(cleaned)
    if m is None:
        return Measure(text=cleaned)
    comparator = _COMPARATOR_WORDS.get(m.group("cmp")) if m.group("cmp") else None
    return Measure(cleaned, comparator, Decimal(m.group("num")), m.group("unit"), precision_of(m.group("num")))


# ---- tables ------------------------------------------------------------------------------------
def _columns(header: list[Cell]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        for name, pattern in _HEADER_FIELDS:
            if name not in columns and pattern.search(cell.text):
                columns[name] = index
                break
    return columns


_VALUE_TYPES = {"定量", "定性"}
_MAX_UNIT_CHARS = 6  # 万平方米, 人次, %: a longer 计量单位 cell is another column's text


def _in_unit(measure: Measure | None, unit: str | None) -> Measure | None:
    """A figure written without a unit takes its row's 计量单位 ("100" under "%" is 100 %); a unit
    written with the figure stays its own (whether the two agree is a rule's question)."""
    if measure is None or measure.value is None or measure.unit is not None or not unit:
        return measure
    return replace(measure, unit=unit.strip())


def _merged_cells(row: list[Cell], columns: dict[str, int]) -> int:
    """How many leading cells a row lacks: a 一级/二级指标 cell spanning rows is printed once, so the
    rows under it start further left. Told by the 指标值类型 column, whose 定量/定性 is unmistakable;
    0 when the table has no such column or the row does not show where it is."""
    column = columns.get("value_type")
    if column is None:
        return 0
    found = [index for index, cell in enumerate(row) if re.sub(r"\s", "", cell.text) in _VALUE_TYPES]
    return column - found[0] if found and 0 <= column - found[0] <= 2 else 0


def _report_project(text: str, position: int) -> str | None:
    """The project a table belongs to: the title of the project report it sits in."""
    names = [m.group("name") for m in _PROJECT_REPORT.finditer(text, 0, position)]
    return names[-1].strip() if names else None


def _named_columns(row: list[Cell]) -> dict[str, int]:
    """The row's columns when it is an indicator table's header: one names the indicator, or, in a
    table of 一级指标 only ("一级指标 | 分值 | 得分"), the 一级指标 column is the item's name."""
    columns = _columns(row)
    if "name" not in columns and "level1" in columns and "level2" not in columns and "score" in columns:
        columns["name"] = columns.pop("level1")
    return columns if "name" in columns else {}


_TOTAL_ROW = re.compile(r"^(?:合计|总计|总分|小计)$")


def _indicators_from_table(table: Table, number: int, text: str) -> tuple[list[Indicator], list[TotalScore]]:
    header_index = next((i for i, row in enumerate(table.rows) if _named_columns(row)), None)
    if header_index is None:
        return [], []
    columns = _named_columns(table.rows[header_index])
    if "target" not in columns and "actual" not in columns and "score" not in columns:
        return [], []
    totals: list[TotalScore] = []
    project = _report_project(text, table.start)
    records: list[Indicator] = []
    carried: dict[str, str | None] = {"level1": None, "level2": None}

    shift = 0

    def cell(row: list[Cell], name: str) -> str | None:
        index = columns.get(name)
        index = index - shift if index is not None else None
        return row[index].text or None if index is not None and 0 <= index < len(row) else None

    for row in table.rows[header_index + 1 :]:
        shift = _merged_cells(row, columns)
        for level in ("level1", "level2"):
            if cell(row, level):
                carried[level] = cell(row, level)
        name = cell(row, "name")
        if name and _TOTAL_ROW.match(re.sub(r"\s", "", name)):
            # a 合计 row is the total score, not an item
            score = parse_measure(cell(row, "score"))
            if score is not None and score.value is not None:
                evidence = " | ".join(c.text for c in row if c.text)
                totals.append(TotalScore(score, row[0].start, row[-1].end, evidence, project))
            continue
        if not name:
            continue
        start, end = row[0].start, row[-1].end
        unit = cell(row, "unit")
        unit = unit if unit and len(unit.strip()) <= _MAX_UNIT_CHARS else None  # a shifted row's prose is no unit
        records.append(
            Indicator(
                record_kind="indicator",
                name=name,
                source=f"table:{number}",
                project_name=project,
                level1_name=carried["level1"],
                level2_name=carried["level2"],
                target=_in_unit(parse_measure(cell(row, "target")), unit),
                mid_year=_in_unit(parse_measure(cell(row, "mid_year")), unit),
                actual=_in_unit(parse_measure(cell(row, "actual")), unit),
                completion=parse_measure(cell(row, "completion")),
                weight=parse_measure(cell(row, "weight")),
                score=parse_measure(cell(row, "score")),
                deviation_reason=cell(row, "reason"),
                span_start=start,
                span_end=end,
                evidence=" | ".join(c.text for c in row if c.text),
                unit_column=unit,
            )
        )
    return records, totals


# ---- prose ------------------------------------------------------------------------------------
def _prose_indicator(paragraph: str, start: int, project: str | None) -> Indicator | None:
    name = _PROSE_NAME.match(paragraph)
    if name is None or "指标值" not in paragraph:
        return None
    values = {
        key: (m.group("v") if (m := pattern.search(paragraph)) else None) for key, pattern in _PROSE_FIELDS.items()
    }
    return Indicator(
        record_kind="indicator",
        name=name.group("name").strip(),
        source="prose",
        project_name=project,
        level1_name=None,
        level2_name=None,
        target=parse_measure(values["target"]),
        mid_year=parse_measure(values["mid_year"]),
        actual=parse_measure(values["actual"]),
        completion=parse_measure(values["completion"]),
        weight=parse_measure(values["weight"]),
        score=parse_measure(values["score"]),
        deviation_reason=None,
        span_start=start,
        span_end=start + len(paragraph),
        evidence=paragraph,
    )


def _item_name(paragraph: str, tracker: SectionTracker) -> tuple[str, bool]:
    """The scoring item's name, and whether it was written in the paragraph itself."""
    marker = LIST_MARKER.match(paragraph)
    if marker and paragraph[marker.end() :].strip():
        head = re.split(r"[,:。]", paragraph[marker.end() :].strip(), maxsplit=1)[0]
        return head.strip(), True
    head = re.split(r"[,:。]", paragraph, maxsplit=1)[0]
    if len(head) <= 12 and not re.search(r"\d|单位|我|本", head):
        return head, True
    if "执行率" in paragraph:
        return "预算执行率", True
    deepest = tracker.stack[-1].text if tracker.stack else paragraph[:12]
    return deepest, False


def _scoring_item(paragraph: str, start: int, tracker: SectionTracker) -> Indicator | None:
    if not _ITEM_MARKERS.search(paragraph) and not _NOT_ASSESSED.search(paragraph):
        return None
    score_match = _ITEM_SCORE.search(paragraph)
    not_assessed = _NOT_ASSESSED.search(paragraph) and score_match is None
    if score_match is None and not not_assessed:
        return None
    name, written = _item_name(paragraph, tracker)
    headings = {h.level: h.text for h in tracker.stack}
    level1 = headings.get(2)
    level2 = headings.get(3) if written else None
    if level2 == name:
        level2 = None
    weight = score = None
    if score_match is not None:
        weights = [m for m in _ITEM_WEIGHT.finditer(paragraph, 0, score_match.start())]
        weight = parse_measure(weights[-1].group("v") + "分") if weights else None
        score_text = score_match.group("v") or score_match.group("v2")
        score = (
            parse_measure(f"{score_text}分") if score_text else Measure("不得分", None, Decimal(0), "分", Decimal(1))
        )
    return _prose_scoring_item(
        name, (start, start + len(paragraph)), paragraph, weight, score, levels=(level1, level2),
        reason="不考核" if not_assessed else None,
    )  # fmt: skip


def _prose_scoring_item(
    name: str,
    span: tuple[int, int],
    evidence: str,
    weight: Measure | None,
    score: Measure | None,
    *,
    project: str | None = None,
    levels: tuple[str | None, str | None] = (None, None),
    reason: str | None = None,
) -> Indicator:
    """A scoring item read from prose: a weight and a score, no target or actual."""
    return Indicator(
        record_kind="scoring_item", name=name, source="prose", project_name=project, level1_name=levels[0],
        level2_name=levels[1], target=None, mid_year=None, actual=None, completion=None, weight=weight,
        score=score, deviation_reason=reason, span_start=span[0], span_end=span[1], evidence=evidence,
    )  # fmt: skip


# ---- first-level scores in prose -----------------------------------------------------------------
# The first-level scores a report sums up in one sentence.
# Not inside a longer name (经济效益, 资金投入), but after the words that open a list.
_ITEM_START = r"(?:(?<![\u4e00-\u9fff])|(?<=其中)|(?<=包括)|(?<=分别为)|(?<=依次为)|(?<=该项目)|(?<=本项目))"
_FIRST_LEVEL_ITEM = re.compile(
    # 产出指标(分值50分,得分48分), 决策类指标分值15分,得分14分
    rf"{_ITEM_START}(?P<name_both>{FIRST_LEVEL_NAME})"
    r"\(?(?:分值|满分|权重)(?:为)?(?P<weight_both>\d+(?:\.\d+)?)分[,;](?:实际)?得分?(?:为)?(?P<score_both>\d+(?:\.\d+)?)分\)?"
    # 产出(30分)得29分, 产出指标得分37.9分, 产出指标满分40分, 预算执行率指标得分9.60分(分值10分)
    rf"|{_ITEM_START}(?P<name>{FIRST_LEVEL_NAME})"
    r"(?:\((?:分值|满分|权重)?(?:为)?(?P<weight>\d+(?:\.\d+)?)分\))?"
    r"(?:[,:]?(?P<word>(?:实际)?得分(?:为)?|得|满分(?:为)?|分值(?:为)?|权重(?:为)?))?"
    r"(?P<value>\d+(?:\.\d+)?)分"
    r"(?:\((?:分值|满分|权重)(?:为)?(?P<weight_after>\d+(?:\.\d+)?)分\))?"
    # 投入(15分)
    rf"|{_ITEM_START}(?P<name_only>{FIRST_LEVEL_NAME})"
    r"\((?:分值|满分|权重)?(?:为)?(?P<weight_only>\d+(?:\.\d+)?)分\)"
)
_WEIGHT_WORDS = ("满分", "分值", "权重")


def _first_level_items(line: str, start: int, project: str | None) -> list[Indicator]:
    """The first-level items a sentence scores. A figure with no word before it ("产出指标27分") is a
    score only where the sentence speaks of scores (得分), a weight only where it speaks of weights."""
    found: list[Indicator] = []
    for m in _FIRST_LEVEL_ITEM.finditer(line):
        name = m.group("name") or m.group("name_both") or m.group("name_only")
        weight_text = m.group("weight") or m.group("weight_both") or m.group("weight_only") or m.group("weight_after")
        score_text = m.group("score_both")
        if m.group("value") is not None:
            word = m.group("word") or ""
            said = word or ("得" if "得" in line[: m.start()] else "分值" if re.search("分值|满分|权重", line) else "")
            if not said:
                continue
            if said.startswith(_WEIGHT_WORDS):
                if weight_text is not None:
                    continue  # two weights for one item: not read
                weight_text = m.group("value")
            else:
                score_text = m.group("value")
        weight = parse_measure(f"{weight_text}分") if weight_text else None
        score = parse_measure(f"{score_text}分") if score_text else None
        found.append(
            _prose_scoring_item(name, (start + m.start(), start + m.end()), line, weight, score, project=project)
        )
    return found


def _merged_first_level(items: list[Indicator]) -> list[Indicator]:
    """One item per first-level name: a weight stated in one sentence and the score in another are one
    item's. Two different scores (or weights) for one name are both kept: the rules see the conflict."""
    merged: dict[str, Indicator] = {}
    kept: list[Indicator] = []
    for item in items:
        key = first_level_key(item.name)
        seen = merged.get(key)
        if seen is None:
            merged[key] = item
            kept.append(item)
            continue
        weight = seen.weight or item.weight
        score = seen.score or item.score
        clash = (seen.weight and item.weight and seen.weight.value != item.weight.value) or (
            seen.score and item.score and seen.score.value != item.score.value
        )
        if clash:
            kept.append(item)
            continue
        joined = replace(seen, weight=weight, score=score)
        kept[kept.index(seen)] = joined
        merged[key] = joined
    return kept


def extract_indicators(
    text: str, tables: list[Table] | None = None, *, performance: bool = True
) -> IndicatorExtraction:
    """Indicators and scoring items; first-level scores in prose only in a self-evaluation
    (`performance`), where 产出/效益 name its items rather than a budget's words."""
    out = IndicatorExtraction()
    tables = find_tables(text) if tables is None else tables
    for number, table in enumerate(tables, start=1):
        records, totals = _indicators_from_table(table, number, text)
        if records:
            out.indicators.extend(records)
            out.total_scores.extend(totals)
            out.consumed.append((table.start, table.end))
    tracker = SectionTracker()
    position = 0
    first_level: list[Indicator] = []
    for line in text.split("\n"):
        start = position
        position += len(line) + 1
        if "\t" in line or not line.strip():
            continue
        heading = parse_heading(line, start)
        if heading is not None:
            tracker.enter(heading)
            continue
        record = _prose_indicator(line, start, tracker.project)
        items = _first_level_items(line, start, tracker.project) if performance and record is None else []
        if items:
            first_level.extend(items)
            continue
        record = record or _scoring_item(line, start, tracker)
        if record is not None:
            out.indicators.append(record)
            out.consumed.append((record.span_start, record.span_end))
    first_level = [item for item in _merged_first_level(first_level) if item.score or item.weight]
    out.indicators.extend(first_level)
    out.consumed.extend((item.span_start, item.span_end) for item in first_level)
    return out
