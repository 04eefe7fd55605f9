"""Charts as inline SVG: Vega-Lite specifications built with altair, rendered by vl-convert (no
browser, no network). Amounts enter the chart as their exact decimal text and are parsed by Vega
itself, so no binary float is made of money on our side."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

_FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
_BASIS_NAMES = {"actual": "决算", "budget": "预算", "initial_budget": "年初预算"}


def _svg(chart: Any) -> str:
    import vl_convert

    spec = chart.configure(font=_FONT).configure_view(stroke=None).to_dict()
    return vl_convert.vegalite_to_svg(spec)


def _values(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{key: (str(value) if isinstance(value, Decimal) else value) for key, value in row.items()} for row in rows]


def amounts_by_name(rows: list[dict[str, Any]], title: str) -> str | None:
    """Horizontal bars of `amount_wan` by `name`, one colour per basis (budget against actual)."""
    import altair as alt  # imported when a report is built, not by every command

    data = [{**row, "basis": _BASIS_NAMES.get(row["basis"], row["basis"])} for row in rows if row["amount_wan"]]
    if not data:
        return None
    chart = (
        alt.Chart(alt.Data(values=_values(data), format=alt.DataFormat(parse={"amount_wan": "number"})))
        .mark_bar()
        .encode(
            y=alt.Y("name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("amount_wan:Q", title="万元"),
            yOffset="basis:N",
            color=alt.Color("basis:N", title=None),
            tooltip=["name:N", "basis:N", "amount_wan:Q"],
        )
        .properties(title=title, width=520)
    )
    return _svg(chart)


def years_side_by_side(rows: list[dict[str, Any]], title: str) -> str | None:
    """Income and expenditure of each year of a department, side by side."""
    import altair as alt

    data = [
        {"year": str(row["fiscal_year"]), "measure": name, "amount_wan": row[column]}
        for row in rows
        for column, name in (("income_total_wan", "收入合计"), ("expenditure_total_wan", "支出合计"))
        if row[column] is not None
    ]
    if not data:
        return None
    chart = (
        alt.Chart(alt.Data(values=_values(data), format=alt.DataFormat(parse={"amount_wan": "number"})))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=None),
            xOffset="measure:N",
            y=alt.Y("amount_wan:Q", title="万元"),
            color=alt.Color("measure:N", title=None),
            tooltip=["year:O", "measure:N", "amount_wan:Q"],
        )
        .properties(title=title, width=360, height=220)
    )
    return _svg(chart)
