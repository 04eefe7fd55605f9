"""Fact rows as the marts give them, for rule tests: one builder, defaults overridden per test."""

from __future__ import annotations

from decimal import Decimal

from fiscal.quality.rules import FactRow


def fact_row(metric: str, value: str, **overrides) -> FactRow:
    """A current, actual, department-scope figure stated to two decimals, unless overridden."""
    fields = dict(scope="department", period="current", basis="actual", project=None, subject=None,
                  value=Decimal(value), half_unit=Decimal("0.005"), pct=None, pct_half_unit=None, share_of=None,
                  evidence=f"{metric} {value}", span_start=0, span_end=1)  # fmt: skip
    fields.update(overrides)
    return FactRow(metric=metric, **fields)
