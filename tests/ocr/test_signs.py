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
        ("≥95%", "≥"),  # the font draws its bar slanted (⩾): two strokes below the apex
        ("≤8天", "≤"),
        (">95%", None),  # a bare chevron crosses one stroke in every row: no bar, no ≥
        ("<3天", None),
        ("100%", None),
        ("10", None),
        ("4个", None),
        ("72%", None),
        ("2次", None),
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
        ("≥95%", "≥"),
        (">95%", None),
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


def _photographed(text: str, size: int, blur: float, motion: int) -> tuple[Any, Any, int]:
    """A line as a phone photographs it: blurred (Gaussian σ ``blur``, a shaken hand's
    ``motion`` px) on a page-sized sheet, so the binariser's window is a page's."""
    import cv2
    import numpy as np
    from PIL import Image, ImageDraw

    from benchmarks.scans import _font
    from jixiao.read._ocr_image import binarize
    from jixiao.read._ocr_text import ink_lines

    img = Image.new("L", (2480, 2480), 255)
    ImageDraw.Draw(img).text((1000, 1000), text, font=_font(size), fill=20)
    gray = np.asarray(img).astype(np.float32)
    if blur:
        gray = cv2.GaussianBlur(gray, (0, 0), blur)
    if motion:
        kernel = np.zeros((motion, motion), np.float32)
        kernel[motion // 2, :] = 1
        turn = cv2.getRotationMatrix2D((motion / 2 - 0.5, motion / 2 - 0.5), 60, 1.0)
        kernel = cv2.warpAffine(kernel, turn, (motion, motion))
        gray = cv2.filter2D(gray, -1, kernel / kernel.sum())
    gray = np.clip(gray * 0.9 + 10, 0, 255).astype(np.uint8)
    ink, gray = binarize(gray)[960:1080, 980:1400], gray[960:1080, 980:1400]
    x0, y0, x1, y1 = ink_lines(ink, 300)[0]
    return ink[y0:y1, x0:x1], gray[y0:y1, x0:x1], y1 - y0


@pytest.mark.parametrize(("size", "blur", "motion"), [(30, 1.5, 0), (34, 2.5, 0), (36, 1.0, 7)])
@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("≥95%", "≥"),  # ⩾'s slanted bar run into its lower arm: the band tapers off below
        ("≤8天", "≤"),
        ("≧1756人", "≧"),  # the two bars run into one band, thicker than any one bar
        ("≦600元", "≦"),
        (">95%", None),  # a bare chevron, blurred: no band of full rows
        ("2次", None),  # a 2's foot is a full-width band, but its top is no chevron's arm
        ("21次", None),
        ("1.5万元", None),
        ("二星级", None),
        ("一年内完成", None),
        ("4个", None),
        ("72%", None),
    ],
)
def test_sign_from_strokes_run_together_by_a_photo(
    text: str, sign: str | None, size: int, blur: float, motion: int
) -> None:
    needs_font()
    from jixiao.read._ocr_sign import leading_sign

    assert leading_sign(*_photographed(text, size, blur, motion)) == sign


def test_a_speck_before_the_sign_is_no_glyph() -> None:
    """Noise the despeckling left before a line (a dot a pixel wide) does not hide its sign."""
    needs_font()
    from jixiao.read._ocr_sign import after_sign, leading_sign

    ink, gray, height = _photographed("≥95%", 34, 2.5, 0)
    sign_at = int(ink.any(axis=0).argmax())
    ink, gray = ink.copy(), gray.copy()
    ink[height // 3 : height // 3 + 3, max(0, sign_at - 4)] = 255
    assert leading_sign(ink, gray, height) == "≥"
    assert after_sign(ink, height) is not None and after_sign(ink, height) > sign_at + height // 2


def test_sign_repair_tells_a_dropped_sign_from_one_read_as_a_figure() -> None:
    """Before a figure the ink shows a sign: read again from the glyph after it, the same text
    means the sign was dropped, the text without its first figure that the sign was read as
    that figure (≧ read "2"); anything else is changed by nothing and sent to a person."""
    from jixiao.read._ocr_fix import sign_doubt

    assert sign_repair("1756人", "≧", rest="1756人")[0] == "≧1756人"  # dropped
    fixed, why = sign_repair("21756人", "≧", rest="1756人")  # read as "2"
    assert fixed == "≧1756人" and why and "“2”" in why and "1756人" in why
    assert sign_repair("21756人", "≧", rest="21756人")[0] == "≧21756人"  # a real 2 after a dropped ≧
    assert sign_repair("21756人", "≧", rest="756人") == ("21756人", None)
    assert sign_repair("21756人", "≧") == ("21756人", None)  # not read again: not certain
    assert sign_doubt("21756人", "≧") and "≧" in str(sign_doubt("21756人", "≧"))
    assert sign_doubt("21756人", None) is None
    assert sign_doubt("≥1756人", "≧") is None


def test_sign_repair_replaces_only_a_sign() -> None:
    fixed, why = sign_repair("≥95%", "≧")
    assert fixed == "≧95%" and why and "≧" in why
    assert sign_repair("一9所", "═")[0] == "═9所"
    assert sign_repair("100%", "═", rest="100%")[0] == "═100%"  # the recogniser dropped it
    fixed, why = sign_repair(">39台", "≥")  # a slanted ≥ read as its chevron alone
    assert fixed == "≥39台" and why and "“>”" in why and "字库" not in why
    assert sign_repair("65%", "≥", rest="65%")[0] == "≥65%"
    # the same sign read (＝ and = are one sign), no sign told, or a word that is no sign: kept
    assert sign_repair("＝100%", "=") == ("＝100%", None)
    assert sign_repair("≥95%", None) == ("≥95%", None)
    assert sign_repair("完成", "≧") == ("完成", None)


@pytest.mark.parametrize(("text", "sign"), [("≧", "≧"), ("≦", "≦"), ("＝", "=")])
def test_lone_sign_of_a_comparator_cell(text: str, sign: str) -> None:
    """A 指标性质 cell holding one small sign (an office print scaled to the page): the sign by
    its strokes (the recogniser reads a lone sign as "N", "W" or nothing); the same sign
    before a figure is no lone sign."""
    needs_font()
    import numpy as np
    from PIL import Image, ImageDraw

    from benchmarks.scans import _font
    from jixiao.read._ocr_image import binarize
    from jixiao.read._ocr_sign import lone_sign
    from jixiao.read._ocr_text import ink_lines

    for content, want in ((text, sign), (text + "95", None)):
        img = Image.new("L", (200, 90), 255)
        ImageDraw.Draw(img).text((10, 12), content, font=_font(26), fill=0)
        gray = np.asarray(img)
        ink = binarize(gray)
        lines = ink_lines(ink, 300)
        assert len(lines) == 1  # a thin "＝" is a line of its own, not a speck
        x0, y0, x1, y1 = lines[0]
        assert lone_sign(ink[y0:y1, x0:x1], gray[y0:y1, x0:x1], 44) == want


def test_comparator_repair() -> None:
    from jixiao.read._ocr_fix import comparator_repair

    fixed, why = comparator_repair("N", "≥")
    assert fixed == "≥" and why and "“N”" in why
    assert comparator_repair("", "=")[0] == "="
    assert comparator_repair("＝", "=") == ("＝", None)
    # a sign the recogniser can read is kept as read; only ≧ ≦ ═ (outside its alphabet) replace it
    assert comparator_repair("≥", "≤") == ("≥", None)
    assert comparator_repair("≥", "≧")[0] == "≧"
    assert comparator_repair("定性", None) == ("定性", None)


def test_specks_are_not_lines_but_an_equals_sign_is() -> None:
    import numpy as np

    from jixiao.read._ocr_text import ink_lines

    ink = np.zeros((40, 200), np.uint8)
    ink[15:18, 60:80] = 255  # "=": two short bars in mid-cell
    ink[21:24, 60:80] = 255
    assert len(ink_lines(ink, 300)) == 1
    specks = np.zeros((40, 200), np.uint8)
    for x in (30, 80, 150):
        specks[20:23, x : x + 3] = 255  # noise the despeckling left
    assert ink_lines(specks, 300) == []
    edge = np.zeros((40, 200), np.uint8)
    edge[0:3, 10:190] = 255  # what is left of ruling lines at the box's edges
    edge[36:40, 10:190] = 255
    edge[34:36, 10:190] = 255
    assert ink_lines(edge, 300) == []
    dash = np.zeros((40, 200), np.uint8)
    dash[18:21, 100:160] = 255  # a lone dash "—": no value, as before
    assert ink_lines(dash, 300) == []


def test_dash_before_a_figure_is_doubtful() -> None:
    """A target read "一9所" had a sign the strokes could not tell (═ blurred at 150 dpi):
    flagged for a person, never guessed; a target without one, or a negative figure, is not."""
    from jixiao.read._ocr_check import dash_sign_doubt

    assert dash_sign_doubt("一9所") and "一9所" in str(dash_sign_doubt("一9所"))
    assert dash_sign_doubt("—100%")
    assert dash_sign_doubt("9所") is None
    assert dash_sign_doubt("-5%") is None
    assert dash_sign_doubt("一年内完成") is None
