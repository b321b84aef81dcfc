"""What the text-speed changes must keep: the binary-text test, the row text, the form kinds."""

from __future__ import annotations

import pickle

import pytest

from jixiao.kinds import FormKind
from jixiao.model import Source
from jixiao.read import ReadError
from jixiao.read._decode import decode_text
from jixiao.read._grid import Row


def _text_with_controls(n: int, char: str = "\x07") -> bytes:
    body = "项目名称\t测试项目\n" * 20
    return (body[:50] + char * n + body[50:]).encode("utf-8")


def test_more_than_eight_control_characters_is_binary() -> None:
    with pytest.raises(ReadError, match="二进制"):
        decode_text(_text_with_controls(9), "a.txt")
    with pytest.raises(ReadError, match="二进制"):
        decode_text(_text_with_controls(9, "\x1b"), "a.txt")


def test_eight_control_characters_or_layout_characters_are_text() -> None:
    text, issues = decode_text(_text_with_controls(8), "a.txt")
    assert text.count("\x07") == 8 and issues == []
    # tab, newline, carriage return and form feed are layout, however many
    text, _ = decode_text(_text_with_controls(500, "\t\r\f\n"), "a.txt")
    assert text.count("\f") == 500


def test_control_characters_past_the_first_4096_are_not_counted() -> None:
    data = ("项目名称\t测试\n" * 1000).encode("utf-8") + b"\x07" * 50
    text, _ = decode_text(data, "a.txt")
    assert text.endswith("\x07" * 50)


def test_row_text_follows_its_cells_when_they_are_replaced() -> None:
    # the PDF reader joins a wrapped cell into the row above by replacing its cells
    row = Row(cells=["指标名称", "", "指标值"], source=Source(file="a.pdf"))
    assert row.text == "指标名称 指标值"
    row.cells = ["指标名称指标值"]
    assert row.texts == ["指标名称指标值"] and row.text == "指标名称指标值"


def test_form_kind_groups() -> None:
    targets = {k for k in FormKind if k.is_target}
    departments = {k for k in FormKind if k.is_department}
    assert targets == {FormKind.DEPARTMENT_TARGET, FormKind.PROJECT_TARGET}
    assert departments == {FormKind.DEPARTMENT_TARGET, FormKind.DEPARTMENT_SELF_EVALUATION}
    # a kind read back from its value or from a pickle (the spool, the workers) is the same member
    assert FormKind("project_target").is_target
    assert pickle.loads(pickle.dumps(FormKind.DEPARTMENT_SELF_EVALUATION)).is_department
    assert not pickle.loads(pickle.dumps(FormKind.PROJECT_SELF_EVALUATION)).is_target
