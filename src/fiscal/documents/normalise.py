"""Normalise document text while keeping a map from every output character to the source.

Extraction runs on the normalised text and records spans into it; `source_span` converts a span
back into the text as it was read, so a reviewer can always find the original words.
Each step is a substitution that records, for every output character, the source offset it came
from. Steps are composed, so adding one never breaks the map.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from fiscal.documents import aligned

CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’、。"
# A colon does not end a line's sentence: "其中:" continues on the next line.
LINE_END_TERMINATORS = "。;!?；！？”)"
# Numbering that starts a heading or list item: 第一部分, 一、, (一), 1. / 1、, (1), ①
LIST_MARKER = re.compile(
    r"^\s*(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]"
    r"|\d+(?:[、.．](?!\d))|[①-⑳])"
)

# Full-width ASCII variants (U+FF01–FF5E) map onto ASCII; the ideographic space onto a space.
_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0xFE6A: ord("%")})
# Corner brackets are the quotation marks of traditional texts (「三公」經費): the same quotes as “”, ‘’.
_WIDTH_TABLE.update({ord("「"): ord("“"), ord("」"): ord("”"), ord("『"): ord("‘"), ord("』"): ord("’")})


@dataclass(frozen=True)
class NormalisedText:
    """Text after normalisation, with the source offset of every character (plus an end sentinel)."""

    text: str
    source: str
    offsets: array

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span in the normalised text to the source text."""
        if start >= end:
            position = self.offsets[start]
            return position, position
        return self.offsets[start], self.offsets[end - 1] + 1


Replacement = str | Callable[[re.Match[str], str], str | None]


def _substitute(text: str, offsets: array, pattern: re.Pattern[str], replacement: Replacement) -> tuple[str, array]:
    """Like re.sub, but carries the offset map; a callable may return None to keep the match."""
    pieces: list[str] = []
    new_offsets = array("l")
    cursor = 0
    for match in pattern.finditer(text):
        repl = replacement if isinstance(replacement, str) else replacement(match, text)
        if repl is None:
            continue
        pieces.append(text[cursor : match.start()])
        new_offsets.extend(offsets[cursor : match.start()])
        pieces.append(repl)
        new_offsets.extend([offsets[match.start()]] * len(repl))
        cursor = match.end()
    pieces.append(text[cursor:])
    new_offsets.extend(offsets[cursor:])
    return "".join(pieces), new_offsets


def looks_like_heading(line: str) -> bool:
    """A short numbered line without clause punctuation: a section heading, not wrapped prose."""
    stripped = line.strip().removesuffix("。")
    if not stripped or len(stripped) > 40:
        return False
    return bool(LIST_MARKER.match(stripped)) and not re.search(r"[,，。;；]", stripped)


def looks_like_unmarked_heading(line: str) -> bool:
    """A project name standing alone on a line in performance reports ("高新区农业农村工作项目")."""
    stripped = line.strip()
    return 4 <= len(stripped) <= 30 and stripped.endswith("项目") and not re.search(r"[,;。:\d]", stripped)


# A row of figures, or one figure (or a blank cell's "-") alone on its line: a table cell.
_FIGURE_ROW = re.compile(r"^\s*(?:-?\d[\d,]*(?:\.\d+)?(?:\s+-?\d[\d,]*(?:\.\d+)?)*|-)\s*$")
# A label and two or more figures a space apart: a table row copied from a PDF ("合计 27226723.46
# 27005223.46 186500.00"). Joined to the next row, its last figure would run into the next code.
# A self-evaluation's funds row also has rates and dashes ("年度资金总额 480.00 520.00 468.35 10 93.4% 9.34").
_LABELLED_ROW = re.compile(r"[^\d\s,.]\s*-?\d[\d,]*(?:\.\d+)?%?(?:\s+(?:-?\d[\d,]*(?:\.\d+)?%?|—))+\s*$")
# A header of a funds or score table: three or more column names and no clause punctuation.
_COLUMN_NAME = r"(?:年初预算数|全年预算数|全年执行数|预算数|执行数|分值|执行率|得分)"
_COLUMN_HEADER = re.compile(rf"^[^,，。;；]*?(?:{_COLUMN_NAME}[^,，。;；]*?){{3,}}$")


def _join_wrapped_line(match: re.Match[str], text: str) -> str | None:
    """Join a line that was broken mid-sentence (PDF and DOCX exports wrap prose at the margin)."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    previous = text[line_start : match.start()]
    following_end = text.find("\n", match.end())
    following = text[match.end() : following_end if following_end >= 0 else len(text)]
    if "\t" in previous or "\t" in following or "|" in previous or "|" in following:
        return None  # table rows: tab-separated cells, or cells between bars (framed or not)
    if re.match(r"[;；,，、。]", following.lstrip()) and previous.strip():
        return ""  # a line cannot start with clause punctuation: it continues the line before
    if len(previous.strip()) < 15 or previous.rstrip()[-1:] in LINE_END_TERMINATORS:
        return None
    if _FIGURE_ROW.match(previous) or _FIGURE_ROW.match(following):
        return None  # a table's figures (PDF copy-paste, a cell a line): their own line, not wrapped prose
    if _LABELLED_ROW.search(previous) or _LABELLED_ROW.search(following):
        return None  # a table's row with its figures
    if _COLUMN_HEADER.search(previous) or _COLUMN_HEADER.search(following):
        return None  # a table's header row
    if (
        re.search(r"\((?:类|款)\)", previous)
        and "(项)" not in previous
        and "(项)" in following
        and not previous.rstrip().endswith(":")
        and not LIST_MARKER.match(following)
    ):
        return ""  # a functional line's name wrapped between its (款) and its (项)
    if (
        looks_like_heading(previous)
        or looks_like_unmarked_heading(previous)
        or LIST_MARKER.match(following)
        or not following.strip()
    ):
        return None
    if previous.rstrip().endswith(("表", "单位:万元", "单位:元")) or re.match(r"\s*单位[:：]", following):
        return None  # a table title and its unit line stand alone
    if following.rstrip().endswith("表") and len(following.strip()) <= 40 and not re.search(r"[,，。;；]", following):
        return None  # … and so does the title on the line after a document's title
    if following.lstrip().startswith(("[", "附", "第")) or re.match(r"\s*\(图", following):
        return None  # bracketed notes, attachments, parts and figure captions start their own line
    return ""


# OCR reads a zero as the letter O inside figures ("2O.46万元", "24.OO", "2,O46.83", "2O2O年度").
_OCR_FIGURE = re.compile(r"(?<![A-Za-z\d])(?=[\dOo,.]*\d)(?=[\d,.]*[Oo])[\dOo](?:[\dOo,.]*[\dOo])?(?![A-Za-z])")


def _zeros_for_letter_o(match: re.Match[str], _text: str) -> str:
    return match.group(0).replace("O", "0").replace("o", "0")


# OCR and typesetting put spaces inside a figure: "4 862.37万元" (a thousands space), "2 6.18万元",
# "186.9 3万元", "9 1.0分", "2 0 2 0年度". Joined only where a unit follows and the joined figure
# still has one decimal point (two would be two figures: "12.5 13.6%").
_SPACED_FIGURE = re.compile(r"(?<![\d.,])\d[\d,.]*(?: \d[\d,.]*)+(?=亿元|万元|元|%|分|年)")


def _join_spaced_figure(match: re.Match[str], text: str) -> str | None:
    joined = match.group(0).replace(" ", "")
    if joined.count(".") > 1 or re.match(r"\d{4} ", match.group(0)):
        return None  # two decimal points, or a year before the figure ("2019 2 000万元"): two figures
    if text.startswith("年", match.end()) and not re.fullmatch(r"\d(?: \d){3}", match.group(0)):
        return None  # only a year written a digit at a time ("2 0 2 0年") is one figure before 年
    return joined


# A table cell alone on its line with a thousands space: "1 035.60" (no figure starts with 0, so the
# groups are one figure, not two cells).
_SPACED_THOUSANDS_CELL = re.compile(r"^\d{1,3}(?: \d{3})+(?:\.\d+)?$", re.M)


# A page's number, alone or after a footer ("— 3 —", "- 9 -", "平塘县人民政府信息公开 第2页"), copied
# into the text where a page breaks, often mid-sentence ("…项目\n— 3 —\n支出2 713.68万元").
_PAGE_NUMBER_LINE = (
    r"\n[ \t]*(?:[^\n,，。;；:：]{0,40}?[ \t]*)?"
    r"(?:[—–－-][ \t]*\d{1,4}[ \t]*[—–－-]|第[ \t]*\d{1,4}[ \t]*页(?:[ \t]*[/,，]?[ \t]*共[ \t]*\d{1,4}[ \t]*页)?)"
    r"[ \t]*(?=\n|$)"
)
_PAGE_NUMBER = re.compile(_PAGE_NUMBER_LINE)
_PAGE_NUMBER_AND_HEADER = re.compile(_PAGE_NUMBER_LINE + r"\n(?P<header>[^\n]*)(?=\n|$)")


_TITLE_LINES = 4


def _drop_running_header(match: re.Match[str], text: str) -> str | None:
    """A page number with the next page's running header, when that repeats the start of the
    document's title ("湖州市吴兴区青溪街道办事处2022年度部门决算") and says nothing else. A web page
    may put its site's name and crumbs above the title: any of the first lines may be the title."""
    header = match.group("header").strip()
    titles = [line.strip() for line in text[:500].splitlines() if line.strip()][:_TITLE_LINES]
    is_header = (
        any(len(title) >= 6 and header[:6] == title[:6] for title in titles) and len(header) <= 40
        and not re.search(r"[,，。;；:：]|\d[\d,.]*(?:万元|元)", header)
    )  # fmt: skip
    return "" if is_header else None


_STEPS: list[tuple[re.Pattern[str], Replacement]] = [
    (re.compile(r"\r\n?"), "\n"),
    # DOCX → text converters leave bookmark anchors inline.
    (re.compile(r"\[bookmark:[^\]\n]*\]"), ""),
    # Markdown from PDF converters: heading marks, bullets, emphasis.
    (re.compile(r"^[ \t]*#{1,6}[ \t]*", re.M), ""),
    (re.compile(r"^[ \t]*[-*+][ \t]+(?=\S)(?![\d]{1,4}[ \t]*-[ \t]*$)", re.M), ""),  # not a page's "- 9 -"
    (re.compile(r"\*\*|__"), ""),
]
# Web pages that gloss each character with its pinyin ("財(cái)政(zhèng)"): the gloss is not text.
# Only a parenthesis of lower-case Latin letters with a tone mark right after a Chinese character.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}\)")
_AFTER_WIDTH_STEPS: list[tuple[re.Pattern[str], Replacement]] = [
    (PINYIN_GLOSS, ""),
    # OCR noise inside a figure that then parses: "35. 3万元" (a space after the point), "1O0" (O for 0).
    (re.compile(r"(?<=\d\.)[ ]+(?=\d+[ ]?(?:亿元|万元|元|%))"), ""),
    (_OCR_FIGURE, _zeros_for_letter_o),
    (re.compile(rf"(?<=[{CJK}])[Oo](?=[ ]?(?:亿元|万元|元)(?![A-Za-z]))"), "0"),  # "因公出国(境)费O万元"
    # Spaces next to Chinese characters are layout, not content ("2024 年", "229516.07 万元").
    (re.compile(rf"(?<=[{CJK}])[ ]+|[ ]+(?=[{CJK}])"), ""),
    (_SPACED_FIGURE, _join_spaced_figure),
    (_SPACED_THOUSANDS_CELL, lambda match, _text: match.group(0).replace(" ", "")),
    # Trailing layout whitespace goes; a line that is only a tab is an empty table cell and stays.
    (re.compile(r"^[ ]+|(?<=[^\s])[ \t]+$|^[ ]+$", re.M), ""),
    (_PAGE_NUMBER_AND_HEADER, _drop_running_header),
    (_PAGE_NUMBER, ""),
    (re.compile(r"\n(?:[ \t]*\n)*"), _join_wrapped_line),
    (re.compile(r"\n(?:[ ]*\n){2,}"), "\n\n"),
]


_HAN = re.compile(r"[\u4e00-\u9fff]")
TRADITIONAL_SHARE = 0.02  # above this share of characters that t2s changes, the text is traditional


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters to simplified, one character for one (so offsets do not move).

    Only a text that is written in traditional characters is converted: in simplified text a few
    characters (乾, 於 in names) would be changed wrongly.
    """
    han = set(_HAN.findall(text))
    if not han:
        return text
    converter = _t2s()
    mapping = {}
    for char in han:
        converted = converter.convert(char)
        if len(converted) == 1 and converted != char:
            mapping[ord(char)] = converted
    changed = sum(1 for char in text if ord(char) in mapping)
    if changed < TRADITIONAL_SHARE * len(_HAN.findall(text)):
        return text
    return text.translate(mapping)


def normalise(source: str) -> NormalisedText:
    """Strip export artefacts, unify full/half-width and traditional forms, join wrapped lines."""
    text = source
    offsets = array("l", range(len(source) + 1))
    body_offsets = offsets[:-1]
    for pattern, replacement in _STEPS:
        text, body_offsets = _substitute(text, body_offsets, pattern, replacement)
    text, body_offsets = aligned.tabulate(text, body_offsets)  # before the spaces that align columns go
    text = to_simplified(text.translate(_WIDTH_TABLE))  # one character for one: the map is unchanged
    for pattern, replacement in _AFTER_WIDTH_STEPS:
        text, body_offsets = _substitute(text, body_offsets, pattern, replacement)
    body_offsets.append(len(source))
    return NormalisedText(text=text, source=source, offsets=body_offsets)
