"""A small scanned form for the web tests: our own form drawn as a page, one value smudged.

The smudged value is found without OCR: the page drawn with and without that value differ
exactly where it is printed, so the blur lands on it whatever the layout does.
"""

from __future__ import annotations

import io
from functools import cache

from tests.ocr.conftest import needs_font, small_form

DPI = 150
UNIT = "武汉市江夏区文化馆"  # the 填报人 wenhua's unit (tests/web/conftest.py)
SMUDGED = "培训人次"  # the indicator whose 实际完成值 is smudged past confident reading


def _form(actual: str | None):  # type: ignore[no-untyped-def]
    form = small_form().model_copy(deep=True, update={"unit": UNIT, "supervisor": UNIT})
    for _, ind in form.indicators():
        if ind.name == SMUDGED:
            ind.actual = actual
    return form


@cache
def smudged_scan() -> bytes:
    """PNG bytes of the form's page with the 培训人次 实际完成值 blurred and scribbled over."""
    import numpy as np
    from PIL import ImageDraw, ImageFilter

    from benchmarks.scans import draw_form

    needs_font()
    page = draw_form(_form("120人次"), dpi=DPI, notes="form")[0]
    blank = draw_form(_form(None), dpi=DPI, notes="form")[0]
    diff = np.abs(np.asarray(page, dtype=np.int16) - np.asarray(blank, dtype=np.int16)).sum(axis=2)
    ys, xs = np.nonzero(diff)
    x0, y0, x1, y1 = int(xs.min()) - 4, int(ys.min()) - 4, int(xs.max()) + 5, int(ys.max()) + 5
    region = page.crop((x0, y0, x1, y1)).filter(ImageFilter.GaussianBlur(3.2))
    page.paste(region, (x0, y0))
    d = ImageDraw.Draw(page)
    for k in range(0, x1 - x0, 9):  # a pen scribble over it
        d.line((x0 + k, y0 + 2, x0 + k + 10, y1 - 2), fill=(90, 90, 90), width=1)
    buf = io.BytesIO()
    page.save(buf, "PNG")
    return buf.getvalue()


@cache
def smudged_scan_pdf() -> bytes:
    """The same page as a scanner's PDF: one JPEG image per page, no text layer (PIL writes the
    page as DCT, as office scanners do), at the page's own 150 dpi."""
    from PIL import Image

    buf = io.BytesIO()
    Image.open(io.BytesIO(smudged_scan())).convert("RGB").save(buf, "PDF", resolution=DPI)
    return buf.getvalue()
