"""Output files: distinct default names, never replaced without --force, normal permissions."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.write import OutputExistsError
from jixiao.write._files import atomic_output
from tests.conftest import seed

runner = CliRunner()


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_forms_and_report_get_different_default_names(
    tmp_path: Path, umask_022: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = seed("000")
    monkeypatch.chdir(tmp_path)
    forms = runner.invoke(app, ["export", str(src), "--to", "docx"])
    report = runner.invoke(app, ["export", str(src), "--to", "report-docx"])
    assert forms.exit_code == 0 and report.exit_code == 0, forms.output + report.output
    names = sorted(p.name for p in Path(".").iterdir())
    assert names == [f"{src.stem}-绩效表.docx", f"{src.stem}-自评结果.docx"]
    for name in names:  # readable by colleagues, as any file the user saves (not 0600)
        assert stat.S_IMODE(Path(name).stat().st_mode) == 0o644
    assert "已写入 1 份自评结果" in report.stderr


def test_existing_file_is_replaced_only_with_force(tmp_path: Path) -> None:
    src = seed("000")
    target = tmp_path / "表.xlsx"
    target.write_bytes(b"an older file")
    refused = runner.invoke(app, ["export", str(src), "--to", "xlsx", "-o", str(target)])
    assert refused.exit_code == 2
    assert "输出文件已存在" in refused.stderr and "--force" in refused.stderr and "表.xlsx" in refused.stderr
    assert target.read_bytes() == b"an older file"
    forced = runner.invoke(app, ["export", str(src), "--to", "xlsx", "-o", str(target), "--force"])
    assert forced.exit_code == 0, forced.output
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["表.xlsx"]  # no temporary file left behind


def test_review_output_is_not_overwritten_silently(tmp_path: Path) -> None:
    target = tmp_path / "review.html"
    target.write_text("旧报告", encoding="utf-8")
    refused = runner.invoke(app, ["review", str(seed("000")), "-f", "html", "-o", str(target)])
    assert refused.exit_code == 2 and "输出文件已存在" in refused.stderr
    assert target.read_text(encoding="utf-8") == "旧报告"
    forced = runner.invoke(app, ["review", str(seed("000")), "-f", "html", "-o", str(target), "--force"])
    assert forced.exit_code == 0 and "<html" in target.read_text(encoding="utf-8")


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("writer crashed")
    assert list(tmp_path.iterdir()) == []
    target.write_bytes(b"mine")
    with pytest.raises(OutputExistsError), atomic_output(target, overwrite=False):
        pass
    assert target.read_bytes() == b"mine"


@pytest.mark.parametrize("command", [["parse"], ["review"], ["export", "--to", "json"]])
def test_unsupported_file_type_is_named(tmp_path: Path, command: list[str]) -> None:
    # (.csv is read: quoted CSV is one of the text layouts forms are published in; .odt is read
    # as OpenDocument text since the formats task: Apple's .numbers is a type no reader takes)
    odd = tmp_path / "表.numbers"
    odd.write_text("项目名称,得分\n某项目,90\n", encoding="utf-8")
    result = runner.invoke(app, [*command, str(odd)])
    assert result.exit_code == 2
    assert "不支持的文件类型" in result.stderr and "表.numbers" in result.stderr
    assert "未找到任何绩效表" not in result.output


def test_html_review_ends_with_one_message_saying_how_to_open_it(tmp_path: Path) -> None:
    target = tmp_path / "review.html"
    result = runner.invoke(app, ["review", str(seed("000")), "-f", "html", "-o", str(target)])
    assert result.exit_code == 0
    lines = [x for x in result.stderr.splitlines() if x.strip()]
    assert lines == [f"审核报告已写入 {target}，用浏览器打开即可查看（如 xdg-open {target}）"]


def test_demo_prints_no_second_completion_message() -> None:
    demo = (Path(__file__).resolve().parents[2] / "scripts" / "demo.sh").read_text(encoding="utf-8")
    assert "echo" not in demo  # the review command's own message is the last word
    assert "--format html -o out/review.html --force" in demo  # a second run works too
