"""The light of a scanned page made even: every part of the paper as white as the rest.

An office scanner gives grey paper whose light falls off towards one side, and where it (or our
deskew) turned the page it fills the corners with another tone. The binariser compares each
pixel with its neighbourhood, so every step of tone becomes a band of "ink" down the margin:
read as running text, the band joined the title and the notes ("I", "1", "■" lines, the title
lost, the notes appended to the last cells). Dividing the page by its paper (the page closed by
a window wider than any stroke: text gone, steps of tone kept) leaves ink on white, with no step
left at any margin.
"""

from __future__ import annotations

from typing import Any

__all__ = ["even_light"]

_WINDOW = 0.15  # inches: wider than a stroke of any printed character, narrower than a gap of paper


def even_light(gray: Any, dpi: float) -> Any:
    """``gray`` divided by its paper tone (a new image; ink keeps its depth, paper becomes 255)."""
    import cv2
    import numpy as np

    k = max(9, round(dpi * _WINDOW)) | 1
    smooth = cv2.medianBlur(gray, 5)  # noise (the closing would take its brightest speck), edges kept
    paper = cv2.morphologyEx(smooth, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    out = gray.astype(np.float32) * 255.0 / np.maximum(paper, 1).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)
