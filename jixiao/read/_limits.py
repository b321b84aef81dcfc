"""File-level guards run before a reader opens a file: every hostile file bounded, in one line.

- ``check_file``: regular files only (a FIFO would block forever, ``/dev/zero`` never end),
  and no more than ``max_file_mb``.
- ``check_zip``: XLSX/DOCX packages judged from the zip directory before anything is inflated
  (member count, sizes, compression ratio; Python's ``zipfile`` never inflates past the declared
  size), then every XML part streamed once: no DTD (XXE, billion laughs), bounded nesting,
  rows and cells per sheet, tables per document, characters per text node.
- ``check_pdf_pages``: pages per PDF (streams: ``_pdf_streams``).
- ``check_image``/``check_pixels``: pixels per page image, judged from the image header before
  anything is decoded (a small PNG can declare a 100 000 × 100 000 page: a decompression bomb).
- ``time_limit``: wall time per file.

Over a limit: ``LimitError``, a ``ReadError`` whose message names the file and the limit.
"""

from __future__ import annotations

import os
import signal
import stat
import threading
import weakref
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from jixiao._oserror import os_reason
from jixiao.read._errors import ReadError
from jixiao.settings import LIMIT_HELP, limits

__all__ = [
    "LimitError",
    "check_file",
    "check_image",
    "check_pdf_pages",
    "check_pixels",
    "check_zip",
    "time_limit",
]

MB = 1024 * 1024


class LimitError(ReadError):
    """A file over one of the limits (``jixiao.settings``)."""

    def __init__(self, path: str | Path, name: str, found: str, limit: object) -> None:
        self.limit_name = name
        super().__init__(
            str(path),
            f"{LIMIT_HELP[name]}超出限制：{found}，上限 {_fmt(limit)}"
            f"（限制 {name}，可用 jixiao --limit {name}=… 或 jixiao.toml 调整）",
        )


def _fmt(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _mb(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB // 10 else f"{n / 1024:.1f} KB"


_KINDS = (
    (stat.S_ISFIFO, "命名管道"),
    (stat.S_ISCHR, "字符设备"),
    (stat.S_ISBLK, "块设备"),
    (stat.S_ISSOCK, "套接字"),
    (stat.S_ISDIR, "目录"),
)


def check_file(path: Path) -> os.stat_result:
    """The file's status if it is a regular file within ``max_file_mb``; else ``ReadError``."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ReadError(str(path), "文件不存在") from None
    except OSError as e:
        raise ReadError(str(path), f"无法打开文件（{os_reason(e)}）") from None
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _KINDS if test(st.st_mode)), "特殊文件")
        raise ReadError(str(path), f"这是{kind}，不是普通文件，不读取")
    lim = limits()
    if st.st_size > lim.max_file_mb * MB:
        raise LimitError(path, "max_file_mb", _mb(st.st_size), f"{_fmt(lim.max_file_mb)} MB")
    return st


# --- zip packages (XLSX, DOCX) -------------------------------------------------------------

_XML_SUFFIXES = (".xml", ".rels", ".vml")


def check_zip(path: Path, kind: str, trees: dict[str, Any] | None = None) -> None:
    """Refuse an XLSX/DOCX package over a limit, before any reader inflates it.

    ``trees``, when given, receives every XML part the checks parsed whole (name → root) and
    ``None`` for the ones they streamed, so a reader parses each part once; a part it wants
    that is not there was not checked as XML (see ``checked_tree``). Past ``_KEPT_TREE_BYTES``
    of XML the roots are not kept (``None`` too: parsed again when read), so that a workbook
    of a thousand sheets does not hold a thousand trees.
    """
    open_checked_zip(path, kind, trees).close()


def open_checked_zip(path: Path, kind: str, trees: dict[str, Any] | None = None) -> zipfile.ZipFile:
    """``check_zip``, and the package it checked still open for the reader (which closes it).

    Opening a zip reads its whole directory in Python: done once, not again by the reader.
    """
    z = None
    try:
        z = zipfile.ZipFile(path)
        _check_members(path, z, kind, trees)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as e:
        _close(z)
        label = _PACKAGE_LABELS.get(kind, "Word（.docx）")
        raise ReadError(str(path), f"不是有效的 {label} 文件（压缩包已损坏：{_zip_reason(e)}）") from e
    except NotImplementedError as e:
        _close(z)
        raise ReadError(str(path), "压缩包使用了不支持的压缩方式或加密") from e
    except RuntimeError as e:  # encrypted member
        _close(z)
        raise ReadError(str(path), "压缩包已加密，无法读取") from e
    except BaseException:
        _close(z)
        raise
    return z


def _close(z: zipfile.ZipFile | None) -> None:
    if z is not None:
        z.close()


def _check_members(path: Path, z: zipfile.ZipFile, kind: str, trees: dict[str, Any] | None) -> None:
    lim = limits()
    infos = z.infolist()
    if len(infos) > lim.max_zip_members:
        raise LimitError(path, "max_zip_members", str(len(infos)), lim.max_zip_members)
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > lim.max_zip_member_mb * MB:
            raise LimitError(
                path,
                "max_zip_member_mb",
                f"{info.filename} {_mb(size)}",
                f"{_fmt(lim.max_zip_member_mb)} MB",
            )
        if size > MB and size > lim.max_zip_ratio * max(info.compress_size, 1):
            ratio = size / max(info.compress_size, 1)
            raise LimitError(path, "max_zip_ratio", f"{info.filename} {ratio:.0f} 倍", lim.max_zip_ratio)
    if total > lim.max_zip_total_mb * MB:
        raise LimitError(path, "max_zip_total_mb", _mb(total), f"{_fmt(lim.max_zip_total_mb)} MB")
    unparsed = _unparsed_parts(z, kind)
    kept = 0
    for info in infos:
        if info.filename.lower().endswith(_XML_SUFFIXES) and not info.is_dir():
            if info.filename in unparsed:
                _refuse_dtd(path, info.filename, z.read(info))
            elif info.file_size <= _TREE_MAX_BYTES:
                root = _check_xml_tree(path, z, info, kind)
                if trees is not None:
                    keep = kept + info.file_size <= _KEPT_TREE_BYTES
                    kept += info.file_size if keep else 0
                    trees[info.filename] = root if keep else None
            else:
                _scan_xml(path, z, info, kind)
                if trees is not None:
                    trees[info.filename] = None


_PACKAGE_LABELS = {
    "xlsx": "Excel（.xlsx）",
    "docx": "Word（.docx）",
    "ods": "OpenDocument 表格（.ods）",
    "odt": "OpenDocument 文本（.odt）",
}


def _zip_reason(e: BaseException) -> str:
    text = str(e).lower()
    if "crc" in text:
        return "校验和不符"
    if "not a zip" in text:
        return "不是 zip 格式"
    return "结构错误"


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# Parts up to this size are parsed whole and checked by XPath inside libxml2; a Python pass over
# every element cost ~40 ms per DOCX (python-docx's template alone has 790 KB of styles), more than
# the reading. Larger parts are streamed so the guard's memory stays flat.
_TREE_MAX_BYTES = 4 * MB
# XML parsed by the checks and kept for the reader (``check_zip(trees=…)``): ~10× in memory
_KEPT_TREE_BYTES = 1 * MB


_CONTENT_TYPES = "[Content_Types].xml"
# the parts of a DOCX our reader parses: the package's own indexes and the main document
DOCX_MAIN_TYPES = frozenset(
    "application/vnd.openxmlformats-officedocument.wordprocessingml." + t
    for t in ("document.main+xml", "template.main+xml")
) | frozenset(
    "application/vnd.ms-word." + t
    for t in ("document.macroEnabled.main+xml", "template.macroEnabledTemplate.main+xml")
)


# the workbook part of an XLSX (and of its template and macro-enabled kin), by content type
XLSX_MAIN_TYPES = frozenset(
    "application/vnd.openxmlformats-officedocument.spreadsheetml." + t
    for t in ("sheet.main+xml", "template.main+xml")
) | frozenset(
    "application/vnd.ms-excel." + t for t in ("sheet.macroEnabled.main+xml", "template.macroEnabled.main+xml")
)


# parts of an XLSX no reader parses: they get only the DTD refusal (theme and document properties
# were a third of the parsing in the checks of a one-sheet form; ~10 % of ``check_zip`` net).
# A part the reader wants must have been parsed by the checks (``checked_tree``), so a part
# mislabelled with one of these types is refused, not read unchecked.
XLSX_UNPARSED_TYPES = frozenset(
    "application/vnd.openxmlformats-officedocument." + t
    for t in (
        "theme+xml",
        "themeOverride+xml",
        "extended-properties+xml",
        "custom-properties+xml",
        "drawing+xml",
        "vmlDrawing",
        "drawingml.chart+xml",
        "spreadsheetml.calcChain+xml",
        "spreadsheetml.comments+xml",
        "spreadsheetml.table+xml",
        "spreadsheetml.externalLink+xml",
        "spreadsheetml.pivotTable+xml",
        "spreadsheetml.pivotCacheDefinition+xml",
        "spreadsheetml.pivotCacheRecords+xml",
        "spreadsheetml.printerSettings",
    )
) | {"application/vnd.openxmlformats-package.core-properties+xml"}


# XPath checks compiled once (compiling them per part cost as much as running them; lxml is
# imported on first use). A limit the part's byte size cannot reach is not evaluated: in the XML
# every element takes at least ``<x/>`` (its name plus 3 bytes), an element nesting another at
# least ``<x>`` and ``</x>``, and a text node at least one byte per character (entities are never
# expanded, DTDs refused).
_MIN_TAG_BYTES = {tag: len(tag) + 3 for tag in ("row", "c", "tbl")}
_DEPTH_BYTES = 7  # ``<a>…</a>`` per level: depth d + 1 takes at least 7 d + 4 bytes
_LONG_TEXT = "//*/text()[string-length(.) > $n][1]"


@lru_cache(maxsize=16)
def _xpath(expr: str) -> Any:
    from lxml import etree

    return etree.XPath(expr)


def _count(tag: str) -> Any:
    return _xpath(f"count(//*[local-name()='{tag}'])")


def _deeper_than(depth: int) -> Any:
    """A compiled test: does any element sit deeper than ``depth``?"""
    return _xpath("boolean(/" + "/".join(["*"] * (depth + 1)) + ")")


def _check_counts(path: Path, name: str, root: Any, size: int | None) -> None:
    """The row and cell limits on one worksheet (``size``: its bytes, when known, bound the counts)."""
    lim = limits()
    for tag, limit_name, limit, unit in (
        ("row", "max_sheet_rows", lim.max_sheet_rows, "行"),
        ("c", "max_sheet_cells", lim.max_sheet_cells, "个单元格"),
    ):
        if size is not None and size // _MIN_TAG_BYTES[tag] <= limit:
            continue
        if int(_count(tag)(root)) > limit:
            raise LimitError(path, limit_name, f"{name} 超过 {limit} {unit}", limit)


def _check_tables(path: Path, root: Any, size: int) -> None:
    lim = limits()
    if size // _MIN_TAG_BYTES["tbl"] > lim.max_docx_tables and int(_count("tbl")(root)) > lim.max_docx_tables:
        raise LimitError(path, "max_docx_tables", f"超过 {lim.max_docx_tables} 个表格", lim.max_docx_tables)


def check_sheet_size(path: Path, name: str, root: Any) -> None:
    """The row and cell limits on a worksheet part outside ``xl/worksheets/``.

    The checks above count rows and cells in the parts of that folder, where every program puts
    its sheets; a workbook may name a sheet part anywhere, and the reader applies them there.
    """
    _check_counts(path, name, root, None)


def checked_tree(z: zipfile.ZipFile, name: str, trees: dict[str, Any]) -> Any:
    """The root of a part ``check_zip`` checked (parsed now if it was not kept), else ``KeyError``.

    Taken out of ``trees``: the reader reads each part once, and its memory goes with it.
    """
    from lxml import etree

    root = trees.pop(name)
    if root is None:
        root = etree.fromstring(z.read(name), xml_parser(huge=True))
    return root


def xml_parser(huge: bool = False) -> Any:
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=huge, remove_comments=True
    )


_TYPES: weakref.WeakKeyDictionary[zipfile.ZipFile, tuple[dict[str, str], dict[str, str]]] = (
    weakref.WeakKeyDictionary()
)


def content_types(z: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    """The package's ``[Content_Types].xml``: (defaults by extension, overrides by part name).

    Read once per open package (the guard and the reader both ask)."""
    types = _TYPES.get(z)
    if types is None:
        types = _TYPES[z] = _read_content_types(z)
    return types


def _read_content_types(z: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    from lxml import etree

    if _CONTENT_TYPES not in z.namelist() or z.getinfo(_CONTENT_TYPES).file_size > _TREE_MAX_BYTES:
        return {}, {}
    data = z.read(_CONTENT_TYPES)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return {}, {}  # refused when the member itself is checked
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError:
        return {}, {}
    defaults, overrides = {}, {}
    for el in root:
        if not isinstance(el.tag, str):
            continue
        if el.tag.endswith("}Default"):
            defaults[el.get("Extension", "").lower()] = el.get("ContentType", "")
        elif el.tag.endswith("}Override"):
            overrides[el.get("PartName", "").lstrip("/")] = el.get("ContentType", "")
    return defaults, overrides


def content_type(name: str, types: tuple[dict[str, str], dict[str, str]]) -> str:
    defaults, overrides = types
    return overrides.get(name) or defaults.get(name.rsplit(".", 1)[-1].lower(), "")


def _unparsed_parts(z: zipfile.ZipFile, kind: str) -> set[str]:
    """Members of a DOCX that no reader parses as XML (styles, theme, fonts, settings …), and
    of an XLSX the parts named in ``XLSX_UNPARSED_TYPES`` (theme, properties, drawings …).

    They need no depth or text scan, only the DTD refusal: Word's own template carries 0.8 MB of
    styles, whose scan cost more than reading the document.
    """
    if kind == "xlsx":
        types = content_types(z)
        return {name for name in z.namelist() if content_type(name, types) in XLSX_UNPARSED_TYPES}
    if kind != "docx":
        return set()
    types = content_types(z)
    return {
        name
        for name in z.namelist()
        if name != _CONTENT_TYPES
        and not name.lower().endswith(".rels")
        and content_type(name, types) not in DOCX_MAIN_TYPES
    }


def _refuse_dtd(path: Path, name: str, head: bytes) -> None:
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise ReadError(str(path), f"{name} 含有 DTD 声明（可能是 XML 外部实体或实体膨胀攻击），拒绝读取")


def _check_xml_tree(path: Path, z: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str) -> Any:
    """The checks of ``_scan_xml`` on a small part, evaluated in C: same limits, same messages.

    Returns the parsed root (parsed as ``xml_parser(huge=True)`` would), for the reader to reuse."""
    from lxml import etree

    lim = limits()
    name = info.filename
    data = z.read(info)
    _refuse_dtd(path, name, data[:4096])
    # huge_tree only lifts libxml2's own depth cap (256) so that our limit is the one reported;
    # the part is small and no entity is resolved or DTD loaded
    try:
        root = etree.fromstring(data, xml_parser(huge=True)) if data.strip() else None
    except etree.XMLSyntaxError as e:
        where = f"第 {e.lineno} 行" if getattr(e, "lineno", None) else ""
        raise ReadError(str(path), f"{name} 不是格式正确的 XML（{where}语法错误）") from e
    if root is None:
        raise ReadError(str(path), f"{name} 不是格式正确的 XML（语法错误）")
    if root.getroottree().docinfo.doctype:
        raise ReadError(str(path), f"{name} 含有 DTD 声明（可能是 XML 实体攻击），拒绝读取")
    size = len(data)
    if size > _DEPTH_BYTES * lim.max_xml_depth and _deeper_than(lim.max_xml_depth)(root):
        raise LimitError(path, "max_xml_depth", f"{name} 超过 {lim.max_xml_depth} 层", lim.max_xml_depth)
    longest = _xpath(_LONG_TEXT)(root, n=lim.max_cell_chars) if size > lim.max_cell_chars else None
    if longest:
        n = len(str(longest[0]))
        raise LimitError(path, "max_cell_chars", f"{name} 中一段 {n} 个字符", lim.max_cell_chars)
    if kind == "xlsx" and name.startswith("xl/worksheets/"):
        _check_counts(path, name, root, size)
    elif kind == "docx" and name == "word/document.xml":
        _check_tables(path, root, size)
    return root


def _scan_xml(path: Path, z: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str) -> None:
    """One streaming pass over an XML part: DTDs refused, nesting, rows, cells, tables, text bounded."""
    from lxml import etree

    lim = limits()
    name = info.filename
    is_sheet = kind == "xlsx" and name.startswith("xl/worksheets/")
    is_body = kind == "docx" and name == "word/document.xml"
    rows = cells = tables = depth = 0
    with z.open(info) as stream:
        _refuse_dtd(path, name, stream.peek(4096)[:4096] if hasattr(stream, "peek") else b"")
        parser = etree.iterparse(
            stream,
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
        )
        try:
            for event, el in parser:
                if event == "start":
                    depth += 1
                    if depth == 1 and el.getroottree().docinfo.doctype:
                        raise ReadError(str(path), f"{name} 含有 DTD 声明（可能是 XML 实体攻击），拒绝读取")
                    if depth > lim.max_xml_depth:
                        raise LimitError(
                            path, "max_xml_depth", f"{name} 超过 {lim.max_xml_depth} 层", lim.max_xml_depth
                        )
                    continue
                depth -= 1
                tag = _local(el.tag)
                if el.text is not None and len(el.text) > lim.max_cell_chars:
                    raise LimitError(
                        path, "max_cell_chars", f"{name} 中一段 {len(el.text)} 个字符", lim.max_cell_chars
                    )
                if is_sheet:
                    if tag == "row":
                        rows += 1
                        if rows > lim.max_sheet_rows:
                            raise LimitError(
                                path,
                                "max_sheet_rows",
                                f"{name} 超过 {lim.max_sheet_rows} 行",
                                lim.max_sheet_rows,
                            )
                    elif tag == "c":
                        cells += 1
                        if cells > lim.max_sheet_cells:
                            raise LimitError(
                                path,
                                "max_sheet_cells",
                                f"{name} 超过 {lim.max_sheet_cells} 个单元格",
                                lim.max_sheet_cells,
                            )
                elif is_body and tag == "tbl":
                    tables += 1
                    if tables > lim.max_docx_tables:
                        raise LimitError(
                            path, "max_docx_tables", f"超过 {lim.max_docx_tables} 个表格", lim.max_docx_tables
                        )
                if depth <= 2:  # keep memory flat: drop finished subtrees of the root's children
                    el.clear(keep_tail=False)
        except etree.XMLSyntaxError as e:
            where = f"第 {e.lineno} 行" if getattr(e, "lineno", None) else ""
            raise ReadError(str(path), f"{name} 不是格式正确的 XML（{where}语法错误）") from e


# --- PDF -----------------------------------------------------------------------------------


def check_pdf_pages(path: Path, pages: int) -> None:
    lim = limits()
    if pages > lim.max_pdf_pages:
        raise LimitError(path, "max_pdf_pages", f"{pages} 页", f"{lim.max_pdf_pages} 页")


# --- images --------------------------------------------------------------------------------

IMAGE_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG", "TIFF": "TIFF", "BMP": "BMP", "WEBP": "WEBP"}


def check_pixels(path: str | Path, width: int, height: int, what: str = "") -> None:
    """Refuse a page image of more than ``max_image_megapixels`` (before it is decoded)."""
    lim = limits()
    if width * height > lim.max_image_megapixels * 1_000_000:
        raise LimitError(
            path,
            "max_image_megapixels",
            f"{what}{width} × {height} 像素（{_fmt(round(width * height / 1_000_000, 1))} 百万）",
            f"{_fmt(lim.max_image_megapixels)} 百万像素",
        )


def check_image(path: str | Path, data: bytes | None = None) -> str:
    """The image's format (PNG, JPEG, TIFF …) if its header is one and every frame is within the
    pixel limit; else ``ReadError``. Only the header is read: nothing is decoded here."""
    import io
    import warnings

    from PIL import Image, UnidentifiedImageError

    source: Any = io.BytesIO(data) if data is not None else str(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # our own limit decides
            try:
                img = Image.open(source)
            finally:
                Image.MAX_IMAGE_PIXELS = saved
        with img:
            kind = IMAGE_FORMATS.get(img.format or "")
            if kind is None:
                raise ReadError(str(path), f"图片格式 {img.format} 不受支持，请提供 PNG、JPEG 或 TIFF 扫描件")
            frames = getattr(img, "n_frames", 1)
            if frames > limits().max_pdf_pages:
                check_pdf_pages(Path(path), frames)
            for n in range(frames):
                if n:
                    img.seek(n)
                check_pixels(path, *img.size, what=f"第 {n + 1} 页 " if frames > 1 else "")
            return kind
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as e:
        raise ReadError(
            str(path), "文件内容不是可识别的图片（无法解码），请提供 PNG、JPEG 或 TIFF 扫描件"
        ) from e


# --- text ----------------------------------------------------------------------------------


def check_text_lines(path: Path, data: bytes) -> None:
    """Refuse a text file with a line longer than ``max_line_chars`` (bytes bound characters)."""
    lim = limits()
    cap = lim.max_line_chars
    if len(data) <= cap:
        return
    start = 0
    n = len(data)
    while start < n:
        end = data.find(b"\n", start)
        if end < 0:
            end = n
        if end - start > cap:
            # bytes ≥ characters; count characters only for the suspect line
            chars = len(data[start:end].decode("utf-8", errors="replace"))
            if chars > cap:
                line = data.count(b"\n", 0, start) + 1
                raise LimitError(path, "max_line_chars", f"第 {line} 行 {chars} 个字符", cap)
        start = end + 1


# --- wall time -----------------------------------------------------------------------------


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that no reader's ``except Exception`` eats it."""


@contextmanager
def time_limit(path: Path) -> Iterator[None]:
    """Stop reading one file after ``max_seconds`` (where signals can be used: the main thread)."""
    seconds = limits().max_seconds
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(_signum: int, _frame: Any) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Timeout:
        raise LimitError(
            path, "max_seconds", f"超过 {_fmt(seconds)} 秒仍未读完", f"{_fmt(seconds)} 秒"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
