"""Forms without a table: a 自评报告 / 自评结果 written in sentences, an e-mail with ``label：value``
lines, a chat message with one indicator per line (values separated by ``，`` or ``；``).

Conventions (README "Answer conventions"): each indicator sentence names level 2 before ``：``
and level 1 in the heading above (``（一）产出指标``); values come after their labels (年度目标值 /
指标值, 实际完成 / 实际完成值, 分值, 自评得分 / 得分) with their units as printed.
"""

from __future__ import annotations

from _model5 import Form, Ind, fmt

CN = "一二三四五六七八九十"


NATIONAL = ("年度目标值", "实际完成", "分值", "自评得分")


def _budget_sentence(f: Form) -> str:
    b = f.budget
    assert b is not None
    if b.weight is None:  # Hebei: no budget points; 到位数 between 预算数 and 执行数
        return (
            f"年度资金总额：预算数{fmt(b.planned)}万元，到位数{fmt(f.extra['budget_received'])}万元，"
            f"执行数{fmt(b.executed)}万元，预算执行进度{b.rate * 100:.2f}%。"
        )
    if f.family == "h":  # Hubei outside Wuhan: 预算数 (A) / 执行数 (B), 20 points
        return (
            f"年度财政资金总额：预算数{fmt(b.planned)}万元，执行数{fmt(b.executed)}万元，"
            f"执行率{b.rate * 100:.2f}%，分值{fmt(b.weight)}分，得分{fmt(b.score)}分。"
        )
    return (
        f"年度资金总额：年初预算数{fmt(b.initial or b.planned)}万元，全年预算数{fmt(b.planned)}万元，"
        f"全年执行数{fmt(b.executed)}万元，执行率{b.rate * 100:.2f}%，分值{fmt(b.weight)}分，得分{fmt(b.score)}分。"
    )


def _ind_sentence(
    i: Ind, words: tuple[str, str, str, str] = NATIONAL, points: bool = False, l2w: float = 0
) -> str:
    name = f"{i.name}（{fmt(i.weight)}分）" if points else i.name
    level2 = f"{i.level2}（{fmt(l2w)}分）" if points and i.level2 else i.level2
    head = f"{level2}：{name}" if i.level2 else name
    s = f"{head}，{words[0]}{i.target}"
    if i.actual is not None:
        s += f"，{words[1]}{i.actual}"
    if i.weight is not None:
        s += (
            f"，{words[3]}{fmt(i.score)}分"
            if points
            else f"，{words[2]}{fmt(i.weight)}分，{words[3]}{fmt(i.score)}分"
        )
    return s + "。"


def _by_level1(inds: list[Ind]) -> list[tuple[str, list[Ind]]]:
    out: list[tuple[str, list[Ind]]] = []
    for i in inds:
        if not out or out[-1][0] != i.level1:
            out.append((i.level1 or "", []))
        out[-1][1].append(i)
    return out


def report(f: Form, words: tuple[str, str, str, str] = NATIONAL, points: bool = False) -> str:
    """A 自评报告 whose indicator part lists each indicator in one sentence; ``words`` label the
    target, actual, points and score; ``points``: level and indicator points in the labels
    (Hubei), the score alone after the values."""
    lines = [f.title, ""]
    sec = iter(CN)

    def head(text: str) -> None:
        lines.append(f"{next(sec)}、{text}")

    if f.unit:
        lines.append(f"单位名称：{f.unit}")
    if f.project:
        head("项目基本情况")
        lines += [f"项目名称：{f.project}", f"主管部门：{f.supervisor}", f"实施单位：{f.implementer}"]
    head("预算执行情况")
    lines.append(_budget_sentence(f))
    if f.overall:
        head("绩效目标完成情况")
        lines += [f"预期目标：{f.overall[0]}", f"实际完成情况：{f.overall[1]}"]
    head("绩效指标完成情况")
    for g in f.goals:
        if g.name != "绩效指标" and g.text:
            lines.append(f"{g.name}（{fmt(g.weight)}分）：{g.text}")
        elif g.weight:
            lines.append(f"{g.name}（{fmt(g.weight)}分）")
        l1w, l2w = f.extra.get("level1_weights", {}), f.extra.get("level2_weights", {})
        for k, (l1, inds) in enumerate(_by_level1(g.inds)):
            share = f.extra.get("share_by_level1", {})  # Hebei: the level's share of the total
            if l1 and l1 in share:
                lines.append(f"（{CN[k]}）{l1}（权重占比{fmt(round(share[l1] * 100))}%）")
            elif l1:
                lines.append(f"（{CN[k]}）{l1}（{fmt(l1w[l1])}分）" if points else f"（{CN[k]}）{l1}")
            for i in inds:
                lines.append(_ind_sentence(i, words, points, l2w.get(f"{i.level1}/{i.level2}", 0)))
    head("自评结论")
    lines.append(f"自评总分{fmt(f.total)}分。")
    if f.deviation:
        lines.append(f"偏差大或目标未完成原因分析：{f.deviation}")
    if f.improvement:
        lines.append(f"改进措施及结果应用方案：{f.improvement}")
    if f.filled_on:
        lines.append(f"填报日期：{f.shown['filled_on']}")
    return "\n".join(lines) + "\n"


EMAIL = ("指标值", "实际完成值", "分值", "得分")


def email(f: Form, sender: str, words: tuple[str, str, str, str] = EMAIL) -> str:
    """An e-mail: headers, a greeting, then ``label：value`` lines; indicators one per line
    (without level cells for a flat list)."""
    b = f.budget
    lines = [
        f"发件人：{sender}",
        "收件人：财政局预算绩效管理科",
        f"主题：报送{f.title}",
        "",
        "各位领导：",
        "现将绩效自评情况报送如下，请审阅。",
        "",
        f"表名：{f.title}",
    ]
    if f.project:
        lines += [f"项目名称：{f.project}", f"主管部门：{f.supervisor}", f"实施单位：{f.implementer}"]
    else:
        lines.append(f"部门（单位）名称：{f.unit}")
    if b is not None and f.family == "f":
        lines += [
            f"年初预算数：{fmt(b.initial or b.planned)}万元",
            f"全年预算数：{fmt(b.planned)}万元",
            f"全年执行数：{fmt(b.executed)}万元",
            f"执行率：{b.rate * 100:.2f}%",
            f"执行率权重：{fmt(b.weight)}",
            f"执行率得分：{fmt(b.score)}",
        ]
    elif b is not None:
        lines += [
            f"年初预算数：{fmt(b.initial or b.planned)}万元",
            f"全年预算数：{fmt(b.planned)}万元",
            f"全年执行数：{fmt(b.executed)}万元",
            f"执行率：{b.rate * 100:.2f}%",
            f"预算执行分值：{fmt(b.weight)}分",
            f"预算执行得分：{fmt(b.score)}分",
        ]
    if f.overall:
        lines += [f"预期目标：{f.overall[0]}", f"实际完成情况：{f.overall[1]}"]
    lines.append("绩效指标：")
    for g in f.goals:
        for i in g.inds:
            levels = f"{i.level1}，{i.level2}，" if i.level1 else ""
            lines.append(
                f"{levels}{i.name}，{words[0]}{i.target}，{words[1]}{i.actual}，"
                f"{words[2]}{fmt(i.weight)}分，{words[3]}{fmt(i.score)}分；"
            )
    lines += [f"总分：{fmt(f.total)}分", f"填报日期：{f.shown['filled_on']}", "", "此致", f"{sender}"]
    return "\n".join(lines) + "\n"


def chat(f: Form) -> str:
    """A chat message: header ``label：value`` lines, then the table's columns named once and one
    indicator per line, values separated by ``；`` (a department target table)."""
    lines = [f"{f.title}（{f.year}年度）"]
    if f.unit:
        lines.append(f"部门（单位）名称：{f.unit}")
    g = f.goals[0]
    lines.append(f"年度总体目标：{g.text}")
    lines.append(f"{g.name}：")
    lines.append("一级指标；二级指标；三级指标；指标值")
    for i in g.inds:
        lines.append(f"{i.level1}；{i.level2}；{i.name}；{i.target}")
    return "\n".join(lines) + "\n"


def target_report(f: Form) -> str:
    """A 绩效目标 written as a 申报说明: header lines, each goal a heading with its text, each
    indicator one sentence ``二级：名称，指标值T（，设定依据B）。`` under its level-1 heading."""
    lines = [f.title, ""]
    if f.year:
        lines.append(f"年度：{f.year}年")
    sup = "主管部门及代码" if f.family == "i1" else "主管部门"
    lines += [f"项目名称：{f.project}", f"{sup}：{f.supervisor}", f"实施单位：{f.implementer}"]
    notes = f.extra.get("value_notes", {})
    for n, g in enumerate(f.goals):
        lines.append(f"{CN[n]}、{g.name}")
        if g.text:
            lines.append(f"目标内容：{g.text}")
        for k, (l1, inds) in enumerate(_by_level1(g.inds)):
            lines.append(f"（{CN[k]}）{l1}")
            for i in inds:
                s = _ind_sentence(i, ("指标值", "", "", "")).removesuffix("。")
                if i.name in notes:
                    s += f"，指标值说明：{notes[i.name]}"
                if i.basis:
                    s += f"，设定依据：{i.basis}"
                lines.append(s + "。")
    return "\n".join(lines) + "\n"
