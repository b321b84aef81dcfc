"""``jixiao review FOLDER``: a bureau's folder of returned forms reviewed as ``import`` takes it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app
from tests.conftest import seed

runner = CliRunner()


def test_folder_is_reviewed_file_by_file_like_the_files_it_holds(tmp_path: Path) -> None:
    box = tmp_path / "收件"
    (box / "区县").mkdir(parents=True)
    (box / ".草稿").mkdir()
    a = shutil.copy(seed("000"), box / "a.txt")
    b = shutil.copy(seed("001"), box / "区县" / "b.txt")
    shutil.copy(seed("003"), box / ".草稿" / "hidden.txt")  # a hidden folder is not the bureau's
    (box / "说明.bin").write_bytes(b"\x00\x01")  # no reader declares .bin: not picked up
    by_folder = runner.invoke(app, ["review", "-f", "json", str(box)])
    by_files = runner.invoke(app, ["review", "-f", "json", str(a), str(b)])
    assert by_folder.exit_code == 0, by_folder.output
    got = json.loads(by_folder.stdout)
    assert list(got) == [str(a), str(b)]
    assert got == json.loads(by_files.stdout)
    assert any(f["severity"] == "error" for f in got[str(a)])  # seed 000 has a wrong score


def test_folder_of_one_file_is_still_an_object_by_path(tmp_path: Path) -> None:
    a = shutil.copy(seed("000"), tmp_path / "a.txt")
    result = runner.invoke(app, ["review", "-f", "json", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert list(json.loads(result.stdout)) == [str(a)]


def test_folder_without_readable_files_is_one_chinese_line(tmp_path: Path) -> None:
    (tmp_path / "x.bin").write_bytes(b"\x00")
    result = runner.invoke(app, ["review", str(tmp_path)])
    assert result.exit_code == 2
    assert f"文件夹 {tmp_path} 中没有可读取的文件" in result.stderr
