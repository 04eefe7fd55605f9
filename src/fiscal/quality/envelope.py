"""Rounding envelopes: how far two sides of an identity may differ because figures were rounded.

A figure written to a unit u (0.01 万元 for "232.56万元") stands for a true value within half a
unit of it. Chinese disclosures round half up (四舍五入), so each rounding error lies in
(-u/2, +u/2]; the residual of an identity between rounded figures therefore lies strictly inside
the sum of the half units of every figure on both sides. A residual at or beyond that sum cannot be
rounding: it is an error. Ratios (shares, growth, execution rates) get their envelope by interval
arithmetic over the same half-unit intervals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

HUNDRED = Decimal(100)
STORAGE_QUANTUM = Decimal("1e-10")  # DECIMAL(38, 10) in the warehouse


@dataclass(frozen=True)
class Figure:
    """A stated figure: its value, half its rounding unit, and where it was stated."""

    value: Decimal
    half_unit: Decimal
    label: str  # metric or line name
    evidence: str
    span_start: int | None = None
    span_end: int | None = None


@dataclass(frozen=True)
class Side:
    """One side of an identity: a value and the half-width of its rounding interval."""

    value: Decimal
    half_width: Decimal
    figures: tuple[Figure, ...]
    description: str  # how the side is computed from the figures, for reviewers

    @property
    def evidence(self) -> str:
        return " | ".join(dict.fromkeys(f.evidence for f in self.figures))


def _named(figure: Figure) -> str:
    return f"{figure.label}={_plain(figure.value)}"


def one(figure: Figure) -> Side:
    return Side(figure.value, figure.half_unit, (figure,), _named(figure))


def total(figures: list[Figure]) -> Side:
    return Side(
        sum((f.value for f in figures), Decimal(0)),
        sum((f.half_unit for f in figures), Decimal(0)),
        tuple(figures),
        " + ".join(_named(f) for f in figures),
    )


def ratio_pct(part: Side, whole: Side) -> Side | None:
    """part ÷ whole × 100 with its interval; None when the whole may be zero (no ratio exists)."""
    low_whole, high_whole = whole.value - whole.half_width, whole.value + whole.half_width
    if whole.value == 0 or (low_whole <= 0 <= high_whole and whole.value <= 0):
        return None
    if low_whole <= 0 < whole.value:
        return None  # the rounded whole could be zero: the ratio is unbounded
    with localcontext() as ctx:
        ctx.prec = 34
        point = part.value / whole.value * HUNDRED
        candidates = [
            (part.value + dp) / (whole.value + dw) * HUNDRED
            for dp in (-part.half_width, part.half_width)
            for dw in (-whole.half_width, whole.half_width)
        ]
        half_width = max(abs(c - point) for c in candidates)
    return Side(point, half_width, part.figures + whole.figures, f"({part.description}) ÷ ({whole.description}) × 100")


def difference(left: Side, right: Side) -> Side:
    return Side(
        left.value - right.value,
        left.half_width + right.half_width,
        left.figures + right.figures,
        f"{left.description} − ({right.description})",
    )


@dataclass(frozen=True)
class Comparison:
    lhs: Side
    rhs: Side

    @property
    def residual(self) -> Decimal:
        return self.lhs.value - self.rhs.value

    @property
    def tolerance(self) -> Decimal:
        return self.lhs.half_width + self.rhs.half_width

    @property
    def within_rounding(self) -> bool:
        return abs(self.residual) < self.tolerance


def stored(value: Decimal) -> Decimal:
    """Round a computed value to the warehouse's DECIMAL(38, 10) scale."""
    return value.quantize(STORAGE_QUANTUM)


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text
