"""The comparison sign at the head of a 指标值 cell, told from its ink.

Some regions print targets as "≧95%" or "═9所" (templates README: Yunnan). The recogniser's
alphabet has ≥ ≤ = but not ≧ ≦ ═, so it reads them as ≥, 一 or nothing at all. The glyphs
differ in their strokes, which the ink shows plainly: a chevron over one bar (≥ ≤) or two
(≧ ≦), and two bars with nothing above them: ═ (a double rule, its lines a stroke apart)
or = (farther apart). The reader repairs
only a sign so read (``_ocr_fix.sign_repair``); this module measures the strokes.
"""

from __future__ import annotations

import itertools
from typing import Any

__all__ = ["after_sign", "leading_sign", "lone_sign"]

_BAR = 0.85  # a bar's row is inked across this share of the glyph's width (a chevron's less)
_SPLIT = 30  # grey levels lighter than both bars: the paper between the two lines of ═
_CHEVRON = 0.4  # a chevron rises this share of the line height above the bars
_APEX = 0.45  # and its apex lies this share of the glyph's width across from its arms' ends
_TWO_STROKES = 0.15  # share of a slanted sign's rows that cross its lower arm and its bar
_ONE_BAR = 0.2  # a bar's thickness, at most this share of the line height (blur included)
_TWO_BARS = 0.28  # two bars run together by blur are at least this thick
_WAIST = 0.7  # a chevron's lower arm ends at its side: a row narrower than this share of the width
_SIDE = 0.15  # a row "starts at the side" within this share of the width
_TAIL_SIDE = 0.25  # a blurred bar's tail keeps to the open side (its rounded end a little off)
_SPECK = 0.1  # a run of ink columns this share of the line height or narrower is a speck


def _glyph(ink: Any, speck: int = 0) -> tuple[int, int] | None:
    """Columns of the first glyph of a line: the first run of inked columns wider than
    ``speck`` (a dot of noise the despeckling left before the line is no glyph)."""
    import numpy as np

    cols = np.flatnonzero(ink.any(axis=0))
    runs: list[list[int]] = []
    for c in cols:
        if runs and c == runs[-1][1]:
            runs[-1][1] = int(c) + 1
        else:
            runs.append([int(c), int(c) + 1])
    return next(((a, b) for a, b in runs if b - a > speck), None)


def _bands(flags: Any) -> list[tuple[int, int]]:
    """Runs of true rows, as (first, last + 1)."""
    out: list[tuple[int, int]] = []
    for i, f in enumerate(flags):
        if not f:
            continue
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _split(gray: Any, band: tuple[int, int]) -> list[tuple[int, int]]:
    """A bar band cut in two where a lighter row separates two dark lines (═ merged by the
    binarisation): the grey profile has a peak lighter than the darkest row on either side."""
    import numpy as np

    a, b = band
    profile = gray[a:b].mean(axis=1)
    if b - a < 3:
        return [band]
    k = int(np.argmax(profile[1:-1])) + 1
    if profile[k] - profile[:k].min() >= _SPLIT and profile[k] - profile[k + 1 :].min() >= _SPLIT:
        return [(a, a + k), (a + k + 1, b)]
    return [band]


def leading_sign(ink: Any, gray: Any, height: int) -> str | None:
    """The sign that the first glyph of a text line is (≧ ≦ ≥ ≤ ═ =), or None.

    ``ink`` is the binarised line (ink 255), ``gray`` the same box of the cleaned page and
    ``height`` the line's height. None whenever the strokes are not those of a sign.
    """
    import numpy as np

    span = _glyph(ink, round(height * _SPECK))
    if span is None:
        return None
    x0, x1 = span
    g = ink[:, x0:x1] > 0
    rows = np.flatnonzero(g.any(axis=1))
    top, bottom = int(rows[0]), int(rows[-1]) + 1
    g, tone = g[top:bottom], gray[top:bottom, x0:x1].astype(float)
    w, h = x1 - x0, bottom - top
    if w < height * 0.35 or w > height * 1.5:  # no sign is this narrow or this wide
        return None
    bars: list[tuple[int, int]] = []
    for band in _bands(g.sum(axis=1) >= _BAR * w):
        bars.extend(_split(tone, band))
    if not bars:
        return _slanted(g)
    if len(bars) > 2 or any(b - a > height * _ONE_BAR for a, b in bars):
        return _blurred(g, height)
    above = bars[0][0]  # rows above the first bar: a chevron, or nothing
    if bars[-1][1] < h - 1:  # ink below the last bar: a character, or a slanted bar blurred
        return _blurred(g, height)
    if above == 0:
        if len(bars) != 2 or h > height * 0.5:
            return None
        # ═ is a double rule a full character wide, its two lines less than a stroke apart;
        # = (or ＝) leaves more than a stroke between its bars
        (a0, b0), (a1, b1) = bars
        gap, stroke = a1 - b0, min(b0 - a0, b1 - a1)
        if gap > stroke:
            return "="
        return "═" if w >= height * 0.9 else None
    if above < height * _CHEVRON or any(g[a:b].sum() == 0 for a, b in bars):
        return None
    # a chevron's arm starts at one side and its apex lies at the other (a digit's strokes,
    # the flag and foot of a 1, stay near the middle)
    centres = [float(np.flatnonzero(row).mean()) / w for row in g[:above] if row.any()]
    if not centres:
        return None
    top = centres[0]
    apex = max(centres, key=lambda c: abs(c - top))
    if abs(apex - top) < _APEX:
        return None
    opens_left = apex > top  # ">": the arms meet at the right
    return ("≥" if opens_left else "≤") if len(bars) == 1 else ("≧" if opens_left else "≦")


def _runs(row: Any) -> int:
    """How many separate strokes a row of the glyph crosses."""
    import numpy as np

    return int(np.count_nonzero(np.diff(np.concatenate([[0], row.astype(np.int8), [0]])) == 1))


def _chevron(g: Any) -> bool | None:
    """Whether rows ``g`` are a chevron opening left (">", True) or right ("<", False), or None:
    its first row starts at one side and its apex lies at the other."""
    import numpy as np

    w = g.shape[1]
    centres = [float(np.flatnonzero(row).mean()) / w for row in g if row.any()]
    if not centres:
        return None
    top = centres[0]
    apex = max(centres, key=lambda c: abs(c - top))
    if abs(apex - top) < _APEX:
        return None
    return apex > top


def _slanted(g: Any) -> str | None:
    """≥ / ≤ drawn with a slanted bar (⩾ ⩽, as some fonts draw them): a chevron whose lower arm
    has a parallel stroke below it, so the lower rows cross two strokes. A bare > or < crosses
    one stroke in every row; a digit's top row does not start at the glyph's side."""
    h = g.shape[0]
    runs = [_runs(row) for row in g]
    if max(runs, default=0) > 2:
        return None
    two = [i for i, n in enumerate(runs) if n == 2]
    if len(two) < _TWO_STROKES * h or two[0] < h * 0.3:
        return None
    opens_left = _chevron(g[: two[0]])
    if opens_left is None:
        return None
    return "≥" if opens_left else "≤"


def _blurred(g: Any, height: int) -> str | None:
    """A sign whose strokes a photo's blur ran together (≥ or ≧, ≤ or ≦), or None.

    Above: a chevron, its first row at one side and its apex at the other. Below it, one band
    of full-width rows where the bar or bars are. ⩾'s slanted bar blurs into the lower arm: the
    band tapers off below towards the chevron's open side (≥). Straight bars leave the lower
    arm's end apart (a row narrower than the glyph, the waist) and the band reaches the foot:
    one bar stays thin (≥), two bars merge into a band thicker than any one bar (≧). Anything
    between, or any other shape, gives None: the cell keeps what was read.
    """
    import numpy as np

    w = g.shape[1]
    widths = g.sum(axis=1)
    band = next(iter(reversed(_bands(widths >= _BAR * w))), None)
    if band is None or band[0] < height * _CHEVRON:
        return None
    opens_left = _chevron(g[: band[0]])
    if opens_left is None:
        return None
    if not opens_left:
        g = g[:, ::-1]  # "<": measured as its mirror image
    cols = [np.flatnonzero(r) for r in g]
    if len(cols[0]) == 0 or cols[0][0] > _SIDE * w:  # the upper arm starts at the open side
        return None
    thick = band[1] - band[0]
    tail = cols[band[1] :]
    if len(tail) > 1:  # ink below the band: ⩾'s bar, tapering to the open side
        starts = [int(c[0]) for c in tail]
        ends = [int(c[-1]) for c in tail]
        if thick > height * _TWO_BARS or max(starts) > _TAIL_SIDE * w or ends[-1] > 0.5 * w:
            return None
        if any(b > a for a, b in itertools.pairwise(ends)):
            return None
        return "≥" if opens_left else "≤"
    waist = widths[: band[0]]
    apex = int(np.argmax([c[0] if len(c) else 0 for c in cols[: band[0]]]))
    if not (waist[apex:] < _WAIST * w).any():
        return None
    if thick <= height * _ONE_BAR:
        return "≥" if opens_left else "≤"
    if thick >= height * _TWO_BARS:
        return "≧" if opens_left else "≦"
    return None


def after_sign(ink: Any, height: int) -> int | None:
    """The column where the glyph after a line's first glyph (its sign) starts, or None."""
    span = _glyph(ink, round(height * _SPECK))
    if span is None:
        return None
    rest = _glyph(ink[:, span[1] :], round(height * _SPECK))
    return None if rest is None else span[1] + rest[0]


def lone_sign(ink: Any, gray: Any, height: int) -> str | None:
    """The sign a line is when it is one glyph and nothing else (a 指标性质 cell), or None."""
    span = _glyph(ink)
    if span is None or ink[:, span[1] :].any():
        return None
    return leading_sign(ink, gray, height)
