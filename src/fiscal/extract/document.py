"""One document end to end through the pure-Python stages: normalise → metadata → statements."""

from __future__ import annotations

from dataclasses import dataclass

from fiscal.documents.metadata import UNKNOWN, DocumentMetadata, detect_metadata
from fiscal.documents.normalise import NormalisedText, normalise
from fiscal.documents.reader import SourceDocument, read_document
from fiscal.extract.fiscal_tables import extract_fiscal_tables
from fiscal.extract.indicators import extract_indicators
from fiscal.extract.model import Extraction, ExtractionIssue, StandardTable
from fiscal.extract.statements import extract_statements
from fiscal.extract.tables import find_tables

LANDED, QUARANTINED = "landed", "quarantined"


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
    indicators = extract_indicators(text.text, found_tables)
    extraction.indicators = indicators.indicators
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


def process_file(path) -> ProcessedDocument:
    """Never raises for a bad document: the failure becomes the quarantine reason."""
    source, refusal = read_document(path)
    if refusal is not None:
        return ProcessedDocument(source, QUARANTINED, str(refusal))
    try:
        return process_text(source)
    except Exception as error:  # a bug on one document must not stop the batch
        return ProcessedDocument(source, QUARANTINED, f"extraction failed: {type(error).__name__}: {error}")
