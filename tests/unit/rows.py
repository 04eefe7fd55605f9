"""Fact rows as the marts give them, for rule tests: one builder, defaults overridden per test."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from fiscal.documents.reader import SourceDocument, document_id_of
from fiscal.extract.document import process_text
from fiscal.extract.model import Fact
from fiscal.quality.envelope import Figure
from fiscal.quality.rules import DocumentFacts, FactRow, IndicatorRow


def facts_of(text: str) -> list[Fact]:
    """The facts extracted from a text page, through the same stages as a landed document."""
    data = text.encode("utf-8")
    document = process_text(SourceDocument(Path("page.txt"), document_id_of(data), "text", len(data), "utf-8", text))
    assert document.extraction is not None
    return document.extraction.facts


def fact_row(metric: str, value: str, **overrides) -> FactRow:
    """A current, actual, department-scope figure stated to two decimals, unless overridden."""
    fields = dict(scope="department", period="current", basis="actual", project=None, subject=None,
                  value=Decimal(value), half_unit=Decimal("0.005"), pct=None, pct_half_unit=None, share_of=None,
                  evidence=f"{metric} {value}", span_start=0, span_end=1)  # fmt: skip
    fields.update(overrides)
    return FactRow(metric=metric, **fields)


def _half(unit: Decimal | None) -> Decimal | None:
    return unit / 2 if unit is not None else None


def document_facts(extraction) -> DocumentFacts:
    """An extraction as the rules see it after landing: money in 万元, lines by their line_id."""
    facts = [
        FactRow(metric=f.metric, scope=f.scope, period=f.period, basis=f.basis, project=f.project_name,
                subject=f.subject_metric, value=f.amount_wan if f.amount_wan is not None else f.value,
                half_unit=_half(f.precision_wan if f.precision_wan is not None else f.precision), pct=f.pct,
                pct_half_unit=_half(f.pct_precision), share_of=f.share_of, share_of_scope=f.share_of_scope,
                evidence=f.provenance.sentence,
                span_start=f.provenance.span_start, span_end=f.provenance.span_end, base=f.base,
                unplaced_parts=f.unplaced_parts, label=f.label, part_of=f.part_of, text=f.value_text)
        for f in extraction.facts
    ]  # fmt: skip
    units: dict[str, DocumentFacts] = {}
    for f, row in zip(extraction.facts, list(facts), strict=True):
        if f.unit_name is not None:  # a named unit's figure: checked apart, as the marts loader does
            units.setdefault(f.unit_name, DocumentFacts("page")).facts.append(row)
            facts.remove(row)
    lines: dict[str, list[FactRow]] = {"functional": [], "economic": []}
    for line_id, line in enumerate(extraction.lines):
        if line.classification in lines:
            lines[line.classification].append(
                FactRow(metric=f"{line.classification}:{line.level}", scope=line.scope, period=line.period,
                        basis=line.basis, project=None, subject=None, value=line.amount_wan,
                        half_unit=_half(line.precision_wan), pct=line.pct, pct_half_unit=_half(line.pct_precision),
                        share_of=line.share_of, share_of_scope=line.share_of_scope, evidence=line.provenance.sentence,
                        span_start=line.provenance.span_start, span_end=line.provenance.span_end, name=line.name,
                        level=line.level, parent_metric=line.parent_metric, source=line.source, line_id=line_id,
                        code=line.code, class_name=line.class_name, kuan_name=line.kuan_name)
            )  # fmt: skip
    indicators = [
        IndicatorRow(record_kind=i.record_kind, name=i.name, source=i.source, project=i.project_name,
                     comparator=i.target.comparator if i.target else None,
                     target_text=i.target.text if i.target else None,
                     target=_figure(i.target, i.name, i.evidence), target_unit=i.target.unit if i.target else None,
                     actual_text=i.actual.text if i.actual else None, actual=_figure(i.actual, i.name, i.evidence),
                     unit=i.target.unit if i.target else None, completion=_figure(i.completion, i.name, i.evidence),
                     weight=_figure(i.weight, i.name, i.evidence), score=_figure(i.score, i.name, i.evidence),
                     own_target_unit=i.target.unit if i.target else None, unit_column=i.unit_column,
                     evidence=i.evidence, span_start=i.span_start, span_end=i.span_end,
                     level1_name=i.level1_name)
        for i in extraction.indicators
    ]  # fmt: skip
    return DocumentFacts("page", facts=facts, functional=lines["functional"], economic=lines["economic"],
                         indicators=indicators, units=units)  # fmt: skip


def _figure(measure, name: str, evidence: str) -> Figure | None:
    if measure is None or measure.value is None or measure.precision is None:
        return None
    return Figure(measure.value, measure.precision / 2, name, evidence)
