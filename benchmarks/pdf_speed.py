"""Seconds per page reading the corpus PDFs (text, and every character's page and box).

Run from the checkout: .venv/bin/python benchmarks/pdf_speed.py [FOLDER ...]
(default: ../shared/corpus/pdf and ../shared/corpus/pdf-jiangsu).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pdfplumber

from fiscal.documents.formats import pdf_text_and_layout

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main(folders: list[Path]) -> None:
    files = sorted(path for folder in folders for path in folder.rglob("*.pdf"))
    pages = 0
    for path in files:
        with pdfplumber.open(path) as pdf:
            pages += len(pdf.pages)
    start = time.perf_counter()
    for path in files:
        pdf_text_and_layout(path.read_bytes())
    elapsed = time.perf_counter() - start
    print(f"pdfplumber text + layout: {len(files)} PDFs, {pages} pages, {elapsed:.1f} s, {elapsed / pages:.3f} s/page")


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]] or [CORPUS / "pdf", CORPUS / "pdf-jiangsu"])
