"""``import_paths``: read, review and store files and folders, one transaction per document.

Reading and reviewing (CPU-bound) can run in worker processes; every write happens here, in
the calling process, in file order — so revisions are assigned deterministically and a
document is either stored whole or not at all.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from jixiao.model import Document
from jixiao.read import ReadError, read
from jixiao.review import ReviewResult, review_document
from jixiao.store._db import Database
from jixiao.store._schema import DocumentRow
from jixiao.store._write import Prepared, imported_by, store_document

__all__ = ["SUFFIXES", "Failure", "ImportSummary", "Imported", "Unchanged", "collect_files", "import_paths"]

# File types a folder import picks up; files named explicitly are always tried.
SUFFIXES = (".txt", ".md", ".text", ".xlsx", ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


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
            files.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file()
                    and f.suffix.lower() in SUFFIXES
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                )
            )
        elif p.is_file():
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


def _read_and_review(path: str, rules: str | None) -> tuple[Document, ReviewResult] | Failure:
    """The worker's job: parse and review one file; a failure is returned, never raised."""
    try:
        doc = read(path)
    except ReadError as e:
        return Failure(path, e.reason)
    except Exception as e:  # a reader bug must not stop the batch
        return Failure(path, f"读取时出错（{type(e).__name__}：{e}）")
    try:
        review = review_document(doc, rules)
    except Exception as e:
        return Failure(path, f"审核时出错（{type(e).__name__}：{e}）")
    return doc, review


def _parsed(
    paths: list[str], rules: str | None, workers: int
) -> Iterator[tuple[Document, ReviewResult] | Failure]:
    if workers <= 1 or len(paths) <= 1:
        for p in paths:
            yield _read_and_review(p, rules)
        return
    # fork where the platform has it: workers start at once, without importing jixiao again.
    # They only read and review; the database connections they inherit are never touched.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_read_and_review, paths, [rules] * len(paths), chunksize=1)


def import_paths(
    paths: Iterable[str | os.PathLike[str]],
    db: Database,
    *,
    workers: int = 1,
    rules: str | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import files and folders into ``db``; see the module docstring for the guarantees."""
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
                content = f.read_bytes()
            except OSError as e:
                summary.failures.append(Failure(path, f"无法读取文件（{e.strerror or e}）"))
                tick(path)
                continue
            sha = hashlib.sha256(content).hexdigest()
            before = session.scalar(select(DocumentRow.file_name).where(DocumentRow.sha256 == sha))
            if before is None and sha in batch:
                before = Path(batch[sha]).name
            if before is not None:
                summary.unchanged.append(Unchanged(path, before))
                tick(path)
                continue
            batch[sha] = path
            todo.append((path, sha))

    by = imported_by()
    results = _parsed([p for p, _ in todo], rules, max(1, workers))
    for (path, sha), result in zip(todo, results, strict=True):
        if isinstance(result, Failure):
            summary.failures.append(result)
            tick(path)
            continue
        doc, review = result
        try:
            content = Path(path).read_bytes()
        except OSError as e:
            content = b""
            reason = f"无法读取文件（{e.strerror or e}）"
        else:
            changed = hashlib.sha256(content).hexdigest() != sha
            reason = "文件在导入过程中被改动，请重新导入" if changed else ""
        if reason:
            summary.failures.append(Failure(path, reason))
            tick(path)
            continue
        prep = Prepared(path=path, sha256=sha, content=content, document=doc, review=review)
        try:
            with db.session() as session:
                stored = store_document(session, prep, by=by)
        except IntegrityError as e:
            # Nothing of ours was written. The usual cause: another import stored the same bytes meanwhile.
            with db.reader() as session:
                before = session.scalar(select(DocumentRow.file_name).where(DocumentRow.sha256 == sha))
            if before is not None:
                summary.unchanged.append(Unchanged(path, before))
            else:
                summary.failures.append(Failure(path, f"写入数据库失败（{_first_line(e)}）"))
        except Exception as e:  # rolled back whole; one bad document must not stop the batch
            summary.failures.append(Failure(path, f"写入数据库失败（{_first_line(e)}）"))
        else:
            summary.imported.append(
                Imported(path, stored.document_id, len(stored.form_ids), stored.revised, stored.findings)
            )
        tick(path)
    return summary


def _first_line(e: BaseException) -> str:
    text = str(getattr(e, "orig", None) or e).strip()
    return text.splitlines()[0] if text else type(e).__name__
