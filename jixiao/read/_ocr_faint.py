"""Pale stretches of a ruling line: where dense text beside it hid the line from the binariser.

The binariser calls a pixel ink when it is darker than its neighbourhood's mean by a margin. A
thin line blurred by a shaken phone is a pale grey (≈ 205 on paper 255); beside a block of dense
text, bold from the blur, the neighbourhood's mean falls below the line's grey and the line is
paper there. The line breaks; a row boundary with it: cells of two rows merged, indicators lost.
On the page with its light evened (paper is white everywhere) such a line is still clearly
darker than paper. The pale pixels are taken where they continue a line the binariser did find:
a thin run, at least as long as the line kernel, connected to such a line. A filled (shaded)
cell is thick across, taken out; a run through a text line touches no ruling line, not taken.
"""

from __future__ import annotations

from typing import Any

__all__ = ["PALE", "with_pale"]

PALE = 228  # darker than this on an evened page (paper 255, noise σ ≤ 8) is some ink, however pale
_THIN = 0.04  # inches: a run of pale ink thicker than this across the line is a fill, not a line


def with_pale(found: Any, gray: Any, dpi: float, kernel: Any, horizontal: bool) -> Any:
    """``found`` (the lines the binarised page showed, opened by ``kernel``) and the pale
    stretches continuing them."""
    import cv2
    import numpy as np

    pale = cv2.morphologyEx(((gray < PALE) * 255).astype(np.uint8), cv2.MORPH_OPEN, kernel)
    # a filled (shaded) area is thick across the line's direction: not a line, taken out
    across = max(3, round(dpi * _THIN))
    thick = cv2.morphologyEx(
        pale,
        cv2.MORPH_OPEN,
        cv2.getStructuringElement(cv2.MORPH_RECT, (1, across) if horizontal else (across, 1)),
    )
    pale &= ~thick
    both = pale | found
    n, labels, _, _ = cv2.connectedComponentsWithStats(both, connectivity=8)
    seen = np.zeros(n, bool)
    seen[np.unique(labels[found > 0])] = True  # continuing a line the binariser found
    seen[0] = False
    return np.where(seen[labels], 255, 0).astype(np.uint8) | found
