"""OCR against the text layer: each PDF is rendered to images (a scan made here, 144 dpi), read by
OCR, and its money figures compared with those of the same PDF's text layer.

Run from the checkout: .venv/bin/python benchmarks/ocr_vs_text_layer.py [PDF ...]
(default: the three Putuo final accounts in ../shared/corpus/pdf).
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pypdfium2

from fiscal.documents.pdf import pdf_text_and_layout
from fiscal.documents.reader import SourceDocument, document_id_of
from fiscal.extract.document import process_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdf"


def _scan(path: Path) -> bytes:
    document = pypdfium2.PdfDocument(path)
    images = [page.render(scale=2).to_pil().convert("RGB") for page in document]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=144)
    return buffer.getvalue()


def _figures(data: bytes) -> set[tuple]:
    text, layout = pdf_text_and_layout(data)
    document = process_text(SourceDocument(Path("x.pdf"), document_id_of(data), "pdf", len(data), None, text, layout))
    assert document.extraction is not None
    return {(f.metric, f.scope, f.period, f.basis, f.amount_wan) for f in document.extraction.facts if f.amount_wan}


def main(paths: list[Path]) -> None:
    total_layer = total_found = total_other = 0
    for path in paths:
        layer = _figures(path.read_bytes())
        scan = _scan(path)
        start = time.perf_counter()
        read = _figures(scan)
        elapsed = time.perf_counter() - start
        found, other = len(read & layer), len(read - layer)
        total_layer, total_found, total_other = total_layer + len(layer), total_found + found, total_other + other
        print(f"{path.name}: text layer {len(layer)} figures; OCR found {found}, {other} not in the text layer "
              f"({elapsed:.1f} s)")  # fmt: skip
        for figure in sorted(read - layer, key=str):
            print("   OCR only:", figure)
        for figure in sorted(layer - read, key=str):
            print("   missed:", figure)
    print(f"all: OCR found {total_found} of {total_layer} text-layer figures, {total_other} others")


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]] or sorted(CORPUS.glob("putuo_*_final_accounts.pdf")))
