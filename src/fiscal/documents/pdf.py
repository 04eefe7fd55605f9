"""A PDF's text, page by page, each page read by the first engine that can, with page and box.

1. pdfplumber: prose in reading order and ruled tables as tab-separated rows (the form
   extract/tables.py reads), every character with its glyph's or its cell's box.
2. pypdfium2 (PDFium) where pdfplumber raises on a page (a malformed content stream, a reader
   bug): the page's text in PDFium's order, with its glyph boxes. The failure is logged with its
   traceback and recorded on the page, never taken for a corrupt file.
3. OCR (fiscal.documents.ocr) where a page has no text layer: a scan.

Each page's engine, what it gave and why is recorded (TextLayout.page_reads → raw.document_pages).
A document none of whose pages gave text is refused with the reason.
"""

from __future__ import annotations

import io
import logging
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from fiscal.documents import ocr
from fiscal.documents.formats import cell_text
from fiscal.documents.layout import LayoutBuilder, PageRead, TextLayout
from fiscal.documents.reader_errors import UnreadableDocument

MAX_PDF_PAGES = 500
MAX_OCR_PAGES = 40  # at 1–5 s a page, a longer scan would outlast the document's time limit
MIN_TEXT_CHARS_PER_PAGE = 10  # fewer: a page without a text layer (a scan)
# pdfplumber groups characters into lines within this vertical distance; Latin digits set in
# another font often sit a few points off the Chinese baseline (seen: 4.8 pt).
PDF_LINE_TOLERANCE = 5

_log = logging.getLogger(__name__)


def pdf_text_and_layout(data: bytes) -> tuple[str, TextLayout]:
    """The text of every page, and where each of its characters sits (page, box)."""
    import pypdfium2

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    plumber = _open_with_pdfplumber(data)
    try:
        pdfium = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if plumber is None:
            raise _refusal(error) from error
        pdfium = None  # pdfplumber reads it; PDFium is only the fallback
    try:
        plumber = _with_page_tree(plumber)
        count = len(plumber.pages) if plumber is not None else len(pdfium)  # type: ignore[arg-type]
        if count > MAX_PDF_PAGES:
            raise UnreadableDocument(f"PDF has {count} pages, over the {MAX_PDF_PAGES} page limit")
        builder = LayoutBuilder()
        ocr_pages = 0
        for number in range(1, count + 1):
            if number > 1:
                builder.write("\n", number - 1)
            page = _read_page(plumber, pdfium, number, ocr_pages < MAX_OCR_PAGES)
            ocr_pages += page.layout.page_reads[-1].engine == "ocr"
            builder.extend(page)
    finally:
        if plumber is not None:
            plumber.close()
        if pdfium is not None:
            pdfium.close()
    reads = builder.layout.page_reads
    if not any(read.chars >= MIN_TEXT_CHARS_PER_PAGE for read in reads) or not builder.text.strip():
        raise UnreadableDocument(_no_text_reason(reads))
    return builder.text, builder.layout


def _open_with_pdfplumber(data: bytes) -> Any:
    """pdfplumber's document, or None where pdfminer cannot parse it (PDFium may still)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PdfminerException) as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(error).lower():
            raise UnreadableDocument("encrypted PDF (password required)") from error
        _log.info("pdfplumber cannot open the PDF (%s); trying PDFium", type(cause).__name__)
        return None


def _with_page_tree(plumber: Any) -> Any:
    """pdfplumber's document if it can list the pages (it parses the page tree on first use)."""
    if plumber is None:
        return None
    try:
        plumber.pages  # noqa: B018 - parsed here, so a broken page tree falls back to PDFium
    except Exception:
        _log.warning("pdfplumber cannot list the pages; reading them with PDFium", exc_info=True)
        plumber.close()
        return None
    return plumber


def _refusal(error: Exception) -> UnreadableDocument:
    message = str(error)
    if "password" in message.lower():
        return UnreadableDocument("encrypted PDF (password required)")
    return UnreadableDocument(f"corrupt or unreadable PDF: {message or type(error).__name__}")


def _read_page(plumber: Any, pdfium: Any, number: int, may_ocr: bool) -> LayoutBuilder:
    """One page by the first engine that gives text; its PageRead last in the builder's page_reads."""
    builder, note = LayoutBuilder(), None
    engine = "pdfplumber" if plumber is not None else "pypdfium2"
    if plumber is not None:
        page = plumber.pages[number - 1]
        try:
            _plumber_page(page, number, builder)
        except Exception as error:  # the reader's failure on this page, whatever it raised
            _log.warning("page %d: pdfplumber failed; reading it with PDFium", number, exc_info=True)
            note = f"pdfplumber failed: {type(error).__name__}: {error}"[:300]
            builder, engine = LayoutBuilder(), "pypdfium2"
        finally:
            page.close()  # pdfplumber caches each page's objects: free them as we go
    if engine == "pypdfium2":
        try:
            _pdfium_page(pdfium[number - 1], number, builder)
        except Exception as error:
            _log.warning("page %d: PDFium failed too", number, exc_info=True)
            note = "; ".join(filter(None, (note, f"PDFium failed: {type(error).__name__}: {error}"[:300])))
            builder, engine = LayoutBuilder(), "none"
    chars = _chars(builder)
    if chars < MIN_TEXT_CHARS_PER_PAGE and pdfium is not None:
        return _ocr_or_empty(pdfium, number, may_ocr, builder, engine, note)
    builder.layout.page_reads.append(PageRead(number, engine, chars, None, note))
    return builder


def _ocr_or_empty(pdfium: Any, number: int, may_ocr: bool, text_layer: LayoutBuilder, engine: str,
                  note: str | None) -> LayoutBuilder:  # fmt: skip
    """A page without a text layer: OCR it where we can and may, else record why it has no text."""
    chars = _chars(text_layer)
    why = None
    if (unavailable := ocr.unavailable_reason()) is not None:
        why = f"no text layer, and {unavailable}"
    elif not may_ocr:
        why = f"no text layer, past the {MAX_OCR_PAGES}-page OCR limit of one document"
    elif not _has_images(pdfium[number - 1]):
        why = "no text layer and no image: a blank page"
    if why is not None:
        text_layer.layout.page_reads.append(PageRead(number, engine, chars, None, _join(note, why)))
        return text_layer
    builder = LayoutBuilder()
    try:
        read = ocr.ocr_page(pdfium[number - 1], number, builder)
    except Exception as error:  # the recogniser's failure on this page (or ours): the page, not the document
        _log.warning("page %d: OCR failed", number, exc_info=True)
        why = f"no text layer, and OCR failed: {type(error).__name__}: {str(error).strip()[-200:]}"
        text_layer.layout.page_reads.append(PageRead(number, "ocr", chars, None, _join(note, why)))
        return text_layer
    confidence = _score(read.mean_confidence)
    dropped = f"{read.dropped} of {read.pieces} pieces below {ocr.MIN_PIECE_CONFIDENCE}" if read.dropped else None
    if read.mean_confidence is None or read.mean_confidence < ocr.MIN_PAGE_CONFIDENCE:
        why = (
            "no text layer, and OCR found no text"
            if read.mean_confidence is None
            else f"OCR confidence {confidence} below {ocr.MIN_PAGE_CONFIDENCE}: page not read"
        )
        text_layer.layout.page_reads.append(PageRead(number, "ocr", 0, confidence, _join(note, why)))
        return text_layer
    builder.layout.page_reads.append(PageRead(number, "ocr", _chars(builder), confidence, _join(note, dropped)))
    return builder


def _has_images(page: Any) -> bool:
    """Whether the page draws an image (a scan is one): a page of neither text nor image is blank."""
    import pypdfium2.raw as pdfium_c

    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))


def _join(*notes: str | None) -> str | None:
    return "; ".join(note for note in notes if note) or None


def _score(value: float | None) -> Decimal | None:  # float ok: the recogniser's score
    return None if value is None else Decimal(repr(value)).quantize(Decimal("0.001"), rounding=ROUND_FLOOR)


def _chars(builder: LayoutBuilder) -> int:
    return sum(1 for char in builder.text if not char.isspace())


def _no_text_reason(reads: list[PageRead]) -> str:
    """Why none of the pages gave text, page by page where they differ."""
    notes = sorted({read.note or "no text" for read in reads})
    pages = f"{len(reads)} page{'s' if len(reads) != 1 else ''}"
    return f"no text on any page ({pages}: {'; '.join(notes)})"[:500]


# ---- pdfplumber -------------------------------------------------------------------------------
def _plumber_page(page: Any, number: int, builder: LayoutBuilder) -> None:
    """The page's prose and its ruled tables in reading order, tables as tab-separated rows."""
    tables = sorted(page.find_tables(), key=lambda table: table.bbox[1])
    top = 0.0  # float ok: PDF coordinates
    written = False

    def separate() -> None:
        nonlocal written
        if written:
            builder.write("\n", number)
        written = True

    for table in tables:
        _, table_top, _, table_bottom = table.bbox
        if table_top > top:
            region = page.within_bbox((0, top, page.width, table_top)).get_textmap(y_tolerance=PDF_LINE_TOLERANCE)
            if region.as_string:
                separate()
                builder.write_textmap(region.tuples, number)
        rows = _table_rows(table)
        if rows:
            separate()
            _table_text(rows, number, builder)
        top = max(top, table_bottom)
    if top < page.height:
        region = page.within_bbox((0, top, page.width, page.height)).get_textmap(y_tolerance=PDF_LINE_TOLERANCE)
        if region.as_string:
            separate()
            builder.write_textmap(region.tuples, number)


def _table_rows(table: Any) -> list[list[tuple[str, Any]]]:
    """The rows `table_lines` keeps, each cell's text (as `cell_text` writes it) with its box."""
    rows = []
    for texts, row in zip(table.extract(), table.rows, strict=False):
        cells = [(cell_text(text or ""), box) for text, box in zip(texts, row.cells, strict=False)]
        if not any(text for text, _ in cells):
            continue
        while cells and not cells[-1][0]:
            cells.pop()
        rows.append(cells)
    return rows


def _table_text(rows: list[list[tuple[str, Any]]], number: int, builder: LayoutBuilder) -> None:
    """The table in the tab-separated form of `table_lines`, each cell's text with the cell's box."""
    builder.write("\n", number)  # the blank line that sets a table apart
    for index, cells in enumerate(rows):
        if index:
            builder.write("\n\n", number)
        for text, box in cells:
            builder.write("\t", number)
            builder.write(text, number, box)
    builder.write("\n", number)


# ---- PDFium -----------------------------------------------------------------------------------
def _pdfium_page(page: Any, number: int, builder: LayoutBuilder) -> None:
    """PDFium's text of the page; each character with its glyph box, turned to top-left coordinates."""
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        text = textpage.get_text_range()
        exact = len(text) == textpage.count_chars()  # one index per character: boxes can be looked up
        for index, char in enumerate(text):
            if char == "\r":
                continue
            box = None
            if exact and not char.isspace():
                left, bottom, right, top = textpage.get_charbox(index)
                box = (left, height - top, right, height - bottom)
            builder.write(char, number, box)
    finally:
        textpage.close()
