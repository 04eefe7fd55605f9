"""The catalogue of statement patterns: the words that name a figure, and the metric each yields.

A pattern matches the end of a figure's label (the words just before the number), followed only by
filler such as 支出, 决算数, 为. Among the patterns that match, the one whose words end last wins
(Chinese noun phrases are head-final: 财政拨款收入支出总计 is a 总计), then the one whose words
start first (the most specific name: 一般公共预算财政拨款收入 beats 财政拨款收入). Weak patterns
(bare 预算数, 决算数, 实际支出) win only when nothing else names the figure, so 公用经费预算数 is
公用经费 stated as a budget. The wording covers the national templates for 部门决算, 部门预算 and 绩效自评 and
their common variants; add a variant here, never in the engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fiscal.extract.amounts import COUNT, MONEY, PERCENT, SCORE
from fiscal.vocabulary import METRICS, STATED_RELATIONS

# Words that may stand between a figure's name and the number without changing what it is.
FILLER = (
    r"(?:\d{4}年度?|支出|收入|经费|费用|资金|金额|总金额|总额|总数|规模|数据|合计|总计|共计|共|计|决算数?|预算数?|执行数?|安排|"
    r"实际|开支|下达|拨付|全年|年度|为|是|达到?|约|了|均|各|仅|只有|(?:一般)?公共预算|财政拨款|人民币|全[区市县省州]|"
    r"\(调整后\)|\((?![类款项])[^()]{1,20}\)|[\"”]|:|\s)*"
)
# A label made only of basis words refers to the figure its paragraph is about ("决算数2.75万元").
BARE_LABEL = re.compile(
    r"^(?:\d{4}年度?|本年|全年|当年|年度|年初|年初批复|调整后)?(?:实际|执行)?"
    r"(?:决算数?|预算数?|实际支出|支出决算|支出|共计支出|合计|执行数|执行金额|(?:已|实际)?执行)"
    rf"{FILLER}$"
)


@dataclass(frozen=True)
class StatementPattern:
    name: str
    label: str  # regex for the words naming the figure
    yields: str  # metric key (fiscal.vocabulary)
    kinds: tuple[str, ...] = (MONEY,)
    scope: str | None = None  # the name itself fixes the scope (一般公共预算财政拨款支出 → gpb)
    sets_scope: bool = False  # parts listed after it (其中 …) share its scope
    period: str | None = None  # the name itself fixes the period (年初结转和结余 is a current figure)
    basis: str | None = None  # the name itself fixes the basis (项目总金额 is what was budgeted)
    excluded_in: str | None = None  # regex on the sentence: where these words mean something else
    weak: bool = False  # generic words (预算数, 决算数): only when no other pattern names the figure
    units: tuple[str, ...] | None = None  # counts: only figures in these units (接待12批次, not 12人)

    def compiled(self) -> re.Pattern[str]:
        return re.compile(rf"(?P<words>{self.label}){FILLER}$")


P = StatementPattern
# "会议费、培训费" / "“会议费”“培训费”": the fee named last of a group of the three is not stated alone.
# Where a total's name starts when nothing before it says whose figure it is: "2017年部门收入预算".
_OWN = r"(?:^|(?<=\d年)|(?<=\d年度)|(?<=本年)|(?<=部门)|(?<=单位)|(?<=本部门)|(?<=全年))"
# The same, for a bare 收入 / 支出: only the department's own (本单位, not 下属单位 or 事业单位).
_OWN_BARE = r"(?:^|(?<=\d年)|(?<=\d年度)|(?<=本年)|(?<=部门)|(?<=本单位)|(?<=本部门)|(?<=全年))"
_NOT_AFTER_ANOTHER_FEE = "".join(
    rf"(?<!{fee}{sep})" for fee in ("会议费", "培训费") for sep in ("", "、", "和", "及", "”", "”“", '"', '""')
)
# Figures about one class of projects ("该类项目 … 涉及预算总金额") are not the department's totals.
_PROJECT_CLASS = r"该类项目|此类项目|该项目|本项目|涉及预算"
CATALOGUE: tuple[StatementPattern, ...] = (
    # Totals and income sources (收入支出决算总表, 收入决算表)
    P(
        "total_income_expenditure",
        # 收入总计 and 支出总计 are the two sides of 收支总计 (本年收入合计 plus carry-overs); after a
        # source's name (财政拨款收入预算总计) they are that source's total, not the document's.
        r"收[、,和与及]?支(?:决算|预算)?(?:总计|总预算|总额)?|收入支出(?:决算|预算)?总计"
        r"|(?<![款金])收入(?:决算|预算)?总计|(?<![款金])支出(?:决算|预算)?总计",
        "total_income_expenditure",
    ),
    # A bare 收入预算/支出预算 is the document's own only where nothing before it names whose it is
    # (基本支出预算, 政府采购支出预算 and 财政拨款收入预算 are not the total).
    P(
        "income_total",
        # 村集体经济收入, 居民人均可支配收入: what the department's work earned others, not its income
        rf"(?<![款金])(?<!经济)(?<!可支配)(?:本年)?收入(?:决算|预算)?合计|(?<!经济)总收入|(?<![款金])收入总预算|{_OWN}收入预算(?:总额)?"
        # "2024年部门预算收入", "全年收入": the department's own, nothing between its year and 收入
        rf"|{_OWN_BARE}(?:预算|决算)?收入(?:总额)?",
        "income_total",
    ),
    P(
        "fiscal_appropriation_income",
        r"财政(?:预算)?拨款收入|财政补助收入",
        "fiscal_appropriation_income",
        scope="department",
    ),
    P(
        "gpb_appropriation_income",
        # 公共财政预算拨款: the general budget's name before the 2015 budget law
        r"一般公共预算(?:财政)?拨款(?:收入|(?![决预]算|支出))|一般公共预算收入|公共财政预算(?:拨款)?收入",
        "gpb_appropriation_income",
        scope="department",
    ),
    P(
        "gov_fund_appropriation_income",
        r"政府性基金预算(?:财政)?拨款(?:收入|(?![决预]算|支出))|政府性基金预算收入",
        "gov_fund_appropriation_income",
        scope="department",
    ),
    P(
        "soe_capital_appropriation_income",
        r"国有资本经营预算(?:财政)?拨款(?:收入|(?![决预]算|支出))|国有资本经营预算收入",
        "soe_capital_appropriation_income",
        scope="department",
    ),
    P("business_income", r"事业收入", "business_income", scope="department"),
    P("operating_income", r"(?:事业单位)?经营收入", "operating_income", scope="department"),
    P("superior_subsidy_income", r"上级补助收入", "superior_subsidy_income", scope="department"),
    P("subordinate_income", r"附属单位上缴收入", "subordinate_income", scope="department"),
    P("other_income", r"其他收入|其他资金(?:收入)?", "other_income", scope="department"),
    # Expenditure structure (支出决算表, 基本支出表)
    P(
        "expenditure_total",
        # "其他各类支出合计", "上述民生保障类支出合计" sum some lines, not the document's spending
        rf"(?<!类)(?<!其他)(?<!其余)(?:本年)?支出(?:决算|预算)?合计|总支出|{_OWN}支出预算(?:总额)?"
        rf"|{_OWN}(?:预算|决算)?支出总额"
        r"|(?<![款金])支出总预算"
        rf"|(?<=部门)(?:预算|决算)支出"  # "2024年部门预算支出" (a bare 支出 is often another figure's)
        rf"|{_OWN_BARE}(?:本年|当年)支出(?:决算|预算)?",  # "支出方面:本年支出2,563.90万元"
        "expenditure_total",
    ),
    # Only where nothing before it names what the appropriation was spent on (“三公”经费财政拨款支出).
    P(
        "fiscal_expenditure_total",
        r"(?:^|(?<=\d年)|(?<=\d年度)|(?<=本年)|(?<=全年))财政拨款(?:预算)?支出(?:决算|预算)?(?:合计|总计)?",
        "expenditure_total",
        scope="fiscal",
    ),
    P("basic_expenditure", r"基本(?:经费)?支出", "basic_expenditure"),
    P("project_expenditure", r"(?<!年)项目(?:经费)?支出", "project_expenditure"),
    P("project_expenditure_amount", r"项目总(?:金额|资金)", "project_expenditure", basis="budget"),
    P("operating_expenditure", r"经营支出", "operating_expenditure"),
    # A third spending component of some provinces' budgets, beside 基本支出 and 项目支出.
    P("contingency_reserve", r"(?:单位)?预留机动经费", "contingency_reserve"),
    P("remittance_to_superior_expenditure", r"上缴上级支出", "remittance_to_superior_expenditure"),
    P("subsidy_to_subordinate_expenditure", r"对附属单位补助支出", "subsidy_to_subordinate_expenditure"),
    P("personnel_expense", r"(?<!聘)(?<!临时)(?<!派遣)(?<!劳务)人员(?:经费|支出)", "personnel_expense"),
    P("public_expense", r"(?:日常)?公用(?:经费|支出)", "public_expense"),
    P(
        "gpb_expenditure",
        r"一般公共预算(?:财政)?(?:拨款)?(?:支出|(?=决算数|预算数))|公共财政预算(?:财政)?(?:拨款)?支出",
        "gpb_expenditure",
        scope="gpb",
        sets_scope=True,
    ),
    P(
        "gov_fund_expenditure",
        r"政府性基金预算(?:财政)?(?:拨款)?(?:支出|(?=决算数|预算数))",
        "gov_fund_expenditure",
        scope="gov_fund",
        sets_scope=True,
    ),
    P(
        "soe_capital_expenditure",
        r"国有资本经营预算(?:财政)?(?:拨款)?(?:支出|(?=决算数|预算数))",
        "soe_capital_expenditure",
        scope="soe_capital",
        sets_scope=True,
    ),
    # “三公”经费 (财政拨款“三公”经费支出决算表)
    # "“三公”经费支出合计" is the “三公” total, not the department's 支出合计.
    P(
        "three_public_total",
        r"[\"“]?三公[\"”]?经费[\"”]?(?:(?:财政拨款)?支出(?:决算|预算)?(?:合计|总额))?",
        "three_public_total",
        scope="fiscal",
    ),
    P(
        "three_public_outbound_travel",
        r"因公出国\(境\)(?:经)?费(?:用)?",
        "three_public_outbound_travel",
        scope="fiscal",
    ),
    P(
        "three_public_vehicle",
        r"公务用车(?:购置)?[及和]运行(?:维护)?费(?:用)?|公务用车费(?:用)?",
        "three_public_vehicle",
        scope="fiscal",
    ),
    P(
        "three_public_vehicle_purchase",
        r"(?:公务用车|公车|车辆)购置(?:费)?",
        "three_public_vehicle_purchase",
        scope="fiscal",
    ),
    P(
        "three_public_vehicle_operation",
        r"(?:公务用车|公车|车辆)(?:运行(?:维护)?|维护)(?:费|支出)?",
        "three_public_vehicle_operation",
        scope="fiscal",
    ),
    P("three_public_reception", r"公务接待(?:费)?", "three_public_reception", scope="fiscal"),
    P("three_public_reception_domestic", r"国内公务接待(?:费)?", "three_public_reception_domestic", scope="fiscal"),
    P("three_public_reception_foreign", r"外事接待(?:费)?", "three_public_reception_foreign", scope="fiscal"),
    P(
        "meeting_training_travel_total",
        r"[“\"]?会议费[”\"]?[、和及]?[“\"]?培训费[”\"]?[、和及]?[“\"]?差旅费[”\"]?(?:合计|总额)?|“?三费”?",
        "meeting_training_travel_total",
        scope="fiscal",
    ),
    # "“会议费”“培训费”3万元" is the two together, not 培训费: a name after another of the three is not its own.
    P("meeting_expense", r"会议费", "meeting_expense", scope="fiscal"),
    P("training_expense", rf"{_NOT_AFTER_ANOTHER_FEE}培训费", "training_expense", scope="fiscal"),
    P("travel_expense", rf"{_NOT_AFTER_ANOTHER_FEE}差旅费", "travel_expense", scope="fiscal"),
    # Other important matters (其他重要事项)
    P("agency_operating_expense", r"机关运行经费", "agency_operating_expense"),
    P("procurement_total", r"政府采购(?:支出)?(?:总额|合计)?|实际采购(?:数|金额)?", "procurement_total"),
    P("procurement_goods", r"政府采购货物|货物类?(?:政府)?采购(?:支出)?", "procurement_goods"),
    P("procurement_works", r"政府采购工程|工程类?(?:政府)?采购(?:支出)?", "procurement_works"),
    P("procurement_services", r"政府采购服务|服务类?(?:政府)?采购(?:支出)?", "procurement_services"),
    P("procurement_centralized", r"政府集中采购(?:预算|金额|规模)?", "procurement_centralized"),
    P(
        "procurement_departmental_centralized",
        r"部门集中采购(?:预算|金额|规模)?",
        "procurement_departmental_centralized",
    ),
    P("procurement_decentralized", r"分散采购(?:预算|金额|规模)?", "procurement_decentralized"),
    P("procurement_sme_reserved", r"面向中小企业预留(?:政府采购)?(?:项目)?(?:预算)?", "procurement_sme_reserved"),
    P("procurement_micro_reserved", r"面向小微企业预留(?:政府采购)?(?:项目)?(?:预算)?", "procurement_micro_reserved"),
    P("procurement_sme_awarded", r"授予中小企业合同(?:金额)?", "procurement_sme_awarded"),
    P("procurement_micro_awarded", r"授予小微企业合同(?:金额)?", "procurement_micro_awarded"),
    P(
        "carryover_begin",
        r"(?:年初|上年|\d{4}年)(?:项目)?结转(?:和)?结余(?:资金|收入)?|上年结转(?:资金|收入)?",
        "carryover_begin",
        period="current",
    ),
    P("carryover_end", r"年末(?:项目)?结转(?:和)?结余(?:资金)?", "carryover_end"),
    # "年初财政拨款结转和结余27.10万元": the appropriation's carry-over, not the department's
    P(
        "fiscal_carryover_begin",
        r"(?:年初|上年|\d{4}年)财政拨款(?:项目)?结转(?:和)?结余(?:资金|收入)?",
        "carryover_begin",
        scope="fiscal",
        period="current",
    ),
    P("fiscal_carryover_end", r"年末财政拨款(?:项目)?结转(?:和)?结余(?:资金)?", "carryover_end", scope="fiscal"),
    # Budget execution (绩效自评)
    P("budget_initial", r"年初(?:批复)?预算(?:数|资金|金额)?", "budget_initial", excluded_in=_PROJECT_CLASS),
    P(
        "budget_adjusted",
        r"(?:全年|调整后(?:全年)?|年度)预算(?:数|金额|资金)?|预算数\(调整后\)|预算总(?:金)?额"
        r"|调整(?:后的?)?预算(?:数|金额|资金)?|预算调整后(?:为)?|(?:年中)?(?:追加|追减|调增|调减|压减)后(?:的)?预算(?:数)?"
        r"|(?:(?<=本)|(?<=该)|^)项目资金总额|年度资金总额",
        "budget_adjusted",
        excluded_in=_PROJECT_CLASS,
    ),
    P(
        "budget_stated",
        r"预算数|预算资金|预算金额|^(?:\d{4}年度?)?(?:全年)?预算",
        "budget_adjusted",
        excluded_in=_PROJECT_CLASS,
        weak=True,
    ),
    P(
        "budget_issued",
        r"(?:财政)?下达(?:的)?预算(?:数)?(?:总额|总金额)?|预算下达(?:总)?(?:金额|数)?",
        "budget_issued",
        excluded_in=_PROJECT_CLASS,
    ),
    P(
        "executed",
        r"(?:全年)?执行(?:数|金额)(?:总金额)?|全年执行(?:了)?$|(?:全年)?实际执行(?:数|金额)?(?![率进])|实际完成(?:数)?|(?:已)?实际支付"
        r"|(?:累计)?兑付(?:[\u4e00-\u9fff]{0,4}?资金)?",
        "executed",
        excluded_in=_PROJECT_CLASS,
    ),
    P("actual_stated", r"实际支出(?:资金)?|决算数", "executed", excluded_in=_PROJECT_CLASS, weak=True),
    P(
        "execution_rate_pct",
        r"(?:预算|资金|支出)?执行率|(?:预算|支出|资金)完成率|预算执行(?:总体)?进度|(?:资金|预算)?使用率"
        r"|(?:预算)?执行比例",
        "execution_rate_pct",
        kinds=(PERCENT,),
    ),
    P(
        "self_eval_score",
        r"(?:自评|综合|评价|绩效自评)总?(?:得分|分数?)",
        "self_eval_score",
        kinds=(SCORE,),
        excluded_in=r"该(?:项)?指标|本项(?!目)|此项|权重|分值|指标总分",
    ),
    # People and vehicles
    P(
        "headcount",
        r"实有(?:在职)?人(?:数|员)|(?:年末)?实有在职人数|在职人数|(?:年末)?在职(?:教职工|职工|干部职工|人员)(?:总数|人数)?",
        "headcount",
        kinds=(COUNT,),
    ),
    P("headcount_on_payroll", r"(?:正式)?在编(?:人员|人数)", "headcount_on_payroll", kinds=(COUNT,)),
    P("headcount_authorised", r"(?:事业|行政)?编制(?:人数|数)?", "headcount_authorised", kinds=(COUNT,)),
    P("project_count", r"项目(?:总数|数量|个数)", "project_count", kinds=(COUNT,)),
    P(
        "vehicle_count",
        r"(?:共有|实有|保有)(?:公务用车|车辆)|(?:公务用车|车辆)(?:保有|实有)(?:量|数)?",
        "vehicle_count",
        kinds=(COUNT,),
    ),
    *(
        P(metric, words, metric, kinds=(COUNT,), units=("辆",))
        for metric, words in (
            ("vehicle_count_general", r"一般公务用车"),
            ("vehicle_count_law_enforcement", r"(?:一般)?执法执勤用车"),
            ("vehicle_count_special", r"特种专业技术用车(?:\([^()]{1,10}\))?"),
            ("vehicle_count_leader", r"(?:主要)?领导(?:干部)?用车|主要负责人用车"),
            ("vehicle_count_confidential", r"机要通信用车"),
            ("vehicle_count_emergency", r"应急保障用车"),
            ("vehicle_count_retiree_service", r"离退休干部服务用车"),
            ("vehicle_count_other", r"(?<![\u4e00-\u9fff])其他用车|(?<=[、,:])其他用车|(?<=其中)其他用车"),
        )
    ),
    # Counts named by their words and held to their units: equipment above the unit-price line
    # (单价50万元以上通用设备2台(套)); 接待12批次 / 接待批次为12个 and 接待人次为86人;
    # 出国(境)团组2个 / 累计出国(境)6人次.
    *(
        P(metric, words, metric, kinds=(COUNT,), units=units)
        for metric, words, units in (
            ("equipment_count_general", r"以上(?:的)?通用设备", ("台", "套")),
            ("equipment_count_special", r"以上(?:的)?专用设备", ("台", "套")),
            ("equipment_count", r"以上(?:的)?(?:大型)?设备(?:\(不含车辆\))?", ("台", "套")),
            (
                "reception_batches",
                r"(?<!外事)(?<!外宾)接待(?:[\u4e00-\u9fff]{0,6}?(?:团组|团队|来宾|客人))?|(?<!外事)接待批次",
                ("批次", "批", "个", "次"),
            ),
            (
                "reception_persons",
                r"(?<!外事)接待(?:人数|人次|人员)|(?<!外事)接待[^,;。]{0,4}?(?:共|累计)",
                ("人次", "人"),
            ),
            (
                "three_public_outbound_travel_groups",
                r"(?:因公)?出国\(境\)(?:团组|团)(?:数)?|出访团组",
                ("个", "次", "批", "批次"),
            ),
            ("three_public_outbound_travel_persons", r"(?:因公)?出国\(境\)(?:人数|人次|人员)?", ("人次", "人")),
        )
    ),
    P(
        "vehicle_purchase_count",
        r"购置(?:公务用车|公车|车辆)|(?:公务用车|公车|车辆)购置(?:数量?|数)?|购置[\u4e00-\u9fff]{0,8}?用车",
        "vehicle_purchase_count",
        kinds=(COUNT,),
    ),
)

# A count that only continues the one before it ("接待12批次、86人次", "团组2个,累计6人次") counts its
# persons: the metric of the persons after each metric of groups.
PERSONS_AFTER = {
    "reception_batches": "reception_persons",
    "three_public_outbound_travel_groups": "three_public_outbound_travel_persons",
}
PERSONS_CONTINUING = re.compile(r"^[、,和及]?(?:共|共计|累计|总计|合计)?(?:接待)?(?:人数|人次|人员)?(?:为|达)?$")

# Figures that are also items of 商品和服务支出 (30211 差旅费, 30215 会议费, 30216 培训费): in a list of
# an economic line's items they are its lines, not the disclosures of the “三公” section.
ECONOMIC_ITEM_METRICS = frozenset({"meeting_expense", "training_expense", "travel_expense"})

_COMPILED = tuple((pattern, pattern.compiled()) for pattern in CATALOGUE)


def match_label(
    label: str, kind: str, sentence: str = "", unit: str | None = None
) -> tuple[StatementPattern, int] | None:
    """The pattern naming the figure whose label is `label`, and where its words start."""
    best: tuple[tuple[bool, int, int], StatementPattern, int] | None = None
    for pattern, regex in _COMPILED:
        if kind not in pattern.kinds or (pattern.units is not None and unit not in pattern.units):
            continue
        if pattern.excluded_in and re.search(pattern.excluded_in, sentence):
            continue
        found = regex.search(label)
        if found is None:
            continue
        rank = (not pattern.weak, found.end("words"), -found.start())
        if best is None or rank > best[0]:
            best = (rank, pattern, found.start())
    return (best[1], best[2]) if best else None


def own_scope(metric: str) -> str | None:
    """The scope a metric's own name fixes (“三公”经费 → fiscal), if it fixes one."""
    return next((p.scope for p in CATALOGUE if p.name == metric and p.scope), None)


def unknown_metrics() -> set[str]:
    """Metrics the catalogue yields that the vocabulary does not define (must be empty)."""
    return {pattern.yields for pattern in CATALOGUE} - set(METRICS)


# Change against the prior year: "与2022年相比,收、支总计各增加232.56万元", "增长123.06%".
NEGATIVE_CHANGE = {"减少", "下降", "减支", "降低", "节约", "压缩", "压减", "缩减", "节省", "少支出", "节支"}
# A saving is against the budget, whatever else the sentence compares: "完成调整后预算的90.81%,节约3.08万元".
SAVING = {"节约", "节省", "节支"}
CHANGE_VERBS = ("增加", "增长", "增支", "上升", "多支出", "超支", *sorted(NEGATIVE_CHANGE - {"节省"}), "持平")
CHANGE = re.compile(
    rf"(?P<subject>.*?)(?:各|分别)?(?P<direction>{'|'.join(v for v in CHANGE_VERBS if v != '持平')})(?:了)?$"
)
# The verb before what changed: "压缩公务接待费52万元", "节约公用经费3万元", and in a reason clause
# "主要原因是基本支出增加人员经费1408.29万元" (the figure is the change, not the level).
VERB_FIRST_CHANGE = re.compile(
    r"^(?:(?:主要)?原因(?:是|为|主要是)[^,;:]*?)?(?P<direction>压缩|减少|增加|节约|节省)(?:了)?"
    r"(?P<subject>[^,;:增减]{2,30})$"
)
# A stated share: "占59.37%", "占本年支出合计的100%", "占政府采购支出总额的0%".
SHARE = re.compile(r"^占(?P<base>.*?)(?:的)?(?:比重|比例)?(?:为)?$")
# Completion against budget: "完成预算100%", "完成年初预算的95%", "决算数为预算的77.7%", "为年初预算数的104.2%".
COMPLETION = re.compile(r"(?:完成|为|是|达到?|相当于)(?:年初|全年|调整(?:后)?)?预算(?:数)?(?:的)?$")
# A list of the parts of the figure just named.
# "按功能分类:" / "按经济分类:" introduce the lines of a classification, as 主要用于 does.
LIST_INTRO = re.compile(
    r"按(?:支出)?(?:功能|经济)(?:分类|科目)(?:划分|分)?|其中|主要包括|主要用于|具体包括|包括|中[,:]|分别为|分别是"
)
# Document numbers of funding decisions: 米财预[2023]16号, 川财教〔2023〕12号.
FUNDING_DOCUMENT = re.compile(r"(?:根据|依据|据)?(?P<number>[\u4e00-\u9fff]{1,6}[\[〔(【]\d{4}[\]〕)】]\d+号)")
# Economic classification 类 names (部门预算支出经济分类 301-399) as they are written.
ECONOMIC_CLASS = re.compile(
    r"^(?:工资福利(?:支出)?|商品和服务(?:支出)?|对个人和家庭的?补助(?:支出)?|资本性支出|对企业补助|债务利息及费用支出|"
    r"其他支出)$"
)
GRADE = re.compile(
    r"(?:自评|评价|绩效)?(?:等级|结果|级别)(?:为|是|:)[\"“]?(?P<grade>优秀|良好|优|良|中等|中|合格|不合格|差)[\"”]?"
)
# A budget split by where the money comes from (上级资金安排年初预算数 …): not the budget itself.
FUNDING_SOURCE_SPLIT = re.compile(r"(?:上级|本级|其他|自筹|中央|省级|市级|县级|区级)(?:资金|财力|补助)")
# "常年项目绩效分析。该类项目总数19个 …": the figures after it are of that group of projects.
PROJECT_GROUP = re.compile(r"^(?P<group>[\u4e00-\u9fff()]{2,16}项目)(?:绩效分析|情况|分析)?[。:]?$")
# "本级财力共计6个项目": a count of projects written before the word 项目.
PROJECT_COUNT_BEFORE = re.compile(r"(?:共计|共有|合计|共)$")

# "公务接待费一项由263.48万元减至211.48万元": the first figure is last year's, the second this year's.
FROM_TO_START = re.compile(r"(?P<name>[^,;:]*?)(?:一项|项目)?(?:由|从)$")


# The patterns above that end in `$` after a lazy subject are matched from where their match must
# start: a `search` would retry the subject at every position, quadratic in the text's length.
def change_at_end(text: str) -> re.Match[str] | None:
    """CHANGE at the end of `text` (its subject runs from the start of the last line)."""
    return CHANGE.match(text, text.rfind("\n") + 1)


def from_to_start_at_end(text: str) -> re.Match[str] | None:
    """FROM_TO_START at the end of `text` (its name runs from the last clause mark)."""
    return FROM_TO_START.match(text, max(text.rfind(mark) for mark in ",;:") + 1)


FROM_TO_VERBS = tuple(
    verb + to for verb in ("减少", "增加", "下降", "调整", "减", "降", "增", "升", "变") for to in ("至", "到", "为")
)
FROM_TO_END = re.compile(rf"^(?:{'|'.join(FROM_TO_VERBS)})$")
# A project named inline, after a list number or at a sentence start: "1、烈士纪念设施维修项目:预算…".
INLINE_PROJECT = re.compile(
    r"(?:(?<![\d.])\d{1,2}[、.]|^|(?<=[。;]))(?P<name>(?:\d{4}年度?)?[\u4e00-\u9fff][\u4e00-\u9fff\d()]{1,40}?项目)[:]"
)
# Figures listed after the names they belong to, in the same order: "A、B和C分别为x、y和z".
RESPECTIVELY = re.compile(r"(?:分别|依次|各自)(?:为|是|达到?)?$|(?:分别|依次)(?:为|是)[:]?$")
# "较2020年4729万元减少533万元": the figure compared with, written between 较 and the change.
# The budget of the figure just stated, written as what it is compared with: "“三公”经费支出7.35万元,
# 较预算数9.00万元节约1.65万元", "比年初预算10.00万元减少2.65万元" (not the department's budget).
COMPARED_BUDGET_FIGURE = re.compile(r"^(?:较|比|与)(?P<initial>年初)?(?:全年|调整后)?预算(?:数)?(?:的)?$")
COMPARED_FIGURE = re.compile(
    # "决算数比上年决算1,188.65万元": a bare 决算数 before it restates the figure just stated
    r"^(?:(?:决算|预算|支出)数?)?(?:较|比|与|同)(?:上年|上一年|上年度|(?P<year>\d{4})年度?)(?:同期)?(?:的)?"
    r"(?P<basis>预算|决算|执行|实际)?(?:数)?(?:的)?$"
)
# Last year's figure of the figure just stated: "公务用车购置费0万元,上年为62.40万元", "(上年为541.02万元)".
# "因公出国(境)费预算0万元,上年预算0万元": the words alone, when they name a basis.
PRIOR_OF_STATED = re.compile(
    r"^[(（]?(?:上年|上一年|上年度|去年)(?:同期)?(?:(?P<basis>预算|决算)(?:数)?(?:为|是)?|(?:数)?(?:为|是))$"
)
# The two parts of 公务用车购置及运行维护费 named short inside its own list: "(其中购置费0.21亿元、运行维护费…)".
VEHICLE_SHORT_PARTS = (
    ("three_public_vehicle_purchase", re.compile(r"^(?:其中)?(?:车辆)?购置(?:费|支出)?$")),
    ("three_public_vehicle_operation", re.compile(r"^(?:其中)?(?:车辆)?运行(?:维护|维修)?(?:费|支出)?$")),
)
# The three kinds of government procurement named short inside the list of its total
# ("政府采购支出总额1,652.40万元,其中:货物类318.75万元、工程类…、服务类…").
PROCUREMENT_SHORT_PARTS = (
    ("procurement_goods", re.compile(r"^(?:其中)?货物类?(?:采购)?$")),
    ("procurement_works", re.compile(r"^(?:其中)?工程类?(?:采购)?$")),
    ("procurement_services", re.compile(r"^(?:其中)?服务类?(?:采购)?$")),
)
# “三公” items said in words to be nil: "因公出国(境)费无此项支出", "…、公务接待费均未发生",
# "公务用车购置费为零", "因公出国(境)费和公务接待费无此项预算", "…预算均为0", "无公务用车购置计划".
_ITEM = (
    r"(?:因公出国\(境\)(?:经)?费?|公务用车购置及运行(?:维护)?费?|公务用车购置费?|公务用车运行(?:维护)?费?"
    r"|公务接待费?)"
)
NIL_ITEMS = re.compile(
    rf"(?P<names>{_ITEM}(?:(?:、|和|及|与|以及){_ITEM})*)(?:支出|预算|经费)?(?:数)?(?:均|都|全部)?"
    r"(?P<verb>无此项(?:支出|预算)?|(?:未|没有)发生(?!变化|改变|较大)|为零(?!增长|星|散|基)|为0(?![.\d元万%])"
    r"|未安排(?:预算)?)"
    r"|(?:本年|今年)?无(?P<purchase>公务用车购置)(?:计划|预算)"
)
THREE_PUBLIC_ITEM = re.compile(_ITEM)

# Which wholes have parts named short inside their own list.
SHORT_PARTS = {"three_public_vehicle": VEHICLE_SHORT_PARTS, "procurement_total": PROCUREMENT_SHORT_PARTS}
# The parts of a whole that a text can say the whole is all of ("…6.50万元,全部为公务用车运行维护费").
PARTS_OF_WHOLE = {
    "three_public_total": ("three_public_outbound_travel", "three_public_vehicle", "three_public_reception"),
    "three_public_vehicle": ("three_public_vehicle_purchase", "three_public_vehicle_operation"),
    "procurement_total": ("procurement_goods", "procurement_works", "procurement_services"),
}
# "全部为公务接待费" / "均为公务用车运行维护费" / "全部用于货物类": the name runs to the end of its clause.
WHOLLY_ONE_PART = re.compile(r"(?:全部|均|全额)(?:为|是|用于)(?P<name>[^,;:。、()\d]{2,24}?)(?=[,;。]|$)")
WHOLLY_ONE_PART_NOT = re.compile(r"增加|减少|增长|下降|节约|持平|预算|决算|拨款|资金|安排")
# A whole that is all of one fund or source ("全部为一般公共预算财政拨款支出"): the whole → what it may be.
WHOLLY_ONE_SOURCE = {
    "expenditure_total": ("gpb_expenditure",),
    "income_total": ("fiscal_appropriation_income", "gpb_appropriation_income"),
    "fiscal_appropriation_income": ("gpb_appropriation_income",),
}
# A group of units inside the reported whole: 区直 / 市直 / 县直 / 省直 departments, the units just
# listed ("上述6个部门“三公”经费合计"), the first few of a ranking ("前三家").
SUBSET_OF_UNITS = re.compile(
    r"[区市县省州旗]直(?!接|辖)(?:属)?|(?:上述|以上)[\d一二三四五六七八九十两]*(?:个|家)?(?:部门|单位)"
    r"|前[\d一二三四五六七八九十]+(?:个|名|位|家)(?:部门|单位)?"
    r"|(?<![所下]属)(?<![共有])(?<!包括)\d+个(?:部门|单位)"  # "3个部门超标准列支“三公”经费86.52万元"
)
# One level of a government's units, right before a figure's name: "市级政府采购规模78.15亿元",
# "镇街(园区)政府采购规模108.27亿元" on a page about the whole city (全市) are parts of the whole.
LEVEL_OF_UNITS = re.compile(r"(?:[省市县区镇乡]级|镇街|乡镇)(?:\([\u4e00-\u9fff]{1,6}\))?$")
WHOLE_AREA = re.compile(r"全[省市县区州旗盟]")
# Kinds of posts: where a sentence names two (行政编制4个,参公事业编制2个), each is a part, not the total.
ESTABLISHMENT_KINDS = re.compile(r"(?:参公事业|参照公务员法管理事业|行政|事业|工勤)编制")
# What the text says of a line's actual against its budget: "决算数小于预算数", "决算数等于年初预算数".
# 基本持平 says too little to check.
STATED_COMPARISON = re.compile(rf"决算数?(?:与)?(?P<relation>{'|'.join(STATED_RELATIONS)})(?:年初|全年|调整后)?预算数?")
# The year a document states of itself: a heading naming its 部门决算/预算, the closing date of final accounts.
YEAR_IN_HEADING = re.compile(r"(?P<year>20\d{2})年度?(?:部门|单位)?(?P<kind>决算|预算)")
YEAR_AT_CLOSE = re.compile(r"截[至止](?P<year>20\d{2})年12月31日")
# A template's placeholder left in: "上海市普陀区XX局", "××单位"; not a contact's name or telephone
# masked for privacy ("联系人:李××", "0938-82xxxxx").
PLACEHOLDER = re.compile(
    r"(?<![A-Za-z0-9-])(?<!人:[\u4e00-\u9fff])(?<!人：[\u4e00-\u9fff])(?<!联系人[\u4e00-\u9fff])"
    r"(?:XX+|xx+|××+)(?=[\u4e00-\u9fff])"
)


# The total rows of the standard tables, by the metric each states.
TABLE_TOTAL_LABELS = {
    "本年收入合计": "income_total", "收入合计": "income_total", "本年支出合计": "expenditure_total",
    "支出合计": "expenditure_total", "年初结转和结余": "carryover_begin", "年末结转和结余": "carryover_end",
    "总计": "total_income_expenditure", "收入总计": "total_income_expenditure",
    "支出总计": "total_income_expenditure", "人员经费合计": "personnel_expense",
    "公用经费合计": "public_expense", "当年收入小计": "income_total", "本年收入小计": "income_total",
    "当年支出小计": "expenditure_total", "本年支出小计": "expenditure_total",
}  # fmt: skip
