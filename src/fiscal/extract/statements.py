"""The statement engine: walk sections and sentences, and place every figure or say why not.

For each figure in a sentence, its label is the text since the previous figure. The label's last
clause names the figure (the catalogue decides which metric); the whole label carries context that
stays in force to the end of the sentence: scope (财政拨款, 一般公共预算财政拨款), basis (预算,
决算, 年初预算) and list openers (其中, 主要包括, 主要用于) that make the figures after them parts
of the figure before. A figure nothing recognises becomes an extraction issue, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property

from fiscal.documents.metadata import (
    BUDGET,
    FINAL_ACCOUNTS,
    ORG_SUFFIX,
    PERFORMANCE_OVERALL,
    PERFORMANCE_PROJECT,
    DocumentMetadata,
)
from fiscal.extract import catalogue as cat
from fiscal.extract.amounts import COUNT, MONEY, OUTPUT_UNITS, PERCENT, SCORE, Quantity, find_quantities
from fiscal.extract.model import (
    ClassifiedLine,
    Extraction,
    ExtractionIssue,
    Fact,
    Project,
    Provenance,
)
from fiscal.extract.sections import SectionTracker, parse_heading
from fiscal.reference import is_class_name
from fiscal.vocabulary import METRICS, NON_FISCAL, line_subject

_SENTENCE_END = re.compile(r"[。!?]")
# "…与2016年度相比(2016年度部门支出预算安排为8,648.07万元)": an aside that opens with a year is a clause.
_HEAD = 120  # characters: where a page's title stands, with the crumbs of a web page before it
_CLAUSE_BREAK = re.compile(r"[,;:]|[(（](?=\d{4}年|上年|上一年|去年)")
_LEADING_MARKER = re.compile(r"^(?:[(]?\d+[)、.]|[(][一二三四五六七八九十]+[)]|[一二三四五六七八九十]+、|[①-⑳])")
_SCOPE_MARKERS = [
    ("gpb", re.compile(r"一般公共预算财政拨款|公共财政预算(?:财政)?拨款")),
    ("gov_fund", re.compile(r"政府性基金预算财政拨款")),
    ("soe_capital", re.compile(r"国有资本经营预算财政拨款")),
    ("fiscal", re.compile(r"(?<!预算)(?<!非)财政(?:预算)?拨款(?!收入)|(?<!非)财政资金")),  # 非财政拨款 is the rest
]
# 预算 inside 一般公共预算 / 政府性基金预算 names a fund, not a basis.
_BASIS_MARKERS = re.compile(
    r"(?P<initial>年初(?:批复)?预算|初预算)"
    r"|(?P<budget>(?<!公共)(?<!公共财政)(?<!政府性基金)(?<!国有资本经营)预算(?!单位|绩效|管理|编制|执行|拨款收入))"
    r"|(?P<actual>决算|实际|执行数|执行金额|支付|(?<!预算)执行(?![率进]))"
)
# The words of a rate itself, leaving what it is the rate of: "基本支出执行率" → 基本支出.
_RATE_CORE = re.compile(r"(?:预算)?(?:执行率|完成率|执行(?:总体)?进度|使用率|执行比例).*$")
_RATE_OF_ALL = re.compile(r"(?:部门|单位|本单位)?(?:预算)?(?:资金)?(?:支出)?")
_RATE_OF = re.compile(r"[\d—\-~至年月日]+|^(?:其中|另外|此外)|全年|整体|总体|本年|当年|(?:为|是|达到?)$")
# A budget named by its words alone right after another budget of the same figure.
_OTHER_BUDGET = re.compile(
    r"^(?:年中|全年|年度)?(?:调整后?|调整|(?:追加|追减|调增|调减|压减)后)(?:的)?(?:全年)?预算(?:数)?(?:为|是)?$"
)
# The basis a compared figure's words name: "比上年预算…", "较2021年执行数…".
_BASIS_OF_WORD = {"预算": "budget", "决算": "actual", "执行": "actual", "实际": "actual"}
# The budget a figure is measured against, placed beside it ("完成全年预算5.3万元", "比预算6.00万元").
_BUDGET_BESIDE_PATTERNS = ("budget_of_subject", "compared_budget_figure")
# Figures of the department's budget execution as a whole: a rate after them is the department's.
_DEPARTMENT_EXECUTION_METRICS = frozenset({"executed", "budget_adjusted", "budget_initial", "budget_issued"})
# In a list of economic items, these named figures are items too (公务接待费 is 30217).
_ECONOMIC_ITEM_METRICS = re.compile(r"^three_public_")
_BASIS_OF_METRIC = {
    "budget_initial": "initial_budget",
    "budget_adjusted": "budget",
    "budget_issued": "budget",
    "executed": "actual",
}
# "一般公共服务(类)", and "教育支出类科目" as some budgets write it.
_LEVEL_MARK = re.compile(r"\((?P<level>类|款|项)\)|(?<=[\u4e00-\u9fff])(?P<written>类|款|项)(?:级)?科目")
# Parentheses inside a functional name as the national table writes it: 政府办公厅(室)及相关机构事务.
_INNER_PARENTHESES = ("(室)",)


@dataclass(frozen=True)
class _FunctionalMark:
    name: str  # the words before the mark, back to the previous mark or parenthesis
    level: str  # 类, 款 or 项
    end: int


def _functional_marks(text: str) -> list[_FunctionalMark]:
    """Each "(类)/(款)/(项)" with the name written before it, found in one pass over the text."""
    marks, previous_end = [], 0
    for mark in _LEVEL_MARK.finditer(text):
        before = text[previous_end : mark.start()]
        for inner in _INNER_PARENTHESES:
            before = before.replace(inner, "\0" * len(inner))  # same length: positions stay
        start = max(before.rfind("("), before.rfind(")")) + 1
        name = text[previous_end + start : mark.start()]
        marks.append(_FunctionalMark(name, mark.group("level") or mark.group("written"), mark.end()))
        previous_end = mark.end()
    return marks


_FUNCTIONAL_LEVEL = {"类": 1, "款": 2, "项": 3}
_FUNCTIONAL_CODE = re.compile(r"^(?P<code>\d{3}(?:\d{2}){0,2})(?!\d)")
_WHOLE_OF_FUNCTIONAL_LIST = {
    "gpb_expenditure",
    "expenditure_total",
    "gov_fund_expenditure",
    "soe_capital_expenditure",
    "basic_expenditure",
    "project_expenditure",
}
_WHOLE_OF_ECONOMIC_LIST = {"personnel_expense", "public_expense"}
# Components of spending that a classified line is split into as well as the document's total.
_PARTS_OF_SPENDING = {"basic_expenditure", "project_expenditure", "personnel_expense", "public_expense"}
# Figures that stand side by side, never one inside the other: a figure of the same group as a
# list's whole ends that list ("基本支出X,其中:人员经费…,公用经费…;项目支出Y": 项目支出 is no part of 基本支出).
_PEER_GROUPS = (
    frozenset({"basic_expenditure", "project_expenditure", "operating_expenditure", "contingency_reserve"}),
    frozenset({"personnel_expense", "public_expense"}),
    frozenset({"three_public_outbound_travel", "three_public_vehicle", "three_public_reception"}),
    frozenset({"fiscal_appropriation_income", "business_income", "operating_income", "superior_subsidy_income",
               "subordinate_income", "other_income"}),
    frozenset({"gpb_appropriation_income", "gov_fund_appropriation_income", "soe_capital_appropriation_income",
               "business_income", "operating_income", "superior_subsidy_income", "subordinate_income",
               "other_income"}),
)  # fmt: skip
_PRIOR_WORDS = re.compile(r"上年|上一年|去年|上年度")
_PRIOR_YEAR_EXPLICIT = re.compile(r"上年|上一年|\d{4}年")
# What a change is measured against, written between its subject and its verb.
_COMPARISON_WORD = re.compile(r"(?:同口径)?(?:相较于|比|较|同比)")
_COMPARED_WITH = re.compile(
    r"(?:同口径)?(?:相较于|比|较|与|同比)(?:上年|上一年|去年|\d{4}年|年初|全年)?度?(?:决算数?|预算数?|执行数)?"
    r"(?:相比|对比)?"
)
_COMPARISON_WORDS = re.compile(r"比|相比|较|同比|对比")
_SCORING_ITEM = re.compile(r"得分|分值|总分")


@dataclass
class _FunctionalContext:
    class_name: str | None = None
    kuan_name: str | None = None
    # Budget explanations mark economic classes the same way ("工资福利支出(类)", "基本工资(款)").
    economic: bool = False


@dataclass
class _Item:
    """The last figure placed in a sentence: a share or completion rate after it qualifies it."""

    kind: str  # fact | line
    index: int
    metric: str | None  # for facts
    name: str | None  # for lines


@dataclass
class _SentenceState:
    scope: str
    basis: str
    subject: Fact | None  # what a bare "决算数" refers to
    whole_metric: str | None = None  # the figure a list (其中 …) breaks down
    whole_name: str | None = None  # … when it is a classified line (工资福利支出)
    whole_fact: int | None = None  # index of the whole's fact, when the whole is a fact
    whole_is_functional: bool = False  # … a functional line (初中教育支出 …, 其中: 基本支出 …)
    list_mode: str | None = None  # functional | economic | projects | parts
    list_basis: str | None = None  # parts inherit the basis of their whole
    list_period: str | None = None  # … and its period ("2021年的三公经费…807.95万,其中: …")
    from_metric: str | None = None  # "公务接待费一项由263.48万元减至211.48万元": the metric going from → to
    # "货物、工程、服务政府采购规模分别为A、B和C,占…比例为x%、y%和z%": names waiting for their figures
    # in order, and the facts placed so (their shares follow in the same order).
    respective: list[str | None] = field(default_factory=list)
    respective_facts: list[int] = field(default_factory=list)
    respective_shares: int = 0
    respective_share_of: str | None = None  # the whole those shares are of (占全市政府采购规模…)
    respective_share_scope: str | None = None
    after_unplaced: bool = False  # the last money figure could not be placed: what qualifies it cannot be
    change_abstained: bool = False  # … and a growth rate after an abstained change is abstained too
    last_item: _Item | None = None
    last_fact: Fact | None = None  # last fact outside lists
    last_change_subject: str | None = None
    last_change_base: str | None = None
    # "较预算数9.00万元节约1.65万元": the base the next change is measured against, named before its figure
    pending_base: str | None = None
    facts_placed: int = 0  # facts placed in this sentence so far
    non_fiscal: bool = False  # the sentence speaks of the funds other than the appropriation (非财政拨款资金)
    # Facts whose share ("占52.4%") names no whole, so is of the list's whole, as far as it is known.
    implicit_shares: list[int] = field(default_factory=list)
    # A parenthesis is an aside ("基本支出X万元(人员经费Y万元、公用经费Z万元),占60.2%"): what a list
    # and the last item were when it opened, restored when it closes.
    aside: _ListState | None = None
    # A list opened inside a list ("基本支出…,其中人员经费…、公用经费…;项目支出…"): the outer list,
    # restored at the clause end (;) that closes the inner one.
    outer_list: _ListState | None = None


@dataclass(frozen=True)
class _ListState:
    """The list a sentence is in and its last item, saved at an aside or a nested list."""

    item: _Item | None
    whole_metric: str | None
    whole_name: str | None
    whole_fact: int | None
    whole_is_functional: bool
    list_mode: str | None
    list_basis: str | None
    list_period: str | None
    scope: str  # the scope when the aside opened (a list restores its own state only)


@dataclass(frozen=True)
class _Topic:
    """What a sentence without figures says the next ones are about ("国资委2013年“三公”经费的预算数…")."""

    metric: str
    period: str
    scope: str | None


@dataclass
class _Sentence:
    start: int
    end: int
    text: str


@dataclass
class StatementExtractor:
    text: str
    metadata: DocumentMetadata
    out: Extraction = field(default_factory=Extraction)
    tracker: SectionTracker = field(default_factory=SectionTracker)
    functional: _FunctionalContext = field(default_factory=_FunctionalContext)
    # A functional line named in a sentence of its own ("1、一般公共服务支出(类)…行政运行(项)。"):
    # the bare budget and actual figures that follow are its (level, name, class, kuan).
    functional_subject: tuple[int, str, str | None, str | None] | None = None
    # A group of projects named in a sentence of its own ("常年项目绩效分析。"): the figures after it
    # in the paragraph are that group's.
    project_group: str | None = None
    # On a page about many departments: the unit the paragraph's clauses are about, since one named it.
    unit: str | None = None
    topic: _Topic | None = None
    # A project named inside a paragraph ("1、烈士纪念设施维修项目:预算35.3万元…"): the figures after it,
    # to the next such name, heading or blank line (a page break may split its paragraph), are its.
    inline_project: str | None = None

    @cached_property
    def whole_area(self) -> bool:
        """The page speaks of a whole area (全市, 全区): the figures of one level's units are parts of it."""
        return bool(cat.WHOLE_AREA.search(self.text))

    def _page_is_about(self, units: str) -> bool:
        """The page's title or head (up to its first full stop) names these units (桃源县78个县直部门集中
        公开…): they are its whole."""
        head = self.text[:_HEAD].split("。")[0]
        return units in (self.metadata.title or "") or units in head

    @property
    def default_basis(self) -> str:
        return "budget" if self.metadata.doc_type == BUDGET else "actual"

    # ---- walking the document -------------------------------------------------------------
    def run(self) -> Extraction:
        in_table = False
        for start, line in _lines(self.text):
            if "\t" in line:
                if not in_table:
                    self._issue(
                        "table_not_parsed",
                        "table cells flattened to text; tables are not extracted from plain text yet",
                        line,
                        start,
                        start + len(line),
                    )
                in_table = True
                continue
            in_table = False
            heading = parse_heading(line, start)
            if heading is not None or not line.strip():
                self.inline_project = None  # a project named in a paragraph holds to its next heading
            if heading is not None:
                self.tracker.enter(heading)
                self._update_functional_context(line)
                self._document_markers(line, start, cat.YEAR_IN_HEADING)
                if not _states_money(line):
                    continue
                # "2.年初结转和结余356.42万元。": a numbered line that states a figure is a statement too.
            self._document_markers(line, start, cat.YEAR_AT_CLOSE if self.metadata.doc_type == FINAL_ACCOUNTS else None)
            if self.tracker.skipped or not line.strip():
                continue
            subject: Fact | None = None
            self.project_group = None
            self.topic = None
            self.unit = None  # a paragraph about one unit ends with it
            for sentence in _sentences(line, start):
                subject = self._sentence(sentence, subject)
        return self.out

    def _update_functional_context(self, heading_line: str) -> None:
        """A heading naming a functional line ("2.卫生健康(类)行政事业单位医疗(款):") sets the context;
        any other heading ends it."""
        self.functional_subject = None
        if _LEVEL_MARK.search(heading_line):
            self._name_functional_subject(heading_line)
        else:
            self.functional = _FunctionalContext()

    def _name_functional_subject(self, text: str) -> None:
        marks = _functional_marks(_LEADING_MARKER.sub("", text.strip()))
        if not marks:
            return
        for mark in marks:
            self._enter_functional(mark.level, _clean_name(mark.name))
        level = _FUNCTIONAL_LEVEL[marks[-1].level]
        name = _clean_name(marks[-1].name)
        class_name = self.functional.class_name if level > 1 else None
        kuan_name = self.functional.kuan_name if level > 2 else None
        self.functional_subject = (level, name, class_name, kuan_name)

    def _enter_functional(self, level: str, name: str) -> None:
        if level == "类":
            self.functional = _FunctionalContext(class_name=name, economic=bool(cat.ECONOMIC_CLASS.match(name)))
        elif level == "款":
            self.functional.kuan_name = name

    # ---- one sentence ----------------------------------------------------------------------
    def _sentence(self, sentence: _Sentence, subject: Fact | None) -> Fact | None:
        state = _SentenceState(scope=self.tracker.scope or "department", basis=self.default_basis, subject=subject)
        cursor = sentence.start
        quantities = find_quantities(self.text, sentence.start, sentence.end)
        if not quantities:
            self._name_topic(sentence.text)
            self._name_functional_subject(sentence.text)
            group = cat.PROJECT_GROUP.match(sentence.text.strip())
            if group:
                self.project_group = group.group("group")
        first_fact = len(self.out.facts)
        for quantity in quantities:
            label = self.text[cursor : quantity.start]
            label_start = cursor
            cursor = quantity.end
            self._place(quantity, label, label_start, sentence, state)
        self._wholly_one_part(sentence, quantities, first_fact)
        self._nil_items(sentence, state)
        self._grade(sentence, state)
        self._stated_comparison(sentence, state)
        return state.last_fact or state.subject

    def _wholly_one_part(self, sentence: _Sentence, quantities: list[Quantity], first_fact: int) -> None:
        """ "公务用车购置及运行维护费6.50万元,全部为公务用车运行维护费": a whole that is all one of its
        parts states that part's figure too; the part is recorded with the whole's figure and span.
        Only right after the whole (no figure between), and only for a part the whole is known to have."""
        for mark in cat.WHOLLY_ONE_PART.finditer(sentence.text):
            name = mark.group("name").strip()
            at = sentence.start + mark.start()
            before = [q for q in quantities if q.end <= at]
            if not before or before[-1].kind != MONEY:
                continue
            whole = next(
                (f for f in reversed(self.out.facts[first_fact:]) if f.provenance.span_end == before[-1].end), None
            )
            if whole is None or whole.period != "current":
                continue
            source = self._wholly_one_source(whole, name)
            if source is not None:
                self.out.facts.append(source)
                continue
            if cat.WHOLLY_ONE_PART_NOT.search(name) or whole.metric not in cat.PARTS_OF_WHOLE:
                continue
            for metric in self._parts_down_to(whole.metric, name):
                prov = replace(whole.provenance, pattern="wholly_one_part")
                part = replace(whole, metric=metric, scope=cat.own_scope(metric) or whole.scope, provenance=prov,
                               part_of=whole.metric, label=name, unplaced_parts=0)  # fmt: skip
                self.out.facts.append(part)

    @staticmethod
    def _wholly_one_source(whole: Fact, name: str) -> Fact | None:
        """ "财政拨款支出9,502.13万元,全部为一般公共预算财政拨款支出", "本年收入2,517.03万元,全部为财政拨款
        收入": the one fund or source the whole is all of, with the whole's figure and span."""
        named = cat.match_label(name, MONEY)
        if named is None or named[1] != 0 or named[0].yields not in cat.WHOLLY_ONE_SOURCE.get(whole.metric, ()):
            return None
        prov = replace(whole.provenance, pattern="wholly_one_source")
        return replace(
            whole, metric=named[0].yields, scope=named[0].scope or whole.scope, provenance=prov, label=name,
            part_of=None, unplaced_parts=0, pct=None, pct_precision=None, share_of=None,
        )  # fmt: skip

    def _nil_items(self, sentence: _Sentence, state: _SentenceState) -> None:
        """ "因公出国(境)费、公务接待费均未发生" / "无公务用车购置计划": each “三公” item named is nil this
        year: a fact of 0 (to the 元) for each, unless the clause speaks of another year."""
        for match in cat.NIL_ITEMS.finditer(sentence.text):
            clause_start = max(sentence.text.rfind(mark, 0, match.start()) for mark in ",;:。") + 1
            clause = sentence.text[clause_start : match.end()]
            if _PRIOR_WORDS.search(clause) or cat.SUBSET_OF_UNITS.search(clause) or self._names_another_year(clause):
                continue
            names = [match.group("purchase")] if match.group("purchase") else [
                m.group(0) for m in cat.THREE_PUBLIC_ITEM.finditer(match.group("names"))
            ]  # fmt: skip
            start, end = sentence.start + match.start(), sentence.start + match.end()
            placed = {(f.metric, f.provenance.span_end) for f in self.out.facts}
            nil = Quantity(Decimal(0), "元", Decimal(1), match.group(0), start, end)  # exact to the 元
            for name in names:
                named = cat.match_label(name if name.endswith("费") else f"{name}费", MONEY)
                metric = named[0].yields if named is not None and named[1] == 0 else None
                if metric is None or not metric.startswith("three_public_") or (metric, end) in placed:
                    continue
                prov = self._provenance(start, end, sentence, "nil_in_words")
                self._add_fact(metric, nil, prov, state, scope=cat.own_scope(metric) or state.scope, period="current",
                               basis=_basis(clause, self.default_basis), label=name, in_list=True)  # fmt: skip

    def _names_another_year(self, clause: str) -> bool:
        year = self.metadata.fiscal_year
        return any(int(named) != year for named in re.findall(r"(\d{4})年", clause)) if year else False

    @staticmethod
    def _parts_down_to(whole: str, name: str) -> list[str]:
        """The parts from `whole` down to the one `name` names (三公 → 公务用车 → 运行维护费), or none."""
        named = cat.match_label(name, MONEY)
        if named is not None and named[1] != 0:
            named = None  # the words name more than one part ("公务用车运行维护费和公务接待费"), or more than a part
        short = next((m for m, regex in cat.SHORT_PARTS.get(whole, ()) if regex.match(name)), None)
        target = short or (named[0].yields if named is not None else None)
        for part in cat.PARTS_OF_WHOLE.get(whole, ()):
            if part == target:
                return [part]
            below = StatementExtractor._parts_down_to(part, name) if part in cat.PARTS_OF_WHOLE else []
            if below:
                return [part, *below]
        return []

    def _name_topic(self, text: str) -> None:
        """A figure-less sentence naming a spending quantity of the prior year sets the line's topic."""
        if self._period(text) != "prior":
            return
        words = re.sub(r"(?:的)?(?:预算数|决算数|预算执行数|预算|决算)(?:和|与|及).*$", "", text.rstrip("。"))
        named = cat.match_label(words, MONEY)
        if named is not None and METRICS[named[0].yields].basis_neutral:
            self.topic = _Topic(named[0].yields, "prior", named[0].scope)

    def _enter_or_leave_aside(self, label: str, state: _SentenceState) -> None:
        """Before a figure: a parenthesis its label closes restores the list and the last item as they
        were when it opened, so what follows is of the figure before the parenthesis; one it opens
        (and leaves open) saves them."""
        if state.aside is not None and ")" in label:
            _restore_list(state, state.aside)
            # "(一般公共预算财政拨款支出X元,政府性基金预算财政拨款支出Y元),年末…结转和结余": the scope
            # the aside's names set ends with it.
            state.scope = state.aside.scope
            state.aside = None
            # a figure inside the aside that could not be placed leaves the figure before it placed
            state.after_unplaced = state.last_item is None
        if label.rfind("(") > label.rfind(")") and state.aside is None:
            state.aside = _list_state(state)
        # Only a list of named parts: in a list of economic items ";" separates the items themselves.
        if (
            state.outer_list is not None
            and state.aside is None
            and state.list_mode == "parts"
            and re.search(r"[;；]", label)
        ):
            _restore_list(state, state.outer_list)
            state.outer_list = None

    def _place(self, q: Quantity, label: str, label_start: int, sentence: _Sentence, state: _SentenceState) -> None:
        self._enter_or_leave_aside(label, state)
        named_projects = list(cat.INLINE_PROJECT.finditer(label))
        if named_projects:
            self.inline_project = named_projects[-1].group("name")
        tail_offset = _tail_offset(label)
        tail = label[tail_offset:]
        heading = _colon_heading(label, tail_offset, tail)
        if heading is not None:
            tail_offset -= len(heading) + 1
            tail = heading + tail
        provenance = self._provenance(label_start + tail_offset, q.end, sentence, "")
        if self.metadata.many_departments and (unit := _unit_of_clause(sentence.text[: q.start - sentence.start])):
            # "1.县国土资源局“三公”经费预算86.40万元" on a page about all 县直部门: that unit's figures,
            # until the paragraph ends or names another unit.
            self.unit = unit
        if self._respectively(q, tail, provenance, state):
            return
        # "基本支出…,主要用于保障机构正常运转;项目支出418.57万元": an intro the clause closes (;) without a
        # figure describes the figure before; it opens no list for the figures after.
        clause_start = max(label.rfind(";"), label.rfind("；")) + 1
        intro = cat.LIST_INTRO.search(label, clause_start)
        if intro:
            self._open_list(label[: intro.start()], label[intro.start() :], state)
        state.basis = _basis(tail, state.list_basis or self.default_basis)
        if q.kind == MONEY:
            placed = len(self.out.facts) + len(self.out.lines) + len(self.out.projects)
            self._money(q, label, tail, provenance, sentence, state)
            if len(self.out.facts) + len(self.out.lines) + len(self.out.projects) == placed:
                self._count_unplaced_part(state)
        elif q.kind == PERCENT:
            self._percent(q, tail, provenance, sentence, state)
        elif q.kind == SCORE:
            self._score(q, tail, provenance, sentence, state)
        elif q.kind == COUNT:
            self._count(q, tail, provenance, sentence, state)

    def _respectively(self, q: Quantity, tail: str, prov: Provenance, state: _SentenceState) -> bool:
        """Figures written after 分别为 go to the names listed before it, one each, in order."""
        opened = cat.RESPECTIVELY.search(tail)
        if q.kind == MONEY and opened:
            state.respective = _respective_metrics(tail[: opened.start()])
            state.respective_facts = []
        elif q.kind == MONEY and state.respective and not tail.strip(" 、,和及与"):
            pass
        elif (
            q.kind == PERCENT
            and state.respective_facts
            and (cat.SHARE.match(_without_respectively(tail)) or cat.RESPECTIVELY.search(tail)
                 or not tail.strip(" 、,和及与"))
        ):  # fmt: skip
            index = state.respective_shares
            if index >= len(state.respective_facts):
                return False
            share = cat.SHARE.match(re.split(r"分别|各", _without_respectively(tail))[0])
            if index == 0:
                # "占全市政府采购规模比例为54.54%、1.51%和44.69%": every share is of the whole named first.
                base = cat.match_label(_share_base_words(share.group("base")), MONEY) if share else None
                state.respective_share_of = base[0].yields if base else None
                state.respective_share_scope = base[0].scope if base else None
            fact_index = state.respective_facts[index]
            fact = self.out.facts[fact_index]
            share_of = state.respective_share_of or fact.share_of
            self.out.facts[fact_index] = replace(
                fact, pct=q.value, pct_precision=q.precision, share_of=share_of,
                share_of_scope=state.respective_share_scope if state.respective_share_of else fact.share_of_scope,
            )  # fmt: skip
            state.respective_shares += 1
            return True
        else:
            return False
        metric = state.respective.pop(0) if state.respective else None
        if metric is None:
            self._issue_at("unplaced_respectively", "one of figures listed with 分别为 whose name is not known", prov)
            return True
        self._add_fact(metric, q, replace(prov, pattern="respectively"), state, in_list=True)
        state.respective_facts.append(len(self.out.facts) - 1)
        return True

    def _basis_of_last_item(self, state: _SentenceState) -> str | None:
        item = state.last_item
        if item is None:
            return None
        return self.out.facts[item.index].basis if item.kind == "fact" else self.out.lines[item.index].basis

    def _open_list(self, before: str, intro: str, state: _SentenceState) -> None:
        """其中 / 主要包括 / 主要用于: the figures that follow are parts of the figure before."""
        if state.list_mode is not None and state.outer_list is None and state.aside is None:
            state.outer_list = _list_state(state)  # a list inside a list: the outer one comes back at ";"
        whole_metric, whole_name = None, None
        if state.after_unplaced and not before.strip(" ,;:、"):
            state.list_mode = "of_unplaced"  # the parts of a figure we could not place: abstain on them too
            return
        aside = _closes_aside(before, state, self.out.facts) or _after_compared_figure(before, state, self.out.facts)
        if aside is not None:
            # "决算为98.60万元,比年初预算减少31.40万元(年初预算130.00万元),其中:…": the figure in the
            # parenthesis is an aside; the parts are of the figure the sentence is about.
            index, subject = aside
            state.whole_metric, state.whole_name, state.whole_fact = subject.metric, None, index
            state.list_basis, state.list_period, state.list_mode = subject.basis, subject.period, "parts"
            return
        if state.last_item is not None and not before.strip(" ,;:、"):
            whole_metric, whole_name = state.last_item.metric, state.last_item.name
        else:
            named = cat.match_label(before.rstrip(" ,;:、中"), MONEY)
            whole_metric = named[0].yields if named else None
        if whole_metric is None and whole_name is None and state.last_item is None:
            subject = state.subject
            if subject is None or before.strip(" ,;:、") or not METRICS[subject.metric].basis_neutral:
                return  # nothing named before "其中": not a breakdown we can place
            # "…“三公”经费预算为3328万元。其中,因公出国(境)费50万元…": parts of the sentence before's figure.
            index = next((i for i, fact in enumerate(self.out.facts) if fact is subject), None)
            if index is not None and (current := _current_before_prior(self.out.facts, index)) is not None:
                subject = self.out.facts[current]  # "…与2017年度支出合计X元相比,增加…。其中:" lists this year's
            state.whole_metric, state.whole_name, state.whole_fact = subject.metric, None, None
            state.list_basis, state.list_period, state.list_mode = subject.basis, subject.period, "parts"
            if _spending_scope(subject.metric):  # "公共财政预算拨款支出286.45万元…。其中:基本支出…": its parts
                state.scope = subject.scope
            return
        if whole_metric is None and whole_name is None:
            assert state.last_item is not None
            if re.split(r"[,;:]", before)[-1].strip(" 、()"):
                # "事业收入240.00万元;支出包括:基本支出…": the list is of words we do not know, not of the
                # figure before them; its parts are placed, with no whole to share or sum against.
                state.whole_metric = state.whole_name = state.whole_fact = None
                state.whole_is_functional, state.list_mode = False, "parts"
                state.list_basis = state.list_period = None
                return
            whole_metric, whole_name = state.last_item.metric, state.last_item.name
        state.whole_metric, state.whole_name = whole_metric, whole_name
        item = state.last_item  # the whole's own record, when the whole is the figure just stated
        is_whole = item is not None and (item.metric, item.name) == (whole_metric, whole_name)
        state.whole_fact = item.index if item is not None and is_whole and item.kind == "fact" else None
        state.whole_is_functional = (
            item is not None and is_whole and item.kind == "line"
            and self.out.lines[item.index].classification == "functional"
        )  # fmt: skip
        state.list_basis = self._basis_of_last_item(state)
        state.list_period = self.out.facts[item.index].period if item is not None and item.kind == "fact" else None
        if ("主要用于" in intro or "功能" in intro) and whole_metric in _WHOLE_OF_FUNCTIONAL_LIST:
            state.list_mode = "functional"
        elif whole_metric in _WHOLE_OF_ECONOMIC_LIST or whole_name is not None:
            state.list_mode = "economic"
        elif whole_metric == "project_expenditure" and "主要包括" in intro:
            state.list_mode = "projects"
        else:
            state.list_mode = "parts"

    # ---- money -----------------------------------------------------------------------------
    def _money(
        self, q: Quantity, label: str, tail: str, prov: Provenance, sentence: _Sentence, state: _SentenceState
    ) -> None:
        if state.list_mode == "of_unplaced":
            self._issue_at("part_of_unplaced", "part of a figure that could not be placed", prov)
            return
        if _LEVEL_MARK.search(tail):
            self._functional_line(q, tail, prov, state)
            return
        bare = cat.BARE_LABEL.search(tail) if tail.strip() else None
        strong = cat.match_label(tail, MONEY) if bare else None
        if strong is not None and not strong[0].weak and strong[0].yields not in _BASIS_OF_METRIC:
            bare = None  # "支出总计" names a total; it does not restate the subject
        if bare and state.subject is not None and _spending_of_income(tail, state.subject.metric):
            bare = None  # "本年收入合计120万元,支出100万元": the spending is not the income restated
        if bare and state.subject is not None and METRICS[state.subject.metric].basis_neutral:
            subject = state.subject
            self._add_fact(
                subject.metric,
                q,
                replace(prov, pattern="inherits_subject"),
                state,
                scope=subject.scope,
                project=subject.project_name,
                period=subject.period if not self._names_period(tail) else None,
            )
            return
        if bare and state.subject is None and self.topic is not None:
            topic = self.topic
            self._add_fact(
                topic.metric, q, replace(prov, pattern="inherits_topic"), state, scope=topic.scope, period=topic.period
            )
            return
        compared = cat.COMPARED_FIGURE.match(tail.strip(" ,"))
        # The figure just stated, also inside a list ("其中:…公务用车运行维护费12.00万元,比上年预算14.00万元").
        item = state.last_item
        just_stated = (
            self.out.facts[item.index]
            if item is not None and item.kind == "fact" and item.metric not in ("change_amount", "growth_pct")
            else None
        )
        subject = just_stated or state.last_fact or state.subject
        if compared and item is not None and item.kind == "line" and self._comparison_follows(q.end):
            # "公共安全支出(类)决算数为2596.38万元,比上年决算2354.20万元增加242.18万元": last year's figure
            # of the line; the change after it is the line's, against last year.
            self._last_years_line(item.index, q, replace(prov, pattern="compared_figure"), compared)
            state.pending_base = "prior_budget" if compared.group("basis") == "预算" else self._default_base
            return
        if compared and just_stated is None and state.after_unplaced:
            # "教育支出6.38亿元,…,比上年5.90亿元增长8.1%" where 教育支出 could not be placed: last year's
            # figure of that, not of the figure placed before it.
            self._issue_at("unplaced_comparison", "last year's figure of a figure that could not be placed", prov)
            return
        prior_of = cat.PRIOR_OF_STATED.match(tail.strip(" ,;"))
        if prior_of and just_stated is not None:
            self._last_years_figure(just_stated, q, replace(prov, pattern="prior_of_stated"), state, prior_of)
            state.last_item = item  # an aside: what follows (其中 …) is about the current figure
            return
        budget_of = cat.COMPARED_BUDGET_FIGURE.match(tail.strip(" ,"))
        if budget_of and just_stated is not None and just_stated.period == "prior" and item is not None:
            # "比上年决算2,105.33万元增加…;比年初预算1,980.00万元增加…": the budget of this year's figure
            current = _current_before_prior(self.out.facts, item.index)
            just_stated = self.out.facts[current] if current is not None else just_stated
        if (
            budget_of and just_stated is not None and just_stated.period == "current"
            and just_stated.basis == "actual" and self._comparison_follows(q.end)
        ):  # fmt: skip
            basis = "initial_budget" if budget_of.group("initial") else "budget"
            self._add_fact(just_stated.metric, q, replace(prov, pattern="compared_budget_figure"), state,
                           scope=just_stated.scope, period="current", basis=basis,
                           project=just_stated.project_name, in_list=True)  # fmt: skip
            state.pending_base = "initial_budget" if budget_of.group("initial") else "current_budget"
            return
        if compared and subject is not None and self._comparison_follows(q.end):
            year = compared.group("year")
            if year is None or (self.metadata.fiscal_year and int(year) == self.metadata.fiscal_year - 1):
                # "“三公”经费预算数为4196万元,较2020年4729万元减少533万元": last year's figure of the subject.
                basis = self._last_years_figure(subject, q, replace(prov, pattern="compared_figure"), state, compared)
                # "较预算减少13.62万元;比2021年度的61.05万元下降7.65%": the change after last year's
                # figure is measured against it, not against the base of the change before.
                state.pending_base = "prior_actual" if basis == "actual" else "prior_budget"
                return
        from_to = cat.FROM_TO_END.search(tail) if state.from_metric else None
        if from_to:
            # "… 由263.48万元减至211.48万元": the second figure is the current value.
            self._add_fact(state.from_metric, q, replace(prov, pattern="from_to"), state, period="current")
            state.from_metric = None
            return
        clause = sentence.text[: q.start - sentence.start]
        from_start = cat.from_to_start_at_end(clause[_tail_offset(clause) :])
        if from_start and self.text.startswith(cat.FROM_TO_VERBS, q.end):
            named_from = cat.match_label(from_start.group("name"), MONEY)
            if named_from is not None:
                metric = named_from[0].yields
                self._add_fact(
                    metric, q, replace(prov, pattern="from_to"), state, scope=named_from[0].scope, period="prior"
                )
                state.from_metric = metric
                return
        if bare and self.functional_subject is not None:
            level, name, class_name, kuan_name = self.functional_subject
            self._add_line(
                "functional",
                level,
                name,
                q,
                replace(prov, pattern="functional_subject"),
                state,
                class_name=class_name,
                kuan_name=kuan_name,
            )
            return
        change = cat.change_at_end(tail)
        if change and tail.strip():
            earlier = label[: len(label) - len(tail)]
            subject_metric = self._change_subject(change.group("subject"), state, earlier)
            state.last_change_subject = subject_metric
            self._add_change("change_amount", change, q, prov, state, subject_metric, label)
            return
        verb_first = cat.VERB_FIRST_CHANGE.match(tail.strip(" ,"))
        named_change = cat.match_label(verb_first.group("subject"), MONEY) if verb_first else None
        if verb_first and named_change is not None and not named_change[0].weak:
            state.last_change_subject = named_change[0].yields
            self._add_change("change_amount", verb_first, q, prov, state, named_change[0].yields, label)
            return
        source = cat.FUNDING_SOURCE_SPLIT.search(tail)
        split_of = cat.match_label(tail[source.end() :], MONEY) if source else None
        if source and split_of is not None and split_of[0].yields in _BASIS_OF_METRIC:
            self._funding_split(q, source.group(0), split_of[0].yields, prov, state)
            return
        if state.whole_metric in cat.SHORT_PARTS:
            words = tail.strip(" ,;:、(（")
            parts = cat.SHORT_PARTS[state.whole_metric]
            short = next((metric for metric, regex in parts if regex.match(words)), None)
            if short is not None:
                prov = replace(prov, pattern="short_part")
                self._add_fact(short, q, prov, state, scope=cat.own_scope(short), in_list=True)
                return
        # Inside a named group of projects, "该类项目 … 预算总金额" is that group's budget.
        named = cat.match_label(tail, MONEY, self._context_for_exclusions(sentence))
        if named is not None and state.list_mode == "economic" and _ECONOMIC_ITEM_METRICS.match(named[0].yields):
            named = None
        if named is not None and named[0].weak and not _bare_prefix(tail[: named[1]]):
            # "“会议费”“培训费”“差旅费”财政拨款预算数3万元": 预算数 of something the catalogue does not know
            # (an economic line, a project, or nothing known: the branches below decide).
            named = None
        breakdown = _BREAKDOWN.search(sentence.text[: q.start - sentence.start])
        if named is not None and breakdown and METRICS[named[0].yields].revenue_source:
            # "按政府采购资金类型划分,一般公共预算拨款17000元": a source of procurement, not the income.
            self._issue_at("part_of_breakdown", f"part of '{breakdown.group('whole')}' by source", prov)
            return
        relative = self._relative_year_period(tail) if named is not None else None
        if relative == "unknown":
            # News pages count 去年 from the day they were written, not from the year reported on.
            self._issue_at("relative_year", "'去年' counts from when the page was written, which it does not say", prov)
            return
        if named is not None and re.search(r"(?:收入|资金)安排(?:的)?$", tail.strip(" ,(")):
            # "基本支出198.64万元(含事业收入安排30.00万元)": the part one source pays, not that source's total
            self._issue_at("funding_split", "the part of a figure one source pays for", prov)
            return
        if (
            named is not None and re.match(r"^(?:共|合计|共计)?涉及", tail.strip(" ,"))
            and self.project_group is None and self.inline_project is None
        ):  # fmt: skip
            # "实行绩效目标管理的项目41个,涉及一般公共预算拨款21,650.00万元": the money of those projects
            self._issue_at("subset_of_projects", "the money some projects involve, not the total", prov)
            return
        subset = cat.SUBSET_OF_UNITS.search(_clause_before(sentence.text[: q.start - sentence.start]))
        if named is not None and subset and not self._page_is_about(subset.group(0)):
            # "区直…“三公”经费决算数为736.40万元" in a page about the whole district: a part of the units.
            self._issue_at("subset_of_units", f"figure of '{subset.group(0)}', a part of the units reported", prov)
            state.after_unplaced, state.last_item = True, None  # its parts (其中 …) are the subset's too
            return
        level = cat.LEVEL_OF_UNITS.search(tail[: named[1]]) if named is not None else None
        if level and self.whole_area and not self._page_is_about(level.group(0)):
            self._issue_at("subset_of_units", f"figure of '{level.group(0)}' units, a part of the area's", prov)
            state.after_unplaced, state.last_item = True, None
            return
        if named is not None and _NON_APPROPRIATION.search(_clause_before(sentence.text[: q.start - sentence.start])):
            # "使用事业收入等非财政拨款资金安排的“三公”经费支出12.46万元": not the appropriation's “三公”, nor
            # the whole department's; the parts listed after it in the sentence are of those funds too.
            state.non_fiscal = True
        if named is not None and self._part_of_classified_line(named[0].yields, state):
            self._issue_at(
                "part_of_classified_line",
                f"'{named[0].yields}' of the line '{state.whole_name}', not of the document",
                prov,
            )
            return
        if named is not None and state.list_mode == "economic" and named[0].yields in cat.ECONOMIC_ITEM_METRICS:
            named = None  # "主要包括:办公费1.71万元、差旅费3.7万元": an item of the economic line listed
        if (
            named is not None and state.after_unplaced and named[0].yields in ("budget_adjusted", "budget_initial")
            and re.match(r"^(?:完成|占|为|达到)", tail.strip(" ,"))
        ):  # fmt: skip
            # "本级支出1,786.45亿元,完成调整预算1,845.51亿元的96.8%" where 本级支出 could not be placed
            self._issue_at("unplaced_comparison", "the budget of a figure that could not be placed", prov)
            return
        measured = self._measured_against_budget(named[0].yields, tail, state) if named is not None else None
        if named is not None and measured is not None:
            self._add_fact(
                measured.metric,
                q,
                replace(prov, pattern="budget_of_subject"),
                state,
                scope=measured.scope,
                basis=_BASIS_OF_METRIC[named[0].yields],
                in_list=True,
                project=measured.project_name,
            )
            return
        if named is not None:
            pattern, words_start = named
            basis = pattern.basis
            qualifier = self._qualifier(pattern, tail[:words_start])
            if qualifier is not None:
                # "基本支出全年预算总额450.94万元": basic expenditure, stated as a budget.
                basis, pattern, words_start = _BASIS_OF_METRIC[pattern.yields], qualifier[0], qualifier[1]
            self._apply_scope_markers(tail[:words_start], state)
            self._add_fact(
                pattern.yields,
                q,
                replace(prov, pattern=pattern.name),
                state,
                scope=NON_FISCAL if state.non_fiscal and pattern.scope == "fiscal" else pattern.scope,
                period=pattern.period or relative,
                label=tail,
                basis=basis,
            )
            if pattern.sets_scope and pattern.scope:
                state.scope = pattern.scope
            return

        self._apply_scope_markers(tail, state)
        name = _clean_name(tail)
        document_number = cat.FUNDING_DOCUMENT.search(label)
        if document_number or state.list_mode == "projects":
            self._project(
                q, tail.strip(" ,;:、"), document_number.group("number") if document_number else None, prov, state
            )
        elif state.list_mode == "functional" and name and state.aside is None:
            # (an aside inside the list, "(含上年结转安排的45.00万元)", is no class of it)
            self._add_line("functional", 1, name, q, prov, state, class_name=None)
        elif self._functional_class_listed(name, sentence, q, state):
            # "财政拨款支出3215.80万元,其中:卫生健康支出2918.64万元,…", "从支出功能分类看,教育支出27985.30万元,…":
            # the classes of the national table, listed.
            state.list_mode = "functional"
            self._add_line("functional", 1, _last_clause(name), q, prov, state, class_name=None)
        elif cat.ECONOMIC_CLASS.match(name):
            self._add_line("economic", 1, name, q, prov, state, class_name=name)
            if state.list_mode != "economic":
                state.whole_metric, state.whole_name = None, name
        elif state.list_mode == "economic" and name:
            self._add_line(
                "economic", 2, name, q, prov, state, class_name=state.whole_name, parent_metric=state.whole_metric
            )
        else:
            self._issue_at("unplaced_amount", f"no statement pattern names the figure after '{tail[-30:]}'", prov)
            state.after_unplaced, state.last_item = True, None

    def _funding_split(self, q: Quantity, source: str, metric: str, prov: Provenance, state: _SentenceState) -> None:
        """ "上级资金安排年初预算数为2480.21万元": the part of a budget figure from one funding source."""
        self._add_line(
            "funding_source",
            1,
            source,
            q,
            replace(prov, pattern="funding_source"),
            state,
            class_name=None,
            parent_metric=metric,
            basis=_BASIS_OF_METRIC[metric],
        )

    @staticmethod
    def _part_of_classified_line(metric: str, state: _SentenceState) -> bool:
        """ "初中教育支出2,065,405.42元,其中:基本支出2,065,405.42元": the basic expenditure of a line."""
        return state.list_mode is not None and state.whole_is_functional and metric in _PARTS_OF_SPENDING

    def _measured_against_budget(self, metric: str, tail: str, state: _SentenceState) -> Fact | None:
        """ "“三公”经费…决算为2.02万元,完成全年预算5.3万元的38.1%": in an explanation (not a performance
        report, where 全年预算 is the report's own figure) the budget of the figure just stated."""
        if metric not in ("budget_adjusted", "budget_initial"):
            return None
        if self.metadata.doc_type in (PERFORMANCE_OVERALL, PERFORMANCE_PROJECT):
            return None
        item = state.last_item
        if item is not None and item.kind == "fact":
            fact = self.out.facts[item.index]
        elif item is None and not state.after_unplaced and (state.last_fact or state.subject) is not None:
            # "…支出226,043.18万元,占…。与年初预算238,950.00万元相比": the figure the sentence before is about
            fact = state.last_fact or state.subject
        else:
            return None
        if not METRICS[fact.metric].basis_neutral:
            return None
        if re.match(r"^(?:完成|占|为|达到)", tail.strip(" ,")):
            return fact
        if fact.basis in ("initial_budget", "budget") and _OTHER_BUDGET.match(tail.strip(" ,")):
            return fact  # "…支出年初预算为986.00万元,年中调整预算为1,352.80万元": its other budget
        # "(年初预算130.00万元)", "与年初预算238,950.00万元相比": the budget alone, beside the actual figure
        budget_alone = _BUDGET_ALONE.match(tail.strip(" ,(（"))
        return fact if budget_alone and (fact.period, fact.basis) == ("current", "actual") else None

    @staticmethod
    def _qualifier(pattern: cat.StatementPattern, before: str) -> tuple[cat.StatementPattern, int] | None:
        """The spending quantity an execution word (年初预算, 全年预算, 决算数) is stated for, if named."""
        if pattern.yields not in _BASIS_OF_METRIC or not before:
            return None
        named = cat.match_label(before, MONEY)
        if named is None or not METRICS[named[0].yields].basis_neutral:
            return None
        return named

    def _change_subject(self, subject_text: str, state: _SentenceState, earlier: str = "") -> str | None:
        """What a change is about: named in its clause, else in the clause before it without a figure
        ("项目支出增加,较上年增加1133.95万元"), else the figure just stated, else the paragraph's subject."""
        candidates = [subject_text, *reversed(_CLAUSE_BREAK.split(earlier))]
        for text in candidates:
            if cat.SHARE.match(text.strip(" ,;:").rstrip("%％")):
                continue  # "占基本支出预算%": names the whole the figure is a share of, not what changed
            cleaned = _change_subject_words(text)
            if not _bare_prefix(cleaned):
                named = cat.match_label(cleaned, MONEY)
                # Words that name something the catalogue does not know: abstain, never borrow a neighbour.
                return named[0].yields if named is not None and not named[0].weak else None
        # Else the figure just stated ("公务接待费602.47万元,比年初预算减少516.57万元"), also inside a list.
        item = state.last_item
        if item is not None and item.kind == "line":
            return line_subject(item.index)  # 商品和服务支出75800元,同比增加52044.27元: the line's change
        if item is not None and item.kind == "fact" and item.metric not in ("change_amount", "growth_pct"):
            return item.metric
        if state.last_fact is not None:
            return state.last_fact.metric
        return state.subject.metric if state.subject is not None else None

    def _functional_line(self, q: Quantity, tail: str, prov: Provenance, state: _SentenceState) -> None:
        cleaned = _LEADING_MARKER.sub("", tail.strip(" ,;:"))
        level, name = 0, ""
        last_end = 0
        for mark in _functional_marks(cleaned):
            level, name = _FUNCTIONAL_LEVEL[mark.level], _clean_name(mark.name)
            self._enter_functional(mark.level, name)
            last_end = mark.end
        remainder = _clean_name(cleaned[last_end:])
        if remainder and level < 3 and not re.fullmatch(cat.FILLER, remainder):
            level, name = level + 1, remainder
        context = self.functional
        if context.economic and level <= 2:
            self._add_line(
                "economic",
                level,
                name,
                q,
                replace(prov, pattern="economic_marked"),
                state,
                class_name=context.class_name,
                parent_metric=state.whole_metric if state.whole_metric in _WHOLE_OF_ECONOMIC_LIST else None,
            )
            return
        class_name = context.class_name if level > 1 else None
        kuan_name = context.kuan_name if level > 2 else None
        self._add_line(
            "functional",
            level,
            name,
            q,
            replace(prov, pattern="functional_marked"),
            state,
            class_name=class_name,
            kuan_name=kuan_name,
        )

    def _comparison_follows(self, end: int) -> bool:
        """A change or a completion is stated of the figure ending at `end`: "较上年X减少", and with
        the comparison closed first, "与2015年度决算数X相比,减少", "与年初预算X相比,完成…的102.81%"."""
        return bool(_COMPARISON_AFTER.match(self.text, end))

    def _last_years_figure(
        self, of: Fact, q: Quantity, prov: Provenance, state: _SentenceState, words: re.Match[str]
    ) -> str:
        """Last year's figure of `of`, on the basis the words name (预算, 决算), else on its basis;
        returns that basis."""
        # "比预算6.00万元减少1.88万元;比上年5.60万元减少1.48万元": after the budget a figure was measured
        # against, last year's figure is of that figure, an actual.
        own = "actual" if of.provenance.pattern in _BUDGET_BESIDE_PATTERNS else of.basis
        basis = _BASIS_OF_WORD.get(words.group("basis") or "", own)
        self._add_fact(of.metric, q, prov, state, scope=of.scope, period="prior", basis=basis,
                       project=of.project_name, in_list=True)  # fmt: skip
        return basis

    @staticmethod
    def _functional_class_listed(name: str, sentence: _Sentence, q: Quantity, state: _SentenceState) -> bool:
        """`name` is a functional class's, listed as a part of spending or after words naming the
        functional classification."""
        if state.aside is not None or not is_class_name("functional", _last_clause(name)):
            return False
        if state.list_mode == "parts" and state.whole_metric in _WHOLE_OF_FUNCTIONAL_LIST:
            return True
        return "功能" in sentence.text[: q.start - sentence.start]

    def _last_years_line(self, index: int, q: Quantity, prov: Provenance, words: re.Match[str]) -> None:
        """Last year's figure of classified line `index`, on the basis the words name, else on its basis."""
        line = self.out.lines[index]
        assert q.amount_wan is not None and q.precision_wan is not None
        basis = _BASIS_OF_WORD.get(words.group("basis") or "", line.basis)
        self.out.lines.append(
            replace(line, period="prior", basis=basis, amount_wan=q.amount_wan, precision_wan=q.precision_wan,
                    value_text=q.text, provenance=prov, pct=None, pct_precision=None, share_of=None)
        )  # fmt: skip

    def _context_for_exclusions(self, sentence: _Sentence) -> str:
        """The sentence, for patterns excluded where it speaks of one project (本项目, 该项目): not in a
        project's own group, nor in a project's self-evaluation, where that project is the subject."""
        if self.project_group is not None or self.metadata.doc_type == PERFORMANCE_PROJECT:
            return ""
        return sentence.text

    # ---- percentages, scores, counts ---------------------------------------------------------
    def _percent(self, q: Quantity, tail: str, prov: Provenance, sentence: _Sentence, state: _SentenceState) -> None:
        stripped = tail.strip(" ,;:、")
        share = cat.SHARE.match(stripped)
        if share and state.last_item is not None:
            base_words = _share_base_words(share.group("base"))
            base = cat.match_label(base_words, MONEY) if base_words else None
            if base_words and base is None and not cat.BARE_LABEL.search(base_words):
                # "占全国财政支出和GDP的比重分别为10.1%": a share of something not recognised is not placed.
                self._issue_at("unplaced_share", f"share of '{base_words[-30:]}', which names no known figure", prov)
                return
            of = base[0].yields if base else state.whole_metric
            if base is None and self._whole_states_a_share(state):
                self._issue_at("ambiguous_share", "share of a part whose whole states a share of its own", prov)
                of = None
            self._attach_share(q, of, state.last_item, base[0].scope if base else None)
            if base is None and state.last_item.kind == "fact":
                state.implicit_shares.append(state.last_item.index)
            return
        if cat.COMPLETION.search(stripped) or (stripped == "的" and self._budget_just_stated(state)):
            # "支出决算为115,749.56元,完成预算的23.42%": the execution rate of the figure just stated.
            # After a classified line it stays in its sentence (lines are not rate subjects yet).
            item = state.last_item
            if item is not None and item.kind == "fact" and item.metric not in ("change_amount", "growth_pct"):
                done = self.out.facts[item.index]
                self._add_fact(
                    "execution_rate_pct",
                    q,
                    replace(prov, pattern="completion_of_budget"),
                    state,
                    scope=done.scope,
                    period=done.period,
                    basis="actual",
                    project=done.project_name,
                    subject_metric=done.metric,
                    in_list=True,
                    base=_completion_base(stripped, done),
                )
            return
        change = cat.change_at_end(stripped)
        if change and stripped:
            subject = state.last_change_subject or self._change_subject(change.group("subject"), state)
            if state.change_abstained:
                subject = None
            self._add_change("growth_pct", change, q, prov, state, subject, tail)
            return
        named = cat.match_label(stripped, PERCENT, self._context_for_exclusions(sentence))
        if named is not None and state.facts_placed == 0 and state.subject is None:
            # A rate whose sentence places none of the figures it relates to (采购金额 … 执行率95%)
            # is the rate of something unrecognised: abstain rather than call it the department's.
            self._issue_at("unplaced_percent", f"rate '{stripped[-30:]}' relates to no recognised figure", prov)
            return
        if named is not None:
            # "基本支出预算执行率" is the rate of basic expenditure, not of the whole budget.
            qualifier = cat.match_label(stripped[: named[1]], MONEY) if named[1] else None
            subject = qualifier[0].yields if qualifier else None
            if subject is None and named[0].yields == "execution_rate_pct":
                before_rate = re.split(r"[,;:]", stripped[: named[1]])[-1]
                of_words = _RATE_OF.sub("", before_rate + _RATE_CORE.sub("", stripped[named[1] :]))
                of_words = "" if _RATE_OF_ALL.fullmatch(of_words) else of_words  # 部门预算资金支出完成率: the whole
                if of_words and (of := cat.match_label(of_words, MONEY)) is not None and not of[0].weak:
                    subject = of[0].yields  # "其中基本支出执行率99.62%": the words 支出 belong to the name
                elif of_words and not _bare_prefix(of_words):
                    # "一般公共预算资金执行率96.33%": the rate of something the catalogue does not name
                    self._issue_at("unplaced_percent", f"rate of '{of_words[-20:]}', which names no known figure", prov)
                    return
            item = state.last_item
            if (
                subject is None
                and named[0].yields == "execution_rate_pct"
                and item is not None
                and item.kind == "fact"
                and item.metric not in _DEPARTMENT_EXECUTION_METRICS
            ):
                # "其中：基本支出全年预算2,104.30万元，执行2,104.30万元，执行率100%": that part's rate.
                subject = item.metric
            self._add_fact(
                named[0].yields,
                q,
                replace(prov, pattern=named[0].name),
                state,
                in_list=True,
                subject_metric=subject,
            )
            return
        self._issue_at("unplaced_percent", f"no statement pattern names the percentage after '{stripped[-30:]}'", prov)

    def _budget_just_stated(self, state: _SentenceState) -> bool:
        """The figure just placed is the budget a figure is measured against ("完成全年预算5.3万元的38.1%"):
        a percentage of it is that figure's completion."""
        item = state.last_item
        if item is None or item.kind != "fact":
            return False
        return self.out.facts[item.index].provenance.pattern in _BUDGET_BESIDE_PATTERNS

    def _score(self, q: Quantity, tail: str, prov: Provenance, sentence: _Sentence, state: _SentenceState) -> None:
        named = cat.match_label(tail.strip(" ,;:"), SCORE, sentence.text)
        if named is not None:
            self._add_fact(named[0].yields, q, replace(prov, pattern=named[0].name), state, in_list=True)
        elif _SCORING_ITEM.search(sentence.text):
            self._issue_at("scoring_item", "score of a scoring item or indicator (not extracted yet)", prov)

    def _count(self, q: Quantity, tail: str, prov: Provenance, sentence: _Sentence, state: _SentenceState) -> None:
        named = cat.match_label(tail.strip(" ,;:"), COUNT, sentence.text, q.unit)
        persons = self._persons_continuing(q, tail, sentence)
        if persons is not None:
            self._add_fact(persons, q, replace(prov, pattern=persons), state, in_list=True)
            return
        if named is not None and named[0].yields.startswith("equipment_count") and self._planned_purchase(q, sentence):
            # "拟安排购置单价50万元以上通用设备0台": equipment to be bought, not equipment held.
            self._issue_at("planned_purchase", "equipment to be bought, not held", prov)
            return
        kinds = {m.group(0) for m in cat.ESTABLISHMENT_KINDS.finditer(sentence.text)}
        if named is not None and named[0].yields == "headcount_authorised" and len(kinds) > 1:
            return  # the posts of one kind, not the establishment's total
        if named is not None:
            self._add_fact(named[0].yields, q, replace(prov, pattern=named[0].name), state, in_list=True)
        elif q.unit == "个" and self.text.startswith("项目", q.end) and cat.PROJECT_COUNT_BEFORE.search(tail.strip()):
            self._add_fact("project_count", q, replace(prov, pattern="project_count"), state, in_list=True)
        elif self.metadata.doc_type in (PERFORMANCE_OVERALL, PERFORMANCE_PROJECT) and q.unit in OUTPUT_UNITS:
            self._add_fact(
                "output_quantity", q, replace(prov, pattern="output_quantity"), state, in_list=True, label=tail
            )

    @staticmethod
    def _planned_purchase(q: Quantity, sentence: _Sentence) -> bool:
        clause = re.split(r"[,;。]", sentence.text[: q.start - sentence.start])[-1]
        return "购置" in clause

    def _persons_continuing(self, q: Quantity, tail: str, sentence: _Sentence) -> str | None:
        """The persons of the groups counted just before, in the same sentence ("接待12批次、86人次")."""
        last = self.out.facts[-1] if self.out.facts else None
        if q.unit not in ("人次", "人") or last is None or last.provenance.sentence_start != sentence.start:
            return None
        if not cat.PERSONS_CONTINUING.match(re.sub(r"\s", "", tail)):
            return None
        return cat.PERSONS_AFTER.get(last.metric)

    def _document_markers(self, line: str, start: int, year_pattern: re.Pattern[str] | None) -> None:
        """The year a heading or a closing date states ("2023年度部门决算情况说明", "截至2023年12月31日")
        and placeholders left in ("XX局"): facts about the document for the rules that hold it to its
        own year and name."""
        sentence = _Sentence(start, start + len(line), line)
        found = [("stated_year", m, m.group("year")) for m in year_pattern.finditer(line)] if year_pattern else []
        found += [("placeholder", m, None) for m in cat.PLACEHOLDER.finditer(line)]
        for metric, match, year in found:
            prov = self._provenance(start + match.start(), start + match.end(), sentence, metric)
            self._word_fact(metric, match.group(0), prov, year=year, label=match.groupdict().get("kind"))

    def _word_fact(
        self,
        metric: str,
        words: str,
        prov: Provenance,
        *,
        scope: str = "department",
        label: str | None = None,
        year: str | None = None,
    ) -> None:
        """A fact stated in words (a grade, a comparison, a year, a placeholder), not as an amount."""
        self.out.facts.append(
            Fact(
                metric=metric,
                scope=scope,
                period="current",
                basis="actual",
                value=Decimal(year) if year else None,
                unit="年" if year else None,
                precision=Decimal(1) if year else None,
                amount_wan=None,
                precision_wan=None,
                value_text=words,
                provenance=prov,
                project_name=self.tracker.project,
                label=label,
            )
        )

    def _stated_comparison(self, sentence: _Sentence, state: _SentenceState) -> None:
        """ "决算数小于预算数的主要原因…": what the text says of the line whose budget and actual it has just
        stated. Recorded as a text fact naming that line, for the rule that checks it against them."""
        claim = cat.STATED_COMPARISON.search(sentence.text)
        item = state.last_item
        if claim is None:
            return
        if item is not None and item.kind == "line" and self.out.lines[item.index].classification == "functional":
            name = self.out.lines[item.index].name  # "…(项)支出决算为24.06万元,决算数等于预算数"
        elif self.functional_subject is not None:
            name = self.functional_subject[1]  # the line named in the sentence before
        else:
            return
        start, end = sentence.start + claim.start(), sentence.start + claim.end()
        prov = self._provenance(start, end, sentence, "stated_comparison")
        self._word_fact("stated_comparison", claim.group(0), prov, scope=state.scope, label=name)

    def _grade(self, sentence: _Sentence, state: _SentenceState) -> None:
        for m in cat.GRADE.finditer(sentence.text):
            start, end = sentence.start + m.start(), sentence.start + m.end()
            self._word_fact("grade", m.group("grade"), self._provenance(start, end, sentence, "grade"))

    # ---- recording -------------------------------------------------------------------------
    def _add_fact(
        self,
        metric: str,
        q: Quantity,
        prov: Provenance,
        state: _SentenceState,
        *,
        scope: str | None = None,
        period: str | None = None,
        label: str = "",
        subject_metric: str | None = None,
        sign: int = 1,
        in_list: bool = False,
        project: str | None = None,
        basis: str | None = None,
        base: str | None = None,
    ) -> None:
        if state.list_mode == "parts" and _are_peers(state.whole_metric, metric):
            _leave_list(state)
        # Scores, counts and headcounts are facts about the year, not amounts of a budget.
        basis = "actual" if q.kind in (SCORE, COUNT) else basis or _BASIS_OF_METRIC.get(metric, state.basis)
        value = q.value * sign
        amount = q.amount_wan * sign if q.amount_wan is not None else None
        fact = Fact(
            metric=metric,
            scope=scope or state.scope,
            period=period or self._period_in(label, state),
            basis=basis,
            value=value,
            unit=q.unit,
            precision=q.precision,
            amount_wan=amount,
            precision_wan=q.precision_wan,
            value_text=q.text,
            provenance=prov,
            project_name=project
            if project is not None
            else (self.inline_project or self.project_group or self.tracker.project),
            subject_metric=subject_metric,
            base=base,
            label=label.strip(" ,;:、") or None,
            part_of=state.whole_metric if state.list_mode is not None and state.whole_fact is not None else None,
            unit_name=self.unit,
        )
        self.out.facts.append(fact)
        state.facts_placed += 1
        if metric == "carryover_begin" and state.list_mode is not None and state.whole_metric == "income_total":
            self._shares_of_income_with_carryover(state)
        if q.kind == MONEY and metric not in ("change_amount",):
            state.last_item = _Item("fact", len(self.out.facts) - 1, metric, None)
            state.after_unplaced = False
            if metric != state.last_change_subject:
                # "公务用车运行维护费19.38万元,比上年减少4.22万元,下降17.9%;公务接待费6.25万元,较上年下降24.7%":
                # a new figure is the subject of the changes after it.
                state.last_change_subject = state.last_change_base = None
        if not in_list and state.list_mode is None:
            state.last_fact = fact
            if METRICS[metric].basis_neutral or state.subject is None:
                state.subject = fact

    def _add_change(
        self,
        metric: str,
        change: re.Match[str],
        q: Quantity,
        prov: Provenance,
        state: _SentenceState,
        subject: str | None,
        words: str,
    ) -> None:
        """change_amount or growth_pct: negative when the words say it went down (减少, 下降), with
        what it is compared against (its base) from the same words, else the change's before it.

        A change of nothing named, or of a figure that could not be placed, is an issue, not a fact."""
        if subject is None or state.after_unplaced:
            state.change_abstained = True
            reason = "a figure that could not be placed" if state.after_unplaced else "nothing named"
            self._issue_at("unplaced_change", f"{metric} of {reason}", prov)
            return
        state.change_abstained = False
        base = self._comparison_base(words) or state.pending_base
        state.pending_base = None
        if base is None and change.group("direction") in cat.SAVING and metric == "change_amount":
            base = "current_budget"
        if base is None:
            base = state.last_change_base if metric == "growth_pct" and state.last_change_base else self._default_base
        state.last_change_base = base
        sign = -1 if change.group("direction") in cat.NEGATIVE_CHANGE else 1
        if sign == -1 and q.value < 0:
            sign = 1  # "下降-81.75%": the minus repeats what the verb says, it does not undo it
        self._add_fact(
            metric,
            q,
            replace(prov, pattern=metric),
            state,
            subject_metric=subject,
            sign=sign,
            in_list=True,
            base=base,
            scope=cat.own_scope(subject),  # a change of “三公”经费 is of fiscal appropriations, like its subject
        )

    @property
    def _default_base(self) -> str:
        """增加/减少 with no comparison named compares with last year, in the document's own basis."""
        return "prior_budget" if self.metadata.doc_type == BUDGET else "prior_actual"

    def _comparison_base(self, words: str) -> str | None:
        """The base a change's words name: 比年初预算 → initial_budget, 比上年预算 / 与2019年预算相比 →
        prior_budget, 比预算数 / 较全年预算 → current_budget, 比上年 / 同比 / 较2022年 → last year."""
        year = self.metadata.fiscal_year
        prior_year = rf"|{year - 1}年度?" if year else ""
        # The comparison nearest the verb: "决算比预算无增减变化,比去年增加" is against last year.
        comparisons = [
            m for m in re.finditer(r"(?:比|较|与|同比|对比|低于|高于|超过)(?P<what>[^,;。]*)", words) if m.group("what")
        ]
        compared = comparisons[-1] if comparisons else None
        if compared is None:
            return "prior_actual" if "同比" in words and self.metadata.doc_type != BUDGET else None
        what = compared.group("what")
        names_prior = re.match(rf"(?:上年|上一年|去年|上年度|同期{prior_year})", what) or compared.group(0).startswith(
            "同比"
        )
        if "年初预算" in what or "年初批复" in what:
            return "initial_budget"
        if "预算" in what:
            return "prior_budget" if names_prior else "current_budget"
        if names_prior or "决算" in what:
            return self._default_base if names_prior else "prior_actual"
        return None

    def _add_line(
        self,
        classification: str,
        level: int,
        name: str,
        q: Quantity,
        prov: Provenance,
        state: _SentenceState,
        *,
        class_name: str | None,
        kuan_name: str | None = None,
        parent_metric: str | None = None,
        basis: str | None = None,
    ) -> None:
        code_match = _FUNCTIONAL_CODE.match(name)
        code = code_match.group("code") if code_match else None
        if code_match:
            name = name[code_match.end() :]
        assert q.amount_wan is not None and q.precision_wan is not None
        line = ClassifiedLine(
            classification=classification,
            level=level,
            name=name,
            code=code,
            class_name=class_name,
            kuan_name=kuan_name,
            scope=state.scope,
            period="current",
            basis=basis or state.basis,
            amount_wan=q.amount_wan,
            precision_wan=q.precision_wan,
            value_text=q.text,
            provenance=replace(prov, pattern=prov.pattern or f"{classification}_line"),
            parent_metric=parent_metric,
        )
        self.out.lines.append(line)
        state.last_item = _Item("line", len(self.out.lines) - 1, None, name)
        state.last_change_subject = state.last_change_base = None  # a new line is the next change's subject
        state.after_unplaced = False

    def _project(
        self, q: Quantity, name: str, document_number: str | None, prov: Provenance, state: _SentenceState
    ) -> None:
        if document_number and document_number in name:
            name = name[name.find(document_number) + len(document_number) :]
        name = re.sub(r"^[,:、]?(?:下达|安排|拨付|用于)?", "", name)
        assert q.amount_wan is not None and q.precision_wan is not None
        self.out.projects.append(
            Project(
                name=name.strip(" ,;:、"),
                amount_wan=q.amount_wan,
                precision_wan=q.precision_wan,
                basis=state.basis,
                funding_document=document_number,
                value_text=q.text,
                provenance=replace(prov, pattern="project_line"),
            )
        )

    def _whole_states_a_share(self, state: _SentenceState) -> bool:
        """The list's whole states a share of its own ("授予中小企业合同金额1,893.20万元,占91.53%;其中授予
        小微企业合同金额1,206.38万元,占58.32%"): a bare share of its part may then be of the whole or,
        as the whole's is, of the whole's own total (the procurement template's way). It is not placed."""
        return state.whole_fact is not None and self.out.facts[state.whole_fact].pct is not None

    def _attach_share(self, q: Quantity, base: str | None, item: _Item, base_scope: str | None = None) -> None:
        share = {"pct": q.value, "pct_precision": q.precision, "share_of": base, "share_of_scope": base_scope}
        if item.kind == "fact":
            self.out.facts[item.index] = replace(self.out.facts[item.index], **share)
        else:
            self.out.lines[item.index] = replace(self.out.lines[item.index], **share)

    def _shares_of_income_with_carryover(self, state: _SentenceState) -> None:
        """A list of income that counts the carry-over is the 收入总计: its shares are of that total, not
        of 本年收入合计 ("收入预算中:一般公共预算拨款收入268.45亿元,占52.4%;…上年结转28.22亿元"), and so
        is its whole ("2024年收入预算612.48万元,其中:…上年结转20.00万元"), unless named 本年收入: then the
        carry-over is listed beside it, not in it ("本年收入合计…,其中:财政拨款收入…,占97.97%;…年初结转和结余…")."""
        whole = self.out.facts[state.whole_fact] if state.whole_fact is not None else None
        if whole is not None and whole.metric == "income_total" and "本年" in (whole.label or ""):
            carryover = self.out.facts[-1]
            self.out.facts[-1] = replace(carryover, part_of=None)
            return
        for index in state.implicit_shares:
            fact = self.out.facts[index]
            if fact.share_of == "income_total":
                self.out.facts[index] = replace(fact, share_of="total_income_expenditure")
        if whole is None or whole.metric != "income_total":
            return
        self.out.facts[state.whole_fact] = replace(whole, metric="total_income_expenditure")
        state.whole_metric = "total_income_expenditure"
        for index in range(state.whole_fact + 1, len(self.out.facts)):
            part = self.out.facts[index]
            if part.part_of == "income_total":
                self.out.facts[index] = replace(part, part_of="total_income_expenditure")

    def _count_unplaced_part(self, state: _SentenceState) -> None:
        """A part of a list that could not be placed makes its whole's sum incomplete."""
        if state.list_mode is None or state.whole_fact is None:
            return
        whole = self.out.facts[state.whole_fact]
        self.out.facts[state.whole_fact] = replace(whole, unplaced_parts=whole.unplaced_parts + 1)

    def _apply_scope_markers(self, context: str, state: _SentenceState) -> None:
        found = [(m.start(), scope) for scope, marker in _SCOPE_MARKERS for m in marker.finditer(context)]
        if found:
            state.scope = max(found)[1]

    def _relative_year_period(self, tail: str) -> str | None:
        """去年 / 今年 in a label: the period they mean, counted from the page's own date; 'unknown'
        when the page gives no date or the year meant is neither the reported year nor the one before."""
        if "去年" not in tail or _PRIOR_YEAR_EXPLICIT.search(tail):
            return None
        published, reported = self.metadata.published_year, self.metadata.fiscal_year
        if published is None or reported is None:
            return "unknown"
        meant = published - 1
        return {reported: "current", reported - 1: "prior"}.get(meant, "unknown")

    def _period_in(self, label: str, state: _SentenceState) -> str:
        """A part of a list is of its whole's year unless its own words name one."""
        if state.list_mode is not None and state.list_period and not self._names_period(label):
            return state.list_period
        return self._period(label)

    def _names_period(self, label: str) -> bool:
        year = self.metadata.fiscal_year
        return bool(_PRIOR_WORDS.search(label) or re.search(r"本年|当年|今年", label) or (year and f"{year}" in label))

    def _period(self, label: str) -> str:
        year = self.metadata.fiscal_year
        prior_year = re.compile(rf"{year - 1}年") if year else None
        mentions_prior = _PRIOR_WORDS.search(label) or (prior_year and prior_year.search(label))
        if not mentions_prior:
            return "current"
        if not _COMPARISON_WORDS.search(label):
            return "prior"
        # "较2014年度部门决算公开“三公”经费合计16.08万元增加…": the figure compared with is last year's.
        compared = (
            rf"^(?:{_COMPARISON_WORDS.pattern})(?:{_PRIOR_WORDS.pattern}{'|' + str(year - 1) + '年' if year else ''})"
        )
        return "prior" if re.match(compared, label.strip(" ,")) else "current"

    def _provenance(self, start: int, end: int, sentence: _Sentence, pattern: str) -> Provenance:
        return Provenance(
            span_start=start,
            span_end=end,
            sentence=sentence.text,
            sentence_start=sentence.start,
            section=self.tracker.path,
            pattern=pattern,
        )

    def _issue_at(self, kind: str, message: str, prov: Provenance) -> None:
        """Record a figure seen but not placed, with the words it stands in."""
        self._issue(kind, message, self.text[prov.span_start : prov.span_end], prov.span_start, prov.span_end)

    def _issue(self, kind: str, message: str, text: str, start: int, end: int) -> None:
        self.out.issues.append(ExtractionIssue(kind, message, text[:500], start, end, self.tracker.path))


def _list_state(state: _SentenceState) -> _ListState:
    return _ListState(
        state.last_item, state.whole_metric, state.whole_name, state.whole_fact,
        state.whole_is_functional, state.list_mode, state.list_basis, state.list_period, state.scope,
    )  # fmt: skip


def _restore_list(state: _SentenceState, saved: _ListState) -> None:
    state.last_item, state.whole_metric, state.whole_name = saved.item, saved.whole_metric, saved.whole_name
    state.whole_fact, state.whole_is_functional = saved.whole_fact, saved.whole_is_functional
    state.list_mode, state.list_basis, state.list_period = saved.list_mode, saved.list_basis, saved.list_period


def _spending_of_income(words: str, subject: str) -> bool:
    """Bare words of spending (支出, 实际支出) after a figure of income or a carry-over."""
    income = subject in ("income_total", "carryover_begin", "carryover_end") or METRICS[subject].revenue_source
    return bool(income and "支出" in words)


def _are_peers(whole: str | None, metric: str) -> bool:
    return whole is not None and whole != metric and any({whole, metric} <= group for group in _PEER_GROUPS)


def _leave_list(state: _SentenceState) -> None:
    """A figure beside the list's whole: back to the list around it, or out of lists."""
    if state.outer_list is not None and state.aside is None:
        _restore_list(state, state.outer_list)
        state.outer_list = None
        return
    state.whole_metric = state.whole_name = state.whole_fact = None
    state.whole_is_functional, state.list_mode = False, None
    state.list_basis = state.list_period = None


def _closes_aside(before: str, state: _SentenceState, facts: list[Fact]) -> tuple[int, Fact] | None:
    """The sentence's subject fact (and its index), when "其中" follows a parenthesis that closed
    right after a figure (an aside: "(年初预算130.00万元),其中")."""
    subject = state.subject
    if not before.lstrip().startswith(")") or before.strip(" ),;:、") or subject is None:
        return None
    index = next((i for i, fact in enumerate(facts) if fact is subject), None)
    return None if index is None else (index, subject)


def _current_before_prior(facts: list[Fact], index: int) -> int | None:
    """The index of this year's figure stated just before last year's same figure at `index`
    ("本年支出合计4,987,315.06元,与2017年度支出合计4,512,880.14元相比"), else None."""
    compared = facts[index]
    if compared.period != "prior":
        return None
    candidates = []
    for position in range(index - 1, -1, -1):  # back through the sentence, past its rates and changes
        current = facts[position]
        if current.provenance.sentence_start != compared.provenance.sentence_start:
            break
        same_figure = (current.metric, current.scope, current.project_name) == (
            compared.metric, compared.scope, compared.project_name)  # fmt: skip
        if same_figure and current.period == "current":
            candidates.append(position)
    # the one on the compared figure's basis ("实际支出4.86万元,…比上年5.40万元"), else the nearest
    same_basis = [p for p in candidates if facts[p].basis == compared.basis]
    return (same_basis or candidates or [None])[0]


def _after_compared_figure(before: str, state: _SentenceState, facts: list[Fact]) -> tuple[int, Fact] | None:
    """This year's figure (and its index) when "其中" follows last year's figure it was compared with:
    the parts listed are this year's."""
    item = state.last_item
    if item is None or item.kind != "fact" or before.strip(" ,;:、"):
        return None
    current = _current_before_prior(facts, item.index)
    return None if current is None else (current, facts[current])


def _basis(clause: str, inherited: str) -> str:
    """The basis a clause states (its last basis word), else the one it inherits.

    A plain 预算 inside a list whose whole is a 年初预算 stays 年初预算.
    """
    basis = inherited
    for m in _BASIS_MARKERS.finditer(clause):
        if m.group("initial"):
            basis = "initial_budget"
        elif m.group("budget"):
            basis = inherited if inherited == "initial_budget" else "budget"
        else:
            basis = "actual"
    return basis


# What may stand before a weak name (预算数, 决算数) when it names the paragraph's own figure.
_BARE_PREFIX = re.compile(
    r"(?:\d{4}年度?|本年度?|全年|当年|年度|本单位|我单位|本部门|我部门|单位|部门|财政拨款|一般公共预算|项目|的|、|\s)*"
)
# "按政府采购资金类型划分,": the figures after it break down the named whole.
_BREAKDOWN = re.compile(r"按(?P<whole>[^,。;]{2,20}?)(?:划分|分类|统计)[,:]")


# "…相比,收、支总计各增加312.05万元": the subject may be named again between the comparison and its verb.
_COMPARISON_AFTER = re.compile(
    rf"(?:(?:相比|相比较|比较)[,，]?(?:[^,，;；。\d]{{0,12}}?(?:各|均|分别))?)?(?:{'|'.join(cat.CHANGE_VERBS)}|完成)"
)


_BUDGET_ALONE = re.compile(r"^(?:与|较|比|对比)?(?:本年|全年|年初|调整后)?(?:批复)?预算(?:数)?(?:为|是)?$")


def _share_base_words(base: str | None) -> str:
    """The words naming the whole of a share, without the year: "2023年本年支出合计" → 本年支出合计."""
    return re.sub(r"^(?:\d{4}年度?|本年|全年|当年)", "", (base or "").strip())


def _change_subject_words(text: str) -> str:
    """The words naming what changed: "2015年“三公”经费决算数据比2014年…" → 2015年“三公”经费决算数据;
    "收支较上年决算数" → 收支; "公务接待费支出决算比预算无增减变化" → 公务接待费支出决算."""
    # "与2015年度决算数26.18万元相比,减少5.72万元": the comparison closes after the figure.
    text = re.sub(r"^(?:与[^,;]*?)?相比(?:较)?", "", text)
    # "收、支与2023年度相比,减少17.84万元": the comparison closes the subject's clause.
    text = re.sub(r"(?<=[^,;])(?:与|同)[^,;与]*?相比(?:较)?$", "", text)
    parts = _COMPARISON_WORD.split(text, maxsplit=1)
    cleaned = parts[0] if len(parts) == 2 and parts[0].strip() else _COMPARED_WITH.sub("", text)
    if (change := cat.change_at_end(cleaned)) is not None:
        cleaned = cleaned[: change.start()] + change.group("subject")
    # "(其中:…5,297.40万元),比年初预算增加": the aside's closing bracket names nothing
    return re.sub(r"(?:无增减变化|无变化|基本持平|持平|不变)$", "", cleaned).strip(" ,()")


def _bare_prefix(prefix: str) -> bool:
    return _BARE_PREFIX.fullmatch(_LEADING_MARKER.sub("", prefix.strip())) is not None


def _respective_metrics(names_text: str) -> list[str | None]:
    """ "货物、工程、服务政府采购规模" → the metric of each name; the last name carries the shared head
    (政府采购规模) that the short names before it leave out. None where a name is not recognised."""
    names = [name for name in re.split(r"[、和及与]", names_text) if name]
    if len(names) < 2:
        return [None] * len(names)
    shortest = min(len(name) for name in names[:-1])
    own, head = names[-1][:shortest], names[-1][shortest:]
    head = re.sub(rf"{cat.FILLER}$", "", head)
    metrics: list[str | None] = []
    for name in [*names[:-1], own]:
        found = None
        for candidate in (name + head, head + name, name):
            named = cat.match_label(candidate, MONEY)
            if named is not None and not named[0].weak and named[1] == 0:
                found = named[0].yields
                break
        metrics.append(found)
    if len(set(metrics)) < len(metrics):
        return [None] * len(metrics)  # two names for one metric: the split is not understood
    return metrics


def _states_money(line: str) -> bool:
    return any(q.kind == MONEY for q in find_quantities(line))


def _colon_heading(label: str, tail_offset: int, tail: str) -> str | None:
    """The words before a colon that name the figure its bare words after it state ("公务接待费:全年预算
    6.00万元", "因公出国(境)费:预算0万元"): a heading the figure is of, not another clause."""
    if tail_offset == 0 or label[tail_offset - 1] != ":" or not cat.BARE_LABEL.search(tail):
        return None
    heading = _LEADING_MARKER.sub("", label[_tail_offset(label[: tail_offset - 1]) : tail_offset - 1].strip())
    named = cat.match_label(heading, MONEY) if heading else None
    return heading if named is not None and not named[0].weak else None


def _tail_offset(label: str) -> int:
    breaks = list(_CLAUSE_BREAK.finditer(label))
    return breaks[-1].end() if breaks else 0


# A clause that opens with a unit's name: "1.县国土资源局“三公”经费预算…", "市委外事工作委员会办公室因公出国(境)费…".
_UNIT_AT_CLAUSE_START = re.compile(
    r"^\s*(?:\d+[.、]|[(（][一二三四五六七八九十\d]+[)）])?\s*(?P<unit>[\u4e00-\u9fff()]{1,24}?" + ORG_SUFFIX + r")"
    r"(?=[\"“]?三公|因公|公务|一般公共|财政拨款|部门|\d{4}年|预算|决算|支出|收入|会议|培训)"
)


_NON_APPROPRIATION = re.compile(r"非财政拨款|非财政资金|其他资金安排")


def _clause_before(before: str) -> str:
    """The clause a figure stands in, up to the figure: from the last clause break (, ; 。)."""
    return re.split(r"[,;。]", before)[-1]


def _unit_of_clause(before: str) -> str | None:
    """The unit a clause's figures are of, where the clause opens with its name (up to the figure)."""
    clause = re.split(r"[;。\n]", before)[-1]
    found = _UNIT_AT_CLAUSE_START.match(clause)
    return found.group("unit") if found else None


def _spending_scope(metric: str) -> bool:
    """A spending total whose name fixes whose money its parts are (一般公共预算财政拨款支出 …)."""
    return metric in ("gpb_expenditure", "gov_fund_expenditure", "soe_capital_expenditure")


def _completion_base(words: str, before: Fact) -> str | None:
    """Which budget a completion is of: "为年初预算的135.44%" the initial, "完成调整预算的98.72%" the
    adjusted; after the budget figure itself ("完成全年预算5.3万元的38.1%"), that figure's. None: not said."""
    if "年初" in words:
        return "initial_budget"
    if re.search(r"调整|全年", words):
        return "current_budget"
    if before.provenance.pattern in _BUDGET_BESIDE_PATTERNS:
        return "initial_budget" if before.basis == "initial_budget" else "current_budget"
    return None


def _without_respectively(tail: str) -> str:
    """ "分别占全市政府采购规模的" → "占全市政府采购规模的": the shares of a list, said before the whole."""
    return re.sub(r"^(?:分别|各自?)", "", tail.strip(" ,"))


def _last_clause(name: str) -> str:
    return re.split(r"[,;:、]", name)[-1].strip()


def _clean_name(text: str) -> str:
    name = _LEADING_MARKER.sub("", text.strip(" ,;:、.。"))
    name = re.sub(r"^(?:其中|主要包括|包括|主要用于以下方面|主要用于)[:]?", "", name)
    name = re.sub(r"^支出(?=\S{2})", "", name)
    name = (
        re.sub(rf"{cat.FILLER}$", "", name)
        if not name.endswith("支出")
        else re.sub(r"(?:决算数?|预算数?|为|是|:)+$", "", name)
    )
    return name.strip(" ,;:、")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


# Work per figure grows with its sentence: a "sentence" longer than this (a page flattened without
# full stops) is cut after its last clause mark within the limit, so a document costs linear time.
_MAX_SENTENCE = 2000
_CLAUSE_MARK = re.compile(r"[;,]")


def _sentences(line: str, line_start: int) -> Iterator[_Sentence]:
    start = 0
    for m in _SENTENCE_END.finditer(line):
        yield from _bounded(line, start, m.end(), line_start)
        start = m.end()
    yield from _bounded(line, start, len(line), line_start)


def _bounded(line: str, start: int, end: int, line_start: int) -> Iterator[_Sentence]:
    while end - start > _MAX_SENTENCE:
        cuts = [m.end() for m in _CLAUSE_MARK.finditer(line, start, start + _MAX_SENTENCE)]
        cut = cuts[-1] if cuts else start + _MAX_SENTENCE
        if line[start:cut].strip():
            yield _Sentence(line_start + start, line_start + cut, line[start:cut])
        start = cut
    if line[start:end].strip():
        yield _Sentence(line_start + start, line_start + end, line[start:end])


def extract_statements(text: str, metadata: DocumentMetadata) -> Extraction:
    return StatementExtractor(text, metadata).run()
