"""Fixtures of the OCR tests: a small form of our own, printed as a scan by ``benchmarks/scans.py``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jixiao.model import Budget, Form, FormKind, Goal, Indicator


def needs_font() -> None:
    from benchmarks.scans import FONT

    if FONT is None:
        pytest.skip("未安装中文字体（fonts-noto-cjk）：跳过扫描件测试")


def small_form() -> Form:
    """A 项目支出绩效自评表 with three indicators, typed in by hand."""
    return Form(
        kind=FormKind.PROJECT_SELF_EVALUATION,
        title="2022年度示范培训项目自评表",
        year=2022,
        unit="示范局",
        project="示范培训项目",
        supervisor="示范局",
        implementer="示范培训中心",
        filled_on="2023-01-05",
        budget=Budget(weight=20, planned=100, executed=90, rate=0.9, score=18),
        goals=[
            Goal(
                name="年度绩效目标1",
                weight=80,
                indicators=[
                    Indicator(
                        level1="产出指标",
                        level2="数量指标",
                        name="培训人次",
                        target="≥100人次",
                        actual="120人次",
                        score=30,
                    ),
                    Indicator(
                        level1="产出指标",
                        level2="质量指标",
                        name="培训合格率",
                        target="≥95%",
                        actual="98%",
                        score=30,
                    ),
                    Indicator(
                        level1="满意度指标",
                        level2="服务对象满意度指标",
                        name="学员满意度",
                        target="≥90%",
                        actual="92%",
                        score=20,
                    ),
                ],
            )
        ],
        total_score=98,
        deviation_reason="无",
        improvement="继续做好培训组织工作",
    )


@pytest.fixture
def form() -> Form:
    return small_form()


def save_png(img: Any, path: Path) -> Path:
    img.save(path)
    return path
