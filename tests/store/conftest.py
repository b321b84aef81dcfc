"""Storage fixtures: a clean database per test on every back end, and hand-written documents.

``db_url`` runs each test on a fresh SQLite file and, when ``JIXIAO_TEST_PG_URL`` is set
(``scripts/test.sh`` starts a throw-away server), on a fresh PostgreSQL schema.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

import jixiao.store._import as store_import
from jixiao.contract import form_from_contract
from jixiao.model import Document, Finding, Scorecard
from jixiao.read import ReadError
from jixiao.review import ReviewResult
from jixiao.store import Database
from jixiao.store import _summary as summary
from jixiao.store import _tally as tally
from jixiao.store._schema import Base

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
PG_ENV = "JIXIAO_TEST_PG_URL"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database: an SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'jixiao.db'}"
        return
    import os

    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"未设置 {PG_ENV}，跳过 PostgreSQL")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """The open test database; afterwards, its running tallies and sums must match a recount."""
    with Database(db_url) as database:
        yield database
        with database.reader() as s:
            assert tally.stored(s) == tally.recount(s)
            assert tally.stored_codes(s) == tally.code_counts(tally.recount(s))
            assert summary.differences(s) == []


def row_counts(db: Database) -> dict[str, int]:
    """Rows per table: the whole database's state, for before/after comparisons."""
    with db.reader() as s:
        return {
            t.name: s.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables
        }


# --- hand-written documents ---------------------------------------------------------------


def project_form(
    *,
    unit: str = "政务服务和大数据管理局",
    year: int = 2020,
    project: str = "咨询评估服务经费项目",
    total: float = 99.5,
    scores: tuple[float, float] = (10, 9.5),
) -> dict[str, Any]:
    """A small 项目支出绩效自评表 as its form-v1 object (values written as a form would print them)."""
    return {
        "schema": "jixiao.form/1",
        "kind": "project_self_evaluation",
        "title": f"{year} 年度{project}自评表",
        "year": year,
        "unit": unit,
        "project": project,
        "supervisor": unit,
        "implementer": unit,
        "filled_on": f"{year + 1}-06-17",
        "budget": {"weight": 20, "planned": 940, "executed": 944.63, "rate": 1.0, "score": 20},
        "overall_goal": None,
        "goals": [
            {
                "name": "项目年度绩效指标",
                "text": None,
                "weight": None,
                "indicators": [
                    {
                        "level1": "产出指标",
                        "level2": "数量指标",
                        "name": "评审项目数量",
                        "weight": 10,
                        "target": "≥150个",
                        "actual": "162个",
                        "score": scores[0],
                        "basis": None,
                    },
                    {
                        "level1": "效益指标",
                        "level2": "社会效益指标",
                        "name": "审减率",
                        "weight": 10,
                        "target": "≥5%",
                        "actual": "6.2%",
                        "score": scores[1],
                        "basis": None,
                    },
                ],
            }
        ],
        "total_score": total,
        "deviation_reason": None,
        "improvement": "改进措施：加强评审质量管理。",
        "extra": {},
    }


def department_form(
    *, unit: str = "武汉国家生物产业基地建设管理办公室", year: int = 2020, total: float = 97
) -> dict[str, Any]:
    """A 部门整体绩效自评表 with one annual goal."""
    return {
        "schema": "jixiao.form/1",
        "kind": "department_self_evaluation",
        "title": f"{year}年度{unit} 部门整体绩效自评表",
        "year": year,
        "unit": unit,
        "project": None,
        "supervisor": None,
        "implementer": None,
        "filled_on": f"{year + 1}-06-30",
        "budget": {"weight": 20, "planned": 12517.42, "executed": 12517.42, "rate": 1.0, "score": 20},
        "overall_goal": None,
        "goals": [
            {
                "name": "年度目标1",
                "text": "维持部门日常工作开展",
                "weight": 9,
                "indicators": [
                    {
                        "level1": "产出指标",
                        "level2": "数量指标",
                        "name": "办公场所正常运转天数",
                        "weight": 0.5,
                        "target": "2020年工作日天数",
                        "actual": "251个工作日",
                        "score": 0.5,
                        "basis": None,
                    },
                    {
                        "level1": "产出指标",
                        "level2": "数量指标",
                        "name": "公务接待费用",
                        "weight": 0.5,
                        "target": "1万元",
                        "actual": "0.87万元",
                        "score": 0.43,
                        "basis": None,
                    },
                ],
            }
        ],
        "total_score": total,
        "deviation_reason": "受2020年新冠肺炎疫情因素影响，部分工作延期。",
        "improvement": None,
        "extra": {"页眉": "2020年度"},
    }


def write_doc(path: Path, *forms: dict[str, Any]) -> Path:
    """A document file the fake reader understands: its forms as form-v1 JSON."""
    path.write_text(json.dumps({"forms": list(forms)}, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def fake_read(path: str | Path) -> Document:
    """Stands in for ``jixiao.read.read`` on ``write_doc`` files; anything else is unreadable."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ReadError(str(p), "不是绩效表") from None
    if not data.get("forms"):
        raise ReadError(str(p), "文件中没有绩效表")
    forms = [form_from_contract(copy.deepcopy(f)) for f in data["forms"]]
    return Document(path=str(p), reader="fake", forms=forms)


Reviewer = Callable[[Document, str | None], ReviewResult]


def fake_review(doc: Document, rules: str | None = None) -> ReviewResult:
    """A reviewer with fixed, checkable verdicts: every form re-scored at printed total − 1 (grade 良),
    one error ``form.total_mismatch`` on every form, one warning on indicators scored below weight."""
    cards: list[Scorecard] = []
    findings: list[Finding] = []
    for i, f in enumerate(doc.forms):
        computed = None if f.total_score is None else f.total_score - 1
        cards.append(
            Scorecard(
                form=i,
                rule_set="test",
                total_printed=f.total_score,
                total_computed=computed,
                grade_printed="优",
                grade_computed="良",
            )
        )
        findings.append(
            Finding(
                form=i,
                form_title=f.title,
                code="form.total_mismatch",
                severity="error",
                printed=f.total_score,
                expected=computed,
                message="总分与各项得分之和不符",
            )
        )
        for g, ind in f.indicators():
            if ind.weight is not None and ind.score is not None and ind.score < ind.weight:
                findings.append(
                    Finding(
                        form=i,
                        form_title=f.title,
                        code="indicator.score_mismatch",
                        severity="warning",
                        goal=g.name,
                        indicator=ind.name,
                        printed=ind.score,
                        expected=ind.weight,
                        message="得分与规则不符",
                    )
                )
    return ReviewResult(rule_set="test", rule_set_version="1", scorecards=cards, findings=findings)


@pytest.fixture
def fake_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Import with the fake reader (and the placeholder review)."""
    monkeypatch.setattr(store_import, "read", fake_read)


@pytest.fixture
def fake_reviewer(monkeypatch: pytest.MonkeyPatch, fake_reader: None) -> None:
    """Import with the fake reader and the fake reviewer."""
    monkeypatch.setattr(store_import, "review_document", fake_review)
