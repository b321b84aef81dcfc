"""Text of one cell (or one line outside the tables) with the recogniser's confidence.

The recogniser is RapidOCR's PP-OCRv4 Chinese model, whose ONNX files ship inside the
``rapidocr-onnxruntime`` wheel: nothing is downloaded, ever. Detection is not needed inside a
ruled cell: text lines are found from the ink's row profile, and only recognition runs (in
batches), which is several times faster than detecting text on the whole page.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Reading", "engine", "ink_lines", "recognise"]

_LOCK = threading.Lock()


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


def recognise(gray: Any, boxes: list[tuple[int, int, int, int]]) -> list[tuple[str, float]]:
    """Recognise each box of ``gray`` (one text line each): text and confidence."""
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
    results, _ = engine().text_rec(crops)
    return [(text.strip(), float(score)) for text, score in results]
