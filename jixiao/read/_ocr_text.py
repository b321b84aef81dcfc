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

    Rows with ink form bands; bands closer than a fifth of a character are one line (the
    strokes of 二 or 三 leave such gaps), and a band too thin for a character is noise unless it
    sits right against a line (a stroke cut off by the crop).
    """
    import numpy as np

    rows = ink.sum(axis=1) > 0
    char = dpi * 10.5 / 72  # body text of the forms is 10–12 pt
    bands: list[list[int]] = []
    y = 0
    n = len(rows)
    while y < n:
        if rows[y]:
            start = y
            while y < n and rows[y]:
                y += 1
            if bands and start - bands[-1][1] <= char * 0.2:
                bands[-1][1] = y
            else:
                bands.append([start, y])
        y += 1
    out: list[tuple[int, int, int, int]] = []
    for y0, y1 in bands:
        if y1 - y0 < char * 0.25:
            continue
        cols = np.flatnonzero(ink[y0:y1].sum(axis=0))
        if len(cols) == 0:
            continue
        out.append((int(cols[0]), y0, int(cols[-1]) + 1, y1))
    return out


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
