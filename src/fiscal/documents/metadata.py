"""Recognise what a document is: type, issuing department, region and fiscal year.

All from the normalised text: the title lines first, then the wording the national templates
use ("纳入X 2023年度部门决算编制范围", "部门单位名称(公章):X").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

FINAL_ACCOUNTS = "final_accounts"
BUDGET = "budget"
PERFORMANCE_OVERALL = "performance_overall"
PERFORMANCE_PROJECT = "performance_project"
UNKNOWN = "unknown"

# Earliest telling phrase decides; title lines are looked at first.
_TYPE_CUES: list[tuple[str, re.Pattern[str]]] = [
    (PERFORMANCE_PROJECT, re.compile(r"项目(支出)?(绩效)?自评")),
    (PERFORMANCE_OVERALL, re.compile(r"整体(支出)?绩效(自评|评价)|绩效自评")),
    # 预决算公开 is a site's section; an audit of the budget's execution reports what was spent
    (FINAL_ACCOUNTS, re.compile(r"(部门|单位)决算|决算(情况)?说明|(?<!预)决算公开|预算执行.{0,12}审计工作报告")),
    (BUDGET, re.compile(r"(部门|单位)预算(?!绩效|项目)|预算(情况)?说明|预算公开")),
]

# How the names of budget units end: provincial departments are 厅 (教育厅, 政协办公厅), and units
# are also 署, 大学, 党校, 台 (气象台), 场 (林场), 园 (幼儿园), 社, 联 (妇联), 协 (科协), 团, 宫.
ORG_SUFFIX = (
    r"(?:中心|局|办公室|办公厅|委员会|委|办|部|院|所|站|队|处|馆|会|政府|办事处|公司|学校|医院|协会|厅|署|大学|"
    r"党校|台|场|园|社|联|协|团|宫)"
)
_HAN = r"[\u4e00-\u9fff]"
_ORG_NAME = rf"{_HAN}[\u4e00-\u9fff()]{{2,60}}?{ORG_SUFFIX}(?:\([\u4e00-\u9fff]{{2,20}}\))?"
_NEXT_FIELD = r"(?=$|\s|单位[:：]|金额单位|填报|主管部门|项目名称|日期|\d|[,;。])"
# (weight, cue): the strongest cues name the unit in a field of the form or table.
# What may stand between a unit's name and the words that say what the page is: the year, 本级, and
# the subject (“三公”经费, 政府采购, 项目自评) of a page that reports one part of the accounts.
_SUBJECT = (
    r"(?:本级|机关)?(?:\d{4}年度?\n?)?(?:部门|单位)?(?:一般公共预算)?(?:财政拨款)?(?:[\"“]?三公[\"”]?经费)?(?:支出)?"
    r"(?:整体支出|项目支出)?(?:决算|预算|绩效|项目自评|整体绩效|政府采购)"
)
# (weight, cue): the strongest cues name the unit in a field of the form or table.
_DEPARTMENT_CUES: list[tuple[int, re.Pattern[str]]] = [
    (5, re.compile(rf"(?:部门|单位)(?:单位)?名称(?:\((?:公章|盖章)\))?[:：]\s*(?P<name>{_ORG_NAME})")),
    # "单位名称襄阳市中心医院填报日期…": the field's colon lost, the next field right after the name
    (5, re.compile(rf"(?:部门|单位)名称(?P<name>{_ORG_NAME}){_NEXT_FIELD}")),
    # a standard table's or form's own field: "编制单位:X", "部门:X单位:万元", "单位(盖章):X"
    (
        5,
        re.compile(
            rf"(?:编制|填报|预算)?(?:部门|单位)(?:\((?:公章|盖章)\))?[:：](?P<name>{_ORG_NAME}){_NEXT_FIELD}", re.M
        ),
    ),
    (5, re.compile(rf"(?P<name>{_ORG_NAME})\(以下简称")),  # "X(以下简称“本部门”)"
    (4, re.compile(rf"纳入(?P<name>{_ORG_NAME})\d{{4}}年度?部门(?:决算|预算)")),
    (4, re.compile(rf"第[一二三四五六七八九十]+部分(?P<name>{_ORG_NAME})(?:概况|基本情况)")),
    # a title: "[2018年]X[2018年度][部门]决算", "X2021年度一般公共预算财政拨款“三公”经费支出决算"; the
    # title may break after the year, and a web page may put a note before it ("(2018部门预算公开)")
    (3, re.compile(rf"^(?:\([^()\n]{{1,20}}\))?(?:\d{{4}}年度?)?(?P<name>{_ORG_NAME}){_SUBJECT}", re.M)),
    (2, re.compile(rf"^(?P<name>{_ORG_NAME})(?:下属|设|无下属|是)", re.M)),
]
# A region name is a run of administrative units at the start of a department name.
_REGION_UNIT = re.compile(
    r"(?:[\u4e00-\u9fff]{2,3}(?:省|自治区)|[\u4e00-\u9fff]{1,7}?(?:自治州|市|地区|盟|州)"
    r"|[\u4e00-\u9fff]{1,12}?(?:自治县|县|旗|区)(?:\([\u4e00-\u9fff]{1,6}\))?)"
)
_NOT_IN_REGION = re.compile(r"[和与及的之局部委办中心所站]")


@dataclass(frozen=True)
class DocumentMetadata:
    doc_type: str
    title: str | None
    department: str | None
    region: str | None
    fiscal_year: int | None
    published_year: int | None = None  # when the page was written: what 去年 / 今年 count from
    # A page about many departments at once ("澧县财政局关于2016年县直部门“三公”经费预算公开情况的说明"):
    # its figures are the aggregate's, those it gives of one named unit are not, and no department is its own.
    many_departments: bool = False


def _title(text: str) -> str | None:
    for line in text.splitlines()[:8]:
        line = line.strip()
        if 6 <= len(line) <= 60 and not re.search(r"[,;。]", line) and re.search(r"决算|预算|绩效|报告|自评", line):
            return line
    return None


# Without a telling phrase (a “三公” page, a news item), the basis words decide: a page that speaks of
# 决算 / 实际支出 far more than of 预算 reports final accounts, and the reverse a budget. 预算 inside a
# fund's name (一般公共预算) or a process (预算执行, 预算管理) is no cue.
# A comparison with the budget ("比年初预算增加") is how final accounts speak, so it is no budget cue.
_ACTUAL_WORDS = re.compile(r"决算|实际(?:支出|开支|采购)|(?:支出|开支)(?:总额|合计)?(?:为)?\d")
_BUDGET_WORDS = re.compile(
    r"(?<!一般公共)(?<!公共财政)(?<!政府性基金)(?<!国有资本经营)(?<![比较于过])(?<![比较于过]年初)(?<![比较于过]全年)"
    r"预算(?!执行|管理|绩效|单位|编制|法|一体化)"
)
_WEAK_MARGIN = 2  # one kind must be named at least twice as often as the other


def _type_from_basis_words(text: str) -> str:
    actual, budget = len(_ACTUAL_WORDS.findall(text)), len(_BUDGET_WORDS.findall(text))
    if actual and actual >= _WEAK_MARGIN * budget:
        return FINAL_ACCOUNTS
    if budget and budget >= _WEAK_MARGIN * actual:
        return BUDGET
    return UNKNOWN


def detect_doc_type(text: str, title: str | None) -> str:
    for scope in ([title] if title else []) + [text]:
        found = [(m.start(), kind) for kind, cue in _TYPE_CUES if (m := cue.search(scope))]
        if found:
            return min(found)[1]
    return _type_from_basis_words(text)


# The year a document reports on stands before what it reports: "2015年部门决算", "2019年“三公”经费预算".
# A year after 比 / 较 / 与 is the year compared with; a date (2022年2月) is when the page was filed.
_YEAR_OF_REPORT = re.compile(
    r"(?<![比较与同])(20\d{2})\s*年度?(?!\d{1,2}月)[^。;:0-9]{0,12}?(?:部门|单位)?(?:决算|预算|[\"“]?三公)"
)


def detect_fiscal_year(text: str, title: str | None) -> int | None:
    for scope in ([title] if title else []) + [text[:3000]]:
        m = re.search(r"(20\d{2})\s*年度", scope) if scope is title else None
        m = m or _YEAR_OF_REPORT.search(scope) or re.search(r"(20\d{2})\s*年度", scope)
        if m:
            return int(m.group(1))
    years = Counter(re.findall(r"(20\d{2})年(?!\d{1,2}月)", text))
    return int(years.most_common(1)[0][0]) if years else None


# A date near the top of a page: "发布时间:2021-04-16", "日期:2023-11-17", "18.07.2015", "2016-06-10".
_PUBLISHED = re.compile(
    r"(?P<ymd>(?P<year>20\d{2})[-./年](?:0?[1-9]|1[0-2])[-./月](?:0?[1-9]|[12]\d|3[01])日?)"
    r"|(?P<dmy>(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?P<year2>20\d{2}))"
)
_PUBLISHED_WITHIN = 600  # characters: a page's own date stands in its header, not in its body


def detect_published_year(text: str) -> int | None:
    """The year of the page's own date, where its header gives exactly one."""
    years = {int(m.group("year") or m.group("year2")) for m in _PUBLISHED.finditer(text[:_PUBLISHED_WITHIN])}
    return years.pop() if len(years) == 1 else None


def detect_department(text: str) -> str | None:
    candidates: Counter[str] = Counter()
    for weight, cue in _DEPARTMENT_CUES:
        for m in cue.finditer(text[:20000]):
            name = re.sub(r"^(?:第[一二三四五六七八九十\d]+部分|\d{4}年度?|我单位|本单位)", "", m.group("name"))
            candidates[name] += weight
    if not candidates:
        return None
    return max(candidates.items(), key=lambda item: (item[1], len(item[0])))[0]


def detect_region(department: str | None) -> str | None:
    """The administrative units a department name starts with (米易县, 株洲市芦淞区)."""
    if not department:
        return None
    position, units = 0, []
    while m := _REGION_UNIT.match(department, position):
        if _NOT_IN_REGION.search(m.group(0)):
            break
        units.append(m.group(0))
        position = m.end()
    return "".join(units) or None


_MANY_DEPARTMENTS = re.compile(
    r"审计工作报告|[县市区州省旗盟](?:直|级|本级)(?:各)?(?:部门|预算单位)|[县市区州省旗盟]直各单位|全[县市区州省旗](?:各)?部门"
)


def is_about_many_departments(text: str) -> bool:
    """The page's heading speaks of the departments of a government as a whole (县直部门, 市级部门)."""
    heading = [line.strip() for line in text.splitlines() if line.strip()][:2]
    return any(_MANY_DEPARTMENTS.search(line) for line in heading)


def detect_metadata(text: str) -> DocumentMetadata:
    title = _title(text)
    many = is_about_many_departments(text)
    department = None if many else detect_department(text)
    return DocumentMetadata(
        doc_type=detect_doc_type(text, title),
        title=title,
        department=department,
        region=detect_region(department),
        fiscal_year=detect_fiscal_year(text, title),
        published_year=detect_published_year(text),
        many_departments=many,
    )
