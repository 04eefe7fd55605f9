"""Score extraction against hand-made labels (the format of shared/corpus/excerpts, see its README).

A label names a figure a careful reader would type into a spreadsheet: its metric key, value, unit
and the exact words it stands in. This module runs the same pure-Python extraction that lands
raw.facts (no warehouse, no Prefect) and compares, document by document:

- found: a labelled core figure is held by a fact of the same metric, period, basis (and scope,
  where the label's key names one) with the same value;
- wrong: a fact of a labelled core key whose value the document's labels do not give for that key,
  or a fact whose span covers a labelled figure of another core key (the figure misnamed) other
  than the whole it is stated as a part of;
- abstained: a missed figure whose words carry an extraction issue (seen, not placed);
- extra: a core fact of a key the labels do not name (listed for review, not counted as wrong).

Figures labelled `alignment: "ambiguous"` are not scored; a fact that places one anyway is
reported as `guessed`, since the extractor should have abstained.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from fiscal.documents.metadata import BUDGET
from fiscal.extract.amounts import MONEY_UNITS
from fiscal.extract.document import ProcessedDocument, process_file
from fiscal.extract.model import Fact

# The core figures of issue 8: totals, income sources, spending structure, “三公”, 机关运行经费,
# procurement, carry-overs and budget execution.
CORE_METRICS = frozenset(
    {
        "total_income_expenditure", "income_total", "fiscal_appropriation_income", "gpb_appropriation_income",
        "gov_fund_appropriation_income", "soe_capital_appropriation_income", "business_income",
        "operating_income", "other_income", "expenditure_total", "basic_expenditure", "project_expenditure",
        "personnel_expense", "public_expense", "gpb_expenditure", "three_public_total",
        "three_public_outbound_travel", "three_public_vehicle", "three_public_vehicle_purchase",
        "three_public_vehicle_operation", "three_public_reception", "agency_operating_expense",
        "procurement_total", "procurement_goods", "procurement_works", "procurement_services",
        "carryover_begin", "carryover_end", "budget_initial", "budget_adjusted", "executed",
        "execution_rate_pct", "self_eval_score",
    }
)  # fmt: skip
# Label keys that spell a vocabulary metric another way, or fix its scope in the key.
LABEL_ALIASES: dict[str, tuple[str, str | None]] = {
    "total_income": ("income_total", None),
    "total_expenditure": ("expenditure_total", None),
    "fiscal_appropriation_total": ("total_income_expenditure", "fiscal"),
    "fiscal_appropriation_expenditure": ("expenditure_total", "fiscal"),
    "gpb_basic_expenditure": ("basic_expenditure", "gpb"),
    "executed_fiscal_funds": ("executed", "fiscal"),
    "budget_adjusted_fiscal_funds": ("budget_adjusted", "fiscal"),
}
# A label key may carry its scope in front: fiscal_carryover_begin, gpb_project_expenditure.
_SCOPE_PREFIXES = (
    ("fiscal_appropriation_", "fiscal"), ("fiscal_", "fiscal"), ("gpb_", "gpb"), ("gov_fund_", "gov_fund")
)
# The labels write total_income / total_expenditure both for 本年收入/支出合计 and for 收入/支出总计
# (the sides of 收支总计, carry-overs included): either metric holds such a figure.
_EITHER_TOTAL = {"income_total": ("total_income_expenditure",), "expenditure_total": ("total_income_expenditure",)}
# The 财政拨款收入支出决算总表's 本年收入合计 is the department's 财政拨款收入: the table states it as
# the income total of the appropriation's scope.
_HELD_IN_SCOPE = {"fiscal_appropriation_income": ("income_total", "fiscal")}
# Execution metrics carry their basis in their name.
_BASIS_OF_METRIC = {"budget_initial": "initial_budget", "budget_adjusted": "budget", "executed": "actual"}
_UNSCORED_KINDS = ("%", "分")
# Rates a label may name for one part ("basic_expenditure_execution_rate_pct"): a fact holds such a
# figure only with that subject, and the department's rate only without one.
_RATES_OF_A_SUBJECT = ("execution_rate_pct",)


@dataclass(frozen=True)
class Key:
    metric: str
    period: str
    bases: tuple[str, ...]  # a label's "_budget" does not say which budget: 年初预算 and 全年预算 both match
    scope: str | None  # None: the label does not say, any scope matches
    project: str | None = None  # a project's figure is held only by a fact of that project
    also: tuple[str, ...] = ()  # other metrics that hold the figure (see _EITHER_TOTAL)
    subject: str | None = None  # a rate of one part: basic_expenditure_execution_rate_pct


@dataclass(frozen=True)
class LabelledFigure:
    label_metric: str
    key: Key | None  # None when the figure is not a core figure
    value: Decimal
    unit: str | None
    as_written: str
    ambiguous: bool
    span: tuple[int, int] | None  # where as_written stands in the source text

    def comparable(self) -> Decimal:
        """The value in the unit facts are compared in: 万元 for money, else as written."""
        factor = MONEY_UNITS.get(self.unit or "")
        return self.value * factor if factor is not None else self.value


@dataclass
class DocumentScore:
    name: str
    labelled: int = 0  # scored core figures
    found: int = 0
    abstained: int = 0
    ambiguous: int = 0
    guessed: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (class, label metric, as_written)
    extra: list[str] = field(default_factory=list)
    core_facts: int = 0  # core facts extracted (the figure kept for unlabelled documents)
    status: str = "landed"


def _project_words(name: str) -> str:
    return re.sub(r"^\d{4}年度?|项目$|\s", "", name)


def _same_project(fact_project: str | None, label_project: str) -> bool:
    if fact_project is None:
        return False
    ours, theirs = _project_words(fact_project), _project_words(label_project)
    return bool(ours) and (ours in theirs or theirs in ours)


def key_of_label(
    label_metric: str, doc_type: str | None, project: str | None = None, metrics: frozenset[str] = CORE_METRICS
) -> Key | None:
    """The (metric, period, basis, scope) a label key denotes, or None for a figure not of `metrics`."""
    name, period = label_metric, "current"
    if name.startswith("prior_year_"):
        name, period = name.removeprefix("prior_year_"), "prior"
    bases: tuple[str, ...] | None = None
    if name.endswith(("_budget_initial", "_initial_budget")):  # "basic_expenditure_budget_initial": 年初预算
        name, bases = name.removesuffix("_budget_initial").removesuffix("_initial_budget"), ("initial_budget",)
    elif name.endswith("_budget"):
        name, bases = name.removesuffix("_budget"), ("budget", "initial_budget")
    subject = None
    for rate in _RATES_OF_A_SUBJECT:
        if name.endswith("_" + rate) and name != rate:
            name, subject = rate, name.removesuffix("_" + rate)
    metric, scope = LABEL_ALIASES.get(name, (name, None))
    for prefix, prefixed_scope in _SCOPE_PREFIXES:  # fiscal_total_income_expenditure: 财政拨款收支总计
        if metric not in metrics and metric.startswith(prefix) and metric.removeprefix(prefix) in metrics:
            metric, scope = metric.removeprefix(prefix), prefixed_scope
    if metric not in metrics:
        return None
    default = "budget" if doc_type == BUDGET else "actual"
    also = _EITHER_TOTAL.get(metric, ()) if name in ("total_income", "total_expenditure") else ()
    return Key(metric, period, bases or (_BASIS_OF_METRIC.get(metric, default),), scope, project, also, subject)


def fact_value(fact: Fact) -> Decimal | None:
    if fact.amount_wan is not None:
        return fact.amount_wan
    return fact.value


def fact_matches(fact: Fact, key: Key) -> bool:
    if (fact.metric, fact.scope) == _HELD_IN_SCOPE.get(key.metric) and key.scope is None:
        key = replace(key, metric=fact.metric, scope=fact.scope)
    if fact.metric not in (key.metric, *key.also) or fact.period != key.period or fact.basis not in key.bases:
        return False
    if fact.metric in _RATES_OF_A_SUBJECT and fact.subject_metric != key.subject:
        return False  # the execution rate of basic expenditure is not the department's
    if key.project is not None and not _same_project(fact.project_name, key.project):
        return False
    return key.scope is None or fact.scope == key.scope


def _label_value(written: object) -> Decimal | None:
    """A label's value: a JSON number, or a string that keeps the written precision ("120.50")."""
    if isinstance(written, Decimal):
        return written
    if isinstance(written, str):
        try:
            return Decimal(written.replace(",", ""))
        except ArithmeticError:
            return None
    return None


def load_labels(path: Path, source_text: str) -> tuple[dict, list[LabelledFigure]]:
    label = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal, parse_int=Decimal)
    figures = []
    for entry in label["facts"]:
        value = _label_value(entry["value"])
        if value is None:
            continue  # a target in words (應保盡保) is not a figure
        as_written = entry["as_written"]
        position = source_text.find(as_written)
        # A project self-evaluation's own project is the document's: its figures carry no project.
        project = entry.get("project") if entry.get("project") != label.get("project") else None
        figures.append(
            LabelledFigure(
                label_metric=entry["metric"],
                key=key_of_label(entry["metric"], label.get("doc_type"), project),
                value=value,
                unit=entry.get("unit"),
                as_written=as_written,
                # "inferred": the column follows only from conventions (a row that lost its empty
                # cells), so abstaining is as right as placing it
                ambiguous=entry.get("alignment") in ("ambiguous", "inferred"),
                span=(position, position + len(as_written)) if position >= 0 else None,
            )
        )
    return label, figures


def miss_class(figure: LabelledFigure, source_text: str) -> str:
    """Which class of layout, noise or wording a missed figure belongs to (for the report)."""
    words = figure.as_written
    if "|" in words:
        return "table: pipes"
    if "\t" in words or "\n" in words:
        return "table or line break: cells on lines"
    if re.search(r"\d[\d.,]*%?\s+\d[\d.,]*%?(?:\s|$)", words):
        return "table: cells on one line"
    if re.search(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǘǚǜ]+\)", source_text):
        return "noise: pinyin glosses"
    if re.search(r"\d\. \d|\dO|O\d", words):
        return "noise: OCR"
    if figure.unit in ("元", "亿元"):
        return f"unit: {figure.unit}"
    return "wording"


def _source_span(document: ProcessedDocument, fact: Fact) -> tuple[int, int]:
    assert document.text is not None
    return document.text.source_span(fact.provenance.span_start, fact.provenance.span_end)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_document(document: ProcessedDocument, label_path: Path | None) -> DocumentScore:
    score = DocumentScore(name=document.source.path.name, status=document.status)
    facts = document.extraction.facts if document.extraction else []
    core = [f for f in facts if f.metric in CORE_METRICS and fact_value(f) is not None]
    score.core_facts = len(core)
    if label_path is None:
        return score
    source_text = document.source.text or ""
    _, figures = load_labels(label_path, source_text)
    scored = [f for f in figures if f.key is not None and not f.ambiguous]
    issues = document.extraction.issues if document.extraction else []
    issue_spans = [document.text.source_span(i.span_start, i.span_end) for i in issues] if document.text else []

    for figure in figures:
        if figure.key is None:
            continue
        holders = [f for f in core if fact_matches(f, figure.key) and fact_value(f) == figure.comparable()]
        if figure.ambiguous:
            score.ambiguous += 1
            score.guessed += bool(holders)
            continue
        score.labelled += 1
        if holders:
            score.found += 1
            continue
        if figure.span and any(_overlaps(figure.span, span) for span in issue_spans):
            score.abstained += 1
        score.missed.append((miss_class(figure, source_text), figure.label_metric, figure.as_written))

    for fact in core:
        value = fact_value(fact)
        same_key = [f for f in scored if f.key is not None and fact_matches(fact, f.key)]
        if same_key and not any(f.comparable() == value for f in same_key):
            score.wrong.append(f"{fact.metric}/{fact.period}/{fact.basis}/{fact.scope}={fact.value_text}")
            continue
        if same_key:
            continue
        span = _source_span(document, fact)
        # A part derived from its whole's figure ("4.36万元,均为公务用车运行维护费") covers that figure by
        # design (pattern wholly_one_part, naming its whole in part_of; wholly_one_source, the one fund
        # the whole is all of): it does not misname it.
        misnamed = [
            f
            for f in scored
            if f.span and _overlaps(f.span, span) and f.comparable() == value and f.key is not None
            and not (fact.provenance.pattern == "wholly_one_part" and f.key.metric == fact.part_of)
            and fact.provenance.pattern != "wholly_one_source"  # "…,全部为财政拨款收入": the whole's span too
        ]  # fmt: skip
        if misnamed:
            score.wrong.append(
                f"{fact.metric}/{fact.period}/{fact.basis}/{fact.scope}={fact.value_text} "
                f"(labelled {misnamed[0].label_metric})"
            )
        else:
            score.extra.append(f"{fact.metric}/{fact.period}/{fact.basis}={fact.value_text}")
    return score


@dataclass
class CorpusScore:
    documents: list[DocumentScore]

    @property
    def labelled(self) -> int:
        return sum(d.labelled for d in self.documents)

    @property
    def found(self) -> int:
        return sum(d.found for d in self.documents)

    @property
    def wrong(self) -> int:
        return sum(len(d.wrong) for d in self.documents)

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 0.0

    def misses_by_class(self) -> Counter[str]:
        return Counter(cls for d in self.documents for cls, _, _ in d.missed)


def documents_in(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() != ".json" and p.name != "README.md")


def score_corpus(folder: Path) -> CorpusScore:
    """Score every document under `folder`; a document's label is the .json beside it, if any."""
    scores = []
    for path in documents_in(folder):
        label = path.with_suffix(".json")
        scores.append(score_document(process_file(path), label if label.exists() else None))
    return CorpusScore(scores)
