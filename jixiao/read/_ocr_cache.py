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
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import asdict, fields
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao._atomic import write_bytes, write_text
from jixiao.model import Source
from jixiao.read._grid import Row

if TYPE_CHECKING:
    from jixiao.read._ocr import PageResult

__all__ = ["file_key", "page_result", "reader_version", "using"]

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
    for dist in ("rapidocr-onnxruntime", "onnxruntime", "opencv-python-headless", "opencv-python"):
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
