"""Seconds per page for each PDF engine on the corpus PDFs.

Run from the checkout: .venv/bin/python benchmarks/pdf_speed.py [--ocr-pages N] [FOLDER ...]
(default: ../shared/corpus/pdf and ../shared/corpus/pdf-jiangsu).

- the reader as the pipeline runs it (pdfplumber on every page, with page and box; PDFium or OCR
  only where a page needs them);
- PDFium alone (the fallback engine) on every page;
- OCR alone on the first N pages of each PDF rendered to images (what a scan costs).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2

from fiscal.documents import ocr, pdf
from fiscal.documents.layout import LayoutBuilder

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _timed(work: Callable[[], None]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main(folders: list[Path], ocr_pages: int) -> None:
    files = sorted(path for folder in folders for path in folder.rglob("*.pdf"))
    documents = [pypdfium2.PdfDocument(path) for path in files]
    pages = sum(len(document) for document in documents)

    def reader() -> None:
        for path in files:
            pdf.pdf_text_and_layout(path.read_bytes())

    def pdfium() -> None:
        for document in documents:
            for number in range(1, len(document) + 1):
                pdf._pdfium_page(document[number - 1], number, LayoutBuilder())

    ocr_count = sum(min(ocr_pages, len(document)) for document in documents)

    def recognise() -> None:
        for document in documents:
            for number in range(1, min(ocr_pages, len(document)) + 1):
                ocr.ocr_page(document[number - 1], number, LayoutBuilder())

    print(f"{len(files)} PDFs, {pages} pages")
    for name, work, count in (
        ("reader (pdfplumber, fallbacks where needed)", reader, pages),
        ("PDFium text and boxes alone", pdfium, pages),
        (f"OCR alone (first {ocr_pages} pages of each, rendered at {ocr.RENDER_SCALE}x)", recognise, ocr_count),
    ):
        elapsed = _timed(work)
        print(f"{name}: {count} pages, {elapsed:.1f} s, {elapsed / count:.3f} s/page")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--ocr-pages", type=int, default=3)
    arguments = parser.parse_args()
    main(arguments.folders or [CORPUS / "pdf", CORPUS / "pdf-jiangsu"], arguments.ocr_pages)
