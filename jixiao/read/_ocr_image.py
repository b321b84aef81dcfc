"""Scanned pages as clean greyscale images: loading, red-seal removal, orientation and deskew.

Everything works on numpy arrays (OpenCV's BGR order). A page is cleaned once, before the grid is
found and before any text is recognised, so the seal's red ink never reaches the recogniser and the
ruling lines are straight for the morphology that finds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.read._errors import ReadError
from jixiao.read._ocr_curl import flatten_curl, flatten_slant
from jixiao.read._ocr_sheet import fill_background, sheet_edge_found

__all__ = ["Page", "deskew", "image_pages", "pdf_page_image", "prepare", "remove_seal", "seal_mask"]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")  # the image files read by OCR
_DARK = 90  # print under a seal is at most this grey at least
_BELOW_SEAL = 30  # and print is kept this much darker than the seal's median tone
RENDER_DPI = 300  # PDF pages without a text layer are rendered at office-scanner resolution
_FILLS = 0.97  # share of its quadrilateral a table's outline fills when the quadrilateral is the table
# share of each side of that quadrilateral lying on ink: the table's border. Measured: on the
# photos of benchmarks/ocr.py every side lies ≥ 0.45 on ink (an office print's border has gaps);
# a side cutting across open paper below a table that runs on at a page break, ≤ 0.11
_RULED = 0.4


@dataclass(slots=True)
class Page:
    """One page image as read (``original``) and as cleaned for recognition (``gray``)."""

    original: Any  # BGR uint8, after orientation and deskew (what a reviewer is shown)
    gray: Any  # greyscale uint8 with the seal removed
    dpi: float  # estimated from the page size (A4 assumed when the file does not say)
    angle: float = 0.0  # degrees the page was rotated to straighten it
    seal_pixels: int = 0  # red pixels removed
    photo: bool = False  # photographed: its perspective undone or a desk around the sheet found


def image_pages(path: Path) -> list[Any]:
    """Every page of an image file as a BGR array (a TIFF may hold several)."""
    import cv2
    import numpy as np

    data = path.read_bytes()
    buf = np.frombuffer(data, dtype=np.uint8)
    pages: list[Any] = []
    if path.suffix.lower() in (".tif", ".tiff"):
        ok, mats = cv2.imdecodemulti(buf, cv2.IMREAD_COLOR)
        if ok:
            pages = list(mats)
    if not pages:
        img = cv2.imdecode(buf, cv2.IMREAD_COLOR)
        if img is not None:
            pages = [img]
    if not pages:
        raise ReadError(str(path), "不是可识别的图片文件（无法解码），请提供 PNG、JPEG 或 TIFF 扫描件")
    return pages


def pdf_page_image(pdf: Any, index: int, dpi: int = RENDER_DPI) -> Any:
    """Render one page of an open ``pypdfium2.PdfDocument`` as a BGR array."""
    import cv2
    import numpy as np

    bitmap = pdf[index].render(scale=dpi / 72)
    rgb = np.asarray(bitmap.to_pil().convert("RGB"))
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def estimate_dpi(img: Any) -> float:
    """Resolution from the page size: a form page is A4 (8.27 × 11.69 in) in either orientation."""
    h, w = img.shape[:2]
    short, long_ = min(h, w), max(h, w)
    return max(short / 8.27, long_ / 11.69)


def _seal_pixels(img: Any) -> tuple[Any, Any]:
    """The seal's red pixels (boolean mask) and, among them, the dark ones: black print under it."""
    import cv2
    import numpy as np

    hsv = cv2.cvtColor(img, cv2.COLOR_BGR2HSV)
    hue, sat, val = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = ((hue <= 12) | (hue >= 160)) & (sat >= 70) & (val >= 90)
    # a red pixel is also one where red clearly dominates (JPEG blurs the hue of thin strokes)
    b, g, r = (img[..., k].astype(np.int16) for k in range(3))
    red |= (r - np.maximum(g, b) >= 60) & (r >= 120)
    mask = cv2.dilate(red.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    # a pixel under the seal darker than the seal's own ink is the print it covers: kept, as
    # black. "Darker" is relative to the seal's tone on this page (most of its pixels lie on
    # paper): a thin grey line of a 150 dpi scan under the ink is darker than the ink on paper,
    # but not black, and a fixed cut painted it white (the border vanished, two rows merged).
    gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    cut = _DARK
    if mask.any():
        cut = max(_DARK, int(np.median(gray[mask])) - _BELOW_SEAL)
    return mask, mask & (gray <= cut)


def seal_mask(img: Any) -> Any:
    """Where a seal's ink hid the page (boolean): the pixels ``remove_seal`` paints white. Found
    again on the prepared page's colour image (``Page.original``), so it lies where the grid is."""
    mask, dark = _seal_pixels(img)
    return mask & ~dark


def remove_seal(img: Any) -> tuple[Any, int]:
    """Paint the red ink of a seal (公章) white; black print under it stays.

    Red is told by hue and saturation, so dark strokes (low value) survive where the seal
    crosses the text; returns the cleaned image and the number of pixels painted.
    """
    mask, dark = _seal_pixels(img)
    out = img.copy()
    paint = mask & ~dark
    if paint.any():
        out[paint] = _paper_tone(img, mask)[paint][:, None]
    out[dark] = img[dark].min(axis=1, keepdims=True)
    return out, int(mask.sum())


def _paper_tone(img: Any, mask: Any) -> Any:
    """The grey of the paper around each pixel, seal and print left out: what a seal is painted
    with. White paint on the grey of a photo's shadow left the seal's star and words as a white
    negative framed by paper that binarising took for ink (read as a line of characters after
    the unit's name); on a scan's white paper this is white, as before."""
    import cv2
    import numpy as np

    gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    h, w = gray.shape
    stroke = max(3, round(max(h, w) / 11.69 / 40) | 1)  # ~1/40 in: wider than a printed stroke
    kernel = np.ones((stroke, stroke), np.uint8)
    paper = cv2.dilate(gray, kernel).astype(np.float32)  # thin dark print gone: the paper's grey
    valid = (cv2.dilate(mask.astype(np.uint8), kernel) == 0).astype(np.float32)  # off the seal
    size = stroke * 12 + 1  # around the seal's strokes, a quarter inch or so beyond them
    total = cv2.boxFilter(paper * valid, -1, (size, size), normalize=False)
    count = cv2.boxFilter(valid, -1, (size, size), normalize=False)
    tone = np.where(count > 0, total / np.maximum(count, 1.0), 255.0)
    # a seal wider than the window: its middle has no paper in reach; the page's paper then
    inside = count == 0
    if inside.any():
        tone[inside] = float(np.median(paper[valid > 0])) if valid.any() else 255.0
    return np.clip(tone, 0, 255).astype(np.uint8)


def binarize(gray: Any) -> Any:
    """Ink as 255 on 0, robust to uneven lighting (phone photos) and JPEG noise."""
    import cv2

    blur = cv2.GaussianBlur(gray, (3, 3), 0)
    block = max(15, (min(gray.shape[:2]) // 40) | 1)
    return cv2.adaptiveThreshold(blur, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)


def skew_angle(binary: Any, dpi: float) -> float:
    """The page's skew in degrees: the angle whose row profile is sharpest.

    Ruling lines and text lines both make the rows of a straight page alternate between ink
    and paper; the profile's variance peaks at the right angle (coarse-to-fine search on a
    reduced page, ±5°).
    """
    import cv2
    import numpy as np

    scale = min(1.0, 100 / dpi)  # about 100 dpi is plenty to see lines
    small = cv2.resize(binary, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    h, w = small.shape[:2]

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        rotated = cv2.warpAffine(small, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=0)
        return float(np.var(rotated.sum(axis=1, dtype=np.float64)))

    best = 0.0
    for step, reach in ((0.5, 5.0), (0.1, 0.5), (0.02, 0.1)):
        candidates = np.arange(best - reach, best + reach + step / 2, step)
        best = float(max(candidates, key=sharpness))
    return round(best, 2)


def deskew(img: Any, angle: float) -> Any:
    """Rotate by ``angle`` degrees about the centre, filling the corners with paper white."""
    import cv2

    if abs(angle) < 0.05:
        return img
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def _runs(text_ink: Any, horizontal: bool, gap: int) -> int:
    """How many long runs of characters the ink forms when smeared by ``gap`` along one axis."""
    import cv2

    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1) if horizontal else (1, gap))
    _, _, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(text_ink, kernel), connectivity=8)
    w, h = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    along, across = (w, h) if horizontal else (h, w)
    return int(((along > 4 * across) & (along > 6 * gap)).sum())


def quarter_turns(binary: Any) -> int:
    """0 or 1: whether the page lies sideways (its lines of text run vertically).

    The ruling lines are taken out first (a wide table's many vertical rules made a profile
    test take landscape photos for sideways pages); then the characters, smeared by about one
    character gap, form long runs along the direction the text is written. Measured on 95
    scanned and photographed pages: 25 or more runs across, at most 1 along the other axis.
    """
    import cv2
    import numpy as np

    h, w = binary.shape[:2]
    k = max(20, min(h, w) // 25)  # longer than a stroke of any character
    rules = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    rules |= cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k)))
    text = binary & ~cv2.dilate(rules, np.ones((5, 5), np.uint8))
    gap = max(3, min(h, w) // 250)
    across, down = _runs(text, True, gap), _runs(text, False, gap)
    return int(down > 2 * across)


def _ruled(binary: Any, p: Any, q: Any) -> bool:
    """Whether ink runs along most of the segment ``p``–``q`` (within a few pixels): a border."""
    import numpy as np

    h, w = binary.shape[:2]
    reach = max(3, min(h, w) // 300)
    n = max(20, int(np.hypot(*(q - p)) // reach))
    hits = 0
    for t in np.linspace(0.02, 0.98, n):
        x, y = (p + (q - p) * t).round().astype(int)
        window = binary[max(y - reach, 0) : y + reach + 1, max(x - reach, 0) : x + reach + 1]
        hits += bool(window.any())
    return hits >= _RULED * n


def flatten(img: Any, binary: Any, replicate: bool = False) -> Any:
    """Undo a photo's perspective: the largest table's outline, a quadrilateral, made a rectangle.

    Scans are left alone (their table outline is already a rectangle, up to a rotation that
    ``deskew`` straightens). ``replicate``: beyond the photo's frame the page is continued from
    its edge instead of painted white (for the page read: a white wedge beside grey paper is a
    long "ink" edge to the binariser, joined to the title as one text line).
    """
    import cv2
    import numpy as np

    h, w = binary.shape[:2]
    closed = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return img
    outline = max(contours, key=cv2.contourArea)
    if cv2.contourArea(outline) < 0.15 * w * h:
        return img
    quad = cv2.approxPolyDP(cv2.convexHull(outline), 0.02 * cv2.arcLength(outline, True), True)
    if len(quad) != 4:
        return img
    # the outline must fill its quadrilateral: a table whose outline is no quadrilateral (a column
    # running on past the last row at a page break, a narrower closing row) is no perspective
    if cv2.contourArea(outline) < _FILLS * cv2.contourArea(quad):
        return img
    pts = quad.reshape(4, 2)
    if not all(_ruled(binary, pts[k], pts[(k + 1) % 4]) for k in range(4)):
        return img  # a side of it is no ruling line: the quadrilateral is not the table's border
    pts = quad.reshape(4, 2).astype(np.float32)
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    tl, br, tr, bl = pts[np.argmin(s)], pts[np.argmax(s)], pts[np.argmin(d)], pts[np.argmax(d)]
    top, bottom = np.linalg.norm(tr - tl), np.linalg.norm(br - bl)
    left, right = np.linalg.norm(bl - tl), np.linalg.norm(br - tr)
    # a rotated rectangle has equal opposite sides; a perspective view does not
    if abs(top - bottom) < 0.004 * max(top, bottom) and abs(left - right) < 0.004 * max(left, right):
        return img
    width, height = max(top, bottom), max(left, right)
    x, y = float(tl[0]), float(tl[1])
    dst = np.float32([[x, y], [x + width, y], [x + width, y + height], [x, y + height]])
    m = cv2.getPerspectiveTransform(np.float32([tl, tr, br, bl]), dst)
    if replicate:
        return cv2.warpPerspective(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return cv2.warpPerspective(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def prepare(img: Any) -> Page:
    """Seal removed, turned upright, straightened: the page the grid and the recogniser see."""
    import cv2

    if img.ndim == 2:
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    elif img.shape[2] == 4:
        img = cv2.cvtColor(img, cv2.COLOR_BGRA2BGR)
    clean, sealed = remove_seal(img)
    gray = cv2.cvtColor(clean, cv2.COLOR_BGR2GRAY)
    if quarter_turns(binarize(gray)):
        img = cv2.rotate(img, cv2.ROTATE_90_CLOCKWISE)
        clean = cv2.rotate(clean, cv2.ROTATE_90_CLOCKWISE)
        gray = cv2.rotate(gray, cv2.ROTATE_90_CLOCKWISE)
    flat = flatten(clean, binarize(gray), replicate=True)
    photo = flat is not clean
    if photo:  # a photo: the same homography for the page shown and the page read
        img = flatten(img, binarize(gray))
        clean = flat
        gray = cv2.cvtColor(clean, cv2.COLOR_BGR2GRAY)
    dpi = estimate_dpi(gray)
    angle = skew_angle(binarize(gray), dpi)
    if abs(angle) >= 0.05:
        img = deskew(img, angle)
        gray = deskew(gray, angle)
    photo = photo or sheet_edge_found(gray, dpi)
    if photo:  # a sheet on a desk may be bowed; a scanner's glass holds it flat
        # bent level first, then the desk filled: the sheet's edges are straight only then
        img, gray = flatten_curl([img, gray], binarize(gray), dpi)
        img, gray = flatten_slant([img, gray], binarize(gray), dpi)  # then its columns upright
        gray = fill_background(gray, dpi)
    return Page(original=img, gray=gray, dpi=dpi, angle=angle, seal_pixels=sealed, photo=photo)


def turned_upside_down(page: Page) -> Page:
    """The same page rotated by 180° (used when the recogniser says the text is upside down)."""
    import cv2

    return Page(
        original=cv2.rotate(page.original, cv2.ROTATE_180),
        gray=cv2.rotate(page.gray, cv2.ROTATE_180),
        dpi=page.dpi,
        angle=page.angle,
        seal_pixels=page.seal_pixels,
        photo=page.photo,
    )
