"""The metric vocabulary: the one place metric keys are defined (a public contract; keep keys stable).

Extraction patterns, identity rules, dbt accepted-values tests and docs all read from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Dimensions of a fact besides its metric.
PERIODS = ("current", "prior")
BASES = ("actual", "budget", "initial_budget")
# Whose money a figure counts: the whole department, its fiscal appropriations (财政拨款), or one
# appropriation type. The same words ("基本支出") mean different totals under different scopes.
# non_fiscal: the funds other than the appropriation ("使用事业收入等非财政拨款资金安排的“三公”经费").
NON_FISCAL = "non_fiscal"
SCOPES = ("department", "fiscal", "gpb", "gov_fund", "soe_capital", NON_FISCAL)


@dataclass(frozen=True)
class Metric:
    key: str
    zh: str
    en: str
    kind: str = "money"  # money | percent | score | count | text
    # A spending quantity that can be stated as budget or as actual ("公用经费预算数 … 决算数"),
    # so a bare "决算数" that follows it refers to it. Execution metrics are not: their key is the basis.
    basis_neutral: bool = True
    revenue_source: str | None = None  # code in seeds/revenue_sources.csv for income sources


_METRICS = [
    Metric("total_income_expenditure", "收、支总计", "Total of income and expenditure sides"),
    Metric("income_total", "本年收入合计", "Total income of the year"),
    Metric(
        "fiscal_appropriation_income",
        "财政拨款收入",
        "Fiscal appropriation income",
        revenue_source="fiscal_appropriation",
    ),
    Metric(
        "gpb_appropriation_income",
        "一般公共预算财政拨款收入",
        "General public budget appropriation",
        revenue_source="general_budget_appropriation",
    ),
    Metric(
        "gov_fund_appropriation_income",
        "政府性基金预算财政拨款收入",
        "Government fund appropriation",
        revenue_source="gov_fund_budget_appropriation",
    ),
    Metric(
        "soe_capital_appropriation_income",
        "国有资本经营预算财政拨款收入",
        "SOE capital appropriation",
        revenue_source="state_capital_budget_appropriation",
    ),
    Metric("business_income", "事业收入", "Business (public service) income", revenue_source="business_income"),
    Metric("operating_income", "经营收入", "Operating income", revenue_source="operating_income"),
    Metric(
        "subordinate_income",
        "附属单位上缴收入",
        "Income remitted by subordinate units",
        revenue_source="affiliated_unit_remittance",
    ),
    Metric(
        "superior_subsidy_income", "上级补助收入", "Subsidy from the superior unit", revenue_source="superior_subsidy"
    ),
    Metric("other_income", "其他收入", "Other income", revenue_source="other_income"),
    Metric("expenditure_total", "本年支出合计", "Total expenditure of the year"),
    Metric("basic_expenditure", "基本支出", "Basic expenditure"),
    Metric("project_expenditure", "项目支出", "Project expenditure"),
    Metric("operating_expenditure", "经营支出", "Operating expenditure"),
    Metric("contingency_reserve", "单位预留机动经费", "Unit contingency reserve (a third spending component)"),
    Metric("remittance_to_superior_expenditure", "上缴上级支出", "Remittance to the superior unit"),
    Metric("subsidy_to_subordinate_expenditure", "对附属单位补助支出", "Subsidy to subordinate units"),
    Metric("personnel_expense", "人员经费", "Personnel expenses"),
    Metric("public_expense", "公用经费", "Public (operating) expenses"),
    Metric("gpb_expenditure", "一般公共预算财政拨款支出", "General public budget expenditure"),
    Metric("gov_fund_expenditure", "政府性基金预算财政拨款支出", "Government fund expenditure"),
    Metric("soe_capital_expenditure", "国有资本经营预算财政拨款支出", "SOE capital budget expenditure"),
    Metric("three_public_total", "“三公”经费", "Three public expenses, total"),
    Metric("three_public_outbound_travel", "因公出国(境)费", "Official outbound travel"),
    Metric("three_public_vehicle", "公务用车购置及运行维护费", "Official vehicles, purchase and operation"),
    Metric("three_public_vehicle_purchase", "公务用车购置费", "Official vehicle purchase"),
    Metric("three_public_vehicle_operation", "公务用车运行维护费", "Official vehicle operation"),
    Metric("three_public_reception", "公务接待费", "Official reception"),
    Metric("three_public_reception_domestic", "国内公务接待费", "Official reception, domestic"),
    Metric("three_public_reception_foreign", "外事接待费", "Official reception, foreign guests"),
    # 会议费、培训费、差旅费: disclosed beside the “三公” in many provinces' budgets (the “三费”).
    Metric("meeting_training_travel_total", "会议费、培训费、差旅费合计", "Meetings, training and travel, total"),
    Metric("meeting_expense", "会议费", "Meetings"),
    Metric("training_expense", "培训费", "Training"),
    Metric("travel_expense", "差旅费", "Travel"),
    Metric("agency_operating_expense", "机关运行经费", "Agency operating expenses"),
    Metric("procurement_total", "政府采购支出总额", "Government procurement, total"),
    Metric("procurement_goods", "政府采购货物支出", "Government procurement of goods"),
    Metric("procurement_works", "政府采购工程支出", "Government procurement of works"),
    Metric("procurement_services", "政府采购服务支出", "Government procurement of services"),
    # By how it was organised: 政府集中采购 + 部门集中采购 + 分散采购 = the total.
    Metric("procurement_centralized", "政府集中采购", "Procurement through the central purchasing body"),
    Metric("procurement_departmental_centralized", "部门集中采购", "Procurement centralised by the department"),
    Metric("procurement_decentralized", "分散采购", "Decentralised procurement"),
    Metric("procurement_sme_awarded", "授予中小企业合同金额", "Procurement awarded to SMEs"),
    Metric("procurement_micro_awarded", "授予小微企业合同金额", "Procurement awarded to micro firms"),
    Metric("procurement_sme_reserved", "面向中小企业预留采购预算", "Procurement budget reserved for SMEs"),
    Metric("procurement_micro_reserved", "面向小微企业预留采购预算", "Procurement budget reserved for micro firms"),
    Metric("budget_initial", "年初预算数", "Initial budget", basis_neutral=False),
    Metric("budget_adjusted", "全年预算数(调整后)", "Adjusted (full-year) budget", basis_neutral=False),
    Metric("budget_issued", "预算下达数", "Budget issued by the finance bureau", basis_neutral=False),
    Metric("executed", "执行数", "Executed (actual spending)", basis_neutral=False),
    Metric("execution_rate_pct", "预算执行率", "Budget execution rate", kind="percent"),
    Metric("self_eval_score", "自评得分", "Self-evaluation total score", kind="score"),
    Metric("grade", "自评等级", "Self-evaluation grade", kind="text"),
    # The words comparing a line's actual with its budget ("决算数小于预算数"); `label` names the line.
    Metric(
        "stated_comparison",
        "决算与预算的比较(文字)",
        "Actual against budget, as the text states it",
        kind="text",
        basis_neutral=False,
    ),
    # What a document states of itself: the year in a heading or closing date, a placeholder left in.
    Metric("stated_year", "文中所述年度", "A year a heading or closing date states", kind="count", basis_neutral=False),
    Metric("placeholder", "未替换的占位符", "A template placeholder left in (XX局)", kind="text", basis_neutral=False),
    Metric("headcount", "实有人数", "Staff actually employed", kind="count"),
    Metric("headcount_on_payroll", "在编人数", "Staff on the establishment payroll", kind="count"),
    Metric("headcount_authorised", "编制数", "Authorised establishment posts", kind="count"),
    Metric("vehicle_count", "车辆数", "Vehicles held", kind="count"),
    Metric("vehicle_purchase_count", "购置车辆数", "Vehicles bought in the year", kind="count"),
    # Vehicles by the kinds of the national template (国有资产占用情况): 其中:一般公务用车2辆、执法执勤用车3辆…
    Metric("vehicle_count_general", "一般公务用车数", "Vehicles: general official use", kind="count"),
    Metric("vehicle_count_law_enforcement", "执法执勤用车数", "Vehicles: law enforcement", kind="count"),
    Metric("vehicle_count_special", "特种专业技术用车数", "Vehicles: special technical", kind="count"),
    Metric("vehicle_count_leader", "领导干部用车数", "Vehicles: leaders' use", kind="count"),
    Metric("vehicle_count_confidential", "机要通信用车数", "Vehicles: confidential communications", kind="count"),
    Metric("vehicle_count_emergency", "应急保障用车数", "Vehicles: emergency support", kind="count"),
    Metric("vehicle_count_retiree_service", "离退休干部服务用车数", "Vehicles: retired cadres' service", kind="count"),
    Metric("vehicle_count_other", "其他用车数", "Vehicles: other", kind="count"),
    # 单价50万元以上通用设备2台(套), 单价100万元以上专用设备1台(套), 单价100万元以上设备(不含车辆)1台
    Metric(
        "equipment_count_general", "大额通用设备台(套)数", "General equipment above the unit-price line", kind="count"
    ),
    Metric(
        "equipment_count_special", "大额专用设备台(套)数", "Special equipment above the unit-price line", kind="count"
    ),
    Metric("equipment_count", "大额设备台(套)数", "Equipment above the unit-price line", kind="count"),
    # The activity behind the “三公” figures, stated beside them: 接待12批次、86人次; 出国(境)团组2个、6人次.
    Metric("reception_batches", "国内公务接待批次", "Official receptions (batches)", kind="count"),
    Metric("reception_persons", "国内公务接待人次", "Official receptions (persons)", kind="count"),
    Metric(
        "three_public_outbound_travel_groups", "因公出国(境)团组数", "Official outbound travel groups", kind="count"
    ),
    Metric("three_public_outbound_travel_persons", "因公出国(境)人次", "Official outbound travellers", kind="count"),
    Metric("project_count", "项目个数", "Number of projects", kind="count", basis_neutral=False),
    # An output a performance report states (征地820亩, 安置217户); `label` says what it counts.
    Metric("output_quantity", "产出数量", "Output stated with its unit", kind="count", basis_neutral=False),
    Metric("carryover_begin", "年初结转和结余", "Carry-over at the beginning of the year"),
    Metric("carryover_end", "年末结转和结余", "Carry-over at the end of the year"),
    Metric("change_amount", "比上年增减额", "Change against the prior year"),
    Metric("growth_pct", "比上年增减率", "Growth rate against the prior year", kind="percent"),
]

METRICS: dict[str, Metric] = {metric.key: metric for metric in _METRICS}

# Ways one whole is broken down: a page may state two of them for one whole ("货物、工程、服务…分别占"
# and "政府集中采购、部门集中采购、分散采购…分别占"), each adding up to 100 % on its own.
BREAKDOWN_OF = {
    **dict.fromkeys(("procurement_goods", "procurement_works", "procurement_services"), "by_kind"),
    **dict.fromkeys(
        ("procurement_centralized", "procurement_departmental_centralized", "procurement_decentralized"),
        "by_organisation",
    ),
    **dict.fromkeys(("procurement_sme_awarded", "procurement_micro_awarded"), "by_supplier_size"),
}

# The relation a stated_comparison's words assert of actual against budget.
STATED_RELATIONS = {
    "大于": ">",
    "多于": ">",
    "高于": ">",
    "超过": ">",
    "小于": "<",
    "少于": "<",
    "低于": "<",
    "等于": "=",
}


def metric(key: str) -> Metric:
    """Look up a metric; an unknown key is a programming error, never data."""
    return METRICS[key]


VOCABULARY_COLUMNS = ("metric", "name_zh", "name_en", "kind", "basis_neutral", "revenue_source")


def vocabulary_rows() -> list[tuple[str, str, str, str, str, str]]:
    """The vocabulary as the rows of seeds/metric_vocabulary.csv (kept in sync by a test)."""
    return [(m.key, m.zh, m.en, m.kind, str(m.basis_neutral).lower(), m.revenue_source or "") for m in _METRICS]


LINE_SUBJECT = "line:"  # a subject that is a classified line, by its position in Extraction.lines


def line_subject(line_index: int) -> str:
    """The subject key of a change of classified line `line_index` (raw.classified_lines.line_id)."""
    return f"{LINE_SUBJECT}{line_index}"


# The first-level items (一级指标) of the national performance frameworks: 决策/过程/产出/效益,
# 投入/过程/产出/效果, 项目决策/项目管理/项目绩效, and 预算执行/产出/效益/满意度 since 2021.
FIRST_LEVEL_NAME = (
    r"(?:项目)?(?:决策|过程|产出|效益|效果|投入|满意度|预算执行(?:率|情况)?)(?:类)?(?:指标)?|项目(?:管理|绩效)(?:指标)?"
)
FIRST_LEVEL = re.compile(rf"^(?:{FIRST_LEVEL_NAME})$")
# Each framework's full set, by first_level_key: where a report scores all of one, its list is complete.
FIRST_LEVEL_FRAMEWORKS = (
    frozenset({"决策", "过程", "产出", "效益"}),
    frozenset({"投入", "过程", "产出", "效益"}),
    frozenset({"投入", "过程", "产出", "效果"}),
    frozenset({"项目决策", "项目管理", "项目绩效"}),
    frozenset({"预算执行", "产出", "效益", "满意度"}),
)


def first_level_key(name: str) -> str:
    """One key for the ways an item is named: 项目产出, 产出指标 and 产出 are one item."""
    name = re.sub(r"[(（]\d+(?:\.\d+)?分?[)）]$", "", name)  # a table's 一级指标 cell may carry its weight: 决策(15)
    return re.sub(r"^项目(?=决策|过程|产出|效益)|(?<=预算执行)(?:率|情况)|类?指标$", "", name)
