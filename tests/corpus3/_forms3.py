"""Records, rules and vocabulary of the third held-out set (invented; no jixiao, no other set).

A ``Form`` holds what a form prints; ``answer()`` turns it into form-v1 as templates README §3
says. Scores come from ``rule_score`` (national rules; Hubei reverse A/B), half-up to 2 places.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

D = Decimal


def hu(x: Decimal, places: int = 2) -> Decimal:
    return x.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


def txt(x: Decimal | int | None) -> str:
    """A number as a form prints it: no trailing zeros, no exponent."""
    if x is None:
        return ""
    s = format(D(x).normalize(), "f")
    return s


def num(x: Decimal | None) -> int | float | None:
    if x is None:
        return None
    x = D(x).normalize()
    return int(x) if x == x.to_integral_value() else float(x)


INT_UNITS = {
    "座",
    "个",
    "所",
    "辆",
    "套",
    "人",
    "起",
    "场",
    "项",
    "期",
    "家",
    "卷",
    "个工作日",
    "台套",
    "件",
    "批次",
    "人次",
    "户",
}
SIGN_PLAIN = {"≧": "≥", "═": "=", "﹦": "="}


@dataclass
class Ind:
    level1: str
    level2: str
    name: str
    sign: str  # ≥ ≤ = or "" (qualitative); printed sign may be a look-alike
    value: str  # target number or qualitative text
    unit: str
    actual_value: str = ""
    weight: Decimal | None = None
    score: Decimal | None = None
    basis: str | None = None
    star: bool = False
    reason: str | None = None

    @property
    def qualitative(self) -> bool:
        return self.sign == ""

    def target(self) -> str:
        return self.sign + self.value + self.unit if not self.qualitative else self.value

    def actual(self) -> str | None:
        if self.actual_value == "":
            return None
        return self.actual_value if self.qualitative else self.actual_value + self.unit


@dataclass
class Budget:
    weight: Decimal | None
    initial: Decimal
    planned: Decimal
    executed: Decimal
    rate: Decimal  # fraction, exact to the printed decimals
    score: Decimal | None


@dataclass
class Goal:
    name: str
    text: str | None
    weight: Decimal | None
    inds: list[Ind]


@dataclass
class Form:
    kind: str
    title: str
    year: int
    unit: str | None
    project: str | None
    supervisor: str | None
    implementer: str | None
    filled_on: str | None
    budget: Budget | None
    overall: tuple[str, str] | None
    goals: list[Goal]
    total: Decimal | None
    deviation: str | None = None
    improvement: str | None = None
    extra: dict = field(default_factory=dict)
    rules: str = "national"  # national | hubei | chongqing | hebei | target

    def inds(self) -> list[Ind]:
        return [i for g in self.goals for i in g.inds]

    def answer(self) -> dict:
        b = self.budget
        budget = (
            None
            if b is None
            else {
                "weight": num(b.weight),
                "planned": num(b.planned),
                "executed": num(b.executed),
                "rate": num(b.rate),
                "score": num(b.score),
            }
        )
        target_form = self.kind.endswith("_target")
        goals = []
        for g in self.goals:
            goals.append(
                {
                    "name": g.name,
                    "text": g.text,
                    "weight": num(g.weight),
                    "indicators": [
                        {
                            "level1": i.level1,
                            "level2": i.level2,
                            "name": i.name,
                            "weight": None if target_form else num(i.weight),
                            "target": i.target(),
                            "actual": None if target_form else i.actual(),
                            "score": None if target_form else num(i.score),
                            "basis": i.basis,
                        }
                        for i in g.inds
                    ],
                }
            )
        return {
            "schema": "jixiao.form/1",
            "kind": self.kind,
            "title": self.title,
            "year": self.year,
            "unit": self.unit,
            "project": self.project,
            "supervisor": self.supervisor,
            "implementer": self.implementer,
            "filled_on": self.filled_on,
            "budget": budget,
            "overall_goal": None
            if self.overall is None
            else {"weight": None, "target": self.overall[0], "actual": self.overall[1], "score": None},
            "goals": goals,
            "total_score": num(self.total),
            "deviation_reason": self.deviation,
            "improvement": self.improvement,
            "extra": self.extra,
        }


# ---------------------------------------------------------------- rules

PARTIAL = D("0.7")  # a 基本… qualitative actual: 70 % of the points (inside both bands)


def rule_score(sign: str, target: str, actual: str, weight: Decimal, rules: str = "national") -> Decimal:
    """The score the family's rules give for a printed target and actual."""
    sign = SIGN_PLAIN.get(sign, sign)
    if sign == "":
        if actual.startswith(("基本", "部分")):
            return hu(weight * PARTIAL)
        return weight
    t, a = D(target), D(actual)
    if sign in ("≥", "="):
        return weight if a >= t else hu(weight * a / t)
    if sign == "≤":
        if a <= t:
            return weight
        return hu(weight * t / a)
    raise ValueError(sign)


def split(total: int, n: int, rng: random.Random, low: int = 2) -> list[int]:
    """``n`` integer weights of at least ``low`` summing to ``total``."""
    cuts = [low] * n
    for _ in range(total - low * n):
        cuts[rng.randrange(n)] += 1
    return cuts


def make_actual(ind: Ind, rng: random.Random, miss: bool) -> None:
    """An actual that meets the target, or (``miss``) one that falls short of it."""
    if ind.qualitative:
        ind.actual_value = ("基本" + ind.value) if miss else ind.value
        return
    t = D(ind.value)
    whole = ind.unit in INT_UNITS
    places = 0 if whole else max(1 if t < 10 or ind.unit == "%" else 0, -t.normalize().as_tuple().exponent)
    step = D(1).scaleb(-places)
    sign = SIGN_PLAIN.get(ind.sign, ind.sign)
    if sign == "=":
        a = t if not miss else t - step * rng.randint(1, 3) * (1 if t < 10 else 2)
    elif sign == "≥":
        if miss:
            a = hu(t * D(rng.randint(86, 97)) / 100, places)
        else:
            cap = D(100) if ind.unit == "%" else t * D("1.15")
            a = min(cap, hu(t * D(rng.randint(100, 112)) / 100, places))
    else:  # ≤
        if miss:
            a = hu(t * D(rng.randint(104, 118)) / 100, places)
        else:
            a = hu(t * D(rng.randint(60, 100)) / 100, places)
    if a == t and miss:
        a = t + step if sign == "≤" else t - step
    ind.actual_value = txt(a)


# ---------------------------------------------------------------- vocabulary

# sector: project, agency, implementer, indicators (level1, level2, name, sign, value, unit)
SECTORS: dict[str, dict] = {
    "road": {
        "project": "农村公路日常养护补助",
        "agency": "交通运输局",
        "implementer": "农村公路养护中心",
        "goal": "完成县乡村道日常养护，整治路面病害，保持农村公路安全畅通。",
        "inds": [
            ("产出指标", "数量指标", "日常养护里程", "≥", "820", "公里"),
            ("产出指标", "数量指标", "整治路面病害", "≥", "3600", "平方米"),
            ("产出指标", "质量指标", "养护路段优良路率", "≥", "80", "%"),
            ("产出指标", "时效指标", "病害处置及时率", "≥", "95", "%"),
            ("产出指标", "成本指标", "每公里养护成本", "≤", "0.6", "万元"),
            ("效益指标", "社会效益指标", "农村公路通行安全事故", "≤", "3", "起"),
            ("效益指标", "可持续影响指标", "路长制管护机制", "", "持续运行", ""),
            ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥", "90", "%"),
        ],
    },
    "school": {
        "project": "义务教育学校校舍维修改造",
        "agency": "教育局",
        "implementer": "教育后勤服务中心",
        "goal": "维修改造薄弱学校校舍和附属设施，消除校舍安全隐患，改善办学条件。",
        "inds": [
            ("产出指标", "数量指标", "维修改造校舍面积", "≥", "12000", "平方米"),
            ("产出指标", "数量指标", "改造学校食堂", "≥", "6", "所"),
            ("产出指标", "质量指标", "工程竣工验收合格率", "=", "100", "%"),
            ("产出指标", "时效指标", "暑期施工完成率", "≥", "90", "%"),
            ("产出指标", "成本指标", "每平方米维修成本", "≤", "850", "元"),
            ("效益指标", "社会效益指标", "受益学生人数", "≥", "8500", "人"),
            ("效益指标", "可持续影响指标", "校舍安全隐患排查机制", "", "长效运行", ""),
            ("满意度指标", "服务对象满意度指标", "师生家长满意度", "≥", "92", "%"),
        ],
    },
    "fire": {
        "project": "森林防火能力提升工程",
        "agency": "林业局",
        "implementer": "森林消防大队",
        "goal": "新建防火隔离带和瞭望塔，配备扑火装备，全年不发生重大森林火灾。",
        "inds": [
            ("产出指标", "数量指标", "新建生物防火隔离带", "≥", "45", "公里"),
            ("产出指标", "数量指标", "新建防火瞭望塔", "≥", "4", "座"),
            ("产出指标", "数量指标", "购置扑火机具", "≥", "160", "台套"),
            ("产出指标", "质量指标", "装备验收合格率", "=", "100", "%"),
            ("产出指标", "时效指标", "防火期前完工率", "≥", "95", "%"),
            ("效益指标", "生态效益指标", "森林火灾受害率", "≤", "0.8", "‰"),
            ("效益指标", "社会效益指标", "火情早期发现率", "≥", "90", "%"),
            ("满意度指标", "服务对象满意度指标", "林区群众满意度", "≥", "90", "%"),
        ],
    },
    "rehab": {
        "project": "残疾儿童康复救助",
        "agency": "残疾人联合会",
        "implementer": "残疾人康复服务中心",
        "goal": "为符合条件的残疾儿童提供康复训练和辅助器具适配，提高康复服务覆盖率。",
        "inds": [
            ("产出指标", "数量指标", "救助残疾儿童人数", "≥", "420", "人"),
            ("产出指标", "数量指标", "适配辅助器具", "≥", "260", "件"),
            ("产出指标", "质量指标", "定点康复机构评估达标率", "=", "100", "%"),
            ("产出指标", "时效指标", "救助资金拨付及时率", "≥", "95", "%"),
            ("产出指标", "成本指标", "人均康复训练补助", "≤", "1.8", "万元"),
            ("效益指标", "社会效益指标", "残疾儿童康复服务覆盖率", "≥", "85", "%"),
            ("效益指标", "可持续影响指标", "康复救助制度", "", "持续实施", ""),
            ("满意度指标", "服务对象满意度指标", "受助家庭满意度", "≥", "93", "%"),
        ],
    },
    "skill": {
        "project": "职业技能提升培训补贴",
        "agency": "人力资源和社会保障局",
        "implementer": "就业训练中心",
        "goal": "开展企业职工和重点群体职业技能培训，提高取证率和培训后就业率。",
        "inds": [
            ("产出指标", "数量指标", "补贴性职业技能培训人次", "≥", "5200", "人次"),
            ("产出指标", "数量指标", "开展培训工种", "≥", "18", "个"),
            ("产出指标", "质量指标", "培训合格证书取证率", "≥", "85", "%"),
            ("产出指标", "时效指标", "补贴资金发放及时率", "≥", "95", "%"),
            ("产出指标", "成本指标", "人均培训补贴标准", "≤", "1500", "元"),
            ("效益指标", "社会效益指标", "培训后就业率", "≥", "70", "%"),
            ("效益指标", "可持续影响指标", "校企合作培训机制", "", "稳定运行", ""),
            ("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥", "90", "%"),
        ],
    },
    "testing": {
        "project": "农产品质量安全监测",
        "agency": "农业农村局",
        "implementer": "农产品质量安全检验检测站",
        "goal": "开展农产品定量检测和快速检测，抽检合格率保持在98%以上。",
        "inds": [
            ("产出指标", "数量指标", "农产品定量检测样品", "≥", "1600", "批次"),
            ("产出指标", "数量指标", "快速检测样品", "≥", "24000", "批次"),
            ("产出指标", "质量指标", "检测数据上报准确率", "=", "100", "%"),
            ("产出指标", "时效指标", "检测报告出具时限", "≤", "5", "个工作日"),
            ("产出指标", "成本指标", "每批次定量检测成本", "≤", "420", "元"),
            ("效益指标", "社会效益指标", "农产品抽检合格率", "≥", "98", "%"),
            ("效益指标", "可持续影响指标", "产地准出与市场准入衔接机制", "", "有效运行", ""),
            ("满意度指标", "服务对象满意度指标", "生产经营主体满意度", "≥", "90", "%"),
        ],
    },
    "waste": {
        "project": "城乡生活垃圾分类处理",
        "agency": "城市管理局",
        "implementer": "环境卫生管理所",
        "goal": "完善分类投放收运设施，提高生活垃圾回收利用率和无害化处理率。",
        "inds": [
            ("产出指标", "数量指标", "新建分类投放点", "≥", "380", "个"),
            ("产出指标", "数量指标", "购置分类运输车辆", "≥", "12", "辆"),
            ("产出指标", "质量指标", "生活垃圾无害化处理率", "=", "100", "%"),
            ("产出指标", "时效指标", "垃圾日产日清率", "≥", "98", "%"),
            ("产出指标", "成本指标", "吨垃圾收运处理成本", "≤", "260", "元"),
            ("效益指标", "生态效益指标", "生活垃圾回收利用率", "≥", "35", "%"),
            ("效益指标", "社会效益指标", "分类知晓率", "≥", "90", "%"),
            ("满意度指标", "服务对象满意度指标", "居民满意度", "≥", "88", "%"),
        ],
    },
    "heritage": {
        "project": "非物质文化遗产保护传承",
        "agency": "文化和旅游局",
        "implementer": "非物质文化遗产保护中心",
        "goal": "资助代表性传承人开展传习活动，建设传习所，举办非遗展演。",
        "inds": [
            ("产出指标", "数量指标", "资助代表性传承人", "≥", "36", "人"),
            ("产出指标", "数量指标", "举办非遗展演活动", "≥", "24", "场"),
            ("产出指标", "数量指标", "建设非遗传习所", "≥", "5", "个"),
            ("产出指标", "质量指标", "传习活动档案完整率", "≥", "95", "%"),
            ("产出指标", "时效指标", "补助资金到位及时率", "=", "100", "%"),
            ("效益指标", "社会效益指标", "非遗展演观众人次", "≥", "6", "万人次"),
            ("效益指标", "可持续影响指标", "传承人动态管理机制", "", "健全有效", ""),
            ("满意度指标", "服务对象满意度指标", "传承人满意度", "≥", "90", "%"),
        ],
    },
    "greenhouse": {  # 衔接资金
        "project": "高标准蔬菜大棚产业提升项目",
        "agency": "农业农村局",
        "implementer": "乡人民政府",
        "goal": "新建连栋蔬菜大棚，配套水肥一体化设施，带动脱贫户和监测户稳定增收。",
        "inds": [
            ("产出指标", "数量指标", "新建连栋蔬菜大棚", "≥", "60", "亩"),
            ("产出指标", "数量指标", "配套水肥一体化设施", "≥", "2", "套"),
            ("产出指标", "质量指标", "大棚工程验收合格率", "=", "100", "%"),
            ("产出指标", "时效指标", "项目完工及时率", "≥", "95", "%"),
            ("产出指标", "成本指标", "每亩大棚建设成本", "≤", "9.5", "万元"),
            ("效益指标", "经济效益指标", "村集体经济年增收", "≥", "12", "万元"),
            ("效益指标", "社会效益指标", "带动脱贫人口增收", "≥", "85", "人"),
            ("效益指标", "可持续影响指标", "联农带农利益联结机制", "", "持续运行", ""),
            ("满意度指标", "服务对象满意度指标", "受益脱贫人口满意度", "≥", "95", "%"),
        ],
    },
}

# department self-evaluations: older 投入/过程/产出/效果 and Jiangxi 管理/产出/效果/满意度
DEPARTMENTS: dict[str, dict] = {
    "stats": {"unit": "统计局", "goal": "完成经济普查和常规统计调查任务，数据质量达到上级考核要求。"},
    "archive": {"unit": "档案馆", "goal": "完成馆藏档案数字化和进馆接收任务，提升档案利用服务水平。"},
    "veterans": {"unit": "退役军人事务局", "goal": "落实退役军人安置、优抚和服务保障政策，优待金足额发放。"},
    "emergency": {"unit": "应急管理局", "goal": "开展安全生产执法检查和应急演练，事故起数和死亡人数双下降。"},
}

MGMT_INDS = [  # (level1, level2, name, sign, value, unit)
    ("管理指标", "预算执行", "预算执行率", "≥", "95", "%"),
    ("管理指标", "预算管理", "“三公”经费控制率", "≤", "100", "%"),
    ("管理指标", "预算管理", "结转结余率", "≤", "8", "%"),
    ("管理指标", "资产管理", "政府采购执行率", "=", "100", "%"),
    ("管理指标", "资产管理", "固定资产利用率", "≥", "90", "%"),
]

OLD_INDS = [
    ("投入指标", "预算配置", "在职人员控制率", "≤", "100", "%"),
    ("投入指标", "预算配置", "“三公”经费变动率", "≤", "0", "%"),
    ("过程指标", "预算执行", "预算完成率", "≥", "95", "%"),
    ("过程指标", "预算执行", "结转结余率", "≤", "6", "%"),
    ("过程指标", "资产管理", "资产管理规范性", "", "规范", ""),
]

DEPT_OUTPUT = {
    "stats": [
        ("产出指标", "数量指标", "完成统计调查项目", "≥", "26", "项"),
        ("产出指标", "质量指标", "统计数据差错率", "≤", "1", "%"),
        ("产出指标", "时效指标", "统计报表按时报送率", "=", "100", "%"),
        ("效果指标", "社会效益", "统计信息公开发布", "≥", "40", "期"),
        ("效果指标", "可持续影响", "统计数据质量控制制度", "", "健全", ""),
        ("满意度指标", "服务对象满意度", "数据使用部门满意度", "≥", "90", "%"),
    ],
    "archive": [
        ("产出指标", "数量指标", "馆藏档案数字化", "≥", "120", "万画幅"),
        ("产出指标", "数量指标", "接收进馆档案", "≥", "8000", "卷"),
        ("产出指标", "质量指标", "数字化成果验收合格率", "≥", "98", "%"),
        ("效果指标", "社会效益", "档案查阅利用人次", "≥", "5200", "人次"),
        ("效果指标", "可持续影响", "档案安全管理制度", "", "有效落实", ""),
        ("满意度指标", "服务对象满意度", "查档群众满意度", "≥", "92", "%"),
    ],
    "veterans": [
        ("产出指标", "数量指标", "走访慰问优抚对象", "≥", "1800", "人次"),
        ("产出指标", "质量指标", "优待金足额发放率", "=", "100", "%"),
        ("产出指标", "时效指标", "安置任务按期完成率", "=", "100", "%"),
        ("效果指标", "社会效益", "退役军人就业率", "≥", "85", "%"),
        ("效果指标", "可持续影响", "服务保障体系", "", "持续完善", ""),
        ("满意度指标", "服务对象满意度", "退役军人满意度", "≥", "92", "%"),
    ],
    "emergency": [
        ("产出指标", "数量指标", "安全生产执法检查企业", "≥", "650", "家"),
        ("产出指标", "数量指标", "组织应急演练", "≥", "30", "场"),
        ("产出指标", "时效指标", "隐患整改按期完成率", "≥", "95", "%"),
        ("效果指标", "社会效益", "生产安全事故起数", "≤", "6", "起"),
        ("效果指标", "可持续影响", "应急预案体系", "", "健全完善", ""),
        ("满意度指标", "服务对象满意度", "企业和群众满意度", "≥", "90", "%"),
    ],
}

PLACES = [
    "澄川县",
    "石楠县",
    "云岫区",
    "榆岭县",
    "霁川市",
    "鹭汀区",
    "苇塘县",
    "岑溪口区",
    "槐陵县",
    "砚山湾区",
]
PEOPLE_DATES = ["2024-03-18", "2024-04-02", "2024-02-27", "2024-03-29", "2024-04-15"]
