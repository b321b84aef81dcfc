"""Bad input: one documented error (ReadError, exit status 2), never a traceback."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.read import ReadError, read
from jixiao.read._forms import build_forms
from jixiao.read.text import text_rows
from tests.conftest import EXAMPLES, seed

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args))


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    result = _run("parse", str(p))
    assert result.exit_code == 2
    assert "empty.txt" in result.output and "文件为空" in result.output
    assert "Traceback" not in result.output


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "scan.bin"
    p.write_bytes(bytes(range(256)) * 8)
    result = _run("parse", str(p))
    assert result.exit_code == 2 and "二进制" in result.output and "scan.bin" in result.output


def test_gb18030_file_is_read(tmp_path: Path) -> None:
    p = tmp_path / "gbk.txt"
    p.write_bytes(seed("003").read_text(encoding="utf-8").encode("gb18030"))
    doc = read(p)
    assert len(doc.forms) == 19 and doc.forms[0].unit == "区科经局"


def test_undecodable_file(tmp_path: Path) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(b"\xff\xfe\xfa" * 200 + b"\x81\x30")
    result = _run("parse", str(p))
    assert result.exit_code == 2 and "bad.txt" in result.output


def test_formless_file(tmp_path: Path) -> None:
    p = tmp_path / "notes.txt"
    p.write_text("这是一份会议纪要，没有任何绩效表。\n第二行。\n", encoding="utf-8")
    result = _run("parse", str(p))
    assert result.exit_code == 2 and "未找到任何绩效目标表或绩效自评表" in result.output


def test_missing_file() -> None:
    result = _run("parse", "/nonexistent/x.txt")
    assert result.exit_code == 2 and "文件不存在" in result.output


def test_partly_unreadable_file_keeps_the_readable_forms(tmp_path: Path) -> None:
    text = seed("004").read_text(encoding="utf-8")
    lines = text.splitlines()
    # garble the middle of the document: the forms before and after it must survive
    garbled = lines[:300] + ["\t".join(["\x00?"] * 5)] * 3 + ["年度绩效目标 (80分)\t一级指标"] + lines[300:]
    p = tmp_path / "garbled.txt"
    p.write_text("\n".join(garbled), encoding="utf-8")
    doc = read(p)
    assert len(doc.forms) == 20


# lines of real forms to shuffle and cut: the bundled samples, always in the repository
SAMPLE_LINES = [
    line for path in sorted(EXAMPLES.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(SAMPLE_LINES), max_size=120),
    st.integers(min_value=0, max_value=4000),
    st.text(max_size=30),
)
def test_shuffled_truncated_garbled_input_never_raises(lines: list[str], cut: int, noise: str) -> None:
    text = "\n".join(lines)[:cut] + noise
    doc = build_forms(text_rows(text, "x.txt"), "x.txt")
    # a form is found by its title, or, printed without one, by indicators under its header
    assert all(f.title or any(i.target or i.actual for _, i in f.indicators()) for f in doc.forms)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_forms_or_read_error(tmp_path_factory, data: bytes) -> None:
    p = tmp_path_factory.mktemp("fuzz") / "f.txt"
    p.write_bytes(data)
    try:
        read(p)
    except ReadError as e:
        assert str(p) in str(e)
