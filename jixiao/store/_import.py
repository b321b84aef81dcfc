"""``import_paths``: read, review and store files and folders, one transaction per document.

Reading and reviewing (CPU-bound) can run in worker processes, or on a Dask cluster's workers
(``engine``, see ``jixiao.batch``); every write happens here, in the calling process, in file
order — so revisions are assigned deterministically, a cluster run stores exactly what a local
run stores, and a document is either stored whole or not at all.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from jixiao._spool import SPOOL_BYTES, FormSpool
from jixiao.batch import EngineSpec, engine_map
from jixiao.model import Document, ReadIssue
from jixiao.read import ReadError, read
from jixiao.read._limits import check_file, os_reason
from jixiao.read._registry import readable_files, supported_suffixes
from jixiao.review import ReviewResult, review_document
from jixiao.store._db import Database, explain
from jixiao.store._schema import DocumentRow
from jixiao.store._write import ContentChanged, Prepared, RevisionConflict, imported_by, store_document

__all__ = ["SUFFIXES", "Failure", "ImportSummary", "Imported", "Unchanged", "collect_files", "import_paths"]

# File types a folder import picks up (those a reader declares); files named explicitly are always tried.
SUFFIXES = supported_suffixes()


@dataclass
class Imported:
    path: str
    document_id: int
    forms: int
    revised: int  # forms that replace an earlier revision
    findings: Counter[str]


@dataclass
class Unchanged:
    path: str
    same_as: str  # the file name under which these bytes were imported before


@dataclass
class Failure:
    path: str
    reason: str  # Chinese, one line


@dataclass
class ImportSummary:
    """What an import did, document by document."""

    imported: list[Imported] = field(default_factory=list)
    unchanged: list[Unchanged] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    stopped: str | None = None  # why the batch stopped before its end (disk full), Chinese

    @property
    def forms(self) -> int:
        return sum(d.forms for d in self.imported)

    @property
    def revised(self) -> int:
        return sum(d.revised for d in self.imported)

    @property
    def findings(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for d in self.imported:
            total.update(d.findings)
        return total


Progress = Callable[[int, int, str], None]  # (done, total, path just finished)


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Failure]]:
    """Files to import: given files as they are, folders searched recursively for known types."""
    files: list[Path] = []
    failures: list[Failure] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            files.extend(readable_files(p))
        elif p.is_file():
            files.append(p)
        elif p.exists():
            try:
                check_file(p)
            except ReadError as e:
                failures.append(Failure(str(p), e.reason))
            else:  # pragma: no cover - exists, not a directory, not a file: checked above
                files.append(p)
        else:
            failures.append(Failure(str(p), "文件不存在"))
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, failures


@dataclass(frozen=True)
class RuleChoice:
    """The rule sets of an import: one forced for every form (``--rules``), else the store's
    评分规则 of a form's fiscal year (``set_year_rule_set``), else chosen per form."""

    forced: str | None = None
    by_year: tuple[tuple[int, str], ...] = ()

    def review(self, doc: Document) -> ReviewResult:
        if self.by_year and not self.forced:
            return review_document(doc, None, by_year=dict(self.by_year))
        return review_document(doc, self.forced)


def year_rules(session: Session) -> tuple[tuple[int, str], ...]:
    """The 评分规则 chosen per fiscal year, as stored."""
    from jixiao.store._schema_web import YearRuleSetRow

    rows = session.execute(select(YearRuleSetRow.year, YearRuleSetRow.rule_set).order_by(YearRuleSetRow.year))
    return tuple((int(year), str(name)) for year, name in rows)


def _read_and_review(
    path: str, rules: RuleChoice, doc: Document | None = None, spooled: bool = False
) -> tuple[Document, ReviewResult | None] | Failure:
    """The worker's job: parse (unless the caller has read it already) and review one file;
    a failure is returned, never raised. ``spooled`` (here, not on a worker): a large text dump
    is read onto disk and not reviewed yet — it is reviewed form by form as it is stored."""
    try:
        if doc is None and spooled and _large(path):
            doc = read(path, spooled=True)
            if isinstance(doc.forms, FormSpool):
                return doc, None
        doc = read(path) if doc is None else doc
    except ReadError as e:
        return Failure(path, e.reason)
    except MemoryError:
        return Failure(path, "读取时内存不足，已跳过该文件")
    except Exception as e:  # a reader bug must not stop the batch
        return Failure(path, f"读取时出错（内部错误 {type(e).__name__}）")
    try:
        review = rules.review(doc)
    except MemoryError:
        return Failure(path, "审核时内存不足，已跳过该文件")
    except Exception as e:
        return Failure(path, f"审核时出错（内部错误 {type(e).__name__}）")
    return doc, review


def _large(path: str) -> bool:
    try:
        return os.path.getsize(path) >= SPOOL_BYTES
    except OSError:
        return False


def _died(path: str) -> Failure:
    return Failure(path, "读取进程意外终止（可能超出内存或被强制结束），已跳过该文件")


def _parsed(
    paths: list[str],
    rules: RuleChoice,
    workers: int,
    engine: EngineSpec,
    documents: Mapping[str, Document],
) -> Iterator[tuple[Document, ReviewResult | None] | Failure]:
    if documents or (engine.local and (workers <= 1 or len(paths) <= 1)):
        # here, not in engine_map: tests replace this module's ``read``/``review_document``;
        # a document the caller has read already (the web upload's OCR) is not read again
        return (_read_and_review(p, rules, documents.get(p), spooled=True) for p in paths)
    if not paths:  # nothing new to read: no cluster started for it
        return (r for r in ())
    return engine_map(
        engine, _read_and_review, paths, rules, workers=workers, on_death=_died, on_error=Failure
    )


def _without_nul(value: Any) -> tuple[Any, int]:
    """``value`` with every NUL character removed from its strings, and how many there were.

    PostgreSQL refuses NUL in text; SQLite would keep it. Removed on both, so both store alike.
    """
    if isinstance(value, str):
        n = value.count("\x00")
        return (value.replace("\x00", ""), n) if n else (value, 0)
    if isinstance(value, dict):
        total = 0
        out = {}
        for k, v in value.items():
            k2, a = _without_nul(k)
            v2, b = _without_nul(v)
            out[k2] = v2
            total += a + b
        return (out, total) if total else (value, 0)
    if isinstance(value, list | tuple):
        items = [_without_nul(v) for v in value]
        total = sum(n for _, n in items)
        return (type(value)(v for v, _ in items), total) if total else (value, 0)
    return value, 0


def _clean_model(model: BaseModel) -> tuple[Any, int]:
    data, removed = _without_nul(model.model_dump())
    return (type(model).model_validate(data) if removed else model), removed


def _nul_free(doc: Document, review: ReviewResult) -> tuple[Document, ReviewResult]:
    doc2, removed = _clean_model(doc)
    if removed:
        doc2.issues.append(ReadIssue(message=f"文件中有 {removed} 个空字符（NUL），已去除"))
        review = dataclasses.replace(
            review,
            scorecards=[_clean_model(c)[0] for c in review.scorecards],
            findings=[_clean_model(f)[0] for f in review.findings],
        )
    return doc2, review


def _nul_free_outside_forms(doc: Document) -> tuple[Document, int]:
    """A spooled document's reports and issues without NUL (its forms are cleaned as stored)."""
    reports = [_clean_model(r) for r in doc.reports]
    issues = [_clean_model(i) for i in doc.issues]
    path, n = _without_nul(doc.path)
    removed = n + sum(k for _, k in reports) + sum(k for _, k in issues)
    if not removed:
        return doc, 0
    clean = Document.model_construct(
        path=path,
        sha256=doc.sha256,
        reader=doc.reader,
        forms=doc.forms,
        reports=[r for r, _ in reports],
        issues=[i for i, _ in issues],
        cells=doc.cells,
    )
    return clean, removed


def _disk_full(e: BaseException) -> bool:
    text = str(getattr(e, "orig", e)).lower()
    return "disk is full" in text or "no space left" in text or "could not extend" in text


def import_paths(
    paths: Iterable[str | os.PathLike[str]],
    db: Database,
    *,
    workers: int = 1,
    rules: str | None = None,
    progress: Progress | None = None,
    engine: EngineSpec | None = None,
    documents: Mapping[str, Document] | None = None,
) -> ImportSummary:
    """Import files and folders into ``db``; see the module docstring for the guarantees.

    ``engine`` says where files are read and reviewed (default: here, in ``workers`` processes);
    an engine that cannot be used raises ``jixiao.batch.EngineError`` before anything is written.
    ``documents`` maps a file's path (as given) to the ``Document`` the caller has already read
    from it, so an expensive reading (OCR) is not done twice; the file's bytes are still hashed
    and stored, with the same unchanged / rolled-back semantics.
    """
    summary = ImportSummary()
    files, missing = collect_files(paths)
    summary.failures.extend(missing)
    total = len(files)
    done = 0

    def tick(path: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total, path)

    # Hash first: bytes seen before (in the database or earlier in this batch) are not parsed again.
    # Contents are not kept meanwhile (a batch may be gigabytes); they are read again to store.
    todo: list[tuple[str, str]] = []
    batch: dict[str, str] = {}
    with db.reader() as session:
        for f in files:
            path = str(f)
            try:
                check_file(f)  # regular file within the size limit: safe to read whole
                content = f.read_bytes()
            except ReadError as e:
                summary.failures.append(Failure(path, e.reason))
                tick(path)
                continue
            except OSError as e:
                summary.failures.append(Failure(path, f"无法读取文件（{os_reason(e)}）"))
                tick(path)
                continue
            sha = hashlib.sha256(content).hexdigest()
            del content  # not kept while the others are read and stored (a dump may be 50 MB)
            before = session.scalar(select(DocumentRow.file_name).where(DocumentRow.sha256 == sha))
            if before is None and sha in batch:
                before = Path(batch[sha]).name
            if before is not None:
                summary.unchanged.append(Unchanged(path, before))
                tick(path)
                continue
            batch[sha] = path
            todo.append((path, sha))

        choice = RuleChoice(rules, () if rules else year_rules(session))

    by = imported_by()
    given = {str(k): v for k, v in (documents or {}).items()}
    results = _parsed([p for p, _ in todo], choice, max(1, workers), engine or EngineSpec(), given)
    try:
        _write_all(db, todo, results, summary, by, tick, choice)
    finally:
        results.close()  # ends the worker pool, whatever ended the loop
    return summary


def _write_all(
    db: Database,
    todo: list[tuple[str, str]],
    results: Iterator[tuple[Document, ReviewResult | None] | Failure],
    summary: ImportSummary,
    by: str | None,
    tick: Callable[[str], None],
    rules: RuleChoice,
) -> None:
    # A spooled dump's original is copied into SQLite from the file in chunks (``_write``):
    # holding it whole, plus the driver's copy, was the import's extra 2× the file size. On
    # PostgreSQL the bytes are read before the transaction (not under the writers' lock).
    copied = db.engine.dialect.name == "sqlite"
    for (path, sha), result in zip(todo, results, strict=False):
        if isinstance(result, Failure):
            summary.failures.append(result)
            tick(path)
            continue
        doc, review = result
        content: bytes | None = None
        reason = ""
        if review is not None or not copied:  # else: copied from the file as stored, and checked there
            try:
                content = Path(path).read_bytes()
            except OSError as e:
                reason = f"无法读取文件（{os_reason(e)}）"
            else:
                changed = hashlib.sha256(content).hexdigest() != sha
                reason = "文件在导入过程中被改动，请重新导入" if changed else ""
        if reason:
            summary.failures.append(Failure(path, reason))
            tick(path)
            continue
        if review is None:  # spooled: reviewed, and its forms freed of NUL, as they are stored
            doc, removed = _nul_free_outside_forms(doc)
            prep = Prepared(
                path,
                sha,
                content,
                doc,
                None,
                streamed=True,
                rules=rules.forced,
                by_year=dict(rules.by_year),
                nul_removed=removed,
            )
        else:
            doc, review = _nul_free(doc, review)
            prep = Prepared(path=path, sha256=sha, content=content, document=doc, review=review)
        outcome = _store(db, prep, by)
        if isinstance(outcome, Failure):
            summary.failures.append(outcome)
            if outcome.reason.startswith("磁盘已满"):
                summary.stopped = outcome.reason
                tick(path)
                break
        elif isinstance(outcome, Unchanged):
            summary.unchanged.append(outcome)
        else:
            summary.imported.append(outcome)
        del result, doc, review, content, prep  # let go before the next file is read
        tick(path)


def _store(db: Database, prep: Prepared, by: str | None) -> Imported | Unchanged | Failure:
    """Store one document in one transaction; a conflicting concurrent writer means: try again."""
    for attempt in range(3):
        try:
            with db.session() as session:
                stored = store_document(session, prep, by=by)
        except ContentChanged as e:
            return Failure(prep.path, e.reason)
        except (IntegrityError, RevisionConflict):
            # Nothing of ours was written. The usual cause: another import stored the same bytes meanwhile.
            with db.reader() as session:
                before = session.scalar(
                    select(DocumentRow.file_name).where(DocumentRow.sha256 == prep.sha256)
                )
            if before is not None:
                return Unchanged(prep.path, before)
            if attempt == 2:
                return Failure(prep.path, "写入数据库失败（与同时进行的导入冲突，已重试 3 次）")
        except OperationalError as e:
            if _disk_full(e):
                return Failure(prep.path, "磁盘已满：该文件未写入，导入已停止（已导入的文件完整保留）")
            return Failure(prep.path, explain(e, db))
        except SQLAlchemyError as e:  # rolled back whole; one bad document must not stop the batch
            return Failure(prep.path, explain(e, db))
        except Exception as e:
            return Failure(prep.path, f"写入数据库失败（内部错误 {type(e).__name__}）")
        else:
            return Imported(
                prep.path, stored.document_id, len(stored.form_ids), stored.revised, stored.findings
            )
    raise AssertionError("unreachable")


def _first_line(e: BaseException) -> str:
    text = str(getattr(e, "orig", None) or e).strip()
    return text.splitlines()[0] if text else type(e).__name__
