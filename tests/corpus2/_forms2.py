"""Form builders for the second held-out set: each returns the printed Doc and its form-v1 answer.

Every figure is computed by the family's rules (templates README §4, half-up on decimals) from
the printed target and actual; ``make_corpus2.verify`` re-scores the answers independently.
Vocabulary (units, projects, indicators) is new: none of it appears in tests/corpus or the examples.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from _layouts2 import Grid


def hu(x: float | Decimal, places: int = 2) -> float:
    return float(Decimal(str(x)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


def f(x: float | int | None) -> str:
    if x is None:
        return ""
    s = f"{Decimal(str(x)).normalize():f}"
    return s


# (level1, level2, name, kind, value, unit, decimals)
POOLS: dict[str, dict[str, Any]] = {
    "water": {
        "project": "农村供水保障提升工程",
        "dept": "水务局",
        "impl": "农村供水管理站",
        "goal": "改造老化供水管网，新建加压泵站，提高农村集中供水率和水质达标率",
        "inds": [
            ("产出指标", "数量指标", "改造老化供水管网长度", "pos", 48, "公里", 1),
            ("产出指标", "数量指标", "新建加压泵站", "pos", 6, "座", 0),
            ("产出指标", "质量指标", "出厂水水质达标率", "pos", 98, "%", 1),
            ("产出指标", "时效指标", "工程完工及时率", "pos", 100, "%", 0),
            ("产出指标", "成本指标", "每公里管网改造成本", "neg", 42, "万元", 1),
            ("效益指标", "社会效益指标", "受益农村人口", "pos", 3.6, "万人", 2),
            ("效益指标", "社会效益指标", "农村集中供水率", "pos", 92, "%", 1),
            ("效益指标", "可持续影响指标", "供水设施长效管护机制", "qual", "建立并运行", "", 0),
            ("满意度指标", "服务对象满意度指标", "受益群众满意度", "pos", 90, "%", 1),
        ],
    },
    "library": {
        "project": "公共图书馆免费开放运行",
        "dept": "文化广电和旅游局",
        "impl": "县图书馆",
        "goal": "保障图书馆免费开放，新增馆藏图书，开展全民阅读推广活动",
        "inds": [
            ("产出指标", "数量指标", "新增馆藏纸质图书", "pos", 12000, "册", 0),
            ("产出指标", "数量指标", "开展阅读推广活动", "pos", 60, "场次", 0),
            ("产出指标", "质量指标", "图书编目规范率", "pos", 97, "%", 1),
            ("产出指标", "时效指标", "每周开放时长", "pos", 56, "小时", 0),
            ("效益指标", "社会效益指标", "年接待读者人次", "pos", 18, "万人次", 1),
            ("效益指标", "社会效益指标", "数字资源访问量", "pos", 40, "万次", 1),
            ("效益指标", "可持续影响指标", "总分馆服务体系覆盖", "qual", "覆盖全部乡镇", "", 0),
            ("满意度指标", "服务对象满意度指标", "读者满意度", "pos", 92, "%", 1),
        ],
    },
    "manure": {
        "project": "畜禽粪污资源化利用整县推进",
        "dept": "农业农村局",
        "impl": "畜牧兽医服务中心",
        "goal": "支持规模养殖场配套粪污处理设施，提高粪污综合利用率",
        "inds": [
            ("产出指标", "数量指标", "配套粪污处理设施的养殖场", "pos", 35, "个", 0),
            ("产出指标", "数量指标", "新建有机肥加工点", "pos", 4, "个", 0),
            ("产出指标", "质量指标", "设施验收合格率", "pos", 100, "%", 0),
            ("产出指标", "时效指标", "补助资金兑付及时率", "pos", 95, "%", 1),
            ("效益指标", "生态效益指标", "畜禽粪污综合利用率", "pos", 85, "%", 1),
            ("效益指标", "经济效益指标", "有机肥年产量", "pos", 2.4, "万吨", 2),
            ("效益指标", "可持续影响指标", "粪污处理设施运行", "qual", "持续正常运行", "", 0),
            ("满意度指标", "服务对象满意度指标", "养殖户满意度", "pos", 88, "%", 1),
        ],
    },
    "doctor": {
        "project": "乡村医生岗位补助",
        "dept": "卫生健康局",
        "impl": "基层卫生指导中心",
        "goal": "按标准发放乡村医生岗位补助，稳定村医队伍，提升村卫生室服务能力",
        "inds": [
            ("产出指标", "数量指标", "享受补助的乡村医生", "pos", 420, "人", 0),
            ("产出指标", "数量指标", "开展村医岗位培训", "pos", 6, "期", 0),
            ("产出指标", "质量指标", "村卫生室标准化达标率", "pos", 90, "%", 1),
            ("产出指标", "时效指标", "补助按季度发放率", "pos", 100, "%", 0),
            ("产出指标", "成本指标", "人均年补助标准", "eq", 6000, "元", 0),
            ("效益指标", "社会效益指标", "村卫生室年诊疗人次", "pos", 52, "万人次", 1),
            ("效益指标", "可持续影响指标", "村医队伍稳定", "qual", "队伍总体稳定", "", 0),
            ("满意度指标", "服务对象满意度指标", "乡村医生满意度", "pos", 90, "%", 1),
        ],
    },
    "park": {
        "project": "城区公园绿地养护",
        "dept": "城市管理局",
        "impl": "园林绿化服务中心",
        "goal": "做好城区公园绿地日常养护，补植乔灌木，保持绿地完好",
        "inds": [
            ("产出指标", "数量指标", "养护公园绿地面积", "pos", 260, "万平方米", 0),
            ("产出指标", "数量指标", "补植乔灌木", "pos", 8500, "株", 0),
            ("产出指标", "质量指标", "苗木成活率", "pos", 95, "%", 1),
            ("产出指标", "时效指标", "病虫害防治及时率", "pos", 98, "%", 1),
            ("效益指标", "生态效益指标", "城区绿化覆盖率", "pos", 41, "%", 1),
            ("效益指标", "社会效益指标", "公园年接待游客", "pos", 320, "万人次", 0),
            ("效益指标", "可持续影响指标", "绿地养护管理制度", "qual", "健全并落实", "", 0),
            ("满意度指标", "服务对象满意度指标", "市民满意度", "pos", 90, "%", 1),
        ],
    },
    "hazard": {
        "project": "地质灾害隐患点综合治理",
        "dept": "自然资源和规划局",
        "impl": "地质环境监测站",
        "goal": "治理地质灾害隐患点，完善群测群防体系，减少灾害损失",
        "inds": [
            ("产出指标", "数量指标", "治理地质灾害隐患点", "pos", 14, "处", 0),
            ("产出指标", "数量指标", "安装专业监测设备", "pos", 60, "台套", 0),
            ("产出指标", "质量指标", "治理工程验收合格率", "pos", 100, "%", 0),
            ("产出指标", "时效指标", "汛前完成治理比例", "pos", 90, "%", 1),
            ("效益指标", "社会效益指标", "受威胁群众转移避险演练覆盖率", "pos", 95, "%", 1),
            ("效益指标", "社会效益指标", "保护群众人数", "pos", 5200, "人", 0),
            ("效益指标", "可持续影响指标", "群测群防体系", "qual", "有效运转", "", 0),
            ("满意度指标", "服务对象满意度指标", "受益群众满意度", "pos", 90, "%", 1),
        ],
    },
}

DEPTS: dict[str, dict[str, Any]] = {
    "market": {
        "dept": "市场监督管理局",
        "goal": "加强食品药品安全监管，优化营商环境，维护市场秩序",
        "inds": [
            ("产出指标", "数量指标", "食品安全抽检批次", "pos", 2400, "批次", 0),
            ("产出指标", "数量指标", "新登记市场主体", "pos", 5000, "户", 0),
            ("产出指标", "质量指标", "抽检不合格食品核查处置率", "pos", 100, "%", 0),
            ("产出指标", "时效指标", "投诉举报按时办结率", "pos", 98, "%", 1),
            ("产出指标", "成本指标", "“三公”经费控制率", "neg", 100, "%", 0),
            ("效益指标", "社会效益指标", "食品评价性抽检合格率", "pos", 97, "%", 1),
            ("效益指标", "社会效益指标", "政府采购执行率", "pos", 95, "%", 1),
            ("效益指标", "可持续影响指标", "信用监管机制", "qual", "健全", "", 0),
            ("满意度指标", "服务对象满意度指标", "市场主体满意度", "pos", 90, "%", 1),
        ],
    },
    "insurance": {
        "dept": "医疗保障局",
        "goal": "巩固基本医保参保覆盖，规范基金使用，推进医保支付方式改革",
        "inds": [
            ("产出指标", "数量指标", "基本医保参保人数", "pos", 61, "万人", 1),
            ("产出指标", "数量指标", "定点医药机构现场检查", "pos", 300, "家次", 0),
            ("产出指标", "质量指标", "异地就医直接结算率", "pos", 80, "%", 1),
            ("产出指标", "时效指标", "医保待遇按时支付率", "pos", 100, "%", 0),
            ("效益指标", "社会效益指标", "基本医保参保率", "pos", 95, "%", 1),
            ("效益指标", "经济效益指标", "追回违规医保基金", "pos", 800, "万元", 0),
            ("效益指标", "可持续影响指标", "基金运行", "qual", "收支平衡略有结余", "", 0),
            ("满意度指标", "服务对象满意度指标", "参保群众满意度", "pos", 90, "%", 1),
        ],
    },
    "transport": {
        "dept": "交通运输局",
        "goal": "完成农村公路养护和客运站点建设，保障道路运输安全",
        "inds": [
            ("产出指标", "数量指标", "农村公路列养里程", "pos", 1850, "公里", 0),
            ("产出指标", "数量指标", "新建农村客运招呼站", "pos", 40, "个", 0),
            ("产出指标", "质量指标", "农村公路优良中等路率", "pos", 85, "%", 1),
            ("产出指标", "时效指标", "道路安全隐患整改及时率", "pos", 95, "%", 1),
            ("产出指标", "成本指标", "预算调整率", "neg", 10, "%", 1),
            ("效益指标", "社会效益指标", "建制村通客车率", "pos", 100, "%", 0),
            ("效益指标", "可持续影响指标", "路长制管护机制", "qual", "全面落实", "", 0),
            ("满意度指标", "服务对象满意度指标", "群众出行满意度", "pos", 88, "%", 1),
        ],
    },
}

COUNTIES = [
    "岚溪县",
    "柘塘县",
    "云栖湾区",
    "石埠县",
    "青枫县",
    "鹤鸣区",
    "梅坞县",
    "沙洲县",
    "栾川口县",
    "碧岭县",
]
REASONS = [
    "部分工程受连续降雨影响延期，下一年度加快施工进度。",
    "采购流程较长，资金支付滞后，将提前谋划采购计划。",
    "实际需求低于年初测算，今后科学测算目标值。",
    "个别乡镇配合不足，将加强督促调度。",
]


@dataclass
class Ind:
    l1: str
    l2: str
    name: str
    kind: str
    sign: str
    value: str
    unit: str
    dec: int
    weight: float | None = None
    actual: str = ""  # number as printed, or the qualitative text
    score: float | None = None
    missed: bool = False
    star: bool = False
    reason: str = ""

    @property
    def target(self) -> str:
        return self.sign + self.value + self.unit

    @property
    def actual_text(self) -> str:
        if not self.actual:
            return ""
        return self.actual + (self.unit if self.kind != "qual" else "")


def make_inds(
    rng: random.Random, pool: list[tuple], n: int, signs: dict[str, str] | None = None
) -> list[Ind]:
    signs = signs or {"pos": "≥", "neg": "≤", "eq": "", "qual": ""}
    rows = list(pool)
    keep = rows[:]
    while len(keep) > n:  # drop from the level 1 with the most members
        by: dict[str, list] = {}
        for r in keep:
            by.setdefault(r[0], []).append(r)
        big = max(by.values(), key=len)
        keep.remove(rng.choice(big[1:]))
    out = []
    for l1, l2, name, kind, value, unit, dec in keep:
        out.append(Ind(l1, l2, name, kind, signs[kind], f(value) if kind != "qual" else value, unit, dec))
    return out


def split(rng: random.Random, total: float, k: int, step: float = 1) -> list[float]:
    """``total`` points over ``k`` indicators, each at least 2 steps, sums exact."""
    units = round(total / step)
    cuts = [2] * k
    for _ in range(units - 2 * k):
        cuts[rng.randrange(k)] += 1
    return [hu(c * step, 2) if step != 1 else c for c in cuts]


def weigh(rng: random.Random, inds: list[Ind], shares: dict[str, float], equal: float | None = None) -> None:
    for l1, pts in shares.items():
        members = [i for i in inds if i.l1 == l1]
        ws = [equal] * len(members) if equal else split(rng, pts, len(members))
        for i, w in zip(members, ws, strict=True):
            i.weight = w


def achieve(
    rng: random.Random, inds: list[Ind], misses: int, reverse_ab: bool = False, band: float = 0.7
) -> None:
    """Actual and score of every indicator; ``misses`` quantitative or qualitative ones missed."""
    cand = [i for i in inds if i.kind in ("pos", "qual")]
    missed = set(id(i) for i in rng.sample(cand, min(misses, len(cand))))
    for i in inds:
        i.missed = id(i) in missed
        if i.kind == "qual":
            i.actual = ("基本" + i.value) if i.missed else i.value
            i.score = hu(i.weight * band, 2) if i.missed and i.weight is not None else i.weight
            continue
        a = Decimal(i.value)
        if i.kind == "eq":
            i.actual = i.value
        elif i.kind == "neg":
            i.actual = f(hu(float(a) * rng.uniform(0.6, 0.98), i.dec))
        elif i.missed:
            i.actual = f(hu(float(a) * rng.uniform(0.8, 0.96), i.dec))
            if i.actual == i.value:
                i.actual = f(hu(float(a) * 0.9, max(i.dec, 1)))
        else:
            top = 100.0 if i.unit == "%" else float(a) * 1.12
            i.actual = f(hu(rng.uniform(float(a), max(top, float(a))), i.dec))
        i.score = i.weight
        if i.missed and i.weight is not None:
            i.score = hu(Decimal(str(i.weight)) * Decimal(i.actual) / a, 2)
            i.reason = rng.choice(REASONS)


def budget(rng: random.Random, weight: float | None, planned: float | None = None) -> dict[str, Any]:
    planned = planned or rng.choice([180, 236.5, 312, 420, 95.8, 640, 1280])
    initial = hu(planned * rng.choice([0.9, 1, 1, 0.95]), 2)
    rate = Decimal(rng.choice(["1", "0.9625", "0.88", "0.934", "0.97", "0.815", "1"]))
    executed = hu(Decimal(str(planned)) * rate, 2)
    rate_p = hu(Decimal(str(executed)) / Decimal(str(planned)), 4)
    score = hu(Decimal(str(weight)) * Decimal(str(rate_p)), 2) if weight else None
    return {
        "weight": weight,
        "planned": planned,
        "executed": executed,
        "rate": rate_p,
        "score": score,
        "initial": initial,
    }


def pct(rate: float) -> str:
    return f(hu(rate * 100, 2)) + "%"


def answer(kind: str, title: str, year: int, **kw: Any) -> dict[str, Any]:
    form = {
        "schema": "jixiao.form/1",
        "kind": kind,
        "title": title,
        "year": year,
        "unit": None,
        "project": None,
        "supervisor": None,
        "implementer": None,
        "filled_on": None,
        "budget": None,
        "overall_goal": None,
        "goals": [],
        "total_score": None,
        "deviation_reason": None,
        "improvement": None,
        "extra": {},
    }
    form.update(kw)
    return form


def ind_answer(
    i: Ind,
    target: str | None = None,
    actual: Any = "",
    basis: str | None = None,
    weight: Any = "",
    score: Any = "",
) -> dict[str, Any]:
    return {
        "level1": i.l1 or None,
        "level2": i.l2 or None,
        "name": i.name,
        "weight": i.weight if weight == "" else weight,
        "target": target if target is not None else i.target,
        "actual": (i.actual_text or None) if actual == "" else actual,
        "score": i.score if score == "" else score,
        "basis": basis,
    }


def ab(b: dict[str, Any]) -> dict[str, Any]:
    return {k: b[k] for k in ("weight", "planned", "executed", "rate", "score")}


def spans(inds: list[Ind], key) -> list[tuple[int, int]]:
    """(start, length) runs of equal ``key`` over consecutive indicators."""
    out: list[tuple[int, int]] = []
    for k, i in enumerate(inds):
        if out and key(inds[out[-1][0]]) == key(i):
            out[-1] = (out[-1][0], out[-1][1] + 1)
        else:
            out.append((k, 1))
    return out


def level_cells(g: Grid, r0: int, c: int, inds: list[Ind], label1=None, label2=None) -> None:
    for s, n in spans(inds, lambda i: i.l1):
        g.put(r0 + s, c, label1(inds[s]) if label1 else inds[s].l1, n)
    for s, n in spans(inds, lambda i: (i.l1, i.l2)):
        g.put(r0 + s, c + 1, label2(inds[s]) if label2 else inds[s].l2, n)


def plant(rng: random.Random, form: dict, inds: list[Ind], code: str) -> dict[str, Any]:
    """Make one printed figure wrong; returns the errors.json entry."""
    if code in ("indicator.score_mismatch", "indicator.full_score_unmet") and not any(
        i.missed and i.kind == "pos" for i in inds
    ):
        i = next(i for i in inds if i.kind == "pos" and i.weight is not None)
        a = Decimal(i.value)
        i.missed, i.actual = True, f(hu(float(a) * 0.9, max(i.dec, 1)))
        i.score = hu(Decimal(str(i.weight)) * Decimal(i.actual) / a, 2)
        i.reason = rng.choice(REASONS)
    if code == "indicator.score_mismatch":
        i = next(i for i in inds if i.missed and i.kind != "qual")
        i.score = hu(i.score + 1.5 if i.score + 1.5 <= i.weight else i.score - 1.5, 2)
        why = f"{i.name}: 得分应按 权重×B/A 计算"
    elif code == "indicator.full_score_unmet":
        i = next(i for i in inds if i.missed and i.kind == "pos")
        i.score = i.weight
        why = f"{i.name}: 未完成指标值却给满分"
    elif code == "budget.score_mismatch":
        b = form["budget"]
        b["score"] = hu(b["weight"] * b["rate"] + (0.8 if b["rate"] < 0.9 else -0.9), 2)
        return {"form": 0, "code": code, "indicator": None, "why": "预算执行得分与 分值×执行率 不符"}
    elif code == "target.vague":
        i = next(i for i in inds if i.unit == "%" and i.kind == "pos" and not i.missed)
        i.value = "**"
        why = f"{i.name}: 指标值为占位符"
    else:
        raise ValueError(code)
    return {"form": 0, "code": code, "indicator": i.name, "why": why}
