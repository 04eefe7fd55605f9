"""What extraction produces. Every record carries its provenance: span, sentence and section."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Provenance:
    span_start: int  # [start, end) in the normalised document text: the statement (label + figure)
    span_end: int
    sentence: str
    sentence_start: int
    section: str  # headings from the outside in, joined with " > "
    pattern: str  # the catalogue entry or rule that placed the figure


@dataclass(frozen=True)
class Fact:
    metric: str
    scope: str
    period: str
    basis: str
    value: Decimal | None  # as written, in `unit`; None for text facts (grade)
    unit: str | None
    precision: Decimal | None  # rounding unit as written, in `unit`
    amount_wan: Decimal | None  # money normalised to 万元
    precision_wan: Decimal | None
    value_text: str
    provenance: Provenance
    project_name: str | None = None
    # what a change_amount / growth_pct compares: a metric, or line_subject(i) for classified line i
    subject_metric: str | None = None
    # … and against what: prior_actual (上年决算), prior_budget (上年预算), current_budget (本年预算,
    # 调整后预算), initial_budget (年初预算). Two changes of one subject against different bases differ.
    base: str | None = None
    # Parts listed after this figure (其中 …) that could not be placed: a sum over its parts is then
    # incomplete, and its identity cannot be checked.
    unplaced_parts: int = 0
    part_of: str | None = None  # the whole (its metric) a list (其中 …) states this figure as a part of
    pct: Decimal | None = None  # stated share of `share_of`
    pct_precision: Decimal | None = None
    share_of: str | None = None  # metric the stated share is a share of
    share_of_scope: str | None = None  # … where its words name whose (占财政拨款支出的: fiscal)
    label: str | None = None  # the words naming the figure, as written (what an output counts)
    # On a page about many departments (县直部门“三公”经费), the one unit a figure is of, as named
    # ("县国土资源局“三公”经费预算86.40万元"); None for the document's own figures.
    unit_name: str | None = None


@dataclass(frozen=True)
class ClassifiedLine:
    classification: str  # functional | economic
    level: int  # functional: 1 类, 2 款, 3 项; economic: 1 类, 2 款
    name: str  # as written
    code: str | None  # as written, when printed
    class_name: str | None  # functional 类 / economic category the line sits under, as written
    kuan_name: str | None
    scope: str
    period: str
    basis: str
    amount_wan: Decimal
    precision_wan: Decimal
    value_text: str
    provenance: Provenance
    parent_metric: str | None = None  # economic items: personnel_expense / public_expense …
    pct: Decimal | None = None
    pct_precision: Decimal | None = None
    share_of: str | None = None
    share_of_scope: str | None = None  # where the share's words name whose total (占一般公共预算支出的: gpb)
    source: str = "text"  # text, or table:<title> for lines read from a standard table


@dataclass(frozen=True)
class Project:
    name: str
    amount_wan: Decimal
    precision_wan: Decimal
    basis: str
    funding_document: str | None
    value_text: str
    provenance: Provenance


@dataclass(frozen=True)
class ExtractionIssue:
    kind: str  # unplaced_amount | unplaced_percent | scoring_item | table_not_parsed …
    message: str
    text: str
    span_start: int
    span_end: int
    section: str


@dataclass(frozen=True)
class Measure:
    """A value in a performance report: '实现率≥95%', '43宗', '好' — number and words kept apart."""

    text: str
    comparator: str | None = None  # ≥ ≤ > < =
    value: Decimal | None = None
    unit: str | None = None
    precision: Decimal | None = None


@dataclass(frozen=True)
class Indicator:
    """A performance indicator (绩效指标) or a scoring item (评分项) of a self-evaluation."""

    record_kind: str  # indicator | scoring_item
    name: str
    source: str  # table:<n> | prose
    project_name: str | None
    level1_name: str | None
    level2_name: str | None
    target: Measure | None
    mid_year: Measure | None
    actual: Measure | None
    completion: Measure | None
    weight: Measure | None
    score: Measure | None
    deviation_reason: str | None
    span_start: int
    span_end: int
    evidence: str
    unit_column: str | None = None  # the 计量单位 cell as written, where the table has one


@dataclass(frozen=True)
class StandardTable:
    """A standard 附表 table found in the document (收入支出决算总表 …)."""

    kind: str
    title: str
    unit: str | None
    basis: str
    rows: int
    span_start: int
    span_end: int


@dataclass
class Extraction:
    facts: list[Fact] = field(default_factory=list)
    lines: list[ClassifiedLine] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    issues: list[ExtractionIssue] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    tables: list[StandardTable] = field(default_factory=list)
