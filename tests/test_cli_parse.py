"""``jixiao parse`` in-process: JSON exactly per form-v1, and the table summary."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from jixiao.cli import app
from tests.conftest import EXAMPLES, seed

runner = CliRunner()


def test_parse_json_is_a_form_v1_array() -> None:
    result = runner.invoke(app, ["parse", str(seed("000"))])
    assert result.exit_code == 0, result.output
    forms = json.loads(result.stdout)
    assert isinstance(forms, list) and len(forms) == 1
    f = forms[0]
    assert f["schema"] == "jixiao.form/1" and f["kind"] == "department_self_evaluation"
    assert f["total_score"] == 99.59 and f["budget"]["rate"] == 1 and f["budget"]["score"] == 20
    assert f["goals"][0]["weight"] == 9 and f["goals"][0]["indicators"][0]["weight"] == 0.5


def test_parse_table_summary() -> None:
    result = runner.invoke(
        app, ["parse", str(EXAMPLES / "2023_江夏区城市管理执法局_部门整体自评表.txt"), "-f", "table"]
    )
    assert result.exit_code == 0, result.output
    assert "1 张表" in result.stdout and "97.5" in result.stdout and " 14 " in result.stdout


def test_examples_parse() -> None:
    kinds = set()
    for path in sorted(EXAMPLES.glob("*.txt")):
        result = runner.invoke(app, ["parse", str(path)])
        assert result.exit_code == 0, (path, result.output)
        kinds.update(f["kind"] for f in json.loads(result.stdout))
    assert {"project_self_evaluation", "department_self_evaluation", "project_target"} <= kinds
