"""Comparison signs outside the recogniser's alphabet (≧ ≦ ═), told from the strokes of the ink.

Lines are drawn with the CJK font at 300 dpi body size, and drawn at half size then enlarged
(what a 150 dpi scan looks like once rendered at 300): a sign is named only where its strokes
say so, and every other first glyph gives no sign, so nothing is repaired.
"""

from __future__ import annotations

from typing import Any

import pytest

from jixiao.read._ocr_fix import sign_repair

from .conftest import needs_font


def _line(text: str, half: bool) -> tuple[Any, Any, int]:
    import cv2
    import numpy as np
    from PIL import Image, ImageDraw

    from benchmarks.scans import _font
    from jixiao.read._ocr_image import binarize
    from jixiao.read._ocr_text import ink_lines

    k = 2 if half else 1
    img = Image.new("L", (600 // k, 90 // k), 255)
    ImageDraw.Draw(img).text((10 // k, 15 // k), text, font=_font(44 // k), fill=0)
    gray = np.asarray(img)
    if half:
        gray = cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_LINEAR)
    ink = binarize(gray)
    x0, y0, x1, y1 = ink_lines(ink, 300)[0]
    return ink[y0:y1, x0:x1], gray[y0:y1, x0:x1], y1 - y0


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("≧95%", "≧"),
        ("≦600元", "≦"),
        ("═9所", "═"),
        ("≥95%", None),  # one bar: what the recogniser reads anyway, nothing to tell
        ("100%", None),
        ("10", None),
        ("一年内完成", None),
        ("二星级", None),
        ("1.5万元", None),
    ],
)
def test_sign_from_strokes_at_300_dpi(text: str, sign: str | None) -> None:
    needs_font()
    from jixiao.read._ocr_sign import leading_sign

    assert leading_sign(*_line(text, half=False)) == sign


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("≧95%", "≧"),
        ("≦600元", "≦"),
        ("＝100%", "="),  # bars far apart: an equals sign, never the double rule
        ("=100%", "="),
        ("═9所", None),  # its two lines blur into one at 150 dpi: not told, not guessed
        ("100%", None),
        ("一年内完成", None),
        ("二星级", None),
    ],
)
def test_sign_from_strokes_at_150_dpi(text: str, sign: str | None) -> None:
    needs_font()
    from jixiao.read._ocr_sign import leading_sign

    assert leading_sign(*_line(text, half=True)) == sign


def test_sign_repair_replaces_only_a_sign() -> None:
    fixed, why = sign_repair("≥95%", "≧")
    assert fixed == "≧95%" and why and "≧" in why
    assert sign_repair("一9所", "═")[0] == "═9所"
    assert sign_repair("100%", "═")[0] == "═100%"  # the recogniser dropped it
    # the same sign read (＝ and = are one sign), no sign told, or a word that is no sign: kept
    assert sign_repair("＝100%", "=") == ("＝100%", None)
    assert sign_repair("≥95%", None) == ("≥95%", None)
    assert sign_repair("完成", "≧") == ("完成", None)
