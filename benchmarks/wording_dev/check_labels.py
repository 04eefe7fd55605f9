#!/usr/bin/env python3
"""Self-check of the wording_dev labels (standard library only).

For every NN_slug.json next to this file:
  * the label has the expected keys (source, doc_type, department, region, fiscal_year, unit,
    facts[], identities[]) and every fact's value is a string;
  * every fact's as_written is an exact substring of NN_slug.txt;
  * every fact's value occurs inside its as_written, as a whole number token, once the
    as_written is normalised for web-page noise: NFKC (full-width digits and points ->
    ASCII), thousands separators removed, and (tried as well) a hard line break inside a
    number removed ("1,2\n06.45"); tabs between table cells are never joined.
    A zero value may instead be carried by a word (未发生, 无此项, 未安排, 持平, 零, 无 ...);
    a 元 value may instead be written as a 大写 amount (壹拾贰万捌仟元整);
  * every identity with machine-readable `terms` is recomputed with Decimal arithmetic,
    each input taken as rounded to its last written digit (+/- half a unit); a `holds: true`
    identity must hold inside that envelope and a `holds: false` one must not.

Identity terms (all references name a fact by metric, optionally `@project` and `#n` for the
n-th fact with that metric, 1-based; a leading `-` subtracts; `=123.4` is an exact constant):
  {"kind": "sum",       "lhs": REF, "rhs": [REF, ...]}        lhs = sum(rhs)
  {"kind": "ratio_pct", "lhs": REF, "num": [...], "den": [...]} lhs = 100 * sum(num) / sum(den)
  {"kind": "le",        "lhs": REF, "rhs": [REF, ...]}        lhs <= sum(rhs)
Money is converted to 万元 (元 x 0.0001, 亿元 x 10000) when an identity mixes units. Scores
(分) and counts (人, 辆, 批次) are exact; a zero carried by a word or a 大写 amount is exact.

Run:  /usr/bin/python3 benchmarks/wording_dev/check_labels.py   (exit status 1 on any problem)
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from decimal import Decimal, getcontext
from pathlib import Path

getcontext().prec = 40
HERE = Path(__file__).resolve().parent

DOC_TYPES = {"final_accounts", "budget", "dept_performance", "project_performance"}
TOP_KEYS = ["source", "doc_type", "department", "department_note", "region", "region_note",
            "fiscal_year", "unit", "facts", "identities"]
MONEY = {"元": Decimal("0.0001"), "万元": Decimal("1"), "亿元": Decimal("10000")}
ZERO_WORDS = ("未发生", "未發生", "无此项", "無此項", "未安排", "持平", "零", "无", "無", "没有")
NUM_RE = r"-?\d+(?:\.\d+)?"
EXACT_UNITS = {"分", "人", "人次", "辆", "批次"}  # scores and counts are exact, not rounded

# ---------------------------------------------------------------- text normalisation

def normalise(s: str, join_breaks: bool = False) -> str:
    s = unicodedata.normalize("NFKC", s)
    if join_breaks:
        # a hard line break inside a number (PDF copy): "1,2\n06.45" -> "1,206.45"
        s = re.sub(r"(?<=[\d.,])[ \t]*\n[ \t]*(?=[\d.,])", "", s)
    # thousands separators
    s = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", s)
    return s


def number_in(value: str, text: str) -> bool:
    pat = r"(?<![\d.])" + re.escape(value) + r"(?!\d)(?!\.\d)"
    return re.search(pat, text) is not None


_D = {"零": 0, "〇": 0, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5,
      "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9}
_SMALL = {"拾": 10, "佰": 100, "仟": 1000}
_BIG = {"万": 10 ** 4, "萬": 10 ** 4, "亿": 10 ** 8, "億": 10 ** 8}
DAXIE_RE = "[" + "".join(_D) + "".join(_SMALL) + "".join(_BIG) + "元圆角分整]+"


def parse_daxie(s: str) -> Decimal | None:
    """壹拾贰万捌仟元整 -> 128000 (元)."""
    total = section = num = 0
    frac = Decimal(0)
    seen = False
    for ch in s:
        if ch in _D:
            num = _D[ch]
            seen = True
        elif ch in _SMALL:
            section += (num or 1) * _SMALL[ch]
            num = 0
        elif ch in ("亿", "億"):
            total = (total + section + num) * 10 ** 8
            section = num = 0
        elif ch in ("万", "萬"):
            total += (section + num) * 10 ** 4
            section = num = 0
        elif ch in ("元", "圆"):
            total += section + num
            section = num = 0
        elif ch == "角":
            frac += Decimal(num) / 10
            num = 0
        elif ch == "分":
            frac += Decimal(num) / 100
            num = 0
    if not seen:
        return None
    return Decimal(total + section + num) + frac


def daxie_values(text: str) -> list[Decimal]:
    out = []
    for m in re.finditer(DAXIE_RE, text):
        v = parse_daxie(m.group(0))
        if v is not None and ("元" in m.group(0) or "圆" in m.group(0)):
            out.append(v)
    return out


def value_form(fact: dict) -> str | None:
    """How the fact's value is carried by its as_written: 'digits', 'zero_word', 'daxie', or None."""
    value, aw = fact["value"], fact["as_written"]
    texts = (normalise(aw), normalise(aw, join_breaks=True))
    if not re.fullmatch(NUM_RE, value):
        return "digits" if unicodedata.normalize("NFKC", value) in texts[0] else None
    if any(number_in(value, t) for t in texts):
        return "digits"
    if Decimal(value) == 0 and any(w in aw for w in ZERO_WORDS):
        return "zero_word"
    if fact.get("unit") == "元" and Decimal(value) in daxie_values(aw):
        return "daxie"
    return None

# ---------------------------------------------------------------- identities

class Q:
    """A written figure: value, half-unit precision, unit and decimals as written."""

    def __init__(self, v: Decimal, p: Decimal, unit: str | None, places: int, text: str):
        self.v, self.p, self.unit, self.places, self.text = v, p, unit, places, text


def half_unit(value: str) -> Decimal:
    if "." in value:
        return Decimal(5) * Decimal(10) ** (-(len(value.split(".")[1]) + 1))
    return Decimal("0.5")


def resolve(ref: str, facts: list[dict]) -> tuple[int, Q]:
    sign = 1
    if ref.startswith("-"):
        sign, ref = -1, ref[1:]
    if ref.startswith("="):
        c = ref[1:]
        return sign, Q(Decimal(c), Decimal(0), None, len(c.split(".")[1]) if "." in c else 0, c)
    nth = None
    if "#" in ref:
        ref, n = ref.rsplit("#", 1)
        nth = int(n)
    project = None
    if "@" in ref:
        ref, project = ref.split("@", 1)
    cands = [f for f in facts if f["metric"] == ref and (project is None or f.get("project") == project)]
    if not cands:
        raise KeyError(f"no fact for reference {ref!r}" + (f" @ {project}" if project else ""))
    if nth is None:
        if len(cands) > 1:
            raise KeyError(f"reference {ref!r} is ambiguous ({len(cands)} facts); use #n")
        f = cands[0]
    else:
        f = cands[nth - 1]
    value = f["value"]
    exact = value_form(f) != "digits" or f["unit"] in EXACT_UNITS
    p = Decimal(0) if exact else half_unit(value)
    places = len(value.split(".")[1]) if "." in value else 0
    return sign, Q(Decimal(value), p, f["unit"], places, value)


def _scale(qs: list[Q]) -> tuple[dict, str | None]:
    """Factor per unit: none when all money terms share one unit, else convert to 万元."""
    money = {q.unit for q in qs if q.unit in MONEY}
    if len(money) <= 1:
        return {}, None
    return MONEY, "万元"


def _show(q: Q, common: str | None) -> str:
    return q.text + (q.unit if common and q.unit in MONEY and q.unit != common else "")


def _num(d: Decimal, places: int) -> str:
    return f"{d:.{places}f}"


def evaluate(identity: dict, facts: list[dict]) -> tuple[bool, str]:
    """Return (holds within the rounding envelope, note text)."""
    t = identity["terms"]
    kind = t["kind"]
    _, L = resolve(t["lhs"], facts)
    groups = {k: [resolve(r, facts) for r in t.get(k, [])] for k in ("rhs", "num", "den")}
    allq = [L] + [q for g in groups.values() for _, q in g]
    factors, common = _scale(allq)

    def val(q: Q) -> tuple[Decimal, Decimal]:
        f = factors.get(q.unit, Decimal(1))
        return q.v * f, q.p * f

    def total(g):
        v = sum((s * val(q)[0] for s, q in g), Decimal(0))
        p = sum((val(q)[1] for s, q in g), Decimal(0))
        txt = ""
        for i, (s, q) in enumerate(g):
            txt += (" - " if s < 0 else (" + " if i else "")) + _show(q, common)
        places = max([q.places for s, q in g if not common or q.unit == common] or [L.places])
        return v, p, txt, places

    Lv, Lp = val(L)
    Ltxt = _show(L, common)
    if kind in ("sum", "le"):
        R, pR, txt, places = total(groups["rhs"])
        tol = Lp + pR
        if kind == "le":
            ok = Lv - Lp <= R + pR
            total = "" if len(groups["rhs"]) == 1 else " = " + _num(R, places)
            return ok, f"{Ltxt} <= {txt}{total}: {'yes' if ok else 'no'}"
        ok = abs(Lv - R) <= tol
        diff = abs(Lv - R)
        if diff == 0:
            how = "exact"
        elif ok:
            how = f"within rounding: difference {diff.normalize():f} <= tolerance {tol.normalize():f}"
        else:
            how = f"difference {diff.normalize():f} exceeds rounding tolerance {tol.normalize():f}"
        unit_note = f" ({common})" if common else ""
        return ok, f"{txt} = {_num(R, places)}{unit_note} vs stated {Ltxt} ({how})"
    if kind == "ratio_pct":
        N, pN, ntxt, nplaces = total(groups["num"])
        D, pD, dtxt, dplaces = total(groups["den"])
        if D - pD <= 0:
            raise ValueError("denominator range not positive")
        combos = [(N + a) / (D + b) * 100 for a in (-pN, pN) for b in (-pD, pD)]
        lo, hi = min(combos), max(combos)
        ok = not (hi < Lv - Lp or lo > Lv + Lp)
        face = N / D * 100
        if len(groups["num"]) > 1:
            ntxt = f"({ntxt} = {_num(N, nplaces)})"
        if len(groups["den"]) > 1:
            dtxt = f"({dtxt} = {_num(D, dplaces)})"
        how = "within rounding" if ok else f"does not match; reachable range {lo:.3f}-{hi:.3f}"
        return ok, f"{ntxt} / {dtxt} = {face:.4f}% vs stated {Ltxt}% ({how})"
    raise ValueError(f"unknown kind {kind!r}")

# ---------------------------------------------------------------- driver

def check_file(jpath: Path) -> tuple[list[str], dict]:
    problems: list[str] = []
    name = jpath.stem
    tpath = jpath.with_suffix(".txt")
    if not tpath.exists():
        return [f"{name}: missing .txt"], {}
    text = tpath.read_text(encoding="utf-8")
    label = json.loads(jpath.read_text(encoding="utf-8"))
    for k in TOP_KEYS:
        if k not in label:
            problems.append(f"{name}: missing key {k}")
    if label.get("doc_type") not in DOC_TYPES:
        problems.append(f"{name}: bad doc_type {label.get('doc_type')!r}")
    if "fictional" not in str(label.get("source", "")):
        problems.append(f"{name}: source does not say the figures are fictional")
    facts = label.get("facts", [])
    for i, f in enumerate(facts):
        where = f"{name} fact[{i}] {f.get('metric')}"
        for k in ("metric", "value", "unit", "as_written"):
            if k not in f:
                problems.append(f"{where}: missing {k}")
        if not isinstance(f.get("value"), str):
            problems.append(f"{where}: value is not a string")
            continue
        if f.get("as_written", "") not in text:
            problems.append(f"{where}: as_written not in text: {f.get('as_written')!r}")
            continue
        if value_form(f) is None:
            problems.append(f"{where}: value {f['value']!r} not found in as_written {f['as_written']!r}")
    failing = 0
    for i, idt in enumerate(label.get("identities", [])):
        where = f"{name} identity[{i}] {idt.get('formula')}"
        for k in ("formula", "holds", "note"):
            if k not in idt:
                problems.append(f"{where}: missing {k}")
        if not idt.get("holds", True):
            failing += 1
        if "terms" not in idt:
            continue
        try:
            ok, note = evaluate(idt, facts)
        except Exception as e:
            problems.append(f"{where}: cannot evaluate: {e}")
            continue
        if ok != idt.get("holds"):
            problems.append(f"{where}: labelled holds={idt.get('holds')} but recomputed {ok}: {note}")
    stats = {"facts": len(facts), "identities": len(label.get("identities", [])), "failing": failing,
             "checked": sum(1 for x in label.get("identities", []) if "terms" in x)}
    return problems, stats


def main() -> int:
    files = sorted(HERE.glob("[0-9][0-9]_*.json"))
    txts = sorted(HERE.glob("[0-9][0-9]_*.txt"))
    problems: list[str] = []
    if {p.stem for p in files} != {p.stem for p in txts}:
        problems.append("json/txt files do not pair up")
    totals = {"facts": 0, "identities": 0, "failing": 0, "checked": 0, "docs_failing": 0}
    for j in files:
        p, s = check_file(j)
        problems += p
        for k in ("facts", "identities", "failing", "checked"):
            totals[k] += s.get(k, 0)
        totals["docs_failing"] += 1 if s.get("failing") else 0
    for p in problems:
        print("PROBLEM", p)
    print(f"{len(files)} labelled documents ({len(files) + len(txts)} files), {totals['facts']} facts, "
          f"{totals['identities']} identities ({totals['checked']} recomputed), "
          f"{totals['failing']} marked holds:false in {totals['docs_failing']} documents")
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
