"""Score every labelled figure, not only the core ones, by family.

`extraction.py` scores the core figures (totals, sources, spending structure, “三公”, procurement,
execution). A reader of a disclosure types in more: last year's figures, changes and growth rates
(of a metric or of a functional line), stated shares, functional and economic lines, counts
(vehicles, receptions), performance indicators. This module maps each label key of the excerpts'
format onto what the extractor records and reports, per family, how many labelled figures a record
of the same kind, subject and value holds. A key naming nothing the vocabulary has is counted as
missed in the family `not in the vocabulary`, so the figure stays honest about what is not modelled.

What counts as held (money compared in 万元, as in extraction.py):
- a metric (`three_public_total`, `prior_year_…`, `…_budget`): a fact of that metric, period and
  basis with that value;
- a change or growth (`…_increase`, `…_decrease_pct`, `…_vs_budget`): a change_amount / growth_pct
  fact whose subject is that metric (or that functional or economic line) with the signed value;
- a share (`share_pct_…`): a fact or line of that subject stating that percentage;
- a completion (`…_completion_pct`): an execution rate of that subject;
- a line (`func_201`, `econ_30101`): a classified line of that code, or of the label's name;
- an indicator (`indicator_target|actual|weight|score`): an indicator of that name with that value.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from fiscal.documents.normalise import to_simplified
from fiscal.evaluation.extraction import (
    CORE_METRICS,
    LABEL_ALIASES,
    documents_in,
    fact_matches,
    fact_value,
    key_of_label,
    load_labels,
)
from fiscal.extract.document import ProcessedDocument, process_file
from fiscal.extract.model import ClassifiedLine, Fact, Indicator
from fiscal.reference import names_line
from fiscal.vocabulary import BASES, LINE_SUBJECT, METRICS

FAMILIES = (
    "core",
    "last year",
    "budget basis",
    "other metric",
    "count",
    "change",
    "growth",
    "share",
    "completion",
    "functional line",
    "functional line column",
    "economic line",
    "indicator",
    "not in the vocabulary",
)

_CHANGE = re.compile(
    r"^(?P<subject>.+?)_(?P<direction>increase|decrease|change)(?P<pct>_pct)?"
    r"(?:_vs_(?P<vs>budget_initial|initial_budget|budget))?$"
)
_LINE = re.compile(r"^(?P<kind>func|econ)_(?P<code>\d{3,7})(?:_(?P<column>[a-z_]+))?$")
_INDICATOR = re.compile(r"^indicator_(?P<field>target|actual|weight|score)$")
# Columns of a line that are its total (the labels write func_201 or func_201_total).
_TOTAL_COLUMNS = (None, "total", "personnel", "public")
_BASE_OF_VS = {"budget": "current_budget", "budget_initial": "initial_budget", "initial_budget": "initial_budget"}
_NEGATIVE = "decrease"
# A label's base, and the bases that hold it: without one, a change is against last year (its actual
# or, in a budget, its budget); "vs_budget" does not say which of this year's budgets.
_BASES_OF = {
    None: ("prior_actual", "prior_budget", None),
    "current_budget": ("current_budget", "initial_budget"),
}


@dataclass(frozen=True)
class Target:
    """What a labelled figure asks the extraction to hold."""

    family: str
    metric: str | None = None  # a metric, or the subject of a change/growth/share/completion
    line: tuple[str, str, str | None] | None = None  # (functional|economic, code, name) as subject or as figure
    period: str = "current"
    base: str | None = None
    negative: bool = False  # a decrease: the recorded change is negative
    signed: bool = True  # False for `_change` labels, whose sign the label does not say
    indicator: tuple[str, str] | None = None  # (field, name)
    label: str | None = None  # a metric's label key, in the vocabulary's words


@dataclass
class CoverageScore:
    name: str
    labelled: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (family, label metric, as_written)


# Label keys written another way than the vocabulary's.
_METRIC_ALIASES = {
    "total_income": "income_total",
    "total_expenditure": "expenditure_total",
    "procurement_sme_contract": "procurement_sme_awarded",
    "procurement_small_micro_contract": "procurement_micro_awarded",
    "procurement_small_micro_awarded": "procurement_micro_awarded",
    "three_public_vehicle_stock": "vehicle_count",
    "three_public": "three_public_total",
    "remit_to_superior_expenditure": "remittance_to_superior_expenditure",
    "subordinate_remittance_income": "subordinate_income",
    "three_public_reception_batches": "reception_batches",
    "three_public_reception_persons": "reception_persons",
    "gpb_project_expenditure": "project_expenditure",
    "equipment_count_general_over_50wan": "equipment_count_general",
    "equipment_count_special_over_100wan": "equipment_count_special",
    "equipment_over_1m_count": "equipment_count",
    "equipment_count_over_100wan": "equipment_count",
    "vehicle_count_confidential_comm": "vehicle_count_confidential",
    "staff_authorized": "headcount_authorised",
    "staff_in_service": "headcount",
    "procurement_small_micro_of_sme": "procurement_micro_awarded",
    "procurement_sme": "procurement_sme_awarded",
    "procurement_small_micro": "procurement_micro_awarded",
}
# Economic 类 the labels name by what they are (basic_wage_welfare: 工资福利支出, 301).
_ECONOMIC_CLASS_KEYS = {
    "basic_wage_welfare": "301",
    "basic_goods_services": "302",
    "basic_individual_family_subsidy": "303",
    "basic_capital": "310",
}


def _metric_of(name: str) -> str | None:
    name = name.removesuffix("_budget_initial").removesuffix("_initial_budget").removesuffix("_budget")
    metric, _ = LABEL_ALIASES.get(name, (name, None))
    metric = _METRIC_ALIASES.get(metric, metric)
    return metric if metric in METRICS else None


def _line_of(name: str, entry: dict) -> tuple[str, str, str | None] | None:
    if name in _ECONOMIC_CLASS_KEYS:
        return "economic", _ECONOMIC_CLASS_KEYS[name], None
    match = _LINE.match(name)
    if match is None:
        return None
    kind = "functional" if match.group("kind") == "func" else "economic"
    return kind, match.group("code"), entry.get("name")


def target_of(label_metric: str, entry: dict) -> Target:
    """The family and key a label names (see the module docstring)."""
    name, period = label_metric, "current"
    if name.startswith("prior_year_"):
        name, period = name.removeprefix("prior_year_"), "prior"
    if indicator := _INDICATOR.match(name):
        return Target("indicator", indicator=(indicator.group("field"), entry.get("indicator") or ""))
    if name.startswith("share_pct_"):
        subject = name.removeprefix("share_pct_")
        line = _line_of(subject, entry)
        metric = _metric_of(subject)
        if line is None and metric is None:
            return Target("not in the vocabulary")
        return Target("share", metric=metric, line=line, period=period)
    if name.endswith("_completion_pct"):
        metric = _metric_of(name.removesuffix("_completion_pct").removesuffix("_budget"))
        return Target("completion", metric=metric) if metric else Target("not in the vocabulary")
    if change := _CHANGE.match(name):
        subject = change.group("subject")
        line = _line_of(subject, entry)
        metric = _metric_of(subject)
        if line is None and metric is None:
            return Target("not in the vocabulary")
        # Without a stated base a change is against last year: its actual or, in a budget, its budget.
        base = entry.get("base") or _BASE_OF_VS.get(change.group("vs") or "")
        return Target(
            "growth" if change.group("pct") else "change",
            metric=metric,
            line=line,
            period=period,
            base=base,
            negative=change.group("direction") == _NEGATIVE,
            signed=change.group("direction") != "change",
        )
    if line := _line_of(name, entry):
        written = _LINE.match(name)
        if line[0] == "functional" and written and written.group("column") not in _TOTAL_COLUMNS:
            return Target("functional line column", line=line, period=period)
        return Target("functional line" if line[0] == "functional" else "economic line", line=line, period=period)
    for alias, metric in _METRIC_ALIASES.items():  # the label key in the vocabulary's words
        if alias in LABEL_ALIASES or alias in ("total_income", "total_expenditure"):
            continue  # key_of_label reads these itself
        if name == alias or name.startswith(alias + "_budget"):
            label_metric = label_metric.replace(alias, metric, 1)
    return Target("metric", metric=name, period=period, label=label_metric)


def _family_of_metric(label_metric: str, doc_type: str | None, project: str | None) -> str:
    key = key_of_label(label_metric, doc_type, project)
    if key is not None:
        if key.period == "prior":
            return "last year"
        return "budget basis" if label_metric.endswith(("_budget", "_budget_initial")) else "core"
    base = label_metric.removeprefix("prior_year_")
    for suffix in ("_budget_initial", "_initial_budget", "_budget"):
        base = base.removesuffix(suffix)
    metric = _metric_of(base)
    if metric is None:
        return "not in the vocabulary"
    return "count" if METRICS[metric].kind == "count" else "other metric"


def _same_name(written: str | None, label: str | None) -> bool:
    if not written or not label:
        return False
    clean = re.compile(r"[\s()()“”\"]|支出$|类$|款$|项$")
    a, b = clean.sub("", written), clean.sub("", label)
    return bool(a) and bool(b) and (a == b or a.endswith(b) or b.endswith(a))


def _line_matches(line: ClassifiedLine, wanted: tuple[str, str, str | None]) -> bool:
    kind, code, name = wanted
    if line.classification != kind:
        return False
    if line.code:
        return line.code.replace(" ", "") == code
    return _same_name(line.name, name) or names_line(kind, code, line.name or "")


def _subject_matches(fact: Fact, target: Target, lines: list[ClassifiedLine]) -> bool:
    subject = fact.subject_metric or ""
    if target.line is not None:
        if not subject.startswith(LINE_SUBJECT):
            return False
        index = int(subject.removeprefix(LINE_SUBJECT))
        return 0 <= index < len(lines) and _line_matches(lines[index], target.line)
    return subject == target.metric


def _held(target: Target, value: Decimal, label_metric: str, doc_type: str | None, project: str | None,
          document: ProcessedDocument) -> bool:  # fmt: skip
    extraction = document.extraction
    if extraction is None:
        return False
    facts, lines = extraction.facts, extraction.lines
    if target.family in ("change", "growth"):
        metric = "change_amount" if target.family == "change" else "growth_pct"
        wanted = -abs(value) if target.negative else value  # "下降-81.75%" is a decrease of 81.75
        for fact in facts:
            if fact.metric != metric or not _subject_matches(fact, target, lines):
                continue
            if fact.base not in _BASES_OF.get(target.base, (target.base,)):
                continue
            held = fact.amount_wan if metric == "change_amount" else fact.value
            if held is not None and (held == wanted or (not target.signed and abs(held) == abs(value))):
                return True
        return False
    if target.family == "share":
        if target.line is not None:
            return any(_line_matches(line, target.line) and line.pct == value for line in lines)
        return any(f.metric == target.metric and f.period == target.period and f.pct == value for f in facts)
    if target.family == "completion":
        return any(
            f.metric == "execution_rate_pct" and f.subject_metric == target.metric and f.value == value for f in facts
        )
    if target.family in ("functional line", "functional line column", "economic line"):
        assert target.line is not None
        return any(
            _line_matches(line, target.line) and line.period == target.period and line.amount_wan == value
            for line in lines
        )
    if target.family == "indicator":
        assert target.indicator is not None
        return any(_indicator_holds(indicator, target.indicator, value) for indicator in extraction.indicators)
    return _metric_held(label_metric, value, doc_type, project, facts)


def _metric_held(label_metric: str, value: Decimal, doc_type: str | None, project: str | None,
                 facts: list[Fact]) -> bool:  # fmt: skip
    key = key_of_label(label_metric, doc_type, project, metrics=frozenset(METRICS))
    if key is None:
        return False
    if METRICS[key.metric].kind == "count":
        key = replace(key, bases=BASES)  # a count is of the year, whatever the document's basis
    return any(fact_matches(f, key) and fact_value(f) == value for f in facts)


def _indicator_holds(indicator: Indicator, wanted: tuple[str, str], value: Decimal) -> bool:
    field_name, name = wanted
    name = to_simplified(re.sub(r"\s", "", name))  # extraction reads traditional pages in simplified
    if name and not (_same_name(indicator.name, name) or name in indicator.name or indicator.name in name):
        return False
    measure = getattr(indicator, field_name)
    return measure is not None and measure.value == value


def score_document(document: ProcessedDocument, label_path: Path) -> CoverageScore:
    score = CoverageScore(name=document.source.path.name)
    label, figures = load_labels(label_path, document.source.text or "")
    entries = [e for e in label["facts"] if e.get("alignment") not in ("ambiguous", "inferred")]
    by_words = {(e["metric"], e["as_written"]): e for e in entries}
    doc_type = label.get("doc_type")
    for figure in figures:
        entry = by_words.get((figure.label_metric, figure.as_written))
        if entry is None or figure.ambiguous:
            continue
        target = target_of(figure.label_metric, entry)
        family = target.family
        label_metric = target.label or figure.label_metric
        if family == "metric":
            family = _family_of_metric(label_metric, doc_type, None)
        score.labelled[family] += 1
        value = figure.comparable() if family not in ("growth", "share", "completion", "indicator") else figure.value
        project = entry.get("project") if entry.get("project") != label.get("project") else None
        if family != "not in the vocabulary" and _held(target, value, label_metric, doc_type, project, document):
            score.found[family] += 1
        else:
            score.missed.append((family, figure.label_metric, figure.as_written))
    return score


def score_corpus(folder: Path) -> list[CoverageScore]:
    """Score every labelled document under `folder` (the .json beside each document)."""
    scores = []
    for path in documents_in(folder):
        label = path.with_suffix(".json")
        if label.exists():
            scores.append(score_document(process_file(path), label))
    return scores


def totals(scores: list[CoverageScore]) -> tuple[Counter[str], Counter[str]]:
    labelled: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for score in scores:
        labelled.update(score.labelled)
        found.update(score.found)
    return labelled, found


__all__ = ["CORE_METRICS", "FAMILIES", "CoverageScore", "score_corpus", "target_of", "totals"]
