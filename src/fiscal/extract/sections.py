"""The section tracker: which headings a line sits under, and what they imply for its figures.

Headings are numbered lines (第二部分, 一、, (一), 1., (1), ①). Exports often renumber a heading
in another style ("9、" after "八、"); a heading whose ordinal continues a shallower heading's
sequence is put at that heading's level, so the outline stays right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fiscal.documents.normalise import looks_like_heading, looks_like_unmarked_heading

_CN_ORDINALS = {c: i for i, c in enumerate("零一二三四五六七八九十", start=0)}
_LEVELS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(r"^第(?P<n>[一二三四五六七八九十\d]+)部分")),
    (1, re.compile(r"^(?P<n>[一二三四五六七八九十]+)[、.]")),
    (2, re.compile(r"^\((?P<n>[一二三四五六七八九十]+)\)")),
    (3, re.compile(r"^(?P<n>\d+)[、.](?!\d)")),
    (4, re.compile(r"^\((?P<n>\d+)\)")),
    (5, re.compile(r"^(?P<n>[①-⑳])")),
]
UNMARKED_LEVEL = 2
# Words in a heading that fix whose money the section's figures are.
_SCOPE_CUES = [
    ("gpb", re.compile(r"一般公共预算")),
    ("gov_fund", re.compile(r"政府性基金")),
    ("soe_capital", re.compile(r"国有资本经营")),
    ("fiscal", re.compile(r"财政拨款")),
]
_SKIPPED_SECTIONS = re.compile(r"名词解释|术语解释")


def _ordinal(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(token) + 1
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + _CN_ORDINALS.get(token[1], 0)
    if token.endswith("十"):
        return _CN_ORDINALS.get(token[0], 0) * 10
    if len(token) == 3 and token[1] == "十":
        return _CN_ORDINALS.get(token[0], 0) * 10 + _CN_ORDINALS.get(token[2], 0)
    return _CN_ORDINALS.get(token)


@dataclass(frozen=True)
class Heading:
    level: int
    ordinal: int | None
    text: str  # without its number
    start: int


def parse_heading(line: str, start: int) -> Heading | None:
    stripped = line.strip()
    if not looks_like_heading(stripped):
        if looks_like_unmarked_heading(stripped):
            return Heading(UNMARKED_LEVEL, None, stripped, start)
        return None
    for level, pattern in _LEVELS:
        if m := pattern.match(stripped):
            text = stripped[m.end() :].strip(" 、.:。")
            return Heading(level, _ordinal(m.group("n")), text, start)
    return None


@dataclass
class SectionTracker:
    stack: list[Heading] = field(default_factory=list)

    def enter(self, heading: Heading) -> None:
        level = self._effective_level(heading)
        placed = Heading(level, heading.ordinal, heading.text, heading.start)
        self.stack = [h for h in self.stack if h.level < level] + [placed]

    def _effective_level(self, heading: Heading) -> int:
        if heading.ordinal is None or heading.ordinal <= 1:
            return heading.level
        previous = heading.ordinal - 1
        if any(h.level == heading.level and h.ordinal == previous for h in self.stack):
            return heading.level
        for h in self.stack:
            if h.level < heading.level and h.ordinal == previous:
                return h.level
        return heading.level

    @property
    def path(self) -> str:
        return " > ".join(h.text for h in self.stack)

    @property
    def scope(self) -> str | None:
        for heading in reversed(self.stack):
            for scope, cue in _SCOPE_CUES:
                if cue.search(heading.text):
                    return scope
        return None

    @property
    def skipped(self) -> bool:
        """Sections whose figures are definitions, not statements (名词解释)."""
        return any(_SKIPPED_SECTIONS.search(h.text) for h in self.stack)

    @property
    def project(self) -> str | None:
        for heading in reversed(self.stack):
            if heading.text.endswith("项目") and len(heading.text) > 4:
                return heading.text
        return None
