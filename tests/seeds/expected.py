"""Facts the seed documents state, written by reading them (not by running the extractor).

Each fact: (metric, scope, period, basis, project, subject_metric, value as written).
Money in 万元 as printed. Line numbers refer to the seed files in data/samples/.
"""

from decimal import Decimal as D

A, B, INI = "actual", "budget", "initial_budget"
DEPT, FISCAL, GPB = "department", "fiscal", "gpb"
CUR = "current"

P1, P2, P3 = "高新区征地拆迁工作项目", "高新区农业农村工作项目", "财政衔接推进乡村振兴补助资金项目"
SEED_000 = {
    # 一、自评工作开展情况: 预算总金额 / 预算下达总金额 / 全年执行数总金额 / 预算执行率
    ("budget_adjusted", DEPT, CUR, B, None, None, D("1941.4050")),
    ("budget_issued", DEPT, CUR, B, None, None, D("1941.4050")),
    ("executed", DEPT, CUR, A, None, None, D("1941.4050")),
    ("execution_rate_pct", DEPT, CUR, A, None, None, D("100")),
    ("self_eval_score", DEPT, CUR, A, None, None, D("100")),  # 二、自评得分100分
    # (一)高新区征地拆迁工作项目: 全年预算数79.9050万元 …
    ("budget_adjusted", DEPT, CUR, B, P1, None, D("79.9050")),
    ("budget_issued", DEPT, CUR, B, P1, None, D("79.9050")),
    ("executed", DEPT, CUR, A, P1, None, D("79.9050")),
    ("execution_rate_pct", DEPT, CUR, A, P1, None, D("100")),
    ("budget_adjusted", DEPT, CUR, B, P2, None, D("44.5")),
    ("budget_issued", DEPT, CUR, B, P2, None, D("44.5")),
    ("executed", DEPT, CUR, A, P2, None, D("44.5")),
    ("execution_rate_pct", DEPT, CUR, A, P2, None, D("100")),
    ("budget_adjusted", DEPT, CUR, B, P3, None, D("1817")),
    ("budget_issued", DEPT, CUR, B, P3, None, D("1817")),
    ("executed", DEPT, CUR, A, P3, None, D("1817")),
    ("execution_rate_pct", DEPT, CUR, A, P3, None, D("100")),
}


def outputs(project: str | None, *values: str) -> set[tuple]:
    """output_quantity facts: what a performance report says was done, with its unit."""
    return {("output_quantity", DEPT, CUR, A, project, None, D(value)) for value in values}


SEED_001 = {
    # 1、收入支出决算总体情况: 收、支总计421.54万元, 各增加232.56万元, 增长123.06%
    ("total_income_expenditure", DEPT, CUR, A, None, None, D("421.54")),
    ("change_amount", DEPT, CUR, A, None, "total_income_expenditure", D("232.56")),
    ("growth_pct", DEPT, CUR, A, None, "total_income_expenditure", D("123.06")),
    # 2、收入决算: 本年收入合计421.54, 一般公共预算财政拨款收入421.54 (占100%)
    ("income_total", DEPT, CUR, A, None, None, D("421.54")),
    ("gpb_appropriation_income", DEPT, CUR, A, None, None, D("421.54")),
    # 3、支出决算: 本年支出合计421.54, 基本支出250.27 (59.37%), 项目支出171.27 (40.63%)
    ("expenditure_total", DEPT, CUR, A, None, None, D("421.54")),
    ("basic_expenditure", DEPT, CUR, A, None, None, D("250.27")),
    ("project_expenditure", DEPT, CUR, A, None, None, D("171.27")),
    # 四、财政拨款收、支总计421.54, 增加232.56, 增长123.06%
    ("total_income_expenditure", FISCAL, CUR, A, None, None, D("421.54")),
    ("change_amount", FISCAL, CUR, A, None, "total_income_expenditure", D("232.56")),
    ("growth_pct", FISCAL, CUR, A, None, "total_income_expenditure", D("123.06")),
    # 五、一般公共预算财政拨款支出421.54 (three statements), 增加232.56, 增长123.06%
    ("gpb_expenditure", GPB, CUR, A, None, None, D("421.54")),
    ("change_amount", GPB, CUR, A, None, "gpb_expenditure", D("232.56")),
    ("growth_pct", GPB, CUR, A, None, "gpb_expenditure", D("123.06")),
    # 五、一般公共预算支出决算数为421.54万元，完成预算100%
    ("execution_rate_pct", GPB, CUR, A, None, "gpb_expenditure", D("100")),
    # 六、基本支出250.27: 人员经费236.24, 公用经费14.03
    ("basic_expenditure", GPB, CUR, A, None, None, D("250.27")),
    ("personnel_expense", GPB, CUR, A, None, None, D("236.24")),
    ("public_expense", GPB, CUR, A, None, None, D("14.03")),
    # 七、“三公”经费 (all zero)
    ("three_public_total", FISCAL, CUR, A, None, None, D("0")),
    ("three_public_outbound_travel", FISCAL, CUR, A, None, None, D("0")),
    ("three_public_vehicle", FISCAL, CUR, A, None, None, D("0")),
    ("three_public_vehicle_purchase", FISCAL, CUR, A, None, None, D("0")),
    ("three_public_vehicle_operation", FISCAL, CUR, A, None, None, D("0")),
    ("three_public_reception", FISCAL, CUR, A, None, None, D("0")),
    ("three_public_reception_domestic", FISCAL, CUR, A, None, None, D("0")),
    ("three_public_reception_foreign", FISCAL, CUR, A, None, None, D("0")),
    ("vehicle_count", FISCAL, CUR, A, None, None, D("0")),  # 单位共有公务用车0辆
    ("vehicle_purchase_count", FISCAL, CUR, A, None, None, D("0")),  # 全年按规定更新购置公务用车0辆
    ("three_public_outbound_travel_groups", FISCAL, CUR, A, None, None, D("0")),  # 因公出国（境）团组0次
    ("three_public_outbound_travel_persons", FISCAL, CUR, A, None, None, D("0")),  # 出国（境）0人
    ("reception_batches", FISCAL, CUR, A, None, None, D("0")),  # 国内公务接待0批次 (外事接待0批次 is not)
    ("reception_persons", FISCAL, CUR, A, None, None, D("0")),  # 0人次
    # 因公出国（境）经费 / 公务用车购置及运行维护费 / 公务接待费支出0万元，完成预算0%
    ("execution_rate_pct", FISCAL, CUR, A, None, "three_public_outbound_travel", D("0")),
    ("execution_rate_pct", FISCAL, CUR, A, None, "three_public_vehicle", D("0")),
    ("execution_rate_pct", FISCAL, CUR, A, None, "three_public_reception", D("0")),
    # 八、九: 政府性基金 / 国有资本经营预算财政拨款支出0万元
    ("gov_fund_expenditure", "gov_fund", CUR, A, None, None, D("0")),
    ("soe_capital_expenditure", "soe_capital", CUR, A, None, None, D("0")),
    # 十、机关运行经费14.03, 增加5.3, 增长60.71%; 政府采购 (all zero); 车辆0辆
    ("agency_operating_expense", DEPT, CUR, A, None, None, D("14.03")),
    ("change_amount", DEPT, CUR, A, None, "agency_operating_expense", D("5.3")),
    ("growth_pct", DEPT, CUR, A, None, "agency_operating_expense", D("60.71")),
    ("procurement_total", DEPT, CUR, A, None, None, D("0")),
    ("procurement_goods", DEPT, CUR, A, None, None, D("0")),
    ("procurement_works", DEPT, CUR, A, None, None, D("0")),
    ("procurement_services", DEPT, CUR, A, None, None, D("0")),
    ("procurement_sme_awarded", DEPT, CUR, A, None, None, D("0")),
    ("procurement_micro_awarded", DEPT, CUR, A, None, None, D("0")),
    ("vehicle_count", DEPT, CUR, A, None, None, D("0")),
    # 其中：主要领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、其他用车0辆，单价100万元以上专用设备0台（套）
    ("vehicle_count_leader", DEPT, CUR, A, None, None, D("0")),
    ("vehicle_count_confidential", DEPT, CUR, A, None, None, D("0")),
    ("vehicle_count_emergency", DEPT, CUR, A, None, None, D("0")),
    ("vehicle_count_other", DEPT, CUR, A, None, None, D("0")),
    ("equipment_count_special", DEPT, CUR, A, None, None, D("0")),
    ("self_eval_score", DEPT, CUR, A, None, None, D("95")),  # 绩效自评得分为95分 (twice)
    # 第四部分 附件: 年末实有在职人数12人; 正式在编人员12人
    ("headcount", DEPT, CUR, A, None, None, D("12")),
    ("headcount_on_payroll", DEPT, CUR, A, None, None, D("12")),
    # 二(一) 年初预算360.78 其中 … 公用经费预算14.04 … 特定项目支出6.73; 2022年项目结转结余资金160
    ("budget_initial", DEPT, CUR, INI, None, None, D("360.78")),
    ("public_expense", DEPT, CUR, INI, None, None, D("14.04")),
    ("project_expenditure", DEPT, CUR, INI, None, None, D("6.73")),
    ("carryover_begin", DEPT, CUR, INI, None, None, D("160")),
    # 二(二) 一般公共预算财政拨款支出421.54, 其中人员经费236.24, 公用经费14.03, 项目支出171.27
    ("personnel_expense", DEPT, CUR, A, None, None, D("236.24")),
    ("public_expense", DEPT, CUR, A, None, None, D("14.03")),
    ("project_expenditure", GPB, CUR, A, None, None, D("171.27")),
    # (三)一般公共预算财政拨款支出决算具体情况: seven lines each "…支出决算为X万元…,决算数等于预算数"
    ("stated_comparison", GPB, CUR, A, None, None, "决算数等于预算数"),
    # 第二部分 2023年度部门决算情况说明 (heading), 截至2023年12月31日 (车辆): the year it reports on
    ("stated_year", DEPT, CUR, A, None, None, D("2023")),
}

SEED_002 = {
    ("headcount_on_payroll", DEPT, CUR, A, None, None, D("26")),  # 在编人员共26人
    # (三)部门整体支出情况
    ("budget_initial", DEPT, CUR, INI, None, None, D("483.15")),
    ("budget_adjusted", DEPT, CUR, B, None, None, D("2774.62")),
    ("budget_issued", DEPT, CUR, B, None, None, D("2774.62")),
    ("executed", DEPT, CUR, A, None, None, D("2679.48")),
    ("basic_expenditure", DEPT, CUR, A, None, None, D("508.24")),
    ("project_expenditure", DEPT, CUR, A, None, None, D("2171.21")),
    # 财政拨款“三公”经费预算数3.97 (接待0.2, 公务用车3.77); 决算数2.75 (接待0, 公务用车2.75)
    ("three_public_total", FISCAL, CUR, B, None, None, D("3.97")),
    ("three_public_reception", FISCAL, CUR, B, None, None, D("0.2")),
    ("three_public_vehicle", FISCAL, CUR, B, None, None, D("3.77")),
    ("three_public_total", FISCAL, CUR, A, None, None, D("2.75")),
    ("three_public_reception", FISCAL, CUR, A, None, None, D("0")),
    ("three_public_vehicle", FISCAL, CUR, A, None, None, D("2.75")),
    # 财政预算拨款安排公用经费42万元, 实际支出23.53万元
    ("public_expense", FISCAL, CUR, B, None, None, D("42")),
    ("public_expense", FISCAL, CUR, A, None, None, D("23.53")),
    ("self_eval_score", DEPT, CUR, A, None, None, D("92.76")),
    ("grade", DEPT, CUR, A, None, None, "优"),
    # 部门预算资金支出完成率: 实际支出2679.48, 财政下达预算数2774.62, 96.57%
    ("execution_rate_pct", DEPT, CUR, A, None, None, D("96.57")),
    # 结转结余率: 年末95.14, 年初643.46, 一般公共预算547.32, 政府性基金1583.84
    # 年末财政拨款结转和结余 / 年初财政拨款结转和结余: the appropriation's carry-overs (财政拨款 in their name)
    ("carryover_end", FISCAL, CUR, A, None, None, D("95.14")),
    ("carryover_begin", FISCAL, CUR, A, None, None, D("643.46")),
    ("gpb_expenditure", GPB, CUR, A, None, None, D("547.32")),
    ("gov_fund_expenditure", "gov_fund", CUR, A, None, None, D("1583.84")),
    ("procurement_total", DEPT, CUR, A, None, None, D("9.46")),  # 实际采购数9.46万元
    # 经济性: “三公”经费预算安排3.97, 实际支出2.75; 公用经费预算数42, 决算数23.53
    ("public_expense", DEPT, CUR, B, None, None, D("42")),
    ("public_expense", DEPT, CUR, A, None, None, D("23.53")),
}

SEED_003 = {
    ("budget_adjusted", GPB, CUR, B, None, None, D("187.19")),  # 2022年预算资金187.19万元
    ("gpb_appropriation_income", DEPT, CUR, A, None, None, D("191.11")),
    ("gpb_expenditure", GPB, CUR, A, None, None, D("191.11")),
    ("project_expenditure", GPB, CUR, A, None, None, D("25.12")),
    ("basic_expenditure", GPB, CUR, A, None, None, D("165.99")),
    ("personnel_expense", GPB, CUR, A, None, None, D("140.78")),
    ("public_expense", GPB, CUR, A, None, None, D("25.21")),
}

UP, LOCAL = "上级资金项目", "本级财力项目"
SEED_004 = {
    ("headcount_authorised", DEPT, CUR, A, None, None, D("29")),  # 事业编制 29 名
    ("headcount", DEPT, CUR, A, None, None, D("36")),  # 实有人数 36 人
    ("headcount_on_payroll", DEPT, CUR, A, None, None, D("25")),  # 在编人员 25 人
    ("budget_initial", DEPT, CUR, INI, None, None, D("229516.07")),
    ("budget_adjusted", DEPT, CUR, B, None, None, D("229516.07")),
    ("executed", DEPT, CUR, A, None, None, D("229516.07")),
    ("execution_rate_pct", DEPT, CUR, A, None, None, D("100")),
    # 其中: 财政资金预算部分 年初431.10, 全年29462.47, 决算29461.73
    ("budget_initial", FISCAL, CUR, INI, None, None, D("431.10")),
    ("budget_adjusted", FISCAL, CUR, B, None, None, D("29462.47")),
    ("executed", FISCAL, CUR, A, None, None, D("29461.73")),
    # 4.资金使用: 全年预算支出金额229516.07, 基本支出450.94, 项目支出229065.13
    ("basic_expenditure", DEPT, CUR, B, None, None, D("450.94")),
    ("project_expenditure", DEPT, CUR, B, None, None, D("229065.13")),
    # (一)基本支出: 人员经费435.62, 公用经费15.32, 实际支出450.94, 执行率100%
    ("personnel_expense", DEPT, CUR, B, None, None, D("435.62")),
    ("public_expense", DEPT, CUR, B, None, None, D("15.32")),
    ("basic_expenditure", DEPT, CUR, A, None, None, D("450.94")),
    ("execution_rate_pct", DEPT, CUR, A, None, "basic_expenditure", D("100")),
    # 2.项目使用: 项目总金额229065.13, 执行金额229065.13
    ("project_expenditure", DEPT, CUR, A, None, None, D("229065.13")),
    ("budget_adjusted", DEPT, CUR, B, UP, None, D("88667.67")),
    ("executed", DEPT, CUR, A, UP, None, D("88667.67")),
    ("budget_adjusted", DEPT, CUR, B, LOCAL, None, D("229065.13")),
    ("executed", DEPT, CUR, A, LOCAL, None, D("229065.13")),
    ("self_eval_score", DEPT, CUR, A, None, None, D("100")),  # 综合得分100分
    ("grade", DEPT, CUR, A, None, None, "优"),  # 评价结果为"优"
}

# 001: classified lines as (classification, level, name as written, class, kuan, basis, amount)
SEED_001_FUNCTIONAL = {
    ("functional", 1, "社会保障和就业支出", None, None, A, D("24.06")),
    ("functional", 1, "卫生健康支出", None, None, A, D("16.42")),
    ("functional", 1, "自然资源海洋气象等支出", None, None, A, D("366.24")),
    ("functional", 1, "住房保障支出", None, None, A, D("14.82")),
    ("functional", 3, "机关事业单位基本养老保险", "社会保障和就业", "行政事业单位养老", A, D("24.06")),
    ("functional", 3, "事业单位医疗", "卫生健康", "行政事业单位医疗", A, D("9.43")),
    ("functional", 3, "公务员医疗补助", "卫生健康", "行政事业单位医疗", A, D("6.99")),
    ("functional", 3, "土地资源储备", "自然资源海洋气候气象等支出", "自然资源事务", A, D("170.18")),
    ("functional", 3, "事业运行", "自然资源海洋气候气象等支出", "自然资源事务", A, D("194.96")),
    ("functional", 3, "其他自然资源事务", "自然资源海洋气候气象等支出", "自然资源事务", A, D("1.1")),
    ("functional", 3, "住房公积金", "住房保障支出", "住房改革支出", A, D("14.83")),
}
# 人员经费236.24 / 公用经费14.03 主要包括 … (actuals, line 113-114)
SEED_001_ECONOMIC_ACTUAL = {
    ("personnel_expense", "基本工资", D("48.11")),
    ("personnel_expense", "津贴补贴", D("7.37")),
    ("personnel_expense", "绩效工资", D("118.1")),
    ("personnel_expense", "其他工资福利支出", D("6.16")),
    ("personnel_expense", "机关事业单位基本养老保险缴费", D("24.06")),
    ("personnel_expense", "职工基本医疗保险缴费", D("9.43")),
    ("personnel_expense", "公务员医疗补助缴费", D("6.99")),
    ("personnel_expense", "其他社会保障缴费", D("1.18")),
    ("personnel_expense", "住房公积金", D("14.83")),
    ("public_expense", "办公费", D("1.99")),
    ("public_expense", "水费", D("0.04")),
    ("public_expense", "电费", D("0.72")),
    ("public_expense", "邮电费", D("4.08")),
    ("public_expense", "差旅费", D("0.73")),
    ("public_expense", "培训费", D("0.07")),
    ("public_expense", "福利费", D("1.39")),
    ("public_expense", "劳务费", D("3.69")),
    ("public_expense", "其他商品和服务支出", D("1.31")),
}
# 项目支出171.27万元, 主要包括 … (name, amount, funding document)
SEED_001_PROJECTS = {
    ("土地征收项目管理工作经费", D("0.29"), "米财预[2023]16号"),
    ("米易县集体土地征收智能管理信息系统建设专项", D("6.44"), "米财预[2023]16号"),
    ("米易县集体土地征收智能管理信息系统建设", D("151.52"), "米财资农[2022]216号"),
    ("米易县集体土地征收智能信息系统维护费", D("11.92"), "米财资农[2023]266号"),
    ("援藏援彝等其他项目", D("0.79"), "米财预[2023]16号"),
    ("援藏援彝等其他项目", D("0.31"), "米财资农[2023]218号"),
}

# Outputs (产出) stated with physical units, read from the reports.
# 000 (一)征地拆迁: 完成征地820亩, 拆迁房屋11.6万平方米, 安置217户; 农业农村: 粮食播种面积不少于4.08万亩,
# 培训人员70人次, 排查全镇农户10838户, 十类重点人群共1094户.
SEED_000 |= outputs(P1, "820", "11.6", "217") | outputs(P2, "4.08", "70", "10838", "1094")
# 002: 收储土地17宗/约891亩, 出让土地8宗/约682亩, 新增改造180亩, 完成改造110亩, 新增实施改造266.76亩,
# 实施改造195.72亩 (stated twice), 接受信访4人次, 按规定答复3人次.
SEED_002 |= outputs(None, "17", "891", "8", "682", "180", "110", "266.76", "195.72", "4", "3")
# 003: 集体土地征拆3006亩, 国有房屋征收9052㎡, 完成911.17亩, 百日攻坚466亩 / 7500㎡, 完成360亩, 拆除8户.
SEED_003 |= outputs(None, "3006", "9052", "911.17", "466", "7500", "360", "8")
# 004: 灭籍679户, 免契税244户, 巡视巡察案件23件, 信访561件, 拟定供地11宗, 已征未开发84宗/8071亩, 专项债16宗,
# 拆除附属物约2.8万平方米, 拆除约2万平方米, 渣土约5万立方米, 危房6处/约1万平方米.
SEED_004 |= outputs(None, "679", "244", "23", "561", "11", "84", "8071", "16", "2.8", "2", "5", "6", "1")

# Project groups and counts.
# 001 (二)部门预算项目绩效分析: 常年项目 … 该类项目总数19个, 涉及预算总金额270.01万元, 预算执行总体进度为100%;
# 阶段(一次性)项目 … 总数1个, 151.53万元, 100%.
for _group, _count, _budget in (("常年项目", "19", "270.01"), ("阶段(一次性)项目", "1", "151.53")):
    SEED_001 |= {
        ("project_count", DEPT, CUR, A, _group, None, D(_count)),
        ("budget_adjusted", DEPT, CUR, B, _group, None, D(_budget)),
        ("execution_rate_pct", DEPT, CUR, A, _group, None, D("100")),
    }
# 003: 市下达我区征拆征收任务共20个项目.
SEED_003 |= {("project_count", DEPT, CUR, A, None, None, D("20"))}
# 004: 本年上级资金共计1个项目 …; 本级财力共计6个项目 ….
SEED_004 |= {("project_count", DEPT, CUR, A, UP, None, D("1")), ("project_count", DEPT, CUR, A, LOCAL, None, D("6"))}
