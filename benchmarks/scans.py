"""Synthetic scans of forms, for the OCR tests and ``benchmarks/ocr.py``.

``draw_form`` prints a form's own layout (``jixiao.write.form_layout``, the grid the XLSX/DOCX/PDF
writers print) onto an A4 page image with a CJK font, without LibreOffice, so tests stay fast.
``rasterise`` renders the pages of a PDF written by ``jixiao.write.write_pdf``. ``degrade`` makes a
page look scanned or photographed: skew, noise, JPEG, a red seal over a corner, paper and a
perspective warp.
"""

from __future__ import annotations

import io
import math
import random
from pathlib import Path
from typing import Any

from jixiao.model import Form

__all__ = ["FONT", "degrade", "draw_form", "rasterise", "red_seal", "save_pdf"]

FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto", "/usr/share/fonts")
FONT = next(
    (p for d in FONT_DIRS if Path(d).is_dir() for p in sorted(Path(d).rglob("NotoSansCJK-Regular.ttc"))), None
)


def _font(size_px: int, bold: bool = False) -> Any:
    from PIL import ImageFont

    if FONT is None:  # pragma: no cover - checked by the callers (tests skip)
        raise RuntimeError("no CJK font (fonts-noto-cjk)")
    path = Path(str(FONT).replace("Regular", "Bold")) if bold else FONT
    return ImageFont.truetype(str(path if path.exists() else FONT), size_px, index=2)  # SC face


def _wrap(text: str, font: Any, width: float) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if font.getlength(line + ch) > width and line:
                lines.append(line)
                line = ch
            else:
                line += ch
        lines.append(line)
    return lines


def draw_form(form: Form, dpi: int = 200, notes: Any = "auto") -> list[Any]:
    """The form printed in its own layout on A4 pages (PIL images, white paper, black ink).

    ``notes`` as in ``form_layout`` ("form": only the form's own 备注, none for a bare form).
    """
    from PIL import Image, ImageDraw

    from jixiao.write import form_layout
    from jixiao.write._layout import Paragraph

    sheet = form_layout(form, notes=notes)
    pw, ph = round(8.27 * dpi), round(11.69 * dpi)
    margin = round(0.7 * dpi)
    body = _font(round(10.5 * dpi / 72))
    title = _font(round(16 * dpi / 72), bold=True)
    line_h = round(10.5 * dpi / 72 * 1.35)
    pad = round(0.04 * dpi)
    pages: list[Any] = []
    page = Image.new("RGB", (pw, ph), "white")
    draw = ImageDraw.Draw(page)
    y = margin

    def new_page() -> None:
        nonlocal page, draw, y
        pages.append(page)
        page = Image.new("RGB", (pw, ph), "white")
        draw = ImageDraw.Draw(page)
        y = margin

    for block in sheet.blocks:
        if isinstance(block, Paragraph):
            font = title if block.kind == "title" else body
            for text in _wrap(block.text, font, pw - 2 * margin):
                w = font.getlength(text)
                x = (pw - w) / 2 if block.kind == "title" else margin
                draw.text((x, y), text, fill="black", font=font)
                y += round(font.size * 1.6)
            y += line_h // 2
            continue
        total = sum(block.widths)
        xs = [margin]
        for w in block.widths:
            xs.append(xs[-1] + (pw - 2 * margin) * w / total)
        xs = [round(x) for x in xs]
        # row heights from the wrapped text of the cells that start (and end) in each row
        heights = [line_h + 2 * pad] * block.nrows
        for c in block.cells:
            if c.rowspan == 1:
                lines = _wrap(c.text, body, xs[c.col + c.colspan] - xs[c.col] - 2 * pad)
                heights[c.row] = max(heights[c.row], len(lines) * line_h + 2 * pad)
        top = [0] * (block.nrows + 1)
        r = 0
        while r < block.nrows:
            if y + heights[r] > ph - margin:  # the table goes on over the page break
                new_page()
            top[r] = y
            y += heights[r]
            top[r + 1] = y
            for c in (c for c in block.cells if c.row == r):
                _draw_cell(draw, c, xs, top, heights, body, line_h, pad)
            r += 1
        y += line_h
    pages.append(page)
    return pages


def _draw_cell(
    draw: Any, c: Any, xs: list[int], top: list[int], heights: list[int], font: Any, line_h: int, pad: int
) -> None:
    x0, x1 = xs[c.col], xs[c.col + c.colspan]
    y0 = top[c.row]
    y1 = y0 + sum(heights[c.row : c.row + c.rowspan])
    width = max(1, round(font.size / 14))
    draw.rectangle((x0, y0, x1, y1), outline="black", width=width)
    lines = _wrap(c.text, font, x1 - x0 - 2 * pad)
    ty = y0 + (y1 - y0 - len(lines) * line_h) / 2
    for text in lines:
        w = font.getlength(text)
        tx = x0 + pad if c.align == "left" else (x0 + x1 - w) / 2
        top = font.getbbox("国")[1]  # PIL places text by its ascender: centre the glyphs themselves
        draw.text((tx, ty + (line_h - font.size) / 2 - top / 2), text, fill="black", font=font)
        ty += line_h


def rasterise(pdf: Path, dpi: int) -> list[Any]:
    """The pages of a PDF as images (what a scanner makes of a printed form)."""
    import pypdfium2 as pdfium

    from jixiao.read._pdf import PDFIUM_LOCK

    with PDFIUM_LOCK:  # tests make scans while the web app under test may render in a thread
        doc = pdfium.PdfDocument(str(pdf))
        try:
            return [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
        finally:
            doc.close()


def red_seal(img: Any, centre: tuple[int, int], radius: int, text: str = "专用章") -> Any:
    """A red 公章 stamped at ``centre``: ring, star and text, semi-transparent like ink."""
    from PIL import Image, ImageDraw

    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    cx, cy = centre
    red = (220, 30, 40, 170)
    d.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=max(3, radius // 14))
    star = [
        (
            cx + radius * 0.3 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
            cy - radius * 0.3 * math.sin(math.pi / 2 + k * 4 * math.pi / 5),
        )
        for k in range(5)
    ]
    d.polygon(star, fill=red)
    font = _font(max(10, radius // 4))
    w = font.getlength(text)
    d.text((cx - w / 2, cy + radius * 0.35), text, fill=red, font=font)
    out = img.convert("RGBA")
    out.alpha_composite(layer)
    return out.convert("RGB")


def degrade(
    img: Any,
    *,
    skew: float = 0.0,
    noise: float = 0.0,
    jpeg: int | None = None,
    seal: bool = False,
    photo: bool = False,
    seed: int = 0,
) -> Any:
    """A clean page made to look scanned (skew°, noise σ, JPEG quality, a seal) or photographed."""
    import numpy as np
    from PIL import Image

    rng = random.Random(seed)
    if seal:
        w, h = img.size
        r = round(min(w, h) * 0.09)
        img = red_seal(img, (w - round(w * 0.22), round(h * 0.14) + rng.randint(0, r)), r)
    if photo:
        img = _photo(img, rng)
    if skew:
        img = img.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor="white")
    if noise:
        arr = np.asarray(img).astype(np.float32)
        arr += np.random.default_rng(seed).normal(0, noise, arr.shape)
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if jpeg:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=jpeg)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return img


def _photo(img: Any, rng: random.Random) -> Any:
    """Paper-like background, uneven light and a mild perspective warp (a phone photo)."""
    import cv2
    import numpy as np
    from PIL import Image

    arr = np.asarray(img).astype(np.float32)
    h, w = arr.shape[:2]
    paper = np.array([236, 230, 214], np.float32)  # warm off-white
    ink = arr / 255.0
    out = ink * paper
    yy, xx = np.mgrid[0:h, 0:w]
    light = 0.88 + 0.12 * (1 - ((xx - w * 0.3) ** 2 + (yy - h * 0.3) ** 2) / (w**2 + h**2))
    out *= light[..., None]
    d = 0.025
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32(
        [
            [w * rng.uniform(0, d), h * rng.uniform(0, d)],
            [w * (1 - rng.uniform(0, d)), h * rng.uniform(0, d)],
            [w * (1 - rng.uniform(0, d)), h * (1 - rng.uniform(0, d))],
            [w * rng.uniform(0, d), h * (1 - rng.uniform(0, d))],
        ]
    )
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(out, m, (w, h), borderValue=(120, 110, 100))
    return Image.fromarray(np.clip(warped, 0, 255).astype(np.uint8))


def save_pdf(pages: list[Any], path: Path, dpi: int) -> Path:
    """Page images as a PDF without a text layer (what a scanner's "scan to PDF" writes)."""
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=dpi)
    return path
