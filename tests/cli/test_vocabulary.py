"""One vocabulary everywhere: severities, form kinds, finding and rule-set names read from data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.model import FormKind
from jixiao.review.catalogue import CATALOGUE
from jixiao.score.rules import load_rule_set, rule_set_names
from jixiao.vocabulary import (
    KIND_NAMES,
    SEVERITY_NAMES,
    finding_title,
    kind_name,
    parse_kind,
    rule_set_title,
)
from tests.conftest import seed

runner = CliRunner()


def test_severity_words() -> None:
    assert SEVERITY_NAMES == {"error": "错误", "warning": "警告", "info": "提示"}


def test_kinds_by_code_short_and_full_name() -> None:
    assert kind_name("project_self_evaluation") == "项目自评"
    assert kind_name(FormKind.DEPARTMENT_TARGET) == "部门整体目标"
    for kind in FormKind:
        assert parse_kind(kind.value) is kind
        assert parse_kind(KIND_NAMES[kind]) is kind
        assert parse_kind(kind.label) is kind
    assert parse_kind("部门自评") is FormKind.DEPARTMENT_SELF_EVALUATION
    assert parse_kind("财务报表") is None


def test_every_catalogued_code_has_its_title() -> None:
    for code, kind in CATALOGUE.items():  # new codes of any rule module are named the same way
        assert finding_title(code) == kind.title
    assert finding_title("not.catalogued") == "not.catalogued"


def test_rule_sets_by_their_own_title(tmp_path: Path) -> None:
    for name in rule_set_names():
        assert rule_set_title(name) == load_rule_set(name).title
    own = tmp_path / "mine.yaml"
    text = (Path(__file__).resolve().parents[2] / "jixiao/score/rulesets/wuhan.yaml").read_text(
        encoding="utf-8"
    )
    own.write_text(
        text.replace("name: wuhan", "name: mine").replace(
            "title: 武汉市区级绩效自评规则", "title: 本单位自定规则"
        ),
        encoding="utf-8",
    )
    assert rule_set_title(str(own)).startswith("本单位自定规则")


def test_reports_name_the_rule_set_in_chinese() -> None:
    path = str(seed("003"))
    text = runner.invoke(app, ["review", path], env={"COLUMNS": "80"}).stdout
    html = runner.invoke(app, ["review", path, "-f", "html"]).stdout
    title = load_rule_set("wuhan").title
    assert title in text and f"评分规则：{title}" in html
    assert "（wuhan）" not in text and "评分规则：wuhan" not in html
    assert "<th>错误</th><th>警告</th><th>提示</th>" in html
    md = runner.invoke(app, ["export", path, "--to", "md"]).stdout
    assert "按“wuhan”" not in md and "评分规则复核" not in md
    if "复核，得分应为" in md:
        assert f"按“{title}”复核" in md


def test_import_and_review_use_the_same_words(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'j.db'}"
    imported = runner.invoke(app, ["import", str(seed("000")), "--db", db]).stdout
    reviewed = runner.invoke(app, ["review", str(seed("000"))], env={"COLUMNS": "80"}).stdout
    head = reviewed.splitlines()[0]  # 绩效自评审核报告：…；错误 2，警告 5，提示 38
    for word in ("错误", "警告", "提示"):
        count = head.split(word + " ")[1].split("，")[0]
        assert f"{word} {count}" in imported, (word, count)


@pytest.mark.parametrize("kind", ["项目自评", "project_self_evaluation", "项目支出绩效自评表"])
def test_forms_kind_option_accepts_chinese_and_codes(tmp_path: Path, kind: str) -> None:
    db = f"sqlite:///{tmp_path / 'j.db'}"
    runner.invoke(app, ["import", str(seed("003")), "--db", db])
    listed = runner.invoke(app, ["forms", "--db", db, "--kind", kind, "-n", "0"], env={"COLUMNS": "80"})
    assert listed.exit_code == 0 and "共 18 张表" in listed.stdout
    assert "部门整体自评" not in listed.stdout and "project_self_evaluation" not in listed.stdout
    bad = runner.invoke(app, ["forms", "--db", db, "--kind", "财务表"])
    assert bad.exit_code == 2 and "可选：项目自评、部门整体自评" in bad.stderr


def test_a_finding_rule_reads_as_on_its_kind_of_form() -> None:
    """On a target table a rule never cites a self-evaluation's column (the 问题清单 依据)."""
    from jixiao.vocabulary import finding_place, finding_rule

    target, own = FormKind.PROJECT_TARGET, FormKind.PROJECT_SELF_EVALUATION
    assert finding_rule("form.recovered_value", "wuhan", own).startswith("自评表“总分”栏")
    on_target = finding_rule("form.recovered_value", "wuhan", target)
    assert "自评表" not in on_target and "指标值确定依据" in on_target
    for name in rule_set_names():  # the rule set's own words for what a target table must hold
        rs = load_rule_set(name)
        assert finding_rule("target.missing_dimension", name, target) == rs.target.basis
        assert finding_rule("form.rule_set", name, target) == rs.target.basis
        assert finding_rule("form.rule_set", name, own) == rs.basis
        assert "自评表" not in finding_rule("target.weights_sum", name, target)
    assert (
        finding_place(target, "年度绩效目标1", "培训人数")
        == "项目支出绩效目标表，“年度绩效目标1”，指标“培训人数”"
    )
    assert finding_place(own, None, None, "form.total_mismatch") == "项目支出绩效自评表，全表"
    assert finding_place(own, None, None, "budget.rate_mismatch") == "项目支出绩效自评表，预算执行"


def _printed(tmp_path: Path) -> dict[str, str]:
    """What the command line prints for people: every help screen, the reports, a stored form."""
    import typer.main

    root = typer.main.get_command(app)
    paths: list[list[str]] = [[]]
    for name in root.list_commands(None):  # type: ignore[arg-type, attr-defined]
        cmd = root.get_command(None, name)  # type: ignore[arg-type, attr-defined]
        paths.append([name])
        paths.extend([name, sub] for sub in getattr(cmd, "commands", {}))
    out = {
        " ".join(p) + " --help": runner.invoke(app, [*p, "--help"], env={"COLUMNS": "80"}).stdout
        for p in paths
    }
    path = str(seed("003"))
    out["review"] = runner.invoke(app, ["review", path, "--all"], env={"COLUMNS": "120"}).stdout
    html = runner.invoke(app, ["review", path, "-f", "html"]).stdout
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    out["review html"] = re.sub(r"<[^>]+>", " ", html)  # what the reader sees, not class names
    db = f"sqlite:///{tmp_path / 'j.db'}"
    runner.invoke(app, ["import", path, "--db", db])
    out["show"] = runner.invoke(app, ["show", "1", "--db", db], env={"COLUMNS": "120"}).stdout
    out["stats"] = runner.invoke(app, ["stats", "--db", db], env={"COLUMNS": "120"}).stdout
    # what the writers put in a file a person reads: the Markdown export and the 自评结果 report
    out["export md"] = runner.invoke(app, ["export", path, "--to", "md"]).stdout
    out["report md"] = runner.invoke(app, ["report", path]).stdout
    return out


def test_one_name_for_each_thing_in_what_the_cli_prints(tmp_path: Path) -> None:
    """A finding is a 审核发现 (审核意见 is what a reviewer writes, never printed by the CLI); its
    severity is 错误/警告/提示, never the contract's English code; a rule set is a 评分规则; the grade
    shown is named 重算等级."""
    printed = _printed(tmp_path)
    assert printed["show"].strip() and printed["review"].strip()
    assert "自评结果" in printed["export md"] and "自评结果" in printed["report md"]
    for where, text in printed.items():
        assert "审核意见" not in text, where
        assert "规则集" not in text, where  # a rule set is a 评分规则, named by its title
        for code in SEVERITY_NAMES:
            assert not re.search(rf"\b{code}\b", text), (where, code)
    assert "重算等级" in printed["compare --help"]


def test_rule_set_title_read_from_the_file_is_the_loaded_title() -> None:
    """``show`` prints a stored rule set's title without the scoring package: the title read
    from the shipped file alone is the validated rule set's, and other names are still loaded."""
    import subprocess
    import sys

    from jixiao.score.rules import load_rule_set, rule_set_names
    from jixiao.vocabulary import _shipped_title, rule_set_title

    for name in rule_set_names():
        assert _shipped_title(name) == load_rule_set(name).title == rule_set_title(name)
    assert _shipped_title("no-such-rules") is None and rule_set_title("no-such-rules") == "no-such-rules"
    code = "import sys\nfrom jixiao.vocabulary import rule_set_title\nrule_set_title('wuhan')\nprint('jixiao.score' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
