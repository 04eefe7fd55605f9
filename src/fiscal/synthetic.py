"""Synthetic final-accounts explanations with planted faults, to measure how well errors are found.

Written to not be the extractor's mirror:
- every statement has several wordings, those of the development corpus among them (收、支总计 /
  收入总计…支出总计, 其中 / 其中: / 包括, 占 / 、占, 较上年 / 与上年相比 / 比2023年, 基本经费 …);
- amounts are in 元, 万元 or 亿元, each figure rounded half up to two decimals from exact 分, so the
  totals agree with their parts only within rounding, as on real pages;
- some documents repeat the “三公” figures in a table, and some departments publish two years;
- faults come in every family the rules check — sums, shares, changes, growth rates, stated twice
  (a table cell against the text), 款 lines against their 类, the previous year's document — and
  are planted *just beyond* the rounding envelope (a few units of the last digit), *far* beyond,
  or *just inside* it (a one-unit change the rounding of the figures allows: the document is
  still consistent and must get no error).

Scoring is per finding: a planted fault is found when an error of one of its rules names the
planted figure; precision is the share of error rows that name a planted figure; consistent
documents (and those with a fault inside the envelope) should have no error at all.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

CENT = Decimal("0.01")
UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
# Invented places × real kinds of departments: each index names a department of its own.
PLACES = tuple(f"{a}{b}{kind}" for a in "东西南北安永平长" for b in "阳宁川山" for kind in "市县区")  # 96
AGENCIES = ("财政局", "教育局", "卫生健康委员会", "自然资源局", "机关事务管理中心", "档案馆", "统计局", "司法局",
            "水利局", "文化和旅游局", "审计局", "民政局")  # fmt: skip


def department_name(index: int) -> str:
    """A department name of its own for each index up to len(PLACES) × len(AGENCIES) (1,152)."""
    place, agency = divmod(index % (len(PLACES) * len(AGENCIES)), len(AGENCIES))
    return f"{PLACES[place]}{AGENCIES[agency]}"


# 功能分类 类 with two of their 款 (names as in the national table)
CLASSES = {
    "一般公共服务支出": ("人大事务", "政府办公厅(室)及相关机构事务"),
    "教育支出": ("教育管理事务", "普通教育"),
    "社会保障和就业支出": ("人力资源和社会保障管理事务", "行政事业单位养老支出"),
    "卫生健康支出": ("卫生健康管理事务", "行政事业单位医疗"),
    "城乡社区支出": ("城乡社区管理事务", "城乡社区公共设施"),
    "农林水支出": ("农业农村", "水利"),
    "住房保障支出": ("保障性安居工程支出", "住房改革支出"),
    "自然资源海洋气象等支出": ("自然资源事务", "气象事务"),
}

# fault → (family, rules that should report it as an error)
FAULTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "basic_altered": ("sum", ("expenditure_total_eq_basic_plus_project", "stated_share_eq_part_over_total")),
    "reception_altered": ("sum", ("three_public_total_eq_sum_of_parts",)),
    "personnel_altered": ("sum", ("basic_eq_personnel_plus_public",)),
    "class_altered": ("sum", ("expenditure_eq_sum_of_functional_classes", "stated_share_eq_part_over_total")),
    "kuan_altered": ("lines", ("functional_line_eq_sum_of_children",)),
    "share_altered": ("share", ("stated_share_eq_part_over_total", "shares_of_whole_total_100")),
    "growth_altered": ("growth", ("growth_eq_change_over_prior",)),
    "change_altered": ("change", ("change_eq_current_minus_prior", "growth_eq_change_over_prior")),
    "table_cell_altered": ("stated_twice", ("same_figure_stated_twice_agrees",)),
    "previous_year_altered": ("cross_document", ("prior_year_agrees_with_previous_document",)),
}
# Faults that can be planted inside the envelope: the one-unit change stays within the rounding of
# the sum's figures (each ±0.005), so the document still adds up.
SUM_FAULTS = ("basic_altered", "reception_altered", "personnel_altered", "class_altered", "kuan_altered")
JUST_BEYOND, FAR_BEYOND, JUST_INSIDE = "just_beyond", "far_beyond", "just_inside"


@dataclass(frozen=True)
class Planted:
    file_name: str
    fault: str | None  # None: a consistent document
    magnitude: str | None = None  # just_beyond, far_beyond, just_inside
    expected_rules: tuple[str, ...] = ()
    planted_value: str | None = None  # the altered figure as the warehouse holds it (万元, or %)
    previous_file: str | None = None  # the previous year's document of the same department

    @property
    def beyond(self) -> bool:
        return self.fault is not None and self.magnitude != JUST_INSIDE


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _pct(part: int, whole: int) -> Decimal:
    return _round(Decimal(part) * 100 / Decimal(whole))


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


@dataclass
class _Figures:
    """The exact amounts of one department-year, in 分."""

    total: int
    basic: int
    project: int
    other_income: int
    personnel: int
    prior_total: int
    classes: dict[str, int]
    kuan: tuple[int, int]  # the first class's two 款
    outbound: int
    vehicle: int
    reception: int
    agency: int
    agency_prior: int

    @property
    def gpb(self) -> int:
        return self.total - self.other_income


def _figures(rng: random.Random, scale: int, total: int | None = None, public: int | None = None) -> _Figures:
    total = total or rng.randint(10**8, 5 * 10**10) * scale  # 100万元 to 5亿元 (× 1000 on 亿元 pages)
    basic = rng.randint(total // 4, total * 3 // 4)
    other = rng.randint(0, total // 50)
    gpb = total - other
    names = rng.sample(sorted(CLASSES), 4)
    amounts = _split(rng, gpb, 4)
    first = amounts[0]
    kuan_one = rng.randint(first // 5, first * 4 // 5)
    public = public or rng.randint(basic // 10, basic // 3)
    basic = max(basic, public * 3 // 2)  # a given public expense (last year's, stated this year) fits
    return _Figures(
        total=total, basic=basic, project=total - basic, other_income=other, personnel=basic - public,
        prior_total=rng.randint(total * 2 // 3, total * 3 // 2), classes=dict(zip(names, amounts, strict=True)),
        kuan=(kuan_one, first - kuan_one), outbound=rng.randint(0, 3 * 10**6) * scale,
        vehicle=rng.randint(0, 5 * 10**6) * scale, reception=rng.randint(10**4, 3 * 10**6) * scale,
        agency=public, agency_prior=rng.randint(max(1, public * 2 // 3), public * 3 // 2),
    )  # fmt: skip


class _Writer:
    """Figures as written in the document's unit, with one of them altered when a fault is planted."""

    def __init__(self, unit: str) -> None:
        self.unit = unit
        self.altered: dict[str, Decimal] = {}  # figure name → the shift, in the unit's last digit

    def amount(self, name: str, fen: int) -> str:
        return f"{self.shown(name, fen):.2f}{self.unit}"

    def shown(self, name: str, fen: int) -> Decimal:
        """The figure as written; a figure stated twice is altered in both places (unless the fault
        is that one statement differs)."""
        shift = self.altered[name] if name in self.altered else self.altered.get(_SAME_FIGURE.get(name, ""), Decimal(0))
        return _round(Decimal(fen) / 100 / UNITS[self.unit]) + shift

    def in_wan(self, value: Decimal) -> str:
        return format((value * UNITS[self.unit] / UNITS["万元"]).normalize(), "f")


def _direction(change: int) -> tuple[str, str]:
    return ("增加", "增长") if change >= 0 else ("减少", "下降")


def _text(rng: random.Random, department: str, year: int, f: _Figures, w: _Writer, shifts: dict[str, Decimal],
          table: bool) -> str:  # fmt: skip
    u = w.amount
    change = f.total - f.prior_total
    verb, trend = _direction(change)
    growth = _pct(abs(change), f.prior_total) + shifts.get("growth", Decimal(0))
    change_shown = u("change", abs(change))
    shares = {"basic": _pct(f.basic, f.total), "project": _pct(f.project, f.total) + shifts.get("share", Decimal(0))}
    total = u("total", f.total)
    overall = rng.choice((
        f"{year}年度收、支总计{total}。与{year - 1}年相比,收、支总计{verb}{change_shown},{trend}{growth}%。",
        f"{year}年度收入总计{total},支出总计{total}。收、支总计较上年{verb}{change_shown},{trend}{growth}%。",
        f"{year}年度部门收、支总计均为{total},比{year - 1}年{verb}{change_shown},{trend}{growth}%。",
    ))  # fmt: skip
    income = rng.choice((
        f"{year}年本年收入合计{total},其中:一般公共预算财政拨款收入{u('gpb', f.gpb)},占{_pct(f.gpb, f.total)}%;"
        f"其他收入{u('other', f.other_income)},占{_pct(f.other_income, f.total)}%。",
        f"本年收入合计{total}。其中,一般公共预算财政拨款收入{u('gpb', f.gpb)},占{_pct(f.gpb, f.total)}%,"
        f"其他收入{u('other', f.other_income)},占{_pct(f.other_income, f.total)}%。",
    ))  # fmt: skip
    basic, project = u("basic", f.basic), u("project", f.project)
    spending = rng.choice((
        f"{year}年本年支出合计{total},其中:基本支出{basic},占{shares['basic']}%;项目支出{project},"
        f"占{shares['project']}%。",
        f"本年支出合计{total}。其中基本支出{basic}、占{shares['basic']}%,项目支出{project}、占{shares['project']}%。",
        f"{year}年度支出合计{total},其中:基本支出{basic},占本年支出合计的{shares['basic']}%;项目支出{project},"
        f"占本年支出合计的{shares['project']}%。",
        # wording the vocabulary does not hold (基本经费 may mean 基本支出 or only its funds): abstained on
        f"本年支出合计{total},其中:基本经费{basic},占{shares['basic']}%;项目经费{project},占{shares['project']}%。",
    ))  # fmt: skip
    gpb = f.gpb
    structure = ";".join(
        f"{name}(类){u('class' if i == 0 else f'class{i}', amount)},占{_pct(amount, gpb)}%"
        for i, (name, amount) in enumerate(f.classes.items())
    )
    first_class = next(iter(f.classes))
    kuan_one, kuan_two = CLASSES[first_class]
    detail = (
        f"{first_class}(类){u('class_detail', f.classes[first_class])},其中:{kuan_one}(款)"
        f"{u('kuan', f.kuan[0])},{kuan_two}(款){u('kuan2', f.kuan[1])}。"
    )
    personnel, public = u("personnel", f.personnel), u("public", f.basic - f.personnel)
    basic_gpb = u("basic_gpb", f.basic)
    basic_detail = rng.choice((
        f"{year}年一般公共预算财政拨款基本支出{basic_gpb},其中:人员经费{personnel},公用经费{public}。",
        f"一般公共预算财政拨款基本支出{basic_gpb},包括人员经费{personnel}和公用经费{public}。",
    ))  # fmt: skip
    three = f.outbound + f.vehicle + f.reception
    outbound, vehicle, reception = u("outbound", f.outbound), u("vehicle", f.vehicle), u("reception", f.reception)
    three_public = rng.choice((
        f"{year}年“三公”经费财政拨款支出决算为{u('three', three)},其中:因公出国(境)费{outbound},"
        f"公务用车购置及运行维护费{vehicle},公务接待费{reception}。",
        f"{year}年度“三公”经费支出{u('three', three)}。其中,因公出国(境)费支出{outbound};"
        f"公务用车购置及运行维护费支出{vehicle};公务接待费支出{reception}。",
    ))  # fmt: skip
    agency_change = f.agency - f.agency_prior
    a_verb, a_trend = _direction(agency_change)
    agency_growth = _pct(abs(agency_change), f.agency_prior)
    agency = rng.choice((
        f"{year}年机关运行经费支出{u('agency', f.agency)},较{year - 1}年{u('agency_prior', f.agency_prior)}"
        f"{a_verb}{u('agency_change', abs(agency_change))},{a_trend}{agency_growth}%。",
        f"{year}年机关运行经费支出{u('agency', f.agency)},比上年{u('agency_prior', f.agency_prior)}"
        f"{a_verb}{u('agency_change', abs(agency_change))},{a_trend}{agency_growth}%。",
    ))  # fmt: skip
    lines = [
        f"{department}{year}年度部门决算",
        f"第二部分 {year}年度部门决算情况说明",
        "一、收入支出决算总体情况说明", overall,
        "二、收入决算情况说明", income,
        "三、支出决算情况说明", spending,
        "五、一般公共预算财政拨款支出决算情况说明",
        "(一)一般公共预算财政拨款支出决算结构情况",
        f"{year}年一般公共预算财政拨款支出{u('gpb', gpb)},主要用于以下方面:{structure}。",
        "(二)一般公共预算财政拨款支出决算具体情况", detail,
        "六、一般公共预算财政拨款基本支出决算情况说明", basic_detail,
        "七、财政拨款“三公”经费支出决算情况说明", three_public,
    ]  # fmt: skip
    if table:
        columns = (("three", three), ("outbound", f.outbound), ("vehicle", f.vehicle), ("reception", f.reception))
        cells = [w.amount("table_" + key, value).removesuffix(w.unit) for key, value in columns]
        lines += [
            "财政拨款“三公”经费支出决算表",
            f"单位:{w.unit}",
            "| 项目 | 合计 | 因公出国(境)费 | 公务用车购置及运行维护费 | 公务接待费 |",
            f"| 决算数 | {' | '.join(cells)} |",
        ]
    lines += ["十一、其他重要事项的情况说明", "(一)机关运行经费支出情况", agency]
    return "\n".join(lines)


# fault → the figure altered (the _Writer name), or a shift of a stated percentage
_ALTERED_FIGURE = {
    "basic_altered": "basic", "reception_altered": "reception", "personnel_altered": "personnel",
    "class_altered": "class", "kuan_altered": "kuan", "change_altered": "agency_change",
    "table_cell_altered": "table_reception",
}  # fmt: skip
# The same figure stated in a second place: altered there too.
_SAME_FIGURE = {"class_detail": "class", "table_reception": "reception"}
_TERMS = {
    "basic_altered": 3,
    "reception_altered": 4,
    "personnel_altered": 3,
    "class_altered": 5,
    "kuan_altered": 3,
    "change_altered": 3,
}  # the change, and the two figures it is the difference of


def _shift(rng: random.Random, fault: str, magnitude: str, shown: Decimal) -> Decimal:
    """How far the altered figure (shown as `shown`) moves: never below zero."""
    sign = 1 if shown < 1 else rng.choice((-1, 1))
    if magnitude == FAR_BEYOND:  # 5–50 % of the figure, at least 50 units of its last digit
        return sign * max(CENT * 50, _round(shown * Decimal(rng.randint(5, 50)) / 100))
    if magnitude == JUST_INSIDE:
        return sign * CENT  # one unit: inside when the sum's other roundings leave room (checked)
    # just beyond: the envelope of a sum of n figures is n half-units; a change of n units clears it
    return sign * CENT * (_TERMS.get(fault, 1) + rng.randint(1, 3))


def _exact(f: _Figures, name: str) -> int:
    """The exact amount (分) of the figure a fault alters."""
    return {"basic": f.basic, "reception": f.reception, "personnel": f.personnel,
            "class": f.classes[next(iter(f.classes))], "kuan": f.kuan[0],
            "agency_change": abs(f.agency - f.agency_prior), "table_reception": f.reception}[name]  # fmt: skip


def _sums_hold(f: _Figures, w: _Writer) -> bool:
    """Every sum identity of the shown figures within its envelope (n figures: n half-units)."""
    s = w.shown
    names = list(f.classes)
    classes = s("class", f.classes[names[0]]) + sum(s(f"class{i}", f.classes[n]) for i, n in enumerate(names) if i)
    three_parts = s("outbound", f.outbound) + s("vehicle", f.vehicle) + s("reception", f.reception)
    residuals = (
        (s("total", f.total) - s("basic", f.basic) - s("project", f.project), 3),
        (s("three", f.outbound + f.vehicle + f.reception) - three_parts, 4),
        (s("basic_gpb", f.basic) - s("personnel", f.personnel) - s("public", f.basic - f.personnel), 3),
        (s("gpb", f.gpb) - classes, 5),
        (s("class_detail", f.classes[names[0]]) - s("kuan", f.kuan[0]) - s("kuan2", f.kuan[1]), 3),
    )
    return all(abs(residual) < CENT / 2 * terms for residual, terms in residuals)


UNIT_CHOICES = ("万元", "万元", "元", "亿元")  # 万元 is the common unit; 元 and 亿元 pages exist too


def _scale(unit: str) -> int:
    """亿元 pages report aggregates: their amounts are a thousand times a department's."""
    return 1000 if unit == "亿元" else 1


def document(rng: random.Random, index: int, year: int, fault: str | None, magnitude: str | None = None,
             figures: _Figures | None = None, unit: str | None = None) -> tuple[str, str | None, str]:  # fmt: skip
    """The text, the planted figure as the warehouse holds it (None when the fault could not be
    planted as asked: inside the envelope is not always possible), and the department."""
    unit = unit or rng.choice(UNIT_CHOICES)
    department = department_name(index)
    f = figures or _figures(rng, _scale(unit))
    w = _Writer(unit)
    shifts: dict[str, Decimal] = {}
    planted: str | None = None
    if fault in ("share_altered", "growth_altered"):
        near = magnitude == JUST_BEYOND
        shift = rng.choice((-1, 1)) * CENT * (rng.randint(3, 9) if near else rng.randint(50, 900))
        shifts["share" if fault == "share_altered" else "growth"] = shift
        if fault == "share_altered":
            planted = str((_pct(f.project, f.total) + shift).normalize())
        else:
            planted = str((_pct(abs(f.total - f.prior_total), f.prior_total) + shift).normalize())
    elif fault in _ALTERED_FIGURE:
        name = _ALTERED_FIGURE[fault]
        w.altered[name] = _shift(rng, fault, magnitude or JUST_BEYOND, w.shown(name, _exact(f, name)))
        if magnitude == JUST_INSIDE and not _sums_hold(f, w):
            w.altered[name] = -w.altered[name]
            if not _sums_hold(f, w):
                del w.altered[name]  # no one-unit change stays inside here
        planted = w.in_wan(w.shown(name, _exact(f, name))) if name in w.altered else None
    table = fault == "table_cell_altered" or rng.random() < 0.3
    return _text(rng, department, year, f, w, shifts, table), planted, department


def generate(folder: Path, count: int, seed: int = 7, fault_rate: float = 0.4, year: int = 2024) -> list[Planted]:
    """Write `count` documents into `folder` (plus a previous year's for some departments)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    planted: list[Planted] = []
    for index in range(1, count + 1):
        fault = rng.choice(sorted(FAULTS)) if rng.random() < fault_rate else None
        magnitude = None
        if fault is not None:
            kinds = [JUST_BEYOND, FAR_BEYOND] + ([JUST_INSIDE] if fault in SUM_FAULTS else [])
            magnitude = rng.choice(kinds)
        name = f"synthetic_{index:05d}.txt"
        rules = FAULTS[fault][1] if fault else ()
        if fault == "previous_year_altered" or (fault is None and rng.random() < 0.2):
            planted.append(_pair(rng, folder, index, year, name, fault, magnitude))
            continue
        state = rng.getstate()
        text, value, _ = document(rng, index, year, fault, magnitude)
        if fault is not None and value is None:  # could not be planted as asked: consistent
            rng.setstate(state)
            text, value, _ = document(rng, index, year, None)
            fault, magnitude, rules = None, None, ()
        (folder / name).write_text(text, encoding="utf-8")
        planted.append(Planted(name, fault, magnitude, rules if magnitude != JUST_INSIDE else (), value))
    return planted


def _pair(rng: random.Random, folder: Path, index: int, year: int, name: str, fault: str | None,
          magnitude: str | None) -> Planted:  # fmt: skip
    """This year's document and last year's, of one department, each consistent in itself. Last
    year's document states the total this year's change implies, or (the fault) another one."""
    unit = rng.choice(UNIT_CHOICES)
    scale = _scale(unit)
    figures = _figures(rng, scale)
    text, _, department = document(rng, index, year, None, figures=figures, unit=unit)
    shown = _Writer(unit).shown
    change = figures.total - figures.prior_total
    implied = shown("total", figures.total) - (1 if change >= 0 else -1) * shown("change", abs(change))
    shift = Decimal(0)
    if fault is not None:
        units = rng.randint(3, 6) if magnitude == JUST_BEYOND else rng.randint(50, 500)
        shift = CENT * units * (1 if implied < 10 else rng.choice((-1, 1)))
    previous_name = f"synthetic_{index:05d}_previous.txt"
    # … and the 机关运行经费 this year's states for last year
    previous = _figures(rng, scale, total=int((implied + shift) * UNITS[unit] * 100), public=figures.agency_prior)
    (folder / name).write_text(text, encoding="utf-8")
    (folder / previous_name).write_text(_text(rng, department, year - 1, previous, _Writer(unit), {}, False), "utf-8")
    value = _Writer(unit).in_wan(implied + shift) if fault else None
    return Planted(name, fault, magnitude, FAULTS[fault][1] if fault else (), value, previous_name)


def save_ground_truth(path: Path, planted: list[Planted]) -> None:
    path.write_text(json.dumps([asdict(p) for p in planted], ensure_ascii=False, indent=1), encoding="utf-8")


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class ErrorRow:
    source_file: str
    rule_id: str
    metrics: str  # both sides as the finding shows them (figures in 万元 or %)

    def names(self, value: str) -> bool:
        wanted = abs(Decimal(value)).normalize()
        return any(abs(Decimal(n)).normalize() == wanted for n in _NUMBER.findall(self.metrics))


@dataclass
class Detection:
    planted: list[Planted]
    found: Counter = field(default_factory=Counter)  # family → beyond-envelope faults found
    planted_by_family: Counter = field(default_factory=Counter)
    error_rows: int = 0
    rows_at_planted: int = 0
    consistent_documents: int = 0  # no fault, or a fault inside the envelope
    consistent_with_error: int = 0
    inside_planted: int = 0
    inside_with_error: int = 0

    @property
    def faults_beyond(self) -> int:
        return sum(self.planted_by_family.values())

    @property
    def recall(self) -> float:  # float ok: a reported ratio, not money
        return sum(self.found.values()) / self.faults_beyond if self.faults_beyond else 1.0

    @property
    def precision(self) -> float:  # float ok: a reported ratio, not money
        return self.rows_at_planted / self.error_rows if self.error_rows else 1.0


def measure(planted: list[Planted], errors: list[ErrorRow]) -> Detection:
    """Per finding: a fault beyond the envelope is found when an error of one of its rules names the
    planted figure; an error row is correct when it names a planted figure of its document."""
    by_file: dict[str, list[ErrorRow]] = {}
    for row in errors:
        by_file.setdefault(row.source_file, []).append(row)
    result = Detection(planted)
    result.error_rows = len(errors)
    for truth in planted:
        rows = by_file.get(truth.file_name, []) + (by_file.get(truth.previous_file, []) if truth.previous_file else [])
        if truth.beyond and truth.planted_value is not None:
            family = FAULTS[truth.fault][0]  # type: ignore[index]
            result.planted_by_family[family] += 1
            at_figure = [row for row in rows if row.names(truth.planted_value)]
            result.rows_at_planted += len(at_figure)
            result.found[family] += any(row.rule_id in truth.expected_rules for row in at_figure)
        else:
            result.consistent_documents += 1
            result.consistent_with_error += bool(rows)
            if truth.magnitude == JUST_INSIDE:
                result.inside_planted += 1
                result.inside_with_error += bool(rows)
    return result
