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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.model import Form

__all__ = ["FONT", "Style", "degrade", "draw_form", "rasterise", "red_seal", "save_pdf"]

FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto", "/usr/share/fonts")
FONT = next(
    (p for d in FONT_DIRS if Path(d).is_dir() for p in sorted(Path(d).rglob("NotoSansCJK-Regular.ttc"))), None
)


@dataclass(frozen=True, slots=True)
class Style:
    """How a form is printed by ``draw_form``: font face, size, ruling-line weight, padding,
    line spacing and column widths (each table's widths scaled by up to ``jitter``, seeded).
    The defaults are the look the OCR tests were written against."""

    font: str | None = None  # a font file (None: Noto Sans CJK SC)
    index: int = 2  # the face in a collection
    bold: str | None = None  # the title's font file (None: the bold of the default font)
    size_pt: float = 10.5
    line_pt: float | None = None  # None: 1/14 of the font size
    pad_in: float = 0.04
    spacing: float = 1.35
    jitter: float = 0.0
    seed: int = 0


def _face(style: Style, size_px: int, bold: bool = False) -> Any:
    from PIL import ImageFont

    if style.font is None:
        return _font(size_px, bold)
    path = style.bold if bold and style.bold else style.font
    return ImageFont.truetype(path, size_px, index=style.index)  # a bold file has the same faces


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


def draw_form(
    form: Form,
    dpi: int = 200,
    notes: Any = "auto",
    *,
    template: Any = None,
    weight_column: bool = False,
    style: Style | None = None,
) -> list[Any]:
    """The form printed in its own layout on A4 pages (PIL images, white paper, black ink).

    ``notes`` as in ``form_layout`` ("form": only the form's own 备注, none for a bare form);
    ``template`` (``jixiao.write._page.Template``, default Wuhan) and ``weight_column`` too.
    """
    from PIL import Image, ImageDraw

    from jixiao.write import form_layout
    from jixiao.write._page import Paragraph, Template

    style = style or Style()
    rng = random.Random(style.seed)
    sheet = form_layout(form, template or Template.WUHAN, notes=notes, weight_column=weight_column)
    pw, ph = round(8.27 * dpi), round(11.69 * dpi)
    margin = round(0.7 * dpi)
    body = _face(style, round(style.size_pt * dpi / 72))
    title = _face(style, round(16 * dpi / 72), bold=True)
    line_h = round(style.size_pt * dpi / 72 * style.spacing)
    pad = round(style.pad_in * dpi)
    rule = max(1, round(style.line_pt * dpi / 72)) if style.line_pt else max(1, round(body.size / 14))
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
        widths = [w * (1 + rng.uniform(-style.jitter, style.jitter)) for w in block.widths]
        total = sum(widths)
        xs = [margin]
        for w in widths:
            xs.append(xs[-1] + (pw - 2 * margin) * w / total)
        xs = [round(x) for x in xs]
        # row heights from the wrapped text of the cells that start (and end) in each row
        heights = [line_h + 2 * pad] * block.nrows
        for c in block.cells:
            if c.rowspan == 1:
                lines = _wrap(c.text, body, xs[c.col + c.colspan] - xs[c.col] - 2 * pad)
                heights[c.row] = max(heights[c.row], len(lines) * line_h + 2 * pad)
        # each row's page (its drawing) and top; then each cell drawn as one box per page it
        # spans: a cell cut by a page break is closed at the page's foot and goes on, bordered
        # and empty, at the next page's head (as a word processor prints it)
        placed: list[tuple[Any, int]] = []
        for r in range(block.nrows):
            if y + heights[r] > ph - margin:  # the table goes on over the page break
                new_page()
            placed.append((draw, y))
            y += heights[r]
        for c in block.cells:
            rows = range(c.row, c.row + c.rowspan)
            first = True
            for r in rows:
                d, y0 = placed[r]
                if r > c.row and d is placed[r - 1][0]:
                    continue  # the box of this page was drawn from its first row
                end = r
                while end + 1 < rows.stop and placed[end + 1][0] is d:
                    end += 1
                y1 = placed[end][1] + heights[end]
                _draw_cell(d, c, xs[c.col], xs[c.col + c.colspan], y0, y1, body, line_h, pad, rule, first)
                first = False
        y += line_h
    pages.append(page)
    return pages


def _draw_cell(
    draw: Any,
    c: Any,
    x0: int,
    x1: int,
    y0: int,
    y1: int,
    font: Any,
    line_h: int,
    pad: int,
    rule: int,
    text: bool = True,
) -> None:
    draw.rectangle((x0, y0, x1, y1), outline="black", width=rule)
    if not text:
        return
    lines = _wrap(c.text, font, x1 - x0 - 2 * pad)
    ty = y0 + (y1 - y0 - len(lines) * line_h) / 2
    for line in lines:
        w = font.getlength(line)
        tx = x0 + pad if c.align == "left" else (x0 + x1 - w) / 2
        top = font.getbbox("国")[1]  # PIL places text by its ascender: centre the glyphs themselves
        draw.text((tx, ty + (line_h - font.size) / 2 - top / 2), line, fill="black", font=font)
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


def red_seal(
    img: Any,
    centre: tuple[int, int],
    radius: int,
    text: str = "专用章",
    colour: tuple[int, int, int, int] = (220, 30, 40, 170),
) -> Any:
    """A 公章 stamped at ``centre``: ring, star and text, semi-transparent like ink (red by
    default; ``colour`` RGBA for a faded, dark or purple-red stamp pad)."""
    from PIL import Image, ImageDraw

    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    cx, cy = centre
    red = colour
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
    seal_at: tuple[float, float] | None = None,
    seal_colour: tuple[int, int, int, int] | None = None,
    scanner: bool = False,
    blur: float = 0.0,
    warp: float = 0.025,
    shadow: bool = False,
    phone: dict[str, float] | None = None,
) -> Any:
    """A clean page made to look scanned (skew°, noise σ, JPEG quality, a seal) or photographed.

    ``seal_at``: the seal's centre as fractions of the page (default: the top right corner);
    ``scanner``: a grey background and light falling off across the page (a cheap scanner);
    ``blur``: Gaussian σ in pixels; ``warp``: how far a photo's corners move (share of the
    page); ``shadow``: a phone's shadow darkening one side of a photo; ``phone``: a harsher
    phone photo (``_phone``: the page not filling the frame on a patterned desk, curl, a deep
    shadow, motion blur).
    """
    import numpy as np
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    if seal:
        w, h = img.size
        r = round(min(w, h) * 0.09)
        if seal_at is None:
            centre = (w - round(w * 0.22), round(h * 0.14) + rng.randint(0, r))
        else:
            centre = (round(w * seal_at[0]), round(h * seal_at[1]))
        img = red_seal(img, centre, r, colour=seal_colour or (220, 30, 40, 170))
    if scanner:
        img = _scanner(img, rng)
    if photo:
        img = _photo(img, rng, warp, shadow)
    if phone:
        img = _phone(img, rng, **phone)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if skew:
        fill = tuple(int(v) for v in np.asarray(img)[2, 2]) if (scanner or photo) else "white"
        img = img.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=fill)
    if noise:
        arr = np.asarray(img).astype(np.float32)
        arr += np.random.default_rng(seed).normal(0, noise, arr.shape)
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if jpeg:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=jpeg)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return img


def _scanner(img: Any, rng: random.Random) -> Any:
    """A cheap scanner's page: grey paper, light falling off towards one edge."""
    import numpy as np
    from PIL import Image

    arr = np.asarray(img).astype(np.float32) / 255.0
    w = arr.shape[1]
    grey = rng.uniform(200, 228)
    xx = np.linspace(0, 1, w, dtype=np.float32)[None, :]
    side = xx if rng.random() < 0.5 else 1 - xx
    light = 1.0 - rng.uniform(0.08, 0.18) * side
    out = arr * grey * light[..., None]
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


def _photo(img: Any, rng: random.Random, d: float = 0.025, shadow: bool = False) -> Any:
    """Paper-like background with texture, uneven light, a perspective warp and optionally a
    shadow across one side (a phone photo)."""
    import cv2
    import numpy as np
    from PIL import Image

    arr = np.asarray(img).astype(np.float32)
    h, w = arr.shape[:2]
    paper = np.array([236, 230, 214], np.float32)  # warm off-white
    ink = arr / 255.0
    out = ink * paper
    if shadow or d > 0.025:  # paper fibre: low-frequency mottling
        small = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 6, (h // 40 + 1, w // 40 + 1))
        out += cv2.resize(small.astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)[..., None]
    yy, xx = np.mgrid[0:h, 0:w]
    light = 0.88 + 0.12 * (1 - ((xx - w * 0.3) ** 2 + (yy - h * 0.3) ** 2) / (w**2 + h**2))
    if shadow:  # a soft-edged shadow over a band along one side
        edge = rng.uniform(0.15, 0.3) * w
        light = light * (1 - 0.35 / (1 + np.exp((xx - edge) / (0.03 * w))))
    out *= light[..., None]
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


def _phone(
    img: Any,
    rng: random.Random,
    frame: float = 0.0,
    curl: float = 0.0,
    depth: float = 0.0,
    motion: float = 0.0,
) -> Any:
    """A phone photo harsher than ``_photo``: ``frame`` — the page shrunk to leave this share of
    the frame on each side to a desk with a wood-like grain; ``curl`` — the page bowed, its rows
    bent by up to this share of the height (a sheet not lying flat); ``depth`` — one strong
    shadow (a hand or the phone) darkening a corner by this share; ``motion`` — a shaken hand's
    blur, in pixels along a random direction."""
    import cv2
    import numpy as np
    from PIL import Image

    arr = np.asarray(img).astype(np.float32)
    h, w = arr.shape[:2]
    if curl:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        bend = curl * h * np.sin(np.pi * xx / w) * (0.6 + 0.4 * yy / h)  # more at the foot
        arr = cv2.remap(arr, xx, yy - bend, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    if depth:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        cx, cy = rng.choice(((0, 0), (w, 0), (0, h), (w, h)))
        r = np.hypot(xx - cx, yy - cy) / np.hypot(w, h)
        arr *= (1 - depth / (1 + np.exp((r - rng.uniform(0.35, 0.5)) / 0.04)))[..., None]
    if frame:
        grain = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 1, (h, 1)).astype(np.float32)
        grain = cv2.GaussianBlur(grain, (1, 0), 6)
        desk = np.array([125, 95, 70], np.float32) * (1 + 0.12 * grain[..., None])  # brown wood (RGB)
        desk = np.broadcast_to(desk, (h, w, 3)).copy()
        s = 1 - 2 * frame
        small = cv2.resize(arr, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA)
        x0 = round(w * frame * rng.uniform(0.5, 1.5))
        y0 = round(h * frame * rng.uniform(0.5, 1.5))
        desk[y0 : y0 + small.shape[0], x0 : x0 + small.shape[1]] = small[: h - y0, : w - x0]
        arr = desk
    if motion:
        k = max(3, round(motion)) | 1
        kernel = np.zeros((k, k), np.float32)
        kernel[k // 2, :] = 1 / k
        m = cv2.getRotationMatrix2D((k / 2 - 0.5, k / 2 - 0.5), rng.uniform(0, 180), 1.0)
        kernel = cv2.warpAffine(kernel, m, (k, k))
        arr = cv2.filter2D(arr, -1, kernel / max(kernel.sum(), 1e-6))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def save_pdf(pages: list[Any], path: Path, dpi: int) -> Path:
    """Page images as a PDF without a text layer (what a scanner's "scan to PDF" writes)."""
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=dpi)
    return path
