"""The scanned pages of a stored form: page image, recognised grid and the cells to check.

Everything is made on demand from the stored original (hash-checked) by the reader's
``page_view`` and cached under the data directory, one folder per document named by its
SHA-256, one file per page and crop named by numbers: nothing a client sends ever names a file.
A page takes the recogniser some seconds, so a web upload warms the cache in the background and
the form page loads its scan section separately.
"""

from __future__ import annotations

import base64
import json
import os
import re
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao import store
from jixiao._atomic import write_bytes, write_text
from jixiao.model import Finding, Form, Indicator
from jixiao.read import ReadError
from jixiao.read._ocr_image import IMAGE_SUFFIXES
from jixiao.review.catalogue import fmt

__all__ = [
    "Doubt",
    "ScanError",
    "ScanSource",
    "cache_dir",
    "check_size",
    "crop_png",
    "crop_url",
    "doubts",
    "maybe_scan",
    "page_png",
    "page_view",
    "scan_source",
    "scanned_pages",
    "warm",
]

CACHE_VERSION = "1"  # bump when the cached page views change shape
SCORED = {"score": "得分", "target": "指标值", "actual": "实际完成值", "weight": "分值"}
FIELDS = {**SCORED, "name": "三级指标", "basis": "指标值确定依据"}
EDITABLE = ("actual", "score", "target", "basis", "weight")  # what the edit path takes (web._edit)
_SHA = re.compile(r"^[0-9a-f]{64}$")


class ScanError(Exception):
    """A scanned page that cannot be shown; ``str()`` is one Chinese line."""


def cache_dir(db: store.Database, configured: Path | None) -> Path:
    """Where page views are cached: the setting, else beside the SQLite file, else the user's own
    cache folder (never a shared temporary folder another account could fill first)."""
    if configured is not None:
        return configured
    if db.path is not None:
        return db.path.parent / f"{db.path.name}.pages"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jixiao" / "pages"


# ---------------------------------------------------------------- which pages are scans


@dataclass(frozen=True)
class ScanSource:
    """The stored revision whose original holds the scan of a form, and its scanned pages."""

    form_id: int  # the revision read from the scan (the form itself, or an earlier revision)
    revision: int
    document_id: int
    sha256: str
    file_name: str
    pages: tuple[int, ...]  # page numbers (1-based) of this form that are scanned
    form: Form  # the form as read from the scan
    findings: tuple[Finding, ...]  # that revision's read.* findings


_PAGES: dict[str, tuple[int, ...]] = {}  # sha256 → scanned pages of the document
_PAGES_LOCK = threading.Lock()


def scanned_pages(content: bytes, name: str) -> tuple[int, ...]:
    """The pages (1-based) of a file that are scans: every page of an image, the pages of a PDF
    without a text layer (as the PDF reader decides: no characters on the page)."""
    suffix = Path(name).suffix.lower()
    try:
        if suffix == ".pdf":
            import pypdfium2 as pdfium

            from jixiao.read._pdf import PDFIUM_LOCK

            with PDFIUM_LOCK:  # pdfium is not thread-safe (requests run in worker threads)
                pdf = pdfium.PdfDocument(content)
                try:
                    return tuple(n + 1 for n in range(len(pdf)) if _no_text(pdf, n))
                finally:
                    pdf.close()
        if suffix in IMAGE_SUFFIXES:
            import io

            from PIL import Image

            with Image.open(io.BytesIO(content)) as img:
                return tuple(range(1, getattr(img, "n_frames", 1) + 1))
    except Exception:  # an original the reader took but this cannot open: show no scan
        return ()
    return ()


def _no_text(pdf: Any, index: int) -> bool:
    """Whether page ``index`` has no characters; page and text page closed here (under the
    caller's lock), not by a finalizer in whichever thread collects them."""
    page = pdf[index]
    try:
        text = page.get_textpage()
        try:
            return bool(text.count_chars() == 0)
        finally:
            text.close()
    finally:
        page.close()


def _scanned_pages(db: store.Database, document_id: int, sha: str, name: str) -> tuple[int, ...]:
    if not maybe_scan(name):
        return ()
    with _PAGES_LOCK:
        if sha in _PAGES:
            return _PAGES[sha]
    pages = scanned_pages(_original(db, document_id), name)
    with _PAGES_LOCK:
        _PAGES[sha] = pages
    return pages


def _original(db: store.Database, document_id: int) -> bytes:
    from jixiao.store._maintain import original

    try:
        return original(db, document_id=document_id).content
    except store.StoreError as e:
        raise ScanError(str(e)) from e


def _form_pages(db: store.Database, detail: store.FormDetail, scanned: tuple[int, ...]) -> tuple[int, ...]:
    """The scanned pages that belong to this form: from its first page to where the next begins."""
    start = (detail.form.source.page if detail.form.source else None) or 1
    later = []
    for fid, _ in store.document_forms(db, detail.document_id):
        other = store.get_form(db, fid) if fid != detail.summary.id else None
        if other and other.position > detail.position and other.form.source and other.form.source.page:
            later.append(other.form.source.page)
    end = max(min(later), start + 1) if later else 10**9
    return tuple(p for p in scanned if start <= p < end)


def maybe_scan(file_name: str) -> bool:
    """Whether a stored file can hold scanned pages at all (judged by its name, no bytes read)."""
    return Path(file_name).suffix.lower() in (*IMAGE_SUFFIXES, ".pdf")


def scan_source(
    db: store.Database, form_id: int, detail: store.FormDetail | None = None
) -> ScanSource | None:
    """The scan a form was read from: its own document, else the latest earlier revision read from
    a scan (a form corrected on the web is stored as a web document of its own)."""
    detail = detail or store.get_form(db, form_id)
    if detail is None:
        return None
    candidates: list[int | store.FormDetail] = [detail] if maybe_scan(detail.summary.file_name) else []
    candidates += [
        rev.id
        for rev in reversed(detail.history)
        if rev.revision < detail.summary.revision and maybe_scan(rev.file_name)
    ]
    for c in candidates:
        d = store.get_form(db, c) if isinstance(c, int) else c
        if d is None:
            continue
        scanned = _scanned_pages(db, d.document_id, d.sha256, d.summary.file_name)
        if scanned:
            return ScanSource(
                form_id=d.summary.id,
                revision=d.summary.revision,
                document_id=d.document_id,
                sha256=d.sha256,
                file_name=d.summary.file_name,
                pages=_form_pages(db, d, scanned),
                form=d.form,
                findings=tuple(f for f in d.findings if f.code.startswith("read.")),
            )
    return None


# ---------------------------------------------------------------- page views, cached


_LOCKS: dict[tuple[str, int], threading.Lock] = {}
_LOCKS_LOCK = threading.Lock()


def _lock(sha: str, page: int) -> threading.Lock:
    with _LOCKS_LOCK:
        return _LOCKS.setdefault((sha, page), threading.Lock())


def _folder(root: Path, sha: str) -> Path:
    if not _SHA.match(sha):  # the store's own hash; never a name from a request
        raise ScanError("文档校验值无效")
    return root / f"v{CACHE_VERSION}" / sha


def check_size(name: str, content: bytes, page: int) -> None:
    """A page too large to render is refused before it is decoded (decompression bombs)."""
    from jixiao.read._limits import check_image, check_pixels
    from jixiao.read._ocr_image import RENDER_DPI

    try:
        if name.lower().endswith(".pdf"):
            import pypdfium2 as pdfium

            from jixiao.read._pdf import PDFIUM_LOCK

            with PDFIUM_LOCK:
                pdf = pdfium.PdfDocument(content)
                try:
                    w, h = pdf.get_page_size(page - 1)
                finally:
                    pdf.close()
            check_pixels(name, round(w * RENDER_DPI / 72), round(h * RENDER_DPI / 72), f"第 {page} 页 ")
        else:
            check_image(name, content)
    except ReadError as e:
        raise ScanError(e.reason) from e


def page_view(db: store.Database, root: Path, src: ScanSource, page: int) -> dict[str, Any]:
    """The page view of one scanned page: ``width``, ``height``, ``cells`` and ``check`` (crops
    stored beside it as PNG files). Computed once per document and page, then read from the cache."""
    if page not in src.pages:
        raise ScanError(f"第 {page} 页不是本表的扫描页")
    folder = _folder(root, src.sha256)
    meta = folder / f"p{page}.json"
    with _lock(src.sha256, page):
        if meta.is_file():
            return dict(json.loads(meta.read_text(encoding="utf-8")))
        from jixiao.read import _ocr_cache
        from jixiao.read._ocr import page_view as read_view

        content = _original(db, src.document_id)
        suffix = Path(src.file_name).suffix.lower()
        check_size(src.file_name, content, page)
        with tempfile.TemporaryDirectory(prefix="jixiao-scan-") as tmp:
            path = Path(tmp) / f"original{suffix}"
            path.write_bytes(content)
            try:
                with _ocr_cache.using(root):  # the upload's reading of this page, if it was kept
                    view = read_view(path, page)
            except ReadError as e:
                raise ScanError(e.reason) from e
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes(folder / f"p{page}.png", base64.b64decode(view["image"]))
        checks = []
        for n, cell in enumerate(view["check"]):
            if cell.crop:
                write_bytes(folder / f"p{page}-c{n}.png", base64.b64decode(cell.crop))
            record = cell.model_dump(mode="json", exclude={"crop"})
            checks.append(record | {"n": n, "has_crop": bool(cell.crop)})
        data = {"width": view["width"], "height": view["height"], "cells": view["cells"], "check": checks}
        write_text(meta, json.dumps(data, ensure_ascii=False, default=_plain))
        return data


def _plain(value: Any) -> Any:
    """numpy scalars (the grid's pixel positions) as plain numbers."""
    return value.item() if hasattr(value, "item") else str(value)


def page_png(db: store.Database, root: Path, src: ScanSource, page: int) -> bytes:
    page_view(db, root, src, page)
    return (_folder(root, src.sha256) / f"p{page}.png").read_bytes()


def crop_png(
    db: store.Database, root: Path, src: ScanSource, page: int, table: int, row: int, col: int
) -> bytes:
    """The crop of the cell to check at table ``table``, row ``row``, column ``col`` (1-based)."""
    view = page_view(db, root, src, page)
    cell = f"r{row}c{col}"
    for c in view["check"]:
        s = c.get("source") or {}
        if s.get("sheet") == str(table) and s.get("cell") == cell and c["has_crop"]:
            return (_folder(root, src.sha256) / f"p{page}-c{c['n']}.png").read_bytes()
    raise ScanError(f"第 {page} 页表{table}{cell}不是待核对的单元格")


_PLACE = re.compile(r"^第(\d+)页表(\d+)r(\d+)c(\d+)$")


def crop_url(form_id: int, where: str) -> str | None:
    """The URL of a cell's crop from where its finding says it is (第1页表1r6c6)."""
    m = _PLACE.match(where)
    return f"/forms/{form_id}/scan/{m[1]}/cells/{m[2]}/{m[3]}/{m[4]}.png" if m else None


_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jixiao-scan")


def warm(db: store.Database, root: Path, form_ids: list[int]) -> None:
    """Make the page views of freshly uploaded scans in the background (one page at a time)."""

    def run() -> None:
        for fid in form_ids:
            try:
                src = scan_source(db, fid)
                for page in src.pages if src else ():
                    page_view(db, root, src, page)  # type: ignore[arg-type]
            except Exception:  # best effort: the page makes it on demand otherwise
                continue

    _POOL.submit(run)


# ---------------------------------------------------------------- doubts still open


@dataclass
class Doubt:
    """A scanned cell a person should check, tied to the form as it is now."""

    finding: Finding
    where: str  # 第1页表1r6c6
    goal_index: int | None = None
    indicator_index: int | None = None
    field: str | None = None  # Indicator attribute the cell fills
    value: str = ""  # the field's value now
    low: bool = False  # read.low_confidence (else a repair)
    still_open: bool = True  # False: a person changed the value since (closed)

    @property
    def confidence_label(self) -> str | None:
        m = _CONFIDENCE.search(self.finding.message) if self.low else None
        return f"置信度 {round(float(m[1]) * 100)}%" if m else None

    @property
    def edit_name(self) -> str | None:
        if self.goal_index is None or self.indicator_index is None or self.field not in EDITABLE:
            return None
        return f"i.{self.goal_index}.{self.indicator_index}.{self.field}"


_CONFIDENCE = re.compile(r"置信度 ([01](?:\.\d+)?)")  # as the finding states it (read.low_confidence)
_WHERE = re.compile(r"^(第\d+页(?:表\d+)?r\d+c\d+)")


def _shown(value: Any) -> str:
    if value is None:
        return ""
    return fmt(value) if isinstance(value, float | int) else str(value)


def _field(ind: Indicator, text: str) -> str | None:
    for name in FIELDS:
        shown = _shown(getattr(ind, name))
        if shown and (shown == text or (text and text in shown)):
            return name
    return None


_LABEL = re.compile(r"（([^，（）]+)，置信度")  # read.low_confidence names the field it fills
_BY_LABEL = {label: name for name, label in SCORED.items()}


def _labelled(message: str) -> str | None:
    """The field a cell read as nothing fills, as its finding names it (no value to match)."""
    m = _LABEL.search(message)
    return _BY_LABEL.get(m[1]) if m else None


def _indicator(form: Form, goal: str | None, name: str | None) -> tuple[int, int, Indicator] | None:
    for gi, g in enumerate(form.goals):
        if g.name != goal:
            continue
        for ii, ind in enumerate(g.indicators):
            if ind.name == name:
                return gi, ii, ind
    return None


def doubts(src: ScanSource, form: Form, closed: bool = False) -> list[Doubt]:
    """The scan's read.* findings that still stand on ``form``: a cell's finding is closed once a
    person changed the value it filled (the edit path records who and when); ``closed`` keeps
    the closed ones too, marked."""
    out: list[Doubt] = []
    for f in src.findings:
        m = _WHERE.match(f.message)
        d = Doubt(finding=f, where=m[1] if m else "", low=f.code == "read.low_confidence")
        text = str(f.printed) if f.code == "read.low_confidence" else str(f.expected or "")  # as stored
        if f.indicator is not None:
            then = _indicator(src.form, f.goal, f.indicator)
            now = _indicator(form, f.goal, f.indicator)
            if then is None or now is None:
                continue  # the indicator itself was renamed or removed by a person
            field = _field(then[2], text) or (_labelled(f.message) if not text else None)
            if field is not None and _shown(getattr(now[2], field)) != _shown(getattr(then[2], field)):
                if not closed:
                    continue
                d.still_open = False  # corrected by a person
            d.goal_index, d.indicator_index, d.field = now[0], now[1], field
            d.value = _shown(getattr(now[2], field)) if field else ""
        out.append(d)
    return out
