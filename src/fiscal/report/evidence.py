"""The evidence of a finding where a reviewer reads it: its sentences marked in the document's
text, and for a PDF the page with the boxes of the figures those sentences state."""

from __future__ import annotations

import html
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

RENDER_SCALE = 1.5  # 108 dpi: a page fits a screen and its figures stay legible


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    finding: int  # index of the finding on its document's page


def evidence_spans(text: str, finding: dict[str, Any]) -> list[tuple[int, int]]:
    """Where the finding's evidence is in the text: its own span, and each side's sentences."""
    spans = []
    if finding["span_start"] is not None and finding["span_end"] is not None:
        spans.append((finding["span_start"], finding["span_end"]))
    for column in ("lhs_evidence", "rhs_evidence", "evidence"):
        for sentence in _sentences(finding.get(column)):
            position = text.find(sentence)
            if position >= 0:
                spans.append((position, position + len(sentence)))
    return sorted(set(spans))


def _sentences(evidence: str | None) -> list[str]:
    """Evidence columns join the sentences of several figures with ' | ' or new lines."""
    if not evidence:
        return []
    pieces = [piece.strip() for part in evidence.split("\n") for piece in part.split(" | ")]
    return [piece for piece in pieces if len(piece) >= 6]


def marked_text(text: str, marks: list[Mark]) -> str:
    """The text as HTML, each mark a <mark> with the id the findings link to (overlaps merged into
    the first mark that covers them)."""
    pieces: list[str] = []
    cursor = 0
    seen: set[int] = set()
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        start = max(mark.start, cursor)
        if start >= mark.end:
            continue
        pieces.append(html.escape(text[cursor:start]))
        anchor = f' id="evidence-{mark.finding}"' if mark.finding not in seen else ""
        seen.add(mark.finding)
        pieces.append(f'<mark{anchor} data-finding="{mark.finding}">{html.escape(text[start : mark.end])}</mark>')
        cursor = mark.end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces)


def boxes_in(spans: list[tuple[int, int]], boxes: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """The boxes of the figures stated inside the spans, by page."""
    pages: dict[int, list[dict[str, Any]]] = {}
    for box in boxes:
        if any(start <= box["span_start"] and box["span_end"] <= end for start, end in spans):
            pages.setdefault(box["page"], []).append(box)
    return pages


def render_page(pdf: Path, page: int, boxes: list[dict[str, Any]], out: Path) -> bool:
    """The page as PNG with each box drawn and numbered; False when the PDF cannot be opened."""
    import pypdfium2
    from PIL import ImageDraw

    try:
        document = pypdfium2.PdfDocument(pdf)
    except (pypdfium2.PdfiumError, OSError):
        return False
    try:
        image = document[page - 1].render(scale=RENDER_SCALE).to_pil().convert("RGB")
    finally:
        document.close()
    draw = ImageDraw.Draw(image)
    for number, box in enumerate(boxes, start=1):
        corners = [_pixels(box[key]) for key in ("box_x0", "box_top", "box_x1", "box_bottom")]
        draw.rectangle([corners[0] - 2, corners[1] - 2, corners[2] + 2, corners[3] + 2], outline=(220, 30, 30), width=3)
        draw.text((corners[2] + 4, corners[1]), str(number), fill=(220, 30, 30))
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out)
    return True


def _pixels(points: Decimal) -> int:
    return int((points * Decimal(str(RENDER_SCALE))).to_integral_value())
