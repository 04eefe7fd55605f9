"""One document end to end through the pure-Python stages: normalise → metadata → statements."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path

from fiscal.documents.metadata import (
    PERFORMANCE_OVERALL,
    PERFORMANCE_PROJECT,
    UNKNOWN,
    DocumentMetadata,
    detect_metadata,
)
from fiscal.documents.normalise import NormalisedText, normalise
from fiscal.documents.reader import SourceDocument, read_document, source_of
from fiscal.extract.fiscal_tables import extract_fiscal_tables
from fiscal.extract.indicators import TotalScore, extract_indicators
from fiscal.extract.model import Extraction, ExtractionIssue, Fact, Provenance, StandardTable
from fiscal.extract.statements import extract_statements
from fiscal.extract.tables import find_tables

LANDED, QUARANTINED = "landed", "quarantined"
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProcessedDocument:
    source: SourceDocument
    status: str
    reason: str | None
    text: NormalisedText | None = None
    metadata: DocumentMetadata | None = None
    extraction: Extraction | None = None


def process_text(source: SourceDocument) -> ProcessedDocument:
    assert source.text is not None
    text = normalise(source.text)
    metadata = detect_metadata(text.text)
    extraction = extract_statements(text.text, metadata)
    # Tables in the text are found once; indicators and the standard tables each read them.
    found_tables = find_tables(text.text)
    performance = metadata.doc_type in (PERFORMANCE_OVERALL, PERFORMANCE_PROJECT)
    indicators = extract_indicators(text.text, found_tables, performance=performance)
    extraction.indicators = indicators.indicators
    extraction.facts.extend(_total_score_fact(total) for total in indicators.total_scores)
    tables = extract_fiscal_tables(text.text, found_tables)
    extraction.facts.extend(tables.facts)
    extraction.lines.extend(tables.lines)
    extraction.tables = [
        StandardTable(t.kind, t.title, t.unit, t.basis, len(t.table.rows), t.table.start, t.table.end)
        for t in tables.tables
    ]
    for start, end, reason in tables.problems:
        extraction.issues.append(ExtractionIssue("table_not_read", reason, text.text[start:end][:500], start, end, ""))

    # Figures inside indicator tables and scoring paragraphs are placed there, not unplaced.
    def inside(position: int, spans: list[tuple[int, int]]) -> bool:
        return any(start <= position < end for start, end in spans)

    consumed = indicators.consumed + tables.consumed
    extraction.issues = [issue for issue in extraction.issues if not inside(issue.span_start, consumed)]
    # An indicator's target and actual (大于等于43宗) are not outputs of their own.
    indicator_spans = [(r.span_start, r.span_end) for r in indicators.indicators if r.record_kind == "indicator"]
    extraction.facts = [
        fact
        for fact in extraction.facts
        if not (fact.metric == "output_quantity" and inside(fact.provenance.span_start, indicator_spans))
    ]
    if metadata.doc_type == PERFORMANCE_PROJECT:
        extraction.facts = _with_document_project(text.text, extraction.facts)
    if metadata.doc_type == UNKNOWN and not (extraction.facts or extraction.lines or extraction.indicators):
        return ProcessedDocument(
            source,
            QUARANTINED,
            "not recognised as a fiscal disclosure: no document type and no figures found",
            text,
            metadata,
            extraction,
        )
    return ProcessedDocument(source, LANDED, None, text, metadata, extraction)


# A project self-evaluation names its project in a 项目名称 field or in its title
# ("…2018年度校舍修缮项目支出绩效自评报告"); its funds and score figures are that project's.
_PROJECT_NAME_FIELD = re.compile(
    r"项目名称[:：]\s*(?P<name>[^\s:：,，。;；|\t]{2,40}?)(?=主管部门|(?:项目)?实施单位|项目类别|预算单位|[\s,，。;；|\t]|$)",
    re.M,
)
_PROJECT_IN_TITLE = re.compile(r"\d{4}年度?(?P<name>[^\d\s,，。:：]{2,30}?项目)(?:支出)?(?:绩效)?自评")
_PROJECT_FIGURES = {"budget_initial", "budget_adjusted", "executed", "execution_rate_pct", "self_eval_score", "grade"}


def _with_document_project(text: str, facts: list[Fact]) -> list[Fact]:
    """Funds and score facts without a project take the document's one project; a document that
    names several projects (or whose facts already name another) is left as it is."""
    names = {m.group("name") for m in _PROJECT_NAME_FIELD.finditer(text)}
    if not names and (title := _PROJECT_IN_TITLE.search(text[:300])):
        names = {title.group("name")}
    named = {fact.project_name for fact in facts if fact.project_name}
    if len(names) != 1 or not named <= names:
        return facts
    (project,) = names
    return [replace(fact, project_name=project) if fact.project_name is None and fact.metric in _PROJECT_FIGURES
            else fact for fact in facts]  # fmt: skip


def process_file(path: Path) -> ProcessedDocument:
    """Never raises for a bad document: the failure becomes the quarantine reason. A failure of our
    own code says so (with the traceback in the log), so it is never mistaken for a corrupt file."""
    source = None
    try:
        source, refusal = read_document(path)
        if refusal is not None:
            return ProcessedDocument(source, QUARANTINED, str(refusal))
        return process_text(source)
    except MemoryError:
        reason = "needs more memory than the per-document limit"
        return ProcessedDocument(source or source_of(path), QUARANTINED, reason)
    except Exception as error:  # a bug on one document must not stop the batch
        _log.exception("extractor bug on %s", path)
        reason = f"extractor bug (ours, not the file's; traceback in the log): {type(error).__name__}: {error}"
        return ProcessedDocument(source or source_of(path), QUARANTINED, reason[:1000])


def _total_score_fact(total: TotalScore) -> Fact:
    """An indicator table's 合计/总分 row: the total score as the table states it (the text may state it
    again; whether the two agree is the stated-twice rule's question)."""
    score = total.score
    assert score.value is not None
    provenance = Provenance(total.start, total.end, total.evidence, total.start, "", "indicator_table_total")
    return Fact(metric="self_eval_score", scope="department", period="current", basis="actual", value=score.value,
                unit="分", precision=score.precision, amount_wan=None, precision_wan=None, value_text=score.text,
                provenance=provenance, project_name=total.project)  # fmt: skip
