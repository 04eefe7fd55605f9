"""The registry of accounting identities and the code that finds every instance of each.

A rule names an identity a document implies (DESIGN's catalogue). Evaluating it over one
document's facts yields rule instances: the two sides as stated, their residual and the rounding
envelope. Whether an instance is an error is decided by the Great Expectations suite generated
from this registry (quality/expectations.py), so the registry is the single source of the checks.

The plain sums (a total and its required parts) are declared as data instead (seeds/identity_sum_*
.csv): the registry reads them, and a dbt model builds their instances in SQL.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from fiscal.config import project_dir
from fiscal.quality.envelope import Comparison, Figure, Side, difference, one, ratio_pct, total
from fiscal.vocabulary import (
    BREAKDOWN_OF,
    FIRST_LEVEL,
    FIRST_LEVEL_FRAMEWORKS,
    LINE_SUBJECT,
    STATED_RELATIONS,
    first_level_key,
)

PASS, ROUNDING, WARNING, ERROR = "pass", "rounding", "warning", "error"
INSUFFICIENT, NOT_APPLICABLE = "insufficient_data", "not_applicable"
# Exactly one per rule instance. insufficient_data: a figure the rule needs is not stated;
# not_applicable: the figures are stated but the identity has no meaning for them (a share of 0).
STATUSES = (PASS, ROUNDING, WARNING, ERROR, INSUFFICIENT, NOT_APPLICABLE)


@dataclass(frozen=True)
class FactRow:
    """A fact or classified line as the marts give it, reduced to what rules need."""

    metric: str  # metric key, or "functional:<level>" / "economic:<level>" for lines
    scope: str
    period: str
    basis: str
    project: str | None
    subject: str | None
    value: Decimal | None  # amount_wan for money, value otherwise
    half_unit: Decimal | None
    pct: Decimal | None
    pct_half_unit: Decimal | None
    share_of: str | None
    evidence: str
    span_start: int
    span_end: int
    name: str | None = None  # lines: name as written
    code: str | None = None
    class_code: str | None = None
    kuan_code: str | None = None
    class_name: str | None = None
    kuan_name: str | None = None
    parent_metric: str | None = None
    level: int | None = None
    text: str | None = None  # the value as written (a grade's words)
    source: str = "text"  # for lines: text, or table:<title>
    base: str | None = None  # what a change or growth rate is compared against (prior_actual …)
    unplaced_parts: int = 0  # parts listed after it that extraction could not place
    label: str | None = None  # facts: the words naming it (a stated comparison: the line it is about)
    part_of: str | None = None  # facts: the whole a list (其中 …) states it as a part of
    line_id: int | None = None  # lines: raw.classified_lines.line_id, what a line's change names
    share_of_scope: str | None = None  # whose total a share is of, where its words say (占财政拨款支出的)

    def figure(self) -> Figure:
        assert self.value is not None and self.half_unit is not None
        label = self.name or (f"{self.project}: {self.metric}" if self.project else self.metric)
        return Figure(self.value, self.half_unit, label, self.evidence, self.span_start, self.span_end)

    def pct_figure(self) -> Figure:
        assert self.pct is not None and self.pct_half_unit is not None
        return Figure(
            self.pct,
            self.pct_half_unit,
            f"{self.name or self.metric} share %",
            self.evidence,
            self.span_start,
            self.span_end,
        )


@dataclass(frozen=True)
class IndicatorRow:
    """A performance indicator or scoring item as fct_performance_indicators gives it."""

    record_kind: str
    name: str
    source: str
    project: str | None
    comparator: str | None
    target_text: str | None
    target: Figure | None
    target_unit: str | None
    actual_text: str | None
    actual: Figure | None
    unit: str | None
    completion: Figure | None
    weight: Figure | None
    score: Figure | None
    own_target_unit: str | None = None  # the target's unit as written (else its row's 计量单位)
    level1_name: str | None = None  # the 一级指标 the row sits under (None for a first-level item)
    unit_column: str | None = None  # the row's 计量单位, where the table has one
    evidence: str = ""  # the row as written
    span_start: int | None = None
    span_end: int | None = None


@dataclass
class DocumentFacts:
    document_id: str
    department_id: str | None = None  # naming variants of a department share it (dbt macro)
    region: str | None = None  # where it is (甲市, 乙县): a bare 财政局 of two cities is two departments
    fiscal_year: int | None = None
    doc_type: str | None = None
    facts: list[FactRow] = field(default_factory=list)
    functional: list[FactRow] = field(default_factory=list)
    economic: list[FactRow] = field(default_factory=list)
    projects: list[FactRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    funding: list[FactRow] = field(default_factory=list)  # budget figures split by funding source
    tables: dict[str, str] = field(default_factory=dict)  # standard table kind → title, as found
    # On a page about many departments, each named unit's own figures, checked apart from the page's
    # (fiscal.extract.model.Fact.unit_name): a unit's total against its parts, never against the page's.
    units: dict[str, DocumentFacts] = field(default_factory=dict)

    def first(
        self,
        metric: str,
        *,
        scope: str | None = None,
        period: str = "current",
        basis: str | None = None,
        project: str | None = None,
        subject: str | None = None,
        base: str | None = None,
    ) -> FactRow | None:
        """The first statement of a figure (statements that disagree are the stated-twice rule's job).

        Changes and growth rates are only ever of one subject and one base: a change of 公务接待费
        against last year is not its change against the budget."""
        for row in self.facts:
            if (
                row.metric == metric
                and row.value is not None
                and row.period == period
                and (scope is None or row.scope == scope)
                and (basis is None or row.basis == basis)
                and row.project == project
                and row.subject == subject
                and row.base == base
            ):
                return row
        return None

    def groups(self) -> Iterator[tuple[str, str, str, str | None]]:
        """The (scope, period, basis, project) combinations the document states figures in."""
        seen = dict.fromkeys((r.scope, r.period, r.basis, r.project) for r in self.facts if r.value is not None)
        yield from seen


@dataclass(frozen=True)
class Instance:
    """One check of one rule: what was compared, and what failure would mean."""

    rule_id: str
    key: str  # which figures of the document this instance is about
    comparison: Comparison | None  # None: the figures the rule needs are not all stated
    missing: str = ""
    # A breach where the parts fall short of a "主要包括" total may be a list left incomplete.
    shortfall_is_warning: bool = False
    # Shares are often nudged by one unit so that a list totals 100%: a breach smaller than this
    # (beyond the envelope) is a warning, not an accounting error.
    near_miss: Decimal | None = None
    breach_is_warning: bool = False  # a finding to look at, not an accounting error
    not_applicable: bool = False  # stated, but meaningless here (a ratio with a zero base)


@dataclass(frozen=True)
class Rule:
    rule_id: str
    kind: str  # within_text, cross_table, table_text, cross_document
    severity: str  # error: a breach is an error; warning: a breach is a finding to look at
    description_zh: str
    description_en: str
    metrics: tuple[str, ...]
    evaluate: Callable[[DocumentFacts], Iterator[Instance]] | None = None
    # cross-document rules see every document and say which one each instance is about
    evaluate_corpus: Callable[[list[DocumentFacts]], Iterator[tuple[str, Instance]]] | None = None
    declared_in: str | None = None  # declared as data: the dbt model that builds its instances in SQL


# Facts the text states about the document itself (its year, a placeholder, its comparisons, a grade).
_ABOUT_THE_DOCUMENT = {"stated_year", "placeholder", "stated_comparison", "grade"}


def _key(scope: str, period: str, basis: str, project: str | None, extra: str = "") -> str:
    parts = [f"scope={scope}", f"period={period}", f"basis={basis}"]
    if project:
        parts.append(f"project={project}")
    if extra:
        parts.append(extra)
    return " ".join(parts)


_TOTAL_FOR_BASIS = {
    "actual": ("expenditure_total", "gpb_expenditure", "executed"),
    "budget": ("expenditure_total", "gpb_expenditure", "budget_adjusted"),
    "initial_budget": ("expenditure_total", "gpb_expenditure", "budget_initial"),
}


def _sum_identity(
    doc: DocumentFacts,
    rule_id: str,
    lhs_choice: tuple[str, ...] | dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
    lhs_needed_to_report: bool = True,
) -> Iterator[Instance]:
    """lhs (first of its metrics stated) = Σ terms, per (scope, period, basis, project).

    `lhs_choice` may depend on the basis: the total of actual spending may be stated as 执行数.
    """
    for scope, period, basis, project in doc.groups():
        key = _key(scope, period, basis, project)
        lhs_metrics = lhs_choice.get(basis, ()) if isinstance(lhs_choice, dict) else lhs_choice
        lhs = next(
            (
                row
                for m in lhs_metrics
                if (row := doc.first(m, scope=scope, period=period, basis=basis, project=project))
            ),
            None,
        )
        terms = {m: doc.first(m, scope=scope, period=period, basis=basis, project=project) for m in required + optional}
        present = [row for row in terms.values() if row is not None]
        # Report a check that cannot run only where the document states something it is about:
        # its own total (not a generic stand-in such as 执行数) or at least two of its parts.
        states_own_total = lhs is not None and lhs.metric == lhs_metrics[0]
        if not (states_own_total or len(present) >= 2 or (lhs is not None and present)):
            continue
        missing = [m for m in required if terms[m] is None] + ([] if lhs else ["/".join(lhs_metrics)])
        if lhs is not None and (unplaced := _unplaced_parts(doc, lhs)):
            missing.append(unplaced)
        if lhs is None or missing or not present:
            yield Instance(rule_id, key, None, missing=", ".join(missing) or "all parts")
            continue
        yield Instance(rule_id, key, Comparison(one(lhs.figure()), total([r.figure() for r in present])))


def _unplaced_parts(doc: DocumentFacts, whole: FactRow) -> str:
    """'' when every part listed under any statement of `whole` was placed, else what is missing."""
    count = max(
        (
            row.unplaced_parts
            for row in doc.facts
            if (row.metric, row.scope, row.period, row.basis, row.project)
            == (whole.metric, whole.scope, whole.period, whole.basis, whole.project)
        ),
        default=0,
    )
    return f"{count} listed part(s) of {whole.metric} not placed" if count else ""


# Components some documents state beside 基本支出 and 项目支出; each is added when stated.
_OTHER_SPENDING_COMPONENTS = (
    "operating_expenditure",
    "contingency_reserve",
    "remittance_to_superior_expenditure",
    "subsidy_to_subordinate_expenditure",
)


def expenditure_total_rule(doc: DocumentFacts) -> Iterator[Instance]:
    yield from _sum_identity(
        doc,
        "expenditure_total_eq_basic_plus_project",
        _TOTAL_FOR_BASIS,
        ("basic_expenditure", "project_expenditure"),
        _OTHER_SPENDING_COMPONENTS,
    )


_INCOME_SOURCES = (
    "business_income",
    "operating_income",
    "superior_subsidy_income",
    "subordinate_income",
    "other_income",
)
_APPROPRIATION_TYPES = ("gpb_appropriation_income", "gov_fund_appropriation_income", "soe_capital_appropriation_income")


def income_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """The department's income by source; fiscal-scope income is the appropriation rule's."""
    for scope, period, basis, project in doc.groups():
        if scope != "department":
            continue
        income = doc.first("income_total", scope=scope, period=period, basis=basis, project=project)
        if income is None:
            continue
        fiscal = doc.first("fiscal_appropriation_income", period=period, basis=basis, project=project)
        appropriation = (
            [fiscal]
            if fiscal
            else [doc.first(m, period=period, basis=basis, project=project) for m in _APPROPRIATION_TYPES]
        )
        others = [doc.first(m, period=period, basis=basis, project=project) for m in _INCOME_SOURCES]
        present = [r for r in appropriation + others if r is not None]
        key = _key(scope, period, basis, project)
        unplaced = _unplaced_parts(doc, income)
        # The appropriation is nearly every department's largest source: a sum without it is not the
        # document's sum but a sign that its appropriation was stated in words we did not place.
        missing = unplaced or ("" if any(appropriation) else "fiscal appropriation income")
        if not present or missing:
            yield Instance("income_total_eq_sum_of_sources", key, None, missing=missing or "every income source")
            continue
        yield Instance(
            "income_total_eq_sum_of_sources",
            key,
            Comparison(one(income.figure()), total([r.figure() for r in present])),
        )


def fiscal_appropriation_rule(doc: DocumentFacts) -> Iterator[Instance]:
    yield from _sum_identity(
        doc, "fiscal_appropriation_eq_sum_of_types", ("fiscal_appropriation_income",), (), _APPROPRIATION_TYPES
    )


_BROADER_THREE_PUBLIC_PARTS = ("meeting_expense", "training_expense", "travel_expense")


def _three_public_parts(doc: DocumentFacts, group: dict[str, str | None]) -> list[FactRow]:
    vehicle_total = doc.first("three_public_vehicle", **group)
    vehicle = (
        [vehicle_total]
        if vehicle_total
        else [
            doc.first("three_public_vehicle_purchase", **group),
            doc.first("three_public_vehicle_operation", **group),
        ]
    )
    # Some regions' “三公” include 会议费 and 培训费: listed as its parts, they are parts of it.
    broader = [
        row
        for metric in _BROADER_THREE_PUBLIC_PARTS
        if (row := doc.first(metric, **group)) is not None and row.part_of == "three_public_total"
    ]
    candidates = [doc.first("three_public_outbound_travel", **group), *vehicle,
                  doc.first("three_public_reception", **group), *broader]  # fmt: skip
    return [r for r in candidates if r]


_THREE_PUBLIC_FAMILIES = ("three_public_outbound_travel", "three_public_vehicle", "three_public_reception")


def _part_family(row: FactRow) -> str:
    return "three_public_vehicle" if row.metric.startswith("three_public_vehicle") else row.metric


def three_public_rule(doc: DocumentFacts) -> Iterator[Instance]:
    groups = [
        {"scope": scope, "period": period, "basis": basis, "project": project}
        for scope, period, basis, project in doc.groups()
        if doc.first("three_public_total", scope=scope, period=period, basis=basis, project=project)
    ]
    parts_of = [_three_public_parts(doc, group) for group in groups]
    for group, parts in zip(groups, parts_of, strict=True):
        lhs = doc.first("three_public_total", **group)
        assert lhs is not None
        key = _key(group["scope"], group["period"], group["basis"], group["project"])
        unplaced = _unplaced_parts(doc, lhs)
        # "…比2013年的710.62万元减少…;公务用车购置及运行费421.18万元(上年为541.02万元)": where another
        # year or basis of the same “三公” names a part this one lacks, this one's parts are not all stated.
        stated = {_part_family(r) for r in parts}
        elsewhere = {
            _part_family(r)
            for other, other_parts in zip(groups, parts_of, strict=True)
            if other["scope"] == group["scope"] and other["project"] == group["project"]
            for r in other_parts
        }
        # The total is of three parts by definition: with one unstated (OCR lost "O万元"), the stated
        # parts are not the whole, and a shortfall is no inconsistency.
        # Where the document lists 会议费/培训费 among them, its own (regional) parts are the whole.
        regional = any(r.metric in _BROADER_THREE_PUBLIC_PARTS for r in parts)
        unstated = [] if regional else [family for family in _THREE_PUBLIC_FAMILIES if family not in stated]
        if not parts or unplaced or stated < elsewhere or unstated:
            missing = unplaced or (
                "every part" if not parts else ", ".join(sorted((elsewhere - stated) | set(unstated)))
            )
            yield Instance("three_public_total_eq_sum_of_parts", key, None, missing=missing)
            continue
        yield Instance(
            "three_public_total_eq_sum_of_parts", key, Comparison(one(lhs.figure()), total([r.figure() for r in parts]))
        )


def vehicles_bought_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """Vehicles bought in the year where the purchase spending is stated as nothing (公车购置费0万元).

    A spending of zero, even at the upper end of its rounding (0万元 < 0.5万元), buys no vehicle; a
    spending above zero says nothing about how many, so only the zero case is compared."""
    for count in (row for row in doc.facts if row.metric == "vehicle_purchase_count" and row.value is not None):
        spending = doc.first(
            "three_public_vehicle_purchase", period=count.period, basis=count.basis, project=count.project
        )
        key = _key(count.scope, count.period, count.basis, count.project)
        if spending is None:
            yield Instance("vehicles_bought_have_purchase_spending", key, None, missing="three_public_vehicle_purchase")
            continue
        if spending.value != 0:
            yield Instance(
                "vehicles_bought_have_purchase_spending", key, None, missing="a zero spending", not_applicable=True
            )
            continue
        paid_for = Figure(Decimal(0), Decimal(0), f"vehicles {spending.metric} {spending.text} pays for",
                          spending.evidence, spending.span_start, spending.span_end)  # fmt: skip
        yield Instance("vehicles_bought_have_purchase_spending", key, Comparison(one(count.figure()), one(paid_for)))


def gpb_functional_rule(doc: DocumentFacts) -> Iterator[Instance]:
    # Last year's figure of a class in the text is stated beside that class ("比上年决算2354.20万元"),
    # one class at a time: never a list of last year's classes.
    classes = [line for line in doc.functional if line.level == 1 and (line.period, line.source) != ("prior", "text")]
    by_group: dict[tuple[str, str, str, str], list[FactRow]] = defaultdict(list)
    named: set[tuple[str, str, str, str, str | None]] = set()
    for line in classes:  # each statement (the text, each table) is checked on its own
        group = (line.scope, line.period, line.basis, line.source)
        # A class the text states again ("一般公共服务支出(类)…,其中:…(款)") is counted once; whether
        # the two statements agree is the stated-twice rule's question.
        if (*group, _name_key(line.name or "")) not in named:
            named.add((*group, _name_key(line.name or "")))
            by_group[group].append(line)
    for (scope, period, basis, source), lines in by_group.items():
        total_metric = "gpb_expenditure" if scope == "gpb" else "expenditure_total"
        lhs = doc.first(total_metric, scope=scope, period=period, basis=basis)
        key = _key(scope, period, basis, None, f"total={total_metric} lines={source}")
        if lhs is None:
            yield Instance("expenditure_eq_sum_of_functional_classes", key, None, missing=total_metric)
            continue
        if len(lines) < 2 and source == "text":
            # One class named in the text ("卫生健康支出(类)决算数为2918.64万元") is not a list of them all.
            yield Instance("expenditure_eq_sum_of_functional_classes", key, None, missing="a list of the classes")
            continue
        missing = _classes_not_stated(doc, lines) or _funds_not_said(doc, scope, period, basis)
        if missing:
            yield Instance("expenditure_eq_sum_of_functional_classes", key, None, missing=missing)
            continue
        yield Instance(
            "expenditure_eq_sum_of_functional_classes",
            key,
            Comparison(one(lhs.figure()), total([line.figure() for line in lines])),
        )


def _classes_not_stated(doc: DocumentFacts, classes: list[FactRow]) -> str | None:
    """Classes whose lines the statement gives (卫生健康支出(类)事业单位医疗(项)90.13万元) but not the class's
    own figure: its list of classes is not whole."""
    first = classes[0]
    stated = {_name_key(line.name or "") for line in classes}
    under = {
        _name_key(line.class_name)
        for line in doc.functional
        if line.level and line.level > 1 and line.class_name
        and (line.scope, line.period, line.basis, line.source) == (first.scope, first.period, first.basis, first.source)
    }  # fmt: skip
    absent = sorted(under - stated)
    return f"the figures of the classes {', '.join(absent)}" if absent else None


def _funds_not_said(doc: DocumentFacts, scope: str, period: str, basis: str) -> str | None:
    """Classes listed for the appropriation as a whole where it also spends government-fund (or SOE
    capital) money: they may be the general budget's alone (按功能分类 after its paragraph)."""
    if scope != "fiscal":
        return None
    other = [
        row for metric in ("gov_fund_expenditure", "soe_capital_expenditure")
        if (row := doc.first(metric, period=period, basis=basis)) is not None and row.value
    ]  # fmt: skip
    return "whether the classes are of the general budget alone" if other else None


def _functional_children(doc: DocumentFacts, parent: FactRow, level: int) -> list[FactRow]:
    def belongs(child: FactRow) -> bool:
        if (child.level, child.scope, child.basis, child.period, child.source) != (
            level,
            parent.scope,
            parent.basis,
            parent.period,
            parent.source,
        ):
            return False
        own_code = child.class_code if parent.level == 1 else child.kuan_code
        if parent.code and own_code:
            return parent.code == own_code
        parent_name = child.class_name if parent.level == 1 else child.kuan_name
        return bool(parent_name) and _name_key(parent_name) == _name_key(parent.name or "")

    # A child stated twice (two sections of the explanation) is one child: its first statement.
    children: dict[str, FactRow] = {}
    for child in doc.functional:
        if belongs(child):
            children.setdefault(_line_key(child), child)
    return list(children.values())


def functional_children_rule(doc: DocumentFacts) -> Iterator[Instance]:
    for parent in doc.functional:
        if parent.level not in (1, 2):
            continue
        children = _functional_children(doc, parent, parent.level + 1)
        if not children and parent.level == 1:
            children = _functional_children(doc, parent, 3)  # 款 not stated: 项 directly
        if not children:
            continue
        key = _key(parent.scope, parent.period, parent.basis, None, f"line={parent.name}")
        # The explanation describes the main 项 of a 类 one paragraph each ("具体情况") and may leave
        # small ones out: short of the line in the text is a warning; over it, or in a table, an error.
        yield Instance(
            "functional_line_eq_sum_of_children",
            key,
            Comparison(one(parent.figure()), total([c.figure() for c in children])),
            shortfall_is_warning=not parent.source.startswith("table:"),
        )


def economic_items_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """Personnel and public expenses, and economic 类 lines, against the items listed under them."""
    items = [line for line in doc.economic if line.level == 2]
    by_parent: dict[tuple[str, str, str, str], list[FactRow]] = defaultdict(list)
    for item in items:
        parent = item.parent_metric or (f"class:{item.class_name}" if item.class_name else None)
        if parent:
            by_parent[(parent, item.scope, item.period, item.basis, item.source)].append(item)
    for (parent, scope, period, basis, source), listed in by_parent.items():
        if parent.startswith("class:"):
            name = parent.removeprefix("class:")
            lhs = next(
                (
                    line
                    for line in doc.economic
                    if line.level == 1
                    and (line.name, line.basis, line.period, line.source) == (name, basis, period, source)
                ),
                None,
            )
        else:
            lhs = doc.first(parent, scope=scope, period=period, basis=basis)
        key = _key(scope, period, basis, None, f"total={parent} lines={source}")
        if lhs is None:
            yield Instance("economic_total_eq_sum_of_items", key, None, missing=parent)
            continue
        # A list in the text ("主要包括 …") may leave items out; a standard table lists them all.
        yield Instance(
            "economic_total_eq_sum_of_items",
            key,
            Comparison(one(lhs.figure()), total([i.figure() for i in listed])),
            shortfall_is_warning=not source.startswith("table:"),
        )
    yield from basic_classes_rule(doc)


def basic_classes_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """A basic-expenditure table's 合计 against the economic 类 it lists (301 + 302 + 303 …), where
    every item the table lists sits under a 类 it also lists (else a 类 row may be missing)."""
    classes: dict[tuple[str, str, str, str], list[FactRow]] = defaultdict(list)
    for line in doc.economic:
        if line.level == 1 and line.source.startswith("table:"):
            classes[(line.scope, line.period, line.basis, line.source)].append(line)
    for (scope, period, basis, source), listed in classes.items():
        names = {line.name for line in listed}
        orphans = [i for i in doc.economic if i.level == 2 and i.source == source and i.class_name not in names]
        lhs = doc.first("basic_expenditure", scope=scope, period=period, basis=basis)
        if len(listed) < 2 or orphans or lhs is None:
            continue
        key = _key(scope, period, basis, None, f"total=basic_expenditure classes={source}")
        yield Instance(
            "economic_total_eq_sum_of_items", key, Comparison(one(lhs.figure()), total([c.figure() for c in listed]))
        )


def projects_rule(doc: DocumentFacts) -> Iterator[Instance]:
    by_basis: dict[str, list[FactRow]] = defaultdict(list)
    for project in doc.projects:
        by_basis[project.basis].append(project)
    for basis, projects in by_basis.items():
        lhs = doc.first("project_expenditure", scope="department", basis=basis) or doc.first(
            "project_expenditure", basis=basis
        )
        key = _key("department", "current", basis, None)
        if lhs is None:
            yield Instance("project_expenditure_eq_sum_of_projects", key, None, missing="project_expenditure")
            continue
        yield Instance(
            "project_expenditure_eq_sum_of_projects",
            key,
            Comparison(one(lhs.figure()), total([p.figure() for p in projects])),
            shortfall_is_warning=True,
        )


def share_rule(doc: DocumentFacts) -> Iterator[Instance]:
    for row in doc.facts + doc.functional + doc.economic:
        if row.pct is None or row.value is None:
            continue
        key = f"part={row.name or row.metric} share_of={row.share_of}"
        whole = None
        if row.share_of:
            # "财政拨款支出9066.79万元,占本年支出合计的99.13%": a share of a total of its own metric is of
            # the department's total, never of itself.
            scope = row.scope if row.share_of != row.metric else "department"
            if row.share_of_scope:  # "占财政拨款支出的83.63%": that total, not another fund's of the same name
                whole = doc.first(row.share_of, scope=row.share_of_scope, period=row.period, basis=row.basis)
            else:
                whole = (
                    doc.first(row.share_of, scope=scope, period=row.period, basis=row.basis)
                    or doc.first(row.share_of, period=row.period, basis=row.basis)
                    or doc.first(row.share_of, period=row.period)
                )
            if whole is not None and whole.metric == row.metric and whole.scope == row.scope:
                whole = None
        if whole is None:
            yield Instance("stated_share_eq_part_over_total", key, None, missing=row.share_of or "the total")
            continue
        computed = ratio_pct(one(row.figure()), one(whole.figure()))
        if computed is None:
            yield Instance(
                "stated_share_eq_part_over_total", key, None, missing="a non-zero total", not_applicable=True
            )
            continue
        # A share nudged by one unit is a warning only where the shares listed with it total 100 %
        # as written: that is the nudge's reason, and elsewhere a wrong share is an error.
        nudged = row.pct_half_unit is not None and _shares_total_100(doc, row)
        yield Instance(
            "stated_share_eq_part_over_total",
            key,
            Comparison(one(row.pct_figure()), computed),
            near_miss=row.pct_half_unit * 2 if nudged and row.pct_half_unit else None,
        )


def _shares_total_100(doc: DocumentFacts, row: FactRow) -> bool:
    """The stated shares of `row`'s whole (same base, scope, period, basis) add up to exactly 100."""
    siblings = [
        other
        for other in doc.facts + doc.functional + doc.economic
        if other.pct is not None
        and (other.share_of, other.scope, other.period, other.basis) == (row.share_of, row.scope, row.period, row.basis)
        and other.source == row.source
        and BREAKDOWN_OF.get(other.metric, "") == BREAKDOWN_OF.get(row.metric, "")
    ]
    return len(siblings) >= 2 and sum(other.pct for other in siblings if other.pct is not None) == 100


def shares_total_100_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """The stated shares of parts that make up their whole add up to 100 % (within their rounding).

    Only a complete list is checked: its parts' amounts add up to the whole within rounding. A list
    of some of the parts ("其中 …占 40%") may total anything below 100."""
    groups: dict[tuple[str, str, str, str, str, str], list[FactRow]] = defaultdict(list)
    for row in doc.facts + doc.functional + doc.economic:
        stated = row.pct is not None and row.pct_half_unit is not None and row.value is not None
        if stated and row.share_of and row.share_of != row.metric:
            breakdown = BREAKDOWN_OF.get(row.metric, "")
            groups[(row.share_of, row.scope, row.period, row.basis, row.source, breakdown)].append(row)
    for (share_of, scope, period, basis, source, breakdown), parts in groups.items():
        whole = doc.first(share_of, scope=scope, period=period, basis=basis) or doc.first(
            share_of, period=period, basis=basis
        )
        if len(parts) < 2 or whole is None:
            continue
        by = f" by={breakdown}" if breakdown else ""
        key = _key(scope, period, basis, None, f"shares_of={share_of}{by} parts={len(parts)} lines={source}")
        if whole.value == 0:
            yield Instance("shares_of_whole_total_100", key, None, missing="a non-zero whole", not_applicable=True)
            continue
        if not Comparison(one(whole.figure()), total([p.figure() for p in parts])).within_rounding:
            continue  # not the whole list: its shares need not total 100
        hundred = Figure(Decimal(100), Decimal(0), "100%", f"{whole.metric} = 100%")
        shares = total([part.pct_figure() for part in parts])
        yield Instance("shares_of_whole_total_100", key, Comparison(shares, one(hundred)))


# A change's base says which two figures of its subject it is the difference of:
# (period, basis) of the figure compared, and of the figure it is compared with.
_BASE_FIGURES = {
    "prior_actual": (("current", "actual"), ("prior", "actual")),
    "prior_budget": (("current", "budget"), ("prior", "budget")),
    "current_budget": (("current", "actual"), ("current", "budget")),
    "initial_budget": (("current", "actual"), ("current", "initial_budget")),
}


def _subject_figures(doc: DocumentFacts, change: FactRow) -> tuple[FactRow | None, FactRow | None]:
    """The subject's figure that changed and the figure it is compared with (its base)."""
    assert change.subject is not None
    (period, basis), (base_period, base_basis) = _BASE_FIGURES.get(
        change.base or "", (("current", change.basis), ("prior", change.basis))
    )
    if change.subject.startswith(LINE_SUBJECT):
        # A classified line's change; its figure last year where the text states it beside the line
        # ("公共安全支出(类)决算数为2596.38万元,比上年决算2354.20万元增加242.18万元"), else implied.
        line_id = int(change.subject.removeprefix(LINE_SUBJECT))
        lines = doc.functional + doc.economic
        line = next((row for row in lines if row.line_id == line_id), None)
        if line is None or (line.period, line.basis) != (period, basis):
            return None, None
        compared = next(
            (
                row for row in lines
                if (row.metric, row.name, row.scope, row.source, row.period, row.basis)
                == (line.metric, line.name, line.scope, line.source, base_period, base_basis)
            ),
            None,
        )  # fmt: skip
        return line, compared
    current = doc.first(change.subject, scope=change.scope, period=period, basis=basis, project=change.project)
    compared = doc.first(
        change.subject, scope=change.scope, period=base_period, basis=base_basis, project=change.project
    )
    return current, compared


def _subject_key(row: FactRow) -> str:
    return f"subject={row.subject}" + (f" base={row.base}" if row.base else "")


def change_rule(doc: DocumentFacts) -> Iterator[Instance]:
    for change in (r for r in doc.facts if r.metric == "change_amount" and r.subject):
        current, prior = _subject_figures(doc, change)
        key = _key(change.scope, change.period, change.basis, change.project, _subject_key(change))
        if current is None or prior is None:
            yield Instance(
                "change_eq_current_minus_prior",
                key,
                None,
                missing=f"{change.subject} ({'current' if current is None else 'prior'})",
            )
            continue
        yield Instance(
            "change_eq_current_minus_prior",
            key,
            Comparison(one(change.figure()), difference(one(current.figure()), one(prior.figure()))),
        )


def growth_rule(doc: DocumentFacts) -> Iterator[Instance]:
    for growth in (r for r in doc.facts if r.metric == "growth_pct" and r.subject):
        key = _key(growth.scope, growth.period, growth.basis, growth.project, _subject_key(growth))
        change = doc.first(
            "change_amount",
            scope=growth.scope,
            basis=growth.basis,
            project=growth.project,
            subject=growth.subject,
            base=growth.base,
        )
        current, prior = _subject_figures(doc, growth)
        if change is None and current is not None and prior is not None:
            # "培训费2023年预算2万元,较2022年预算1.50万元增长75%": the change is the difference.
            stated_change = difference(one(current.figure()), one(prior.figure()))
        elif change is not None and (prior is not None or current is not None):
            stated_change = one(change.figure())
        else:
            yield Instance("growth_eq_change_over_prior", key, None, missing="change or prior figure")
            continue
        # The prior figure as stated, else as implied by the current figure and the change.
        base = one(prior.figure()) if prior else difference(one(current.figure()), stated_change)
        computed = ratio_pct(stated_change, base)
        if computed is None:
            yield Instance(
                "growth_eq_change_over_prior", key, None, missing="a non-zero prior figure", not_applicable=True
            )
            continue
        yield Instance("growth_eq_change_over_prior", key, Comparison(one(growth.figure()), computed))


def execution_rate_rule(doc: DocumentFacts) -> Iterator[Instance]:
    for rate in (r for r in doc.facts if r.metric == "execution_rate_pct"):
        extra = (f"subject={rate.subject}" if rate.subject else "") + (f" base={rate.base}" if rate.base else "")
        key = _key(rate.scope, rate.period, "actual", rate.project, extra.strip())
        if rate.subject:
            executed = doc.first(rate.subject, scope=rate.scope, basis="actual", project=rate.project)
            # the budget its words name (为年初预算的…, 完成调整预算的…), else the adjusted, else the initial
            bases = {"initial_budget": ("initial_budget",), "current_budget": ("budget",)}.get(
                rate.base or "", ("budget", "initial_budget")
            )
            stated = (doc.first(rate.subject, scope=rate.scope, basis=b, project=rate.project) for b in bases)
            budget = next((row for row in stated if row is not None), None)
        else:
            executed = doc.first("executed", scope=rate.scope, project=rate.project)
            budget = next(
                (
                    row
                    for m in ("budget_adjusted", "budget_issued", "budget_initial")
                    if (row := doc.first(m, scope=rate.scope, project=rate.project))
                ),
                None,
            )
        if executed is None or budget is None:
            yield Instance(
                "execution_rate_eq_executed_over_budget",
                key,
                None,
                missing="executed" if executed is None else "budget",
            )
            continue
        computed = ratio_pct(one(executed.figure()), one(budget.figure()))
        if computed is None:
            yield Instance(
                "execution_rate_eq_executed_over_budget", key, None, missing="a non-zero budget", not_applicable=True
            )
            continue
        # 执行率 is of the full-year (adjusted) budget; against the initial budget, the only one placed,
        # a breach may be an adjustment (追加, 调减) the text states in words we did not place.
        yield Instance(
            "execution_rate_eq_executed_over_budget",
            key,
            Comparison(one(rate.figure()), computed),
            breach_is_warning=not rate.subject and budget.metric == "budget_initial",
        )


def stated_twice_rule(doc: DocumentFacts) -> Iterator[Instance]:
    groups: dict[tuple, list[FactRow]] = defaultdict(list)
    for row in doc.facts:
        # Outputs are named by free words ("面积"): two of them are not the same quantity.
        # Years, placeholders and comparisons the text states have rules of their own.
        if row.value is not None and row.metric != "output_quantity" and row.metric not in _ABOUT_THE_DOCUMENT:
            groups[(row.metric, row.scope, row.period, row.basis, row.project, row.subject, row.base)].append(row)
    for (metric, scope, period, basis, project, subject, base), rows in groups.items():
        first = rows[0]
        for other in rows[1:]:
            extra = f"metric={metric}" + (f" subject={subject}" if subject else "") + (f" base={base}" if base else "")
            key = _key(scope, period, basis, project, extra)
            yield Instance("same_figure_stated_twice_agrees", key, Comparison(one(first.figure()), one(other.figure())))


def funding_splits_rule(doc: DocumentFacts) -> Iterator[Instance]:
    groups: dict[tuple[str, str, str], list[FactRow]] = defaultdict(list)
    for split in doc.funding:
        groups[(split.parent_metric or "", split.scope, split.basis)].append(split)
    for (metric, scope, basis), splits in groups.items():
        key = _key(scope, "current", basis, None, f"total={metric}")
        whole = doc.first(metric, scope=scope, basis=basis)
        if whole is None:
            yield Instance("funding_splits_sum_to_total", key, None, missing=metric)
            continue
        yield Instance(
            "funding_splits_sum_to_total", key, Comparison(one(whole.figure()), total([s.figure() for s in splits]))
        )


_PROJECT_TOTALS = {"budget_initial": "initial_budget", "budget_adjusted": "budget", "budget_issued": "budget",
                   "executed": "actual"}  # fmt: skip


def projects_sum_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """Figures stated per project add up to the stated project total (项目支出), or to the
    document's total when it reports on projects only."""
    for metric, basis in _PROJECT_TOTALS.items():
        per_project: dict[str, FactRow] = {}
        for row in doc.facts:
            if row.metric == metric and row.project and row.period == "current" and row.subject is None:
                per_project.setdefault(row.project, row)
        if len(per_project) < 2:
            continue
        key = _key("department", "current", basis, None, f"metric={metric} projects={len(per_project)}")
        whole = doc.first("project_expenditure", scope="department", basis=basis) or doc.first(
            metric, scope="department"
        )
        if whole is None:
            yield Instance("projects_sum_to_total", key, None, missing=f"project_expenditure or {metric}")
            continue
        yield Instance(
            "projects_sum_to_total",
            key,
            Comparison(one(whole.figure()), total([row.figure() for row in per_project.values()])),
        )


def _line_key(line: FactRow) -> str:
    return line.code or _name_key(line.name or "")


def lines_stated_twice_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """A classified line stated in the text and in a table (or in two tables) has one amount."""
    groups: dict[tuple, list[FactRow]] = defaultdict(list)
    for line in doc.functional + doc.economic:
        groups[(line.metric, _line_key(line), line.scope, line.basis, line.period)].append(line)
    for (_, line_key, scope, basis, period), lines in groups.items():
        first_of_source: dict[str, FactRow] = {}
        for line in lines:
            first_of_source.setdefault(line.source, line)
        statements = list(first_of_source.values())
        for other in statements[1:]:
            key = _key(scope, period, basis, None, f"line={line_key} {statements[0].source}~{other.source}")
            yield Instance(
                "same_line_stated_twice_agrees", key, Comparison(one(statements[0].figure()), one(other.figure()))
            )


def class_name_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """A 类 the text names has the name the tables give its code (自然资源海洋气象等支出 …)."""
    table_names = {line.code: line for line in doc.functional if line.source != "text" and line.code}
    for line in doc.functional:
        if line.source != "text" or line.level != 1 or not line.code or line.code not in table_names:
            continue
        table_line = table_names[line.code]
        same = Decimal(0 if _name_key(line.name or "") == _name_key(table_line.name or "") else 1)
        key = f"code={line.code}"
        lhs = Figure(Decimal(0), _RANK_HALF, f"text '{line.name}'", line.evidence, line.span_start, line.span_end)
        rhs = Figure(
            same,
            _RANK_HALF,
            f"table '{table_line.name}'",
            table_line.evidence,
            table_line.span_start,
            table_line.span_end,
        )
        yield Instance("class_name_agrees_with_table", key, Comparison(one(lhs), one(rhs)))


# The nine tables a 部门决算 publishes (财政部 template); 本表无数据 still prints the table.
REQUIRED_TABLES = {
    "summary": "收入支出决算总表", "income": "收入决算表", "expenditure": "支出决算表",
    "fiscal_summary": "财政拨款收入支出决算总表", "gpb_expenditure": "一般公共预算财政拨款支出决算表",
    "gpb_basic": "一般公共预算财政拨款基本支出决算表", "three_public": "财政拨款“三公”经费支出决算表",
    "gov_fund": "政府性基金预算财政拨款收入支出决算表", "soe_capital": "国有资本经营预算财政拨款支出决算表",
}  # fmt: skip


def required_tables_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """A document that publishes its tables publishes all nine; one missing is a finding."""
    if len(set(doc.tables) & set(REQUIRED_TABLES)) < 2:
        # No tables, or one (a page with the “三公” table of its section): not the set of nine.
        return
    for kind, title in REQUIRED_TABLES.items():
        present = Decimal(1 if kind in doc.tables else 0)
        required = Figure(Decimal(1), _RANK_HALF, f"{title} required", "部门决算 publishes nine standard tables")
        found = Figure(
            present,
            _RANK_HALF,
            f"{title} {'found' if present else 'not found'}",
            doc.tables.get(kind, "not among the document's tables"),
        )
        yield Instance(
            "required_tables_present", f"table={title}", Comparison(one(required), one(found)), breach_is_warning=True
        )


# Items of the basic-expenditure table that are “三公” spending (部门预算支出经济分类).
_THREE_PUBLIC_ITEMS = {"30212": "three_public_outbound_travel", "30217": "three_public_reception",
                       "30231": "three_public_vehicle_operation"}  # fmt: skip


def basic_three_public_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """Basic spending on 三公 items cannot exceed the 三公 table's actuals (which add project spending)."""
    for line in doc.economic:
        metric = _THREE_PUBLIC_ITEMS.get(line.code or "")
        if metric is None or line.source == "text" or line.basis != "actual":
            continue
        key = f"item={line.code} {line.name}"
        stated = next((f for f in doc.facts if f.metric == metric and f.basis == "actual"
                       and f.period == "current" and f.value is not None), None)  # fmt: skip
        if stated is None:
            yield Instance("basic_three_public_within_table", key, None, missing=f"{metric} actual")
            continue
        capped = Side(
            min(line.value, stated.value),
            stated.half_unit,
            (line.figure(), stated.figure()),
            f"min({line.name}={line.value}, {metric}={stated.value})",
        )
        yield Instance("basic_three_public_within_table", key, Comparison(one(line.figure()), capped))


_RELATION = re.compile("|".join(STATED_RELATIONS))
_HOLDS = {">": lambda a, b: a > b, "<": lambda a, b: a < b, "=": lambda a, b: a == b}


def stated_comparison_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """ "年初预算为1560.05万元,支出决算为1511.89万元。决算数大于预算数…": the words agree with the figures.

    The comparison holds when the relation the words state holds between the line's actual and its
    budget as written; where it does not, the two figures are the sides, so the breach is their gap."""
    for claim in (r for r in doc.facts if r.metric == "stated_comparison" and r.label):
        relation = _RELATION.search(claim.text or "")
        key = f"line={claim.label} says={claim.text}"
        lines = [
            line
            for line in doc.functional
            if line.source == "text"
            and line.period == "current"
            and _name_key(line.name or "") == _name_key(claim.label)
        ]
        actual = next((line for line in lines if line.basis == "actual"), None)
        # The budget the words name (决算数小于全年预算数), else the initial budget, else the full-year one.
        bases = ("budget", "initial_budget") if "全年" in (claim.text or "") else ("initial_budget", "budget")
        budget = next((line for basis in bases for line in lines if line.basis == basis), None)
        if relation is None or actual is None or budget is None:
            yield Instance("stated_comparison_agrees", key, None, missing="the line's budget and actual")
            continue
        assert actual.value is not None and budget.value is not None
        holds = _HOLDS[STATED_RELATIONS[relation.group(0)]](actual.value, budget.value)
        compared = actual if holds else budget
        yield Instance("stated_comparison_agrees", key, Comparison(one(actual.figure()), one(compared.figure())))


_KIND_OF_DOCUMENT = {"决算": "final_accounts", "预算": "budget"}


def stated_year_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """A heading naming the document's own 部门决算/预算, and a final-accounts closing date (截至…12月31日),
    state the year the document reports on."""
    if doc.fiscal_year is None:
        return
    reported = Figure(Decimal(doc.fiscal_year), _RANK_HALF, "fiscal_year", "the year the document reports on")
    for row in (r for r in doc.facts if r.metric == "stated_year" and r.value is not None):
        if row.label and _KIND_OF_DOCUMENT.get(row.label) != doc.doc_type:
            continue  # a budget's heading may name last year's final accounts, and the reverse
        stated = Figure(row.value, _RANK_HALF, f"stated_year {row.text}", row.evidence, row.span_start, row.span_end)
        yield Instance("stated_year_is_the_documents", f"says={row.text}", Comparison(one(stated), one(reported)))


def placeholder_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """A template placeholder (XX局) left in a published document: one finding per document, at the
    first. A blank template (no figures of its own) is all placeholders by design and is not held to it."""
    placeholders = [r for r in doc.facts if r.metric == "placeholder"]
    states_figures = any(r.value is not None and r.metric not in _ABOUT_THE_DOCUMENT for r in doc.facts)
    if not placeholders or not states_figures:
        return
    first = placeholders[0]
    left = Figure(Decimal(len(placeholders)), _RANK_HALF, f"placeholders {first.text}", first.evidence,
                  first.span_start, first.span_end)  # fmt: skip
    none = Figure(Decimal(0), _RANK_HALF, "placeholders expected", "a published document names its department")
    yield Instance("no_placeholder_left", f"placeholders={len(placeholders)}", Comparison(one(left), one(none)))


def _matchable(doc: DocumentFacts) -> bool:
    """Documents are compared across only when their department and its region are both known:
    unknown is never equal to unknown."""
    return bool(doc.department_id and doc.region)


def _by_department_year(docs: list[DocumentFacts], doc_type: str | None = None) -> dict[tuple, list[DocumentFacts]]:
    """Matchable documents by (department, region, year, type), every one of them: a department-year
    may publish its explanation and its tables as two documents, and each is compared."""
    groups: dict[tuple, list[DocumentFacts]] = defaultdict(list)
    for d in sorted(docs, key=lambda d: d.document_id):
        if _matchable(d) and d.fiscal_year and (doc_type is None or d.doc_type == doc_type):
            groups[(d.department_id, d.region, d.fiscal_year, d.doc_type)].append(d)
    return groups


def _previous_years(docs: list[DocumentFacts]) -> Iterator[tuple[DocumentFacts, DocumentFacts]]:
    """(document, a document of the same department and type of the year before), for every such pair."""
    groups = _by_department_year(docs)
    for doc in docs:
        if not _matchable(doc):
            continue
        for previous in groups.get((doc.department_id, doc.region, (doc.fiscal_year or 0) - 1, doc.doc_type), []):
            yield doc, previous


def prior_year_rule(docs: list[DocumentFacts]) -> Iterator[tuple[str, Instance]]:
    """Last year's figures as this year's document states them (directly, or as current − change)
    agree with last year's document."""
    for doc, previous in _previous_years(docs):
        for fact in doc.facts:
            if fact.value is None or fact.project:
                continue
            if fact.period == "prior":
                subject, stated = fact.metric, one(fact.figure())
            elif (
                fact.metric == "change_amount" and fact.subject and fact.base in (None, "prior_actual", "prior_budget")
            ):
                current = doc.first(fact.subject, scope=fact.scope, basis=fact.basis)
                if current is None:
                    continue
                subject, stated = fact.subject, difference(one(current.figure()), one(fact.figure()))
            else:
                continue
            earlier = previous.first(subject, scope=fact.scope, basis=fact.basis)
            if earlier is None:
                continue
            key = _key(fact.scope, "prior", fact.basis, None, f"metric={subject} previous={previous.document_id[:12]}")
            yield (
                doc.document_id,
                Instance("prior_year_agrees_with_previous_document", key, Comparison(stated, one(earlier.figure()))),
            )


_REPORT_AGAINST_ACCOUNTS = (  # (performance report metric, final accounts metric, scope)
    ("executed", "expenditure_total", "department"), ("basic_expenditure", "basic_expenditure", "department"),
    ("project_expenditure", "project_expenditure", "department"), ("self_eval_score", "self_eval_score", "department"),
    ("three_public_total", "three_public_total", "fiscal"),
)  # fmt: skip


def report_against_accounts_rule(docs: list[DocumentFacts]) -> Iterator[tuple[str, Instance]]:
    """A department-year's performance report states the figures its final accounts state."""
    accounts = _by_department_year(docs, "final_accounts")
    for report in docs:
        if report.doc_type not in ("performance_overall", "performance_project") or not _matchable(report):
            continue
        for account in accounts.get((report.department_id, report.region, report.fiscal_year, "final_accounts"), []):
            yield from _report_against(report, account)


def _report_against(report: DocumentFacts, account: DocumentFacts) -> Iterator[tuple[str, Instance]]:
    """The report's figures against one final-accounts document of its department-year."""
    for report_metric, account_metric, scope in _REPORT_AGAINST_ACCOUNTS:
        stated = report.first(report_metric, scope=scope, basis="actual")
        published = account.first(account_metric, scope=scope, basis="actual")
        if stated is None or published is None:
            continue
        key = f"metric={report_metric} accounts={account.document_id[:12]}"
        comparison = Comparison(one(stated.figure()), one(published.figure()))
        instance = Instance("performance_report_agrees_with_final_accounts", key, comparison, breach_is_warning=True)
        yield report.document_id, instance


FULL_MARKS = Decimal(100)  # national self-evaluation frameworks score out of 100
# Grade bands of the national framework: 优 ≥ 90, 良 [80, 90), 中 [60, 80), 差 < 60.
_GRADE_RANK = {"优": 4, "优秀": 4, "良": 3, "良好": 3, "中": 2, "中等": 2, "合格": 2, "差": 1, "不合格": 1}
_RANK_HALF = Decimal("0.25")  # ranks are whole numbers: any difference is beyond the envelope


def _band_rank(score: Decimal) -> int:
    return 4 if score >= 90 else 3 if score >= 80 else 2 if score >= 60 else 1


def _is_first_level(row: IndicatorRow) -> bool:
    return row.level1_name is None and FIRST_LEVEL.match(row.name) is not None


def _scored(doc: DocumentFacts) -> list[IndicatorRow]:
    """The department-level items whose scores (or weights) add up to the whole: the first-level items
    where a report states two or more ("产出(30分)得29分"), never summed with the indicators under
    them; else every indicator and scoring item."""
    rows = [row for row in doc.indicators if row.score is not None and row.project is None]
    first = [row for row in rows if _is_first_level(row)]
    return first if len(first) >= 2 else rows


def _short(comparison: Comparison) -> bool:
    """The parts fall short of the whole beyond rounding (what parts read in part do)."""
    return comparison.rhs.value < comparison.lhs.value and not comparison.within_rounding


def _total_score(doc: DocumentFacts) -> FactRow | None:
    """The self-evaluation's total score: the department's, or in a project's own report (every total
    stated of that one project) the project's, whose items the report lists without naming it."""
    total = doc.first("self_eval_score", scope="department")
    if total is not None:
        return total
    projects = {row.project for row in doc.facts if row.metric == "self_eval_score"}
    return doc.first("self_eval_score", scope="department", project=projects.pop()) if len(projects) == 1 else None


def _one_framework(rows: list[IndicatorRow]) -> bool:
    """The items are all the first-level items of one national framework."""
    names = {first_level_key(row.name) for row in rows}
    return any(framework <= names for framework in FIRST_LEVEL_FRAMEWORKS)


def _complete(rows: list[IndicatorRow]) -> bool:
    """The items make up the whole: their weights add up to full marks, or they are one framework's set."""
    if _one_framework(rows):
        return True
    weights = [row.weight for row in rows]
    if any(weight is None for weight in weights):
        return False
    summed = total([w for w in weights if w is not None])
    return abs(summed.value - FULL_MARKS) <= summed.half_width


def scores_sum_rule(doc: DocumentFacts) -> Iterator[Instance]:
    scored = _scored(doc)
    if len(scored) < 2:
        return
    key = f"items={len(scored)}"
    total_score = _total_score(doc)
    if total_score is None:
        yield Instance("item_scores_sum_to_total_score", key, None, missing="self_eval_score")
        return
    comparison = Comparison(one(total_score.figure()), total([row.score for row in scored if row.score is not None]))
    if not _complete(scored) and _short(comparison):
        # Items read in part (an OCR'd table, a summary naming some items) fall short of the total; they
        # never exceed it, so an excess is checked whatever was read.
        yield Instance("item_scores_sum_to_total_score", key, None, missing="items whose weights make up full marks")
        return
    yield Instance("item_scores_sum_to_total_score", key, comparison)


def weights_sum_rule(doc: DocumentFacts) -> Iterator[Instance]:
    scored = _scored(doc)
    if len(scored) < 2:
        return
    key = f"items={len(scored)}"
    unweighted = [row.name for row in scored if row.weight is None]
    if unweighted:
        yield Instance("item_weights_sum_to_full_marks", key, None, missing="weight of " + ", ".join(unweighted))
        return
    full = Figure(FULL_MARKS, Decimal(0), "full marks", "满分100分 (national framework)")
    weights = [row.weight for row in scored if row.weight is not None]
    comparison = Comparison(one(full), total(weights))
    if all(_is_first_level(row) for row in scored) and not _one_framework(scored) and _short(comparison):
        # Some first-level items read, not all of one framework's: their weights fall short of the whole.
        yield Instance("item_weights_sum_to_full_marks", key, None, missing="all first-level items of one framework")
        return
    yield Instance("item_weights_sum_to_full_marks", key, comparison)


def first_level_scores_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """A first-level item's score ("产出指标得36.5分") against the scores of the indicators under it in
    the table, where those are all of them: their weights add up to the item's weight."""
    items = [row for row in doc.indicators if _is_first_level(row) and row.score is not None and row.project is None]
    for item in items:
        under = [
            row for row in doc.indicators
            if row.level1_name and first_level_key(row.level1_name) == first_level_key(item.name)
            and row.score is not None and row.project is None
        ]  # fmt: skip
        if not under:
            continue
        key = f"item={first_level_key(item.name)}"
        weights = [row.weight for row in under]
        if item.weight is None or any(weight is None for weight in weights):
            yield Instance("first_level_score_eq_sum_of_its_indicators", key, None, missing="weights of the indicators")
            continue
        summed = total([weight for weight in weights if weight is not None])
        if abs(summed.value - item.weight.value) > summed.half_width + item.weight.half_unit:
            # the table's rows under the item were not all read: their scores are not its whole
            missing = "all indicators of the item"
            yield Instance("first_level_score_eq_sum_of_its_indicators", key, None, missing=missing)
            continue
        scores = [row.score for row in under if row.score is not None]
        yield Instance("first_level_score_eq_sum_of_its_indicators", key, Comparison(one(item.score), total(scores)))


def score_within_weight_rule(doc: DocumentFacts) -> Iterator[Instance]:
    for row in doc.indicators:
        if row.score is None or row.weight is None:
            continue
        capped = min(row.score.value, row.weight.value)
        cap = Side(
            capped,
            row.weight.half_unit,
            (row.score, row.weight),
            f"min(score={row.score.value}, weight={row.weight.value})",
        )
        yield Instance("score_within_weight", f"item={row.name}", Comparison(one(row.score), cap))


def grade_rule(doc: DocumentFacts) -> Iterator[Instance]:
    grade = next((f for f in doc.facts if f.metric == "grade" and f.project is None), None)
    score = doc.first("self_eval_score", scope="department")
    if grade is None:
        return
    key = f"grade={_grade_text(grade)}"
    rank = _GRADE_RANK.get(_grade_text(grade))
    if score is None or rank is None:
        yield Instance(
            "grade_agrees_with_score_band", key, None, missing="self_eval_score" if score is None else "grade"
        )
        return
    stated = Figure(
        Decimal(rank),
        _RANK_HALF,
        f"grade {_grade_text(grade)} (rank)",
        grade.evidence,
        grade.span_start,
        grade.span_end,
    )
    banded = Figure(
        Decimal(_band_rank(score.value)),
        _RANK_HALF,
        f"band of score {score.value} (rank)",
        score.evidence,
        score.span_start,
        score.span_end,
    )
    yield Instance("grade_agrees_with_score_band", key, Comparison(one(stated), one(banded)))


def _grade_text(fact: FactRow) -> str:
    return fact.text or ""


def completion_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """完成率 = 实际 ÷ 目标 for targets to reach (≥, =), 目标 ÷ 实际 for ceilings (≤, <); 100% caps it
    when the document caps it."""
    for row in doc.indicators:
        if row.completion is None or row.target is None or row.actual is None:
            continue
        if row.target_unit != row.unit and row.unit is not None and row.target_unit is not None:
            continue
        key = f"indicator={row.name} source={row.source}"
        ceiling = row.comparator in ("≤", "<")
        computed = (
            ratio_pct(one(row.target), one(row.actual)) if ceiling else ratio_pct(one(row.actual), one(row.target))
        )
        if computed is None:
            yield Instance(
                "indicator_completion_eq_actual_over_target",
                key,
                None,
                missing="a non-zero target",
                not_applicable=True,
            )
            continue
        if row.completion.value <= 100 < computed.value:
            computed = Side(Decimal(100), computed.half_width, computed.figures, f"min({computed.description}, 100)")
        yield Instance("indicator_completion_eq_actual_over_target", key, Comparison(one(row.completion), computed))


def target_twice_rule(doc: DocumentFacts) -> Iterator[Instance]:
    groups: dict[tuple[str | None, str], list[IndicatorRow]] = defaultdict(list)
    for row in doc.indicators:
        if row.record_kind == "indicator" and row.target_text:
            groups[(row.project, row.name)].append(row)
    for (project, name), rows in groups.items():
        first = rows[0]
        for other in rows[1:]:
            if other.source == first.source:
                continue
            key = f"indicator={name}" + (f" project={project}" if project else "") + f" {first.source}~{other.source}"
            if first.target and other.target and first.target_unit == other.target_unit:
                yield Instance(
                    "indicator_target_stated_twice_agrees", key, Comparison(one(first.target), one(other.target))
                )
                continue
            same = Decimal(0 if first.target_text == other.target_text else 1)
            lhs = Figure(Decimal(0), _RANK_HALF, f"target '{first.target_text}'", first.target_text or "")
            rhs = Figure(same, _RANK_HALF, f"target '{other.target_text}'", other.target_text or "")
            yield Instance("indicator_target_stated_twice_agrees", key, Comparison(one(lhs), one(rhs)))


# Units only a number can carry: a target in words ("应保尽保") given one of them contradicts it.
_NUMERIC_UNITS = {"%", "元", "万元", "亿元"}


def _unit_conflict(row: IndicatorRow) -> str | None:
    """How an indicator's 计量单位 contradicts its target as written, if it does."""
    column = (row.unit_column or "").strip().replace("％", "%")
    if not column:
        return None
    own = (row.own_target_unit or "").replace("％", "%")
    if row.target is not None and own and own != column:
        return f"target {row.target_text} in {own}, 计量单位 {column}"
    if row.target is None and row.target_text and column in _NUMERIC_UNITS:
        return f"target in words '{row.target_text}', 计量单位 {column}"
    return None


def indicator_unit_rule(doc: DocumentFacts) -> Iterator[Instance]:
    """An indicator's target agrees with its 计量单位 column: 28.8万元 under "%" says two units."""
    for row in doc.indicators:
        if row.record_kind != "indicator" or not row.unit_column:
            continue
        key = f"indicator={row.name}" + (f" project={row.project}" if row.project else "") + f" {row.source}"
        conflict = _unit_conflict(row)
        # counts are whole numbers: ±0.25 each keeps 0 = 0 inside the envelope and 1 ≠ 0 beyond it
        stated = Figure(Decimal(1 if conflict else 0), _RANK_HALF, f"{row.name}: {conflict or 'units agree'}",
                        row.evidence, row.span_start, row.span_end)  # fmt: skip
        expected = Figure(Decimal(0), _RANK_HALF, "units that disagree: none", row.evidence, row.span_start,
                          row.span_end)  # fmt: skip
        yield Instance("indicator_unit_agrees_with_its_column", key, Comparison(one(stated), one(expected)))


def _name_key(name: str) -> str:
    return name.replace("(类)", "").replace("(款)", "").replace("(项)", "").removesuffix("支出")


RULES: tuple[Rule, ...] = (
    Rule(
        "expenditure_total_eq_basic_plus_project",
        "within_text",
        "error",
        "本年支出合计 = 基本支出 + 项目支出(+ 经营支出、单位预留机动经费、上缴上级支出、对附属单位补助支出)",
        "Total expenditure equals basic plus project expenditure",
        (
            "expenditure_total",
            "gpb_expenditure",
            "executed",
            "budget_adjusted",
            "budget_initial",
            "basic_expenditure",
            "project_expenditure",
            *_OTHER_SPENDING_COMPONENTS,
        ),
        expenditure_total_rule,
    ),
    Rule(
        "income_total_eq_sum_of_sources",
        "within_text",
        "error",
        "本年收入合计 = 各项收入之和",
        "Total income equals the sum of its sources",
        ("income_total", "fiscal_appropriation_income", *_APPROPRIATION_TYPES, *_INCOME_SOURCES),
        income_rule,
    ),
    Rule(
        "fiscal_appropriation_eq_sum_of_types",
        "within_text",
        "error",
        "财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营预算财政拨款收入",
        "Fiscal appropriation equals the sum of its three types",
        ("fiscal_appropriation_income", *_APPROPRIATION_TYPES),
        fiscal_appropriation_rule,
    ),
    Rule(
        "expenditure_eq_sum_of_functional_classes",
        "within_text",
        "error",
        "一般公共预算财政拨款支出 = 各功能分类(类)支出之和",
        "GPB (or total) expenditure equals the sum of its functional classes (类)",
        ("gpb_expenditure", "expenditure_total"),
        gpb_functional_rule,
    ),
    Rule(
        "functional_line_eq_sum_of_children",
        "within_text",
        "error",
        "类 = Σ款, 款 = Σ项（文字说明只列主要项目时，合计不足为提示）",
        "A functional class or subclass equals the sum of the lines under it (in the text, which may "
        "describe only the main lines, a shortfall is a warning)",
        ("functional lines 类/款/项",),
        functional_children_rule,
    ),
    Rule(
        "economic_total_eq_sum_of_items",
        "within_text",
        "error",
        "人员经费/公用经费/经济分类类级 = 所列经济分类款级之和(所列不全时为警告);基本支出表合计 = 所列类级之和",
        "Personnel/public expenses and economic classes equal the items listed under them "
        "(a shortfall is a warning: lists introduced by 主要包括 may be incomplete); a basic-expenditure "
        "table's total equals the classes it lists",
        ("personnel_expense", "public_expense"),
        economic_items_rule,
    ),
    Rule(
        "project_expenditure_eq_sum_of_projects",
        "within_text",
        "error",
        "项目支出 = 所列项目之和",
        "Project expenditure equals the projects listed (a shortfall is a warning)",
        ("project_expenditure",),
        projects_rule,
    ),
    Rule(
        "stated_share_eq_part_over_total",
        "within_text",
        "error",
        "占比 = 部分 ÷ 总数",
        "A stated share equals the part divided by the total",
        ("pct", "share_of"),
        share_rule,
    ),
    Rule(
        "shares_of_whole_total_100",
        "within_text",
        "error",
        "各组成部分占比之和 = 100%(所列部分之和等于总数时)",
        "The stated shares of parts that make up their whole add up to 100%",
        ("pct", "share_of"),
        shares_total_100_rule,
    ),
    Rule(
        "change_eq_current_minus_prior",
        "within_text",
        "error",
        "增减额 = 本年数 − 上年数",
        "A stated change equals the current figure minus the prior one",
        ("change_amount",),
        change_rule,
    ),
    Rule(
        "growth_eq_change_over_prior",
        "within_text",
        "error",
        "增长率 = 增减额 ÷ 上年数",
        "A stated growth rate equals the change divided by the prior figure",
        ("growth_pct", "change_amount"),
        growth_rule,
    ),
    Rule(
        "three_public_total_eq_sum_of_parts",
        "within_text",
        "error",
        "“三公”经费 = 因公出国(境)费 + 公务用车购置及运行维护费 + 公务接待费",
        "Three public expenses equal outbound travel plus vehicles plus reception",
        ("three_public_total", "three_public_outbound_travel", "three_public_vehicle", "three_public_reception"),
        three_public_rule,
    ),
    Rule(
        "vehicles_bought_have_purchase_spending",
        "within_text",
        "error",
        "本年购置公务用车 > 0 辆,则公务用车购置费 > 0",
        "Vehicles bought in the year are paid for: none where the purchase spending is zero",
        ("vehicle_purchase_count", "three_public_vehicle_purchase"),
        vehicles_bought_rule,
    ),
    Rule(
        "execution_rate_eq_executed_over_budget",
        "within_text",
        "error",
        "预算执行率 = 执行数 ÷ 预算数",
        "A stated execution rate equals executed divided by budget",
        ("execution_rate_pct", "executed", "budget_adjusted", "budget_issued", "budget_initial"),
        execution_rate_rule,
    ),
    Rule(
        "funding_splits_sum_to_total",
        "within_text",
        "error",
        "各资金来源之和 = 预算总数",
        "A budget figure split by funding source adds up",
        ("funding_source lines", "budget_initial", "budget_adjusted", "executed"),
        funding_splits_rule,
    ),
    Rule(
        "projects_sum_to_total",
        "within_text",
        "error",
        "各项目预算(执行)数之和 = 项目支出合计",
        "Figures stated per project add up to the stated total",
        ("project_expenditure",),
        projects_sum_rule,
    ),
    Rule(
        "same_line_stated_twice_agrees",
        "table_text",
        "error",
        "同一科目在说明与表中(或两表中)金额一致",
        "A classified line stated in the text and a table, or in two tables, has one amount",
        ("functional lines", "economic lines"),
        lines_stated_twice_rule,
    ),
    Rule(
        "class_name_agrees_with_table",
        "table_text",
        "error",
        "说明中的功能分类(类)名称与表中同一科目编码的名称一致",
        "A functional class named in the text has the name the tables give its code",
        ("functional lines 类 with codes",),
        class_name_rule,
    ),
    Rule(
        "basic_three_public_within_table",
        "cross_table",
        "error",
        "基本支出表中的因公出国(境)费、公务接待费、公务用车运行维护费 ≤ “三公”经费表决算数",
        "三公 items of the basic-expenditure table do not exceed the 三公 table's actuals",
        ("economic lines 30212/30217/30231", "three_public_*"),
        basic_three_public_rule,
    ),
    Rule(
        "stated_comparison_agrees",
        "within_text",
        "error",
        "文字所述决算数与预算数的大小关系(大于/小于/等于)与所列数字一致",
        "What the text says of a line's actual against its budget agrees with the figures it states",
        ("stated_comparison", "functional lines (actual, initial_budget)"),
        stated_comparison_rule,
    ),
    Rule(
        "stated_year_is_the_documents",
        "within_text",
        "error",
        "标题中的部门决算(预算)年度与截至日期的年度 = 文件所属年度",
        "Headings naming the document and its closing date state the year it reports on",
        ("stated_year", "fiscal_year"),
        stated_year_rule,
    ),
    Rule(
        "no_placeholder_left",
        "within_text",
        "error",
        "公开文本中没有残留的模板占位符(XX局)",
        "No template placeholder (XX局) is left in the published text",
        ("placeholder",),
        placeholder_rule,
    ),
    Rule(
        "required_tables_present",
        "cross_table",
        "warning",
        "部门决算九张公开表齐全",
        "A final-accounts document that publishes its tables publishes all nine",
        ("standard tables found",),
        required_tables_rule,
    ),
    Rule(
        "item_scores_sum_to_total_score",
        "within_text",
        "error",
        "各评分项(指标)得分之和 = 自评总分",
        "The scores of the items add up to the stated total score",
        ("self_eval_score",),
        scores_sum_rule,
    ),
    Rule(
        "item_weights_sum_to_full_marks",
        "within_text",
        "error",
        "各评分项(指标)分值之和 = 满分100分",
        "The weights of the items add up to full marks (100)",
        ("indicator and scoring-item weights",),
        weights_sum_rule,
    ),
    Rule(
        "first_level_score_eq_sum_of_its_indicators",
        "table_text",
        "error",
        "一级指标得分 = 其下各指标得分之和",
        "A first-level item's score is the sum of the scores of the indicators under it",
        ("indicator and scoring-item scores and weights",),
        first_level_scores_rule,
    ),
    Rule(
        "score_within_weight",
        "within_text",
        "error",
        "每项得分 ≤ 该项分值",
        "No item scores more than its weight",
        ("indicator and scoring-item scores and weights",),
        score_within_weight_rule,
    ),
    Rule(
        "grade_agrees_with_score_band",
        "within_text",
        "error",
        "评价等级与得分区间一致(优≥90, 良≥80, 中≥60)",
        "The stated grade is the band of the total score",
        ("grade", "self_eval_score"),
        grade_rule,
    ),
    Rule(
        "indicator_completion_eq_actual_over_target",
        "within_text",
        "error",
        "指标完成率 = 实际完成值 ÷ 目标值(反向指标为目标值 ÷ 实际值)",
        "An indicator's completion rate equals actual over target (target over actual for ceilings)",
        ("indicator target, actual, completion",),
        completion_rule,
    ),
    Rule(
        "indicator_target_stated_twice_agrees",
        "within_text",
        "error",
        "同一指标在不同表中的目标值应一致",
        "An indicator's target stated in two tables agrees",
        ("indicator targets",),
        target_twice_rule,
    ),
    Rule(
        "indicator_unit_agrees_with_its_column",
        "within_text",
        "error",
        "绩效指标的指标值与计量单位一致",
        "An indicator's target agrees with its unit column",
        ("indicator targets", "计量单位"),
        indicator_unit_rule,
    ),
    Rule(
        "same_figure_stated_twice_agrees",
        "within_text",
        "error",
        "同一数字多处表述应一致",
        "The same figure stated twice agrees",
        ("every fact",),
        stated_twice_rule,
    ),
)

DECLARED_SUMS_MODEL = "marts.mart_sum_identity_instances"


def declared_sum_rules(seeds: Path | None = None) -> tuple[Rule, ...]:
    """The sum identities declared as data (seeds/identity_sum_rules.csv, identity_sum_terms.csv).

    They have no Python evaluation: the dbt model mart_sum_identity_instances builds their instances
    in SQL over the marts, and the suite decides each one."""
    folder = seeds or project_dir() / "seeds"
    with (folder / "identity_sum_terms.csv").open(encoding="utf-8") as handle:
        terms = sorted(csv.DictReader(handle), key=lambda term: int(term["position"]))
    with (folder / "identity_sum_rules.csv").open(encoding="utf-8") as handle:
        return tuple(
            Rule(
                row["rule_id"],
                row["kind"],
                row["severity"],
                row["description_zh"],
                row["description_en"],
                tuple(term["metric"] for term in terms if term["rule_id"] == row["rule_id"]),
                declared_in=DECLARED_SUMS_MODEL,
            )
            for row in csv.DictReader(handle)
        )


RULES = (
    *RULES,
    *declared_sum_rules(),
    Rule(
        "prior_year_agrees_with_previous_document",
        "cross_document",
        "error",
        "本年文件所述上年数(或本年数 − 增减额)与上年文件一致",
        "Last year's figures as this year's document states them agree with last year's document",
        ("prior-period facts", "change_amount", "last year's document"),
        evaluate_corpus=prior_year_rule,
    ),
    Rule(
        "performance_report_agrees_with_final_accounts",
        "cross_document",
        "warning",
        "同一部门同一年度的绩效自评报告与部门决算数字一致",
        "A department-year's performance report agrees with its final accounts",
        (
            "executed",
            "expenditure_total",
            "basic_expenditure",
            "project_expenditure",
            "self_eval_score",
            "three_public_total",
        ),
        evaluate_corpus=report_against_accounts_rule,
    ),
)
RULES_BY_ID: dict[str, Rule] = {rule.rule_id: rule for rule in RULES}


def evaluate(doc: DocumentFacts) -> list[Instance]:
    """Every instance of every within-document rule for one document, each finding once: a figure
    the document states twice alike (a headline and its paragraph) makes one instance, not two."""
    instances: dict[tuple, Instance] = {}
    for rule in RULES:
        for instance in rule.evaluate(doc) if rule.evaluate else ():
            sides = (instance.comparison.lhs.value, instance.comparison.rhs.value) if instance.comparison else None
            instances.setdefault((instance.rule_id, instance.key, sides, instance.missing), instance)
    found = list(instances.values())
    for unit, facts in doc.units.items():
        found += [replace(instance, key=f"unit={unit} {instance.key}") for instance in evaluate(facts)]
    return found


def evaluate_corpus(docs: list[DocumentFacts]) -> list[tuple[str, Instance]]:
    """Instances of the cross-document rules, with the document each is about."""
    return [pair for rule in RULES if rule.evaluate_corpus for pair in rule.evaluate_corpus(docs)]


__all__ = ["RULES", "RULES_BY_ID", "DocumentFacts", "FactRow", "Instance", "Rule", "Side", "evaluate"]
