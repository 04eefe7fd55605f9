"""Where each character of a PDF's text sits: its page and its box, so a figure can be shown on its page.

The PDF reader writes the text through `LayoutBuilder`, which records for every character the page
(1-based) and the box of the glyph it came from, or of the table cell it is in. Characters the
reader adds (line breaks, tabs between cells) have the page but no box. Coordinates are PDF points
from the page's top-left corner, as pdfplumber gives them (x0, top, x1, bottom). A character read by
OCR also carries the recogniser's confidence; each page records the engine that read it.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

NO_BOX = -1.0
NOT_OCR = -1.0


@dataclass(frozen=True)
class PageBox:
    page: int
    x0: Decimal
    top: Decimal
    x1: Decimal
    bottom: Decimal
    ocr_confidence: Decimal | None = None  # the lowest of its characters', when the page was read by OCR


@dataclass(frozen=True)
class PageRead:
    """How one page was read: the engine (pdfplumber, pypdfium2, ocr, or none), what it gave, and why."""

    page: int
    engine: str
    chars: int
    ocr_confidence: Decimal | None = None  # mean over the page's recognised pieces
    note: str | None = None


def _point(value: float, rounding: str) -> Decimal:
    """To 0.01 pt, rounded outwards so the box still holds every glyph it was drawn around."""
    return Decimal(repr(value)).quantize(Decimal("0.01"), rounding=rounding)


def _confidence(value: float | None) -> Decimal | None:
    """A recogniser's score (0–1) to three places, rounded down: never more sure than it was."""
    return None if value is None else Decimal(repr(value)).quantize(Decimal("0.001"), rounding=ROUND_FLOOR)


@dataclass
class TextLayout:
    pages: array = field(default_factory=lambda: array("i"))
    x0: array = field(default_factory=lambda: array("f"))
    top: array = field(default_factory=lambda: array("f"))
    x1: array = field(default_factory=lambda: array("f"))
    bottom: array = field(default_factory=lambda: array("f"))
    confidence: array = field(default_factory=lambda: array("f"))
    page_reads: list[PageRead] = field(default_factory=list)

    def box(self, start: int, end: int) -> PageBox | None:
        """The box around the characters of [start, end) on the page of the first one that has a box."""
        page = None
        x0 = top = float("inf")  # float ok: PDF coordinates in points, not money
        x1 = bottom = float("-inf")  # float ok: PDF coordinates in points, not money
        confidence = None
        for index in range(max(0, start), min(end, len(self.pages))):
            if self.x0[index] == NO_BOX or (page is not None and self.pages[index] != page):
                continue
            page = self.pages[index]
            x0, top = min(x0, self.x0[index]), min(top, self.top[index])
            x1, bottom = max(x1, self.x1[index]), max(bottom, self.bottom[index])
            if self.confidence[index] != NOT_OCR:
                char_confidence = self.confidence[index]
                confidence = char_confidence if confidence is None else min(confidence, char_confidence)
        if page is None:
            return None
        return PageBox(page, _point(x0, ROUND_FLOOR), _point(top, ROUND_FLOOR), _point(x1, ROUND_CEILING),
                       _point(bottom, ROUND_CEILING), _confidence(confidence))  # fmt: skip


class LayoutBuilder:
    """Text written piece by piece, each piece with its page and box."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.layout = TextLayout()

    def write(
        self,
        text: str,
        page: int,
        box: tuple[float, float, float, float] | None = None,
        confidence: float = NOT_OCR,  # float ok: a recogniser's score, not money
    ) -> None:
        x0, top, x1, bottom = box if box is not None else (NO_BOX, NO_BOX, NO_BOX, NO_BOX)
        self.parts.append(text)
        count = len(text)
        self.layout.pages.extend([page] * count)
        self.layout.x0.extend([x0] * count)
        self.layout.top.extend([top] * count)
        self.layout.x1.extend([x1] * count)
        self.layout.bottom.extend([bottom] * count)
        self.layout.confidence.extend([confidence] * count)

    def extend(self, other: LayoutBuilder) -> None:
        """Append what another builder wrote (a page read on its own, then kept)."""
        self.parts.extend(other.parts)
        for name in ("pages", "x0", "top", "x1", "bottom", "confidence"):
            getattr(self.layout, name).extend(getattr(other.layout, name))
        self.layout.page_reads.extend(other.layout.page_reads)

    @property
    def length(self) -> int:
        return len(self.layout.pages)

    def write_textmap(self, tuples: list[tuple[str, Any]], page: int) -> None:
        """pdfplumber's text map: each piece of text with the glyph it came from (None when added)."""
        for text, char in tuples:
            box = (char["x0"], char["top"], char["x1"], char["bottom"]) if char is not None else None
            self.write(text, page, box)

    @property
    def text(self) -> str:
        return "".join(self.parts)
