"""One document end to end through the pure-Python stages: normalise → metadata → statements."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from fiscal.documents.metadata import UNKNOWN, DocumentMetadata, detect_metadata
from fiscal.documents.normalise import NormalisedText, normalise
from fiscal.documents.reader import SourceDocument, read_document, source_of
from fiscal.extract.fiscal_tables import extract_fiscal_tables
from fiscal.extract.indicators import extract_indicators
from fiscal.extract.model import Extraction, ExtractionIssue, StandardTable
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
