"""The amount grammar: numbers as written in disclosures, with their unit and rounding precision.

Recognises thousands separators (1,234.56), 万元/元/千元/亿元, percentages, scores (分), counts
with measure words (人, 辆, 个 …) and Chinese numerals (五万元, 三个). Values stay Decimal and keep
the precision as written, which the identity checks derive their rounding envelopes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import cn2an

MONEY_UNITS: dict[str, Decimal] = {  # factor to 万元
    "亿元": Decimal(10000),
    "万元": Decimal(1),
    "千元": Decimal("0.1"),
    "元": Decimal("0.0001"),
}
# Measure words; physical outputs of performance reports come first (longest first within a family).
OUTPUT_UNITS = (
    "万平方米",
    "平方米",
    "㎡",
    "万立方米",
    "立方米",
    "万亩",
    "亩",
    "户",
    "宗",
    "人次",
    "件",
    "处",
    "栋",
    "公里",
)
COUNT_UNITS = (*OUTPUT_UNITS, "批次", "个", "人", "名", "辆", "台", "套", "次", "批", "项", "家")
# 大写 numerals (壹拾贰万捌仟元整) are written on vouchers and some budgets: cn2an reads both forms.
# Only as money and two characters or more: 伍 and 陆 alone are words (退伍人员, 大陆人口).
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿"
_NUMBER = (
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    rf"|(?<![第{_CN_DIGITS}{_CAPITAL_DIGITS}])[{_CAPITAL_DIGITS}]{{2,}}?(?=(?:亿元|万元|元))"
    rf"|(?<![第{_CN_DIGITS}])[{_CN_DIGITS}]+?(?:点[零〇一二三四五六七八九]+)?)"
)
_UNIT = (
    r"(?P<unit>亿元|万元|千元|元|%|‰"
    r"|分(?![别析配类项管期批钟成解布享摊散担值数])"
    rf"|{'|'.join(COUNT_UNITS)}"
    # "合计为807.95万," — 万 standing alone at a clause end is 万元 cut short (a page end, a typo).
    r"|万(?![\u4e00-\u9fff0-9A-Za-z]))"
)
# A minus written straight after words ("公务接待费-17.09万元") is a negative figure; after a digit it
# is a range or a date ("1-2万元", "2021-2023年") and not a sign.
_SIGN = r"(?P<sign>(?<![\d.,A-Za-z-])-)?"
QUANTITY_RE = re.compile(rf"(?<!\d)(?<!\d[.,]){_SIGN}{_NUMBER}[ ]?{_UNIT}(?!性)")  # 一次性 is an adjective

MONEY, PERCENT, SCORE, COUNT = "money", "percent", "score", "count"


@dataclass(frozen=True)
class Quantity:
    """A number as written: value in its own unit, the unit, and the rounding unit as written."""

    value: Decimal
    unit: str
    precision: Decimal
    text: str
    start: int
    end: int

    @property
    def kind(self) -> str:
        if self.unit in MONEY_UNITS:
            return MONEY
        if self.unit in ("%", "‰"):
            return PERCENT
        if self.unit == "分":
            return SCORE
        return COUNT

    @property
    def amount_wan(self) -> Decimal | None:
        """Money normalised to 万元, exactly (元 → four more decimal places)."""
        factor = MONEY_UNITS.get(self.unit)
        return None if factor is None else self.value * factor

    @property
    def precision_wan(self) -> Decimal | None:
        factor = MONEY_UNITS.get(self.unit)
        return None if factor is None else self.precision * factor


def precision_of(digits: str) -> Decimal:
    """Rounding unit of a decimal numeral as written: '232.56' → 0.01, '1941.4050' → 0.0001, '42' → 1."""
    if "." not in digits:
        return Decimal(1)
    return Decimal(1).scaleb(-len(digits.split(".", 1)[1]))


def parse_number(text: str) -> tuple[Decimal, Decimal] | None:
    """Value and precision of an Arabic or Chinese numeral; None when it is not a number."""
    cleaned = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        return Decimal(cleaned), precision_of(cleaned)
    try:
        converted = cn2an.cn2an(cleaned, "strict")
    except (ValueError, KeyError):
        return None
    digits = str(converted)
    if digits.endswith(".0") and "点" not in cleaned:
        digits = digits[:-2]
    return Decimal(digits), precision_of(digits)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """All quantities in text[start:end], in order, with spans into `text`."""
    found: list[Quantity] = []
    for match in QUANTITY_RE.finditer(text, start, len(text) if end is None else end):
        parsed = parse_number(match.group("num"))
        if parsed is None:
            continue
        value, precision = parsed
        if match.group("sign"):
            value = -value
        unit = "万元" if match.group("unit") == "万" else match.group("unit")
        found.append(Quantity(value, unit, precision, match.group(0), match.start(), match.end()))
    return found
