"""Scanner-quality pages: a sign the recogniser drops, a dropped character in a line of mixed
script. Each mechanism is checked on small generated lines and pages, both ways: the
wrong-prone cell is flagged, a clean one is not.
"""

from __future__ import annotations

from typing import Any

from .conftest import needs_font

DPI = 300


def _line(text: str, size: int = 44) -> tuple[Any, Any, tuple[int, int, int, int]]:
    """One printed line on white: grey page, its ink (255 on 0) and the ink's box."""
    import numpy as np
    from PIL import Image, ImageDraw

    from benchmarks.scans import _font
    from jixiao.read._ocr_image import binarize

    font = _font(size)
    img = Image.new("L", (round(font.getlength(text)) + 80, size * 2), 255)
    ImageDraw.Draw(img).text((40, size // 2), text, fill=0, font=font)
    gray = np.asarray(img).copy()
    ink = binarize(gray)
    ys, xs = np.nonzero(ink)
    return gray, ink, (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)


def test_a_dropped_leading_sign_reads_the_same_without_its_glyph() -> None:
    """The line read again without its first glyph: a dropped sign leaves the text unchanged
    (flagged), a figure that was read is lost (not flagged)."""
    needs_font()
    from jixiao.read._ocr_check import after_first_glyph
    from jixiao.read._ocr_text import recognise

    gray, ink, box = _line("⩾865亩")
    rest = after_first_glyph("865亩", ink, box)
    assert rest is not None and rest[0] > box[0] + 10  # the sign's columns are cut off
    assert recognise(gray, [rest])[0][0] == "865亩"  # what the model makes of it without the sign

    gray, ink, box = _line("865亩")
    rest = after_first_glyph("865亩", ink, box)
    assert rest is not None
    assert recognise(gray, [rest])[0][0] != "865亩"  # the 8 is gone: the figure was read
    assert after_first_glyph("≥865亩", ink, box) is None  # a sign read: nothing to try


def test_dropped_glyph_flag_in_a_scanned_target_cell() -> None:
    """End to end on a small ruled table: the 指标值 whose sign the model drops is doubtful; the
    plain figure beside it, and a sign it reads, are not."""
    needs_font()
    import numpy as np
    from PIL import Image, ImageDraw

    from benchmarks.scans import _font
    from jixiao.read._ocr import read_page
    from jixiao.read._ocr_check import DROPPED_HEAD
    from jixiao.read._ocr_text import recognise

    font = _font(44)
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "新建茶园面积", "⩾865亩", "870亩", "10", "10"],
        ["产出指标", "数量指标", "更换管网长度", "23公里", "21公里", "10", "9"],
        ["产出指标", "质量指标", "验收合格率", "≥95%", "96%", "10", "10"],
    ]
    widths = [260, 260, 380, 300, 300, 160, 160]
    page = Image.new("RGB", (round(8.27 * DPI), round(11.69 * DPI)), "white")
    d = ImageDraw.Draw(page)
    xs = [100]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [400 + k * 110 for k in range(len(rows) + 1)]
    for y in ys:
        d.line((xs[0], y, xs[-1], y), fill=(0, 0, 0), width=3)
    for x in xs:
        d.line((x, ys[0], x, ys[-1]), fill=(0, 0, 0), width=3)
    for r, texts in enumerate(rows):
        for c, t in enumerate(texts):
            d.text((xs[c] + 15, ys[r] + 30), t, fill=(0, 0, 0), font=font)
    result = read_page(np.asarray(page)[..., ::-1].copy(), 1, "page.png")
    by_row = {c.row: c for c in result.cells if c.col == 3}
    gray, _ink, box = _line("⩾865亩")
    assert recognise(gray, [box])[0][0] == "865亩"  # the model drops ⩾ (≥ with a slanted bar), at 0.99
    assert by_row[1].text == "865亩" and by_row[1].doubt == DROPPED_HEAD
    assert by_row[2].text == "23公里" and by_row[2].doubt is None
    assert by_row[3].text == "≥95%" and by_row[3].doubt is None


def test_a_dropped_character_is_measured_against_the_pages_em() -> None:
    """The ink of a line against the em its page's cells show: a line with digits and brackets
    that lost 缮 is flagged; the same line read whole is not, nor is a line of digits only."""
    from jixiao.read._ocr_check import missing_glyphs, page_em

    em = 40.0
    whole = (0, 0, round(em * (12 + 2 * 0.55)), 44)  # twelve Chinese characters and brackets, two digits
    assert (missing_glyphs("修缮工程验收合格率（10分）", whole, em) or 0) < 0.25
    assert (missing_glyphs("修工程验收合格率（10分）", whole, em) or 0) > 0.6
    assert missing_glyphs("≥95%", (0, 0, 200, 44), em) is None  # fewer than three Chinese characters
    lines = [("修缮文物保护单位", (0, 0, 320, 44))] * 5 + [("年度", (0, 0, 10, 44))]
    assert page_em(lines) == 40.0  # lines of four Chinese characters or more only
    assert page_em(lines[:4]) is None  # too few to tell
