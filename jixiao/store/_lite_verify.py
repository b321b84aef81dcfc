"""``jixiao verify`` of an SQLite file on ``sqlite3`` (``store.Reader``): no SQLAlchemy (issue 11).

The same checks as ``_maintain.verify`` — SQLite's ``integrity_check``, every original
re-hashed, one current form per identity, the finding tallies and the running sums of
``_summary`` against a recount — sending SQLAlchemy's statements for SQLite, text and
parameters alike, in the same order. The recount's arithmetic (``_tally.key``, ``_summary._rows``,
``_project``, ``_row_counts``, ``differences``) is repeated here on plain rows, because those
modules import SQLAlchemy; ``tests/store/test_lite_verify.py`` holds the statements, every
intermediate figure and the report to the SQLAlchemy path on healthy and damaged databases.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jixiao.store._records import STRUCTURE_CODES

if TYPE_CHECKING:
    from jixiao.store._lite import Reader

__all__ = ["VerifyReport", "verify"]


@dataclass
class VerifyReport:
    documents: int = 0
    problems: list[str] = field(default_factory=list)  # Chinese, one line each

    @property
    def ok(self) -> bool:
        return not self.problems


# _summary's tables of running sums, their keys and values (held to _summary by the test)
KEYS = ("unit_id", "year", "kind", "grade", "errors", "state")
ROLLUPS = (
    ("form_summaries", KEYS),
    ("year_summaries", KEYS[1:]),
    ("unit_summaries", ("unit_id",)),
    ("unit_year_summaries", ("unit_id", "year", "kind")),
)
ROW_COUNTS = (("unit_year_counts", "unit_year_summaries", ("year", "kind")),)
COUNTED = "units"
VALUES = (
    "forms",
    "funds",
    "funds_n",
    "printed_num",
    "printed_den",
    "printed_n",
    "computed_num",
    "computed_den",
    "computed_n",
    "unsound",
    "gap_sum",
    "gap_n",
    "printed_grade_n",
)
_COUNTS = frozenset(v for v in VALUES if v == "forms" or v.endswith("_n") or v == "unsound")
DEFAULT_STATE = "submitted"

# --- the statements, as SQLAlchemy compiles them for SQLite ----------------------------------

INTEGRITY = "PRAGMA integrity_check"
DOCUMENTS = (
    "SELECT documents.id, documents.file_name, documents.sha256, documents.size \n"
    "FROM documents ORDER BY documents.id"
)
CONTENT = (
    "SELECT document_contents.content \nFROM document_contents \nWHERE document_contents.document_id = ?"
)
_IDENTITY = "coalesce(forms.unit_id, 0){}, forms.link_year, forms.kind, forms.project_key, forms.ordinal"
DUPLICATES = (
    f"SELECT {_IDENTITY.format(' AS coalesce_1')}, count(*) AS count_1 \nFROM forms \n"
    f"WHERE forms.superseded IS 0 AND forms.link_year IS NOT NULL GROUP BY {_IDENTITY.format('')} \n"
    "HAVING count(*) > ?",
    (1,),
)
_TALLY_KEY = "findings.unit_id, findings.year, findings.kind, findings.code"
TALLY_RECOUNT = (
    f"SELECT {_TALLY_KEY}, count(*) AS count_1 \nFROM findings \n"
    f"WHERE findings.current IS 1 AND findings.form_id IS NOT NULL GROUP BY {_TALLY_KEY}"
)
TALLY_STORED = (
    "SELECT finding_tallies.unit_id, finding_tallies.year, finding_tallies.kind, finding_tallies.code, "
    "finding_tallies.count \nFROM finding_tallies \nWHERE finding_tallies.count != ?",
    (0,),
)
CODES_STORED = (
    "SELECT code_tallies.code, code_tallies.count \nFROM code_tallies \nWHERE code_tallies.count != ?",
    (0,),
)


def _summary_recount() -> tuple[str, tuple[Any, ...]]:
    """``_summary.recount``'s aggregate: each cell's sums over the current forms."""
    broken = (
        "EXISTS (SELECT findings.id \nFROM findings \nWHERE findings.form_id = forms.id AND "
        "findings.review_run_id = forms.review_run_id AND findings.code LIKE ?)"
    )
    recomputed = (
        "EXISTS (SELECT scorecards.id \nFROM scorecards \nWHERE scorecards.form_id = forms.id AND "
        "scorecards.review_run_id = forms.review_run_id AND scorecards.grade_computed IS NOT NULL)"
    )
    funds = "forms.budget_planned"
    has_funds = f"{funds} IS NOT NULL AND {funds} > ?"
    printed_ok = f"forms.total_score IS NOT NULL AND {has_funds}"
    computed_ok = f"forms.total_computed IS NOT NULL AND {has_funds} AND NOT ({broken})"
    gap_ok = (
        "forms.unit_id IS NOT NULL AND forms.total_score IS NOT NULL AND forms.total_computed IS NOT NULL"
    )
    # (condition, its parameters, value) of every sum after count(*); a count's value is 1
    sums: list[tuple[str, tuple[Any, ...], str | None, Any]] = [
        (f"{funds} IS NOT NULL", (), funds, 0.0),
        (f"{funds} IS NOT NULL", (), None, 0),
        (printed_ok, (0,), f"forms.total_score * {funds}", 0.0),
        (printed_ok, (0,), funds, 0.0),
        (printed_ok, (0,), None, 0),
        (computed_ok, (0, STRUCTURE_CODES), f"forms.total_computed * {funds}", 0.0),
        (computed_ok, (0, STRUCTURE_CODES), funds, 0.0),
        (computed_ok, (0, STRUCTURE_CODES), None, 0),
        (f"forms.total_score IS NOT NULL AND ({broken})", (STRUCTURE_CODES,), None, 0),
        (gap_ok, (), "forms.total_score - forms.total_computed", 0.0),
        (gap_ok, (), None, 0),
        (f"forms.grade IS NOT NULL AND NOT ({recomputed})", (), None, 0),
    ]
    keys = (
        "coalesce(forms.unit_id, ?){}",
        "coalesce(forms.year, ?){}",
        "forms.kind{}",
        "coalesce(forms.grade, ?){}",
        "CASE WHEN (forms.error_count > ?) THEN ? ELSE ? END{}",
        "coalesce(form_workflow.state, ?){}",
    )
    key_params: tuple[Any, ...] = (0, 0, "", 0, 1, 0, DEFAULT_STATE)
    labels = (" AS coalesce_1", " AS coalesce_3", "", " AS coalesce_5", " AS anon_1", " AS coalesce_7")
    columns = [k.format(label) for k, label in zip(keys, labels, strict=True)] + ["count(*) AS count_1"]
    params: list[Any] = list(key_params)
    for i, (cond, cond_params, value, otherwise) in enumerate(sums, start=1):
        then = value if value is not None else "?"
        columns.append(f"sum(CASE WHEN ({cond}) THEN {then} ELSE ? END) AS sum_{i}")
        params += [*cond_params, *(() if value is not None else (1,)), otherwise]
    sql = (
        f"SELECT {', '.join(columns)} \nFROM forms LEFT OUTER JOIN form_workflow ON form_workflow.form_id = "
        f"forms.id \nWHERE forms.superseded IS 0 GROUP BY {', '.join(k.format('') for k in keys)}"
    )
    return sql, (*params, *key_params)


SUMMARY_RECOUNT = _summary_recount()


def _stored_sums(table: str, keys: tuple[str, ...]) -> tuple[str, tuple[Any, ...]]:
    cols = ", ".join(f"{table}.{c}" for c in (*keys, *VALUES))
    return f"SELECT {cols} \nFROM {table} \nWHERE {table}.forms != ?", (0,)


def _stored_counts(table: str, by: tuple[str, ...]) -> tuple[str, tuple[Any, ...]]:
    cols = ", ".join(f"{table}.{c}" for c in (*by, COUNTED))
    return f"SELECT {cols} \nFROM {table} \nWHERE {table}.{COUNTED} != ?", (0,)


# --- the checks ------------------------------------------------------------------------------


def verify(db: Reader) -> VerifyReport:
    """``_maintain.verify`` on a ``Reader``: the same problems, in the same order."""
    report = VerifyReport()
    rows = [r[0] for r in db.execute(INTEGRITY)]
    if rows != ["ok"]:
        report.problems.append(f"数据库文件结构损坏（integrity_check 发现 {len(rows)} 处问题）")
    for doc_id, name, sha, size in db.execute(DOCUMENTS):
        report.documents += 1
        found = db.execute(CONTENT, (doc_id,))
        content = found[0][0] if found else None
        if content is None:
            report.problems.append(f"文件 {name}（文档 {doc_id}）的原件缺失")
        elif len(content) != size or hashlib.sha256(content).hexdigest() != sha:
            report.problems.append(f"文件 {name}（文档 {doc_id}）的原件与导入时的 SHA-256 不符，已被改动")
    for *_, n in db.execute(*DUPLICATES):
        report.problems.append(f"同一张表有 {n} 个“当前版本”")
    counted = tally_recount(db)
    if tally_stored(db) != counted or codes_stored(db) != code_counts(counted):
        report.problems.append("审核发现统计与审核发现本身不符")
    if differences(db):
        report.problems.append("表格汇总（form_summaries）与表格本身不符")
    return report


def tally_recount(db: Reader) -> Counter[tuple[int, int, str, str]]:
    """``_tally.recount``: the finding counts as the current findings give them."""
    return Counter({(u or 0, y or 0, k or "", c): n for u, y, k, c, n in db.execute(TALLY_RECOUNT)})


def tally_stored(db: Reader) -> Counter[tuple[Any, ...]]:
    """``_tally.stored``: ``finding_tallies`` as stored, zero cells left out."""
    return Counter({(u, y, k, c): n for u, y, k, c, n in db.execute(*TALLY_STORED)})


def codes_stored(db: Reader) -> Counter[str]:
    """``_tally.stored_codes``."""
    return Counter({c: n for c, n in db.execute(*CODES_STORED)})


def code_counts(tallies: Counter[Any]) -> Counter[str]:
    """``_tally.code_counts``: a tally's counts per code, zero codes left out."""
    out: Counter[str] = Counter()
    for k, n in tallies.items():
        out[k[3]] += n
    return Counter({c: n for c, n in out.items() if n})


Cells = dict[tuple[Any, ...], dict[str, float]]


def _rows(rows: list[tuple[Any, ...]], n_keys: int) -> Cells:
    return {
        tuple(row[:n_keys]): {
            name: (int(v or 0) if name in _COUNTS else float(v or 0.0))
            for name, v in zip(VALUES, row[n_keys:], strict=True)
        }
        for row in rows
    }


def summary_recount(db: Reader) -> Cells:
    """``_summary.recount``."""
    return _rows(db.execute(*SUMMARY_RECOUNT), len(KEYS))


def summary_stored(db: Reader, table: str) -> Cells:
    """``_summary.stored`` of one table of ``ROLLUPS``."""
    keys = dict(ROLLUPS)[table]
    return _rows(db.execute(*_stored_sums(table, keys)), len(keys))


def stored_row_counts(db: Reader, table: str) -> dict[tuple[Any, ...], int]:
    """``_summary.stored_row_counts``."""
    by = next(b for c, _, b in ROW_COUNTS if c == table)
    return {tuple(r[:-1]): int(r[-1]) for r in db.execute(*_stored_counts(table, by))}


def _project(cells: Cells, keys: tuple[str, ...]) -> Cells:
    if keys == KEYS:
        return cells
    at = [KEYS.index(k) for k in keys]
    out: Cells = {}
    for k, vals in cells.items():
        into = out.setdefault(tuple(k[i] for i in at), dict.fromkeys(VALUES, 0))
        for name in VALUES:
            into[name] += vals[name]
    return out


def _row_counts(cells: Cells, keys: tuple[str, ...], by: tuple[str, ...]) -> dict[tuple[Any, ...], int]:
    at = [keys.index(k) for k in by]
    out: dict[tuple[Any, ...], int] = {}
    for k, vals in cells.items():
        if vals["forms"]:
            part = tuple(k[i] for i in at)
            out[part] = out.get(part, 0) + 1
    return out


def differences(db: Reader) -> list[str]:
    """``_summary.differences``: cells where the stored sums and a recount disagree."""
    counted = summary_recount(db)
    bad = []
    for table, keys in ROLLUPS:
        want, have = _project(counted, keys), summary_stored(db, table)
        for k in sorted(set(want) | set(have)):
            a, b = want.get(k), have.get(k)
            if a is None or b is None:
                bad.append(f"{table} {k}: {'缺少' if b is None else '多余'}")
                continue
            for v in VALUES:
                if not math.isclose(a[v], b[v], rel_tol=1e-9, abs_tol=1e-6):
                    bad.append(f"{table} {k} {v}: 应为 {a[v]}，存为 {b[v]}")
    for counts, source, by in ROW_COUNTS:
        keys = dict(ROLLUPS)[source]
        want_rows, have_rows = _row_counts(_project(counted, keys), keys, by), stored_row_counts(db, counts)
        for k in sorted(set(want_rows) | set(have_rows)):
            if want_rows.get(k, 0) != have_rows.get(k, 0):
                bad.append(f"{counts} {k}: 应为 {want_rows.get(k, 0)} 行，存为 {have_rows.get(k, 0)} 行")
    return bad
