"""Land processed documents in bulk: the rows of a batch of documents handed to DuckDB as one Arrow
table per raw table, in one transaction.

A batch is all-or-nothing, and so is each document in it: when a batch cannot be written, it is
rolled back and its documents are landed one by one, so the one whose rows the schema refuses is
quarantined alone (with our error as the reason) and the others land. Arrow keeps Python Decimals as
decimal128, so money goes in exact. Landing is idempotent by document_id (sha256 of the bytes): a
document already in raw.documents is skipped.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from fiscal import EXTRACTOR_VERSION
from fiscal.documents.reader import display_path
from fiscal.extract.document import ProcessedDocument
from fiscal.extract.model import Indicator, Measure, Provenance
from fiscal.land.schema import ensure_schemas

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LandingResult:
    document_id: str
    source_path: str
    status: str  # landed | quarantined | already_landed
    reason: str | None
    facts: int


def _provenance_columns(doc: ProcessedDocument, prov: Provenance) -> dict[str, Any]:
    assert doc.text is not None
    source_start, source_end = doc.text.source_span(prov.span_start, prov.span_end)
    return {
        "span_start": prov.span_start,
        "span_end": prov.span_end,
        "source_span_start": source_start,
        "source_span_end": source_end,
        "sentence": prov.sentence,
        "section": prov.section,
        "pattern": prov.pattern,
        **_page_box(doc, source_start, source_end),
    }


def _page_box(doc: ProcessedDocument, source_start: int, source_end: int) -> dict[str, Any]:
    """PDFs: the page and the box of a statement (its glyphs, or the table cells it spans)."""
    layout = doc.source.layout
    box = layout.box(source_start, source_end) if layout is not None else None
    return {
        "page": box.page if box else None,
        "box_x0": box.x0 if box else None,
        "box_top": box.top if box else None,
        "box_x1": box.x1 if box else None,
        "box_bottom": box.bottom if box else None,
        "ocr_confidence": box.ocr_confidence if box else None,
    }


def _document_row(doc: ProcessedDocument) -> dict[str, Any]:
    md, ex = doc.metadata, doc.extraction
    return {
        "document_id": doc.source.document_id,
        "source_path": display_path(doc.source.path),
        "file_name": display_path(Path(doc.source.path.name)),
        "format": doc.source.format,
        "byte_size": doc.source.byte_size,
        "encoding": doc.source.encoding,
        "doc_type": md.doc_type if md else None,
        "title": md.title if md else None,
        "department": md.department if md else None,
        "region": md.region if md else None,
        "fiscal_year": md.fiscal_year if md else None,
        "status": doc.status,
        "reason": doc.reason,
        "extractor_version": EXTRACTOR_VERSION,
        "fact_count": len(ex.facts) if ex and doc.status == "landed" else 0,
        "line_count": len(ex.lines) if ex and doc.status == "landed" else 0,
        "issue_count": len(ex.issues) if ex and doc.status == "landed" else 0,
        "ingested_at": datetime.now(UTC).replace(tzinfo=None),
    }


def _measure_columns(prefix: str, measure: Measure | None) -> dict[str, Any]:
    return {
        f"{prefix}_text": measure.text if measure else None,
        f"{prefix}_value": measure.value if measure else None,
        f"{prefix}_unit": measure.unit if measure else None,
        f"{prefix}_precision": measure.precision if measure else None,
    }


def _indicator_row(doc: ProcessedDocument, index: int, indicator: Indicator) -> dict[str, Any]:
    assert doc.text is not None
    source_start, source_end = doc.text.source_span(indicator.span_start, indicator.span_end)
    target, actual, mid_year = (
        _measure_columns("target", indicator.target),
        _measure_columns("actual", indicator.actual),
        _measure_columns("mid_year", indicator.mid_year),
    )
    del mid_year["mid_year_precision"]
    return {
        "document_id": doc.source.document_id, "indicator_id": index, "record_kind": indicator.record_kind,
        "indicator_name": indicator.name, "source": indicator.source, "project_name": indicator.project_name,
        "level1_name": indicator.level1_name, "level2_name": indicator.level2_name,
        "comparator": indicator.target.comparator if indicator.target else None,
        **target, **mid_year, **actual,
        "completion_text": indicator.completion.text if indicator.completion else None,
        "completion_pct": indicator.completion.value if indicator.completion else None,
        "completion_precision": indicator.completion.precision if indicator.completion else None,
        "weight": indicator.weight.value if indicator.weight else None,
        "weight_precision": indicator.weight.precision if indicator.weight else None,
        "score": indicator.score.value if indicator.score else None,
        "score_precision": indicator.score.precision if indicator.score else None,
        "deviation_reason": indicator.deviation_reason, "unit_column": indicator.unit_column,
        "span_start": indicator.span_start,
        "span_end": indicator.span_end, "source_span_start": source_start, "source_span_end": source_end,
        "evidence": indicator.evidence, **_page_box(doc, source_start, source_end),
    }  # fmt: skip


def document_rows(doc: ProcessedDocument) -> dict[str, list[dict[str, Any]]]:
    """Every raw table's rows for one document, as Arrow takes them (one dict per row)."""
    doc_id = doc.source.document_id
    tables: dict[str, list[dict[str, Any]]] = {"documents": [_document_row(doc)]}
    if doc.status != "landed" or doc.extraction is None or doc.text is None:
        return tables
    ex = doc.extraction
    tables["document_text"] = [{"document_id": doc_id, "text": doc.text.text, "source_text": doc.text.source}]
    tables["facts"] = [
        {
            "document_id": doc_id,
            "fact_id": i,
            "metric": f.metric,
            "scope": f.scope,
            "period": f.period,
            "basis": f.basis,
            "project_name": f.project_name,
            "subject_metric": f.subject_metric,
            "base": f.base,
            "unplaced_parts": f.unplaced_parts,
            "part_of": f.part_of,
            "value": f.value,
            "unit": f.unit,
            "precision": f.precision,
            "amount_wan": f.amount_wan,
            "precision_wan": f.precision_wan,
            "pct": f.pct,
            "pct_precision": f.pct_precision,
            "share_of": f.share_of,
            "share_of_scope": f.share_of_scope,
            "value_text": f.value_text,
            "label": f.label,
            "unit_name": f.unit_name,
            **_provenance_columns(doc, f.provenance),
        }
        for i, f in enumerate(ex.facts)
    ]
    tables["classified_lines"] = [
        {
            "document_id": doc_id,
            "line_id": i,
            "classification": line.classification,
            "level": line.level,
            "name": line.name,
            "code": line.code,
            "class_name": line.class_name,
            "kuan_name": line.kuan_name,
            "parent_metric": line.parent_metric,
            "scope": line.scope,
            "period": line.period,
            "basis": line.basis,
            "amount_wan": line.amount_wan,
            "precision_wan": line.precision_wan,
            "pct": line.pct,
            "pct_precision": line.pct_precision,
            "share_of": line.share_of,
            "share_of_scope": line.share_of_scope,
            "source": line.source,
            "value_text": line.value_text,
            **_provenance_columns(doc, line.provenance),
        }
        for i, line in enumerate(ex.lines)
    ]
    tables["projects"] = [
        {
            "document_id": doc_id,
            "project_id": i,
            "project_name": p.name,
            "amount_wan": p.amount_wan,
            "precision_wan": p.precision_wan,
            "basis": p.basis,
            "funding_document": p.funding_document,
            "value_text": p.value_text,
            "span_start": p.provenance.span_start,
            "span_end": p.provenance.span_end,
            "sentence": p.provenance.sentence,
            "section": p.provenance.section,
        }
        for i, p in enumerate(ex.projects)
    ]
    tables["indicators"] = [_indicator_row(doc, i, indicator) for i, indicator in enumerate(ex.indicators)]
    tables["document_tables"] = [
        {"document_id": doc_id, "table_id": i, "kind": t.kind, "title": t.title, "unit": t.unit,
         "basis": t.basis, "row_count": t.rows, "span_start": t.span_start, "span_end": t.span_end}
        for i, t in enumerate(ex.tables)
    ]  # fmt: skip
    layout = doc.source.layout
    tables["document_pages"] = [
        {"document_id": doc_id, "page": read.page, "engine": read.engine, "chars": read.chars,
         "ocr_confidence": read.ocr_confidence, "note": read.note}
        for read in (layout.page_reads if layout is not None else [])
    ]  # fmt: skip
    tables["extraction_issues"] = [
        {
            "document_id": doc_id,
            "issue_id": i,
            "kind": issue.kind,
            "message": issue.message,
            "text": issue.text,
            "span_start": issue.span_start,
            "span_end": issue.span_end,
            "section": issue.section,
        }
        for i, issue in enumerate(ex.issues)
    ]
    return tables


def _interrupted(error: Exception) -> bool:
    """Ctrl-C while DuckDB scans the Arrow batch surfaces as RuntimeError("Query interrupted")."""
    return isinstance(error, RuntimeError) and "interrupted" in str(error).lower()


# Errors of the warehouse itself: a document that meets one is not at fault and is not quarantined.
WAREHOUSE_FAILURES = (duckdb.IOException, duckdb.TransactionException, duckdb.FatalException)


def merged_rows(documents: Iterable[dict[str, list[dict[str, Any]]]]) -> dict[str, list[dict[str, Any]]]:
    """The rows of several documents, table by table (document_rows of each), to write as one."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for rows in documents:
        for table, table_rows in rows.items():
            tables.setdefault(table, []).extend(table_rows)
    return tables


def _already_landed(doc: ProcessedDocument) -> LandingResult:
    return LandingResult(doc.source.document_id, display_path(doc.source.path), "already_landed", None, 0)


# A batch is written when it holds this many documents (or rows): large enough that a transaction's
# fixed cost is shared, small enough that a stop or a failure re-extracts little.
BATCH_DOCUMENTS = 100
BATCH_ROWS = 50_000


class Lander:
    """Holds one connection for a run's batch of files. `add` queues a document and writes the queue
    when it is full; `flush` writes what is queued. Both return the landing results written."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection
        ensure_schemas(connection)
        self.known = {row[0] for row in connection.execute("select document_id from raw.documents").fetchall()}
        # by document id: the documents waiting to be written, with their rows
        self._queued: dict[str, tuple[ProcessedDocument, dict[str, list[dict[str, Any]]]]] = {}
        self._queued_rows = 0

    def add(self, doc: ProcessedDocument) -> list[LandingResult]:
        if doc.source.document_id in self.known or doc.source.document_id in self._queued:
            return [_already_landed(doc)]
        try:
            rows = document_rows(doc)
        except Exception:  # our bug on this document's rows: it lands alone, quarantined with the reason
            return [*self.flush(), self.land_or_quarantine(doc)]
        self._queued[doc.source.document_id] = (doc, rows)
        self._queued_rows += sum(len(table_rows) for table_rows in rows.values())
        if len(self._queued) >= BATCH_DOCUMENTS or self._queued_rows >= BATCH_ROWS:
            return self.flush()
        return []

    def flush(self) -> list[LandingResult]:
        """Write the queued documents in one transaction; if that fails for a document's sake, one by one."""
        queued, self._queued, self._queued_rows = list(self._queued.values()), {}, 0
        if not queued:
            return []
        try:
            self.write(merged_rows(rows for _, rows in queued))
        except duckdb.InterruptException:
            raise KeyboardInterrupt from None
        except WAREHOUSE_FAILURES:
            raise  # the warehouse's failure (full disk, lost file), not a document's: stop the batch
        except Exception as error:
            if _interrupted(error):
                raise KeyboardInterrupt from None
            _log.info("a batch of %d documents could not be written (%s); landing them one by one", len(queued), error)
            return [self.land_or_quarantine(doc) for doc, _ in queued]
        return [self._landed(doc) for doc, _ in queued]

    def land_or_quarantine(self, doc: ProcessedDocument) -> LandingResult:
        """Land the document alone; if its rows cannot be written, land it as quarantined with the
        reason (ours: the extraction produced rows the schema refuses). A full disk or a lost warehouse
        is not the document's fault: it stops the batch with that reason."""
        try:
            return self.land(doc)
        except duckdb.InterruptException:
            raise KeyboardInterrupt from None  # Ctrl-C reached DuckDB mid-insert: stop, not quarantine
        except WAREHOUSE_FAILURES:
            raise  # the warehouse's failure (full disk, lost file), not the document's: stop the batch
        except Exception as error:
            if _interrupted(error):
                raise KeyboardInterrupt from None
            _log.exception("landing failed for %s", doc.source.path)
            reason = f"landing failed (ours, not the file's; traceback in the log): {type(error).__name__}: {error}"
            return self.land(replace(doc, status="quarantined", reason=reason[:1000], extraction=None))

    def land(self, doc: ProcessedDocument) -> LandingResult:
        """Land one document in its own transaction (now, not queued)."""
        if doc.source.document_id in self.known:
            return _already_landed(doc)
        self.write(document_rows(doc))
        return self._landed(doc)

    def write(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        """Insert each raw table's rows as one Arrow table, all in one transaction."""
        con = self.connection
        con.execute("begin transaction")
        try:
            for table, rows in tables.items():
                if rows:
                    batch = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB below
                    con.execute(f"insert into raw.{table} by name select * from batch")
            con.execute("commit")
        except Exception:
            with contextlib.suppress(duckdb.TransactionException):  # a failed commit has ended it already
                con.execute("rollback")
            raise

    def _landed(self, doc: ProcessedDocument) -> LandingResult:
        self.known.add(doc.source.document_id)
        facts = len(doc.extraction.facts) if doc.extraction and doc.status == "landed" else 0
        return LandingResult(doc.source.document_id, display_path(doc.source.path), doc.status, doc.reason, facts)
