"""Ruling lines continued through a seal, only where the table has that border outside it.

``remove_seal`` paints a seal's red ink white. A pale rule (a photo's, a thin grey one) under
the ink is lighter than the cut for print and goes with it: the ring and star cut the rule
into pieces that meet one row line each, and the two columns merge. What lay under the seal is
unknown, so it is not evidence of a missing border; but neither is the seal's own ink (a dark
blurred seal leaves pieces kept as print) evidence of a border. A line is therefore continued
only at a position the grid already has from segments outside the seal, and only across a gap
whose every pixel is the seal's painted-out ink or ink on the binarised page, and which ends on
a piece of the line itself: a merged cell's missing border shows paper along it or runs from one
line across to the next with nothing of the line seen (a seal's ring tangent to the position
covers such a side), so it stays missing; no column or row is made.
"""

from __future__ import annotations

from typing import Any

__all__ = ["bridge"]


def _line_rows(lines: Any, at: int, tol: int) -> tuple[int, int] | None:
    """The rows the line at ``at`` (± ``tol``) occupies: around the fullest row of the band."""
    import numpy as np

    lo = max(at - tol, 0)
    profile = lines[lo : at + tol + 1].sum(axis=1)
    if not len(profile) or profile.max() == 0:
        return None
    peak = int(np.argmax(profile))
    strong = profile >= 0.3 * profile[peak]
    r0 = r1 = peak
    while r0 > 0 and strong[r0 - 1]:
        r0 -= 1
    while r1 + 1 < len(strong) and strong[r1 + 1]:
        r1 += 1
    return lo + r0, lo + r1


def _runs(flags: Any) -> list[tuple[int, int]]:
    """Runs of True in a 1-d boolean array, as (start, end exclusive)."""
    import numpy as np

    edges = np.diff(np.concatenate(([0], flags.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(), strict=True))


def bridge(lines: Any, other: Any, at: list[int], seal: Any, ink: Any, dpi: float, horizontal: bool) -> Any:
    """``lines`` (one orientation's mask) continued through the seal at the positions ``at``.

    ``other``: the lines across (a gap ends at one); ``seal``: the painted-out seal ink;
    ``ink``: the binarised page. All arrays share one shape; positions are along the axis the
    lines lie across (rows for horizontal lines).
    """
    import cv2
    import numpy as np

    tol = max(3, round(dpi * 0.03))
    near = max(1, round(dpi / 150))  # the painted-out pixels reach past the stroke's antialiasing
    out = lines.copy()
    grown = cv2.dilate(seal.astype(np.uint8), np.ones((2 * near + 1, 2 * near + 1), np.uint8)) > 0
    work, cross, hid, dark = (a if horizontal else a.T for a in (out, other, grown, ink))
    for pos in at:
        rows = _line_rows(work, pos, tol)
        if rows is None:
            continue
        r0, r1 = rows
        band = slice(max(r0 - near, 0), r1 + near + 1)
        own = work[r0 : r1 + 1].any(axis=0)
        on = own | cross[band].any(axis=0)
        covered = hid[band].any(axis=0) | dark[r0 : r1 + 1].any(axis=0)
        placed = np.flatnonzero(on)
        if len(placed) < 2:
            continue
        for start, end in _runs(~on[placed[0] : placed[-1] + 1]):
            a, b = start + placed[0], end + placed[0]
            # a gap from one line across to the next is a whole cell side unseen: a merged cell's
            # missing border, or a ring running along the position (tangent), not a hidden rule
            seen = own[a - 1] or own[b]
            if seen and covered[a:b].all() and hid[band, a:b].any():
                work[r0 : r1 + 1, a:b] = True
    return out
