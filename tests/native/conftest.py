"""Fixtures of the native-format tests: the seed forms, contract comparison, LibreOffice."""

from __future__ import annotations

import re
import shutil
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from jixiao.contract import form_to_contract
from jixiao.model import Budget, Form, FormKind, Goal, Indicator

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []

# Reader bookkeeping the writers do not print: which values the reader recovered from a printed
# total (``recovered``). Everything else of the contract, ``extra.fields`` (label/value cells),
# ``extra.rows`` (blocks the model has no field for) and ``extra.notes`` (备注) included, must
# survive the round trip.
# what the reader notes about the source's layout, not what the form says: a written file has
# its own layout (recovered cells, printed column labels, number texts, placeholder rows)
UNPRINTED_EXTRA = ("recovered", "headers", "printed", "placeholders")


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


def comparable(form: Form) -> dict[str, Any]:
    """form-v1 JSON compared as the contract says: NFKC, whitespace removed."""
    data = form_to_contract(form)
    data["extra"] = {k: v for k, v in data["extra"].items() if k not in UNPRINTED_EXTRA}
    return _norm(data)


@cache
def seed_forms(path: Path) -> list[Form]:
    from jixiao.read import read

    return read(path).forms


def needs_soffice() -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice（soffice）未安装：跳过 PDF 测试")


@pytest.fixture
def project_form() -> Form:
    """The 1号楼房租 form of seed 004, typed in by hand from the printed table."""
    return Form(
        kind=FormKind.PROJECT_SELF_EVALUATION,
        title="2020年度1号楼房租项目自评表",
        year=2020,
        unit="政务服务和大数据管理局",
        project="1号楼房租",
        supervisor="政务服务和大数据管理局",
        implementer="政务服务和大数据管理局",
        filled_on="2021-06-17",
        budget=Budget(weight=20, planned=2903.5, executed=2903.5, rate=1.0, score=20),
        goals=[
            Goal(
                name="年度绩效目标1",
                weight=80,
                indicators=[
                    Indicator(
                        level1="产出指标",
                        level2="时效指标",
                        name="房租缴纳及时性",
                        target="及时",
                        actual="及时",
                        score=80,
                    )
                ],
            )
        ],
        total_score=100,
        deviation_reason="2020年度政务服务和大数据管理局按照合同规定时间完成了1号楼房租缴纳，年度绩效目标已完成。",
        improvement="无",
    )


@pytest.fixture
def department_form() -> Form:
    """Part of 年度目标1 of seed 000 (weights printed in the labels), typed in by hand."""
    ind = {"level1": "产出指标", "level1_weight": 7, "level2": "数量指标", "level2_weight": 3.5}
    return Form(
        kind=FormKind.DEPARTMENT_SELF_EVALUATION,
        title="2020年度武汉国家生物产业基地建设管理办公室部门整体绩效自评表",
        year=2020,
        unit="武汉国家生物产业基地建设管理办公室",
        filled_on="2021-06-30",
        budget=Budget(weight=20, planned=12517.42, executed=12517.42, rate=1.0, score=20),
        goals=[
            Goal(
                name="年度目标1",
                weight=9,
                text="维持部门日常工作开展",
                indicators=[
                    Indicator(
                        **ind,
                        name="办公场所正常运转天数",
                        weight=0.5,
                        target="2020年工作日天数",
                        actual="251个工作日",
                        score=0.5,
                    ),
                    Indicator(
                        **ind, name="公务接待费用", weight=0.5, target="1万元", actual="0.87万元", score=0.43
                    ),
                    Indicator(
                        level1="产出指标",
                        level1_weight=7,
                        level2="质量指标",
                        level2_weight=2,
                        name="年度工作达标情况",
                        weight=1,
                        target="达成",
                        actual="达成",
                        score=1,
                    ),
                    Indicator(
                        level1="效益指标",
                        level1_weight=2,
                        level2="可持续影响指标",
                        level2_weight=1,
                        name="项目可持续性",
                        weight=1,
                        target="具有",
                        actual="具有",
                        score=1,
                    ),
                ],
            )
        ],
        total_score=99.59,
        deviation_reason="受2020年新冠肺炎疫情因素影响,造成公务接待预算未执行完毕。",
        improvement="改进措施:后期将根据客观条件变化,及时调整绩效目标设定值",
    )
