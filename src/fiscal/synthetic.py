"""Synthetic final-accounts explanations with known faults, to measure how well errors are found.

Each document follows the national template's sections in our own wording, with figures that are
consistent by construction: totals are sums of their parts, shares and growth rates are computed
exactly and rounded half up as disclosures do. A share of documents gets one planted fault (one
figure altered beyond any rounding), recorded with the rules that should catch it. Amounts are
integers of 分 (cents of 万元) so that every sum is exact.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

CLASSES = ("一般公共服务支出", "教育支出", "社会保障和就业支出", "卫生健康支出", "城乡社区支出",
           "农林水支出", "住房保障支出", "自然资源海洋气象等支出")  # fmt: skip
REGIONS = ("甲市", "乙县", "丙区", "丁州", "戊市", "己县")
# fault kind → rules that should report it as an error
FAULTS: dict[str, tuple[str, ...]] = {
    "basic_expenditure_altered": ("expenditure_total_eq_basic_plus_project", "stated_share_eq_part_over_total"),
    "class_amount_altered": ("expenditure_eq_sum_of_functional_classes", "stated_share_eq_part_over_total"),
    "share_altered": ("stated_share_eq_part_over_total",),
    "growth_altered": ("growth_eq_change_over_prior",),
    "reception_altered": ("three_public_total_eq_sum_of_parts",),
    "personnel_altered": ("basic_eq_personnel_plus_public",),
}


@dataclass(frozen=True)
class Planted:
    file_name: str
    fault: str | None  # None: a consistent document
    expected_rules: tuple[str, ...]


def _wan(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


def _pct(part: int, whole: int) -> str:
    return str((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _alter(rng: random.Random, cents: int) -> int:
    """A figure changed by 0.05 to 50 万元 (never by rounding)."""
    return cents + rng.choice((-1, 1)) * rng.randint(5, 5000)


def document(rng: random.Random, index: int, year: int, fault: str | None) -> str:
    department = f"{rng.choice(REGIONS)}第{index}事务中心"
    basic, project, other = rng.randint(50_000, 900_000), rng.randint(10_000, 900_000), rng.randint(0, 20_000)
    total = basic + project
    gpb = total - other
    personnel = rng.randint(basic // 2, basic - 1000)
    public = basic - personnel
    classes = rng.sample(CLASSES, 4)
    amounts = _split(rng, gpb, 4)
    prior = rng.randint(total // 2, total * 2)
    change = total - prior
    outbound, vehicle, reception = rng.randint(0, 300), rng.randint(0, 2000), rng.randint(0, 800)
    three_public = outbound + vehicle + reception
    agency, agency_prior = public, rng.randint(max(1, public // 2), public * 2)

    shown = {"basic": basic, "personnel": personnel, "reception": reception, "class": amounts[0]}
    shares = {"basic": _pct(basic, total), "project": _pct(project, total)}
    growth = _pct(abs(change), prior)
    if fault == "basic_expenditure_altered":
        shown["basic"] = _alter(rng, basic)
    elif fault == "class_amount_altered":
        shown["class"] = _alter(rng, amounts[0])
    elif fault == "share_altered":
        shares["project"] = str(Decimal(shares["project"]) + Decimal(rng.choice((-1, 1)) * rng.randint(5, 200)) / 100)
    elif fault == "growth_altered":
        growth = str(Decimal(growth) + Decimal(rng.randint(10, 900)) / 100)
    elif fault == "reception_altered":
        shown["reception"] = _alter(rng, reception)
    elif fault == "personnel_altered":
        shown["personnel"] = _alter(rng, personnel)

    direction, trend = ("增加", "增长") if change >= 0 else ("减少", "下降")
    structure = ";".join(
        f"{name}{_wan(shown['class'] if i == 0 else amount)}万元,占{_pct(amount, gpb)}%"
        for i, (name, amount) in enumerate(zip(classes, amounts, strict=True))
    )
    agency_change = agency - agency_prior
    agency_direction, agency_trend = ("增加", "增长") if agency_change >= 0 else ("减少", "下降")
    return "\n".join([
        f"{department}{year}年度部门决算",
        f"第二部分 {year}年度部门决算情况说明",
        "一、收入支出决算总体情况说明",
        f"{year}年度收、支总计{_wan(total)}万元。与{year - 1}年相比,收、支总计{direction}{_wan(abs(change))}万元,"
        f"{trend}{growth}%。主要原因是业务量变化。",
        "二、收入决算情况说明",
        f"{year}年本年收入合计{_wan(total)}万元,其中:一般公共预算财政拨款收入{_wan(gpb)}万元,"
        f"占{_pct(gpb, total)}%;其他收入{_wan(other)}万元,占{_pct(other, total)}%。",
        "三、支出决算情况说明",
        f"{year}年本年支出合计{_wan(total)}万元,其中:基本支出{_wan(shown['basic'])}万元,占{shares['basic']}%;"
        f"项目支出{_wan(project)}万元,占{shares['project']}%。",
        "五、一般公共预算财政拨款支出决算情况说明",
        "(一)一般公共预算财政拨款支出决算结构情况",
        f"{year}年一般公共预算财政拨款支出{_wan(gpb)}万元,主要用于以下方面:{structure}。",
        "六、一般公共预算财政拨款基本支出决算情况说明",
        f"{year}年一般公共预算财政拨款基本支出{_wan(basic)}万元,其中:人员经费{_wan(shown['personnel'])}万元,"
        f"公用经费{_wan(public)}万元。",
        "七、财政拨款“三公”经费支出决算情况说明",
        f"{year}年“三公”经费财政拨款支出决算为{_wan(three_public)}万元,其中:因公出国(境)费{_wan(outbound)}万元,"
        f"公务用车购置及运行维护费{_wan(vehicle)}万元,公务接待费{_wan(shown['reception'])}万元。",
        "十一、其他重要事项的情况说明",
        "(一)机关运行经费支出情况",
        f"{year}年机关运行经费支出{_wan(agency)}万元,比{year - 1}年{agency_direction}{_wan(abs(agency_change))}万元,"
        f"{agency_trend}{_pct(abs(agency_change), agency_prior)}%。",
    ])  # fmt: skip


def generate(folder: Path, count: int, seed: int = 7, fault_rate: float = 0.3, year: int = 2024) -> list[Planted]:
    """Write `count` documents into `folder`; returns what was planted where."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    planted: list[Planted] = []
    for index in range(1, count + 1):
        fault = rng.choice(sorted(FAULTS)) if rng.random() < fault_rate else None
        name = f"synthetic_{index:05d}.txt"
        (folder / name).write_text(document(rng, index, year, fault), encoding="utf-8")
        planted.append(Planted(name, fault, FAULTS.get(fault, ())))
    return planted


def save_ground_truth(path: Path, planted: list[Planted]) -> None:
    path.write_text(json.dumps([asdict(p) for p in planted], ensure_ascii=False, indent=1), encoding="utf-8")


@dataclass(frozen=True)
class Detection:
    documents: int
    faulty: int
    detected: int  # faulty documents with an error from one of the rules expected to catch the fault
    flagged: int  # documents with any error
    flagged_correctly: int  # of those, documents that do have a planted fault
    by_fault: dict[str, tuple[int, int]]  # fault → (planted, detected)

    @property
    def recall(self) -> float:  # float ok: a reported ratio, not money
        return self.detected / self.faulty if self.faulty else 1.0

    @property
    def precision(self) -> float:  # float ok: a reported ratio, not money
        return self.flagged_correctly / self.flagged if self.flagged else 1.0


def measure(planted: list[Planted], errors: dict[str, set[str]]) -> Detection:
    """Compare error findings (file name → rules with an error) with what was planted."""
    by_fault: dict[str, tuple[int, int]] = {}
    detected = flagged_correctly = 0
    for truth in planted:
        rules = errors.get(truth.file_name, set())
        if truth.fault is not None:
            caught = bool(rules & set(truth.expected_rules))
            detected += caught
            count, hits = by_fault.get(truth.fault, (0, 0))
            by_fault[truth.fault] = (count + 1, hits + caught)
            flagged_correctly += bool(rules)
    flagged = sum(1 for truth in planted if errors.get(truth.file_name))
    faulty = sum(1 for truth in planted if truth.fault is not None)
    return Detection(len(planted), faulty, detected, flagged, flagged_correctly, by_fault)
