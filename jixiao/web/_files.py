"""Files in and out: uploads through the CLI's own transactional import, downloads by the writers.

Uploaded bytes are written under a private temporary folder with a cleaned base name (the
name is what the store shows), never at a path the client chose.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jixiao import store
from jixiao.contract import findings_to_json
from jixiao.model import Document, Form
from jixiao.read import ReadError, _ocr_cache, read
from jixiao.read._limits import check_image
from jixiao.read._magic import SUFFIX_KINDS, kind_of
from jixiao.read._ocr_image import IMAGE_SUFFIXES
from jixiao.review import ReviewResult, review_document
from jixiao.review.render import build_page, render_html
from jixiao.store._import import SUFFIXES
from jixiao.vocabulary import SEVERITY_NAMES, finding_advice, finding_place, finding_rule
from jixiao.write import IssueLine, PdfError, write_docx, write_issue_list, write_pdf, write_xlsx
from jixiao.write.pdf import docx_to_pdf

__all__ = [
    "DOWNLOADS",
    "DownloadError",
    "FileResult",
    "download",
    "import_uploads",
    "issue_list",
    "review_uploads",
    "safe_name",
]


@dataclass
class FileResult:
    name: str
    status: str  # imported / duplicate / error
    message: str  # Chinese, one line
    forms: list[int]


class DownloadError(Exception):
    """A download that cannot be made (e.g. no LibreOffice for PDF); one Chinese line."""


def safe_name(name: str) -> str:
    """A file's base name without any folder part or control characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip().lstrip(".")
    return base[:150] or "上传文件"


def sniff(name: str, content: bytes) -> str:
    """Why the bytes are not what the name says (Chinese), or "" when they are.

    Images are judged from their header (format and pixel count, nothing decoded), so a
    decompression bomb is refused before the import ever opens it.
    """
    suffix = Path(name).suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        try:
            check_image(name, content)
        except ReadError as e:
            return e.reason
    elif suffix == ".pdf" and b"%PDF-" not in content[:1024]:
        return "文件内容不是 PDF（缺少 PDF 文件头），请上传原始 PDF 或扫描件图片"
    elif suffix in SUFFIX_KINDS and kind_of(content[:4096]) not in SUFFIX_KINDS[suffix]:
        return f"文件内容与扩展名 {suffix} 不符（不是 Office/WPS 文档或网页），请上传原始文件"
    return ""


def _save(tmp: Path, files: list[tuple[str, bytes]]) -> list[tuple[str, Path | None, str]]:
    out = []
    for n, (name, content) in enumerate(files):
        clean = safe_name(name)
        if Path(clean).suffix.lower() not in SUFFIXES:
            out.append((clean, None, f"不支持的文件类型（可上传 {'、'.join(SUFFIXES)}）"))
            continue
        if why := sniff(clean, content):
            out.append((clean, None, why))
            continue
        folder = tmp / str(n)
        folder.mkdir()
        path = folder / clean
        path.write_bytes(content)
        out.append((clean, path, ""))
    return out


def _foreign_units(db: store.Database, doc: Document, user: store.User) -> str | None:
    """For a 填报人: the first unit named in the document that is not theirs (None: all theirs)."""
    for form in doc.forms:
        unit_id = store.unit_of_name(db, form.unit) if form.unit else None
        if not user.sees_unit(unit_id):
            return form.unit or "（未注明单位）"
    return None


def import_uploads(
    db: store.Database, files: list[tuple[str, bytes]], user: store.User, ocr_cache: Path | None = None
) -> list[FileResult]:
    """Import uploaded documents; a unit's uploads start as 填报中, others count as submitted.

    Scanned pages are recognised once: the reading is kept under ``ocr_cache`` (the page-view
    cache folder), where the form page's scan view finds it."""
    results: list[FileResult] = []
    with _ocr_cache.using(ocr_cache), tempfile.TemporaryDirectory(prefix="jixiao-upload-") as tmp:
        saved = _save(Path(tmp), files)
        todo: dict[str, str] = {}
        read_once: dict[str, Document] = {}  # read for the unit check, handed to the import (OCR once)
        for name, path, error in saved:
            if path is None:
                results.append(FileResult(name, "error", error, []))
                continue
            if user.role == "filler":
                try:
                    doc = read(path)
                except Exception:  # the import reads it again and reports the file's own error
                    todo[str(path)] = name
                    continue
                if unit := _foreign_units(db, doc, user):
                    why = f"文件中的表属于其他单位（{unit}），不能上传"
                    results.append(FileResult(name, "error", why, []))
                    continue
                read_once[str(path)] = doc
            todo[str(path)] = name
        summary = store.import_paths(list(todo), db, documents=read_once)
        state = "draft" if user.role == "filler" else None
        for d in summary.imported:
            ids = store.document_forms(db, d.document_id)
            form_ids = [fid for fid, _ in ids]
            store.carry_pending(db, by=user.name, state=state, only=form_ids)
            if state:
                fresh = [fid for fid, has in store.document_forms(db, d.document_id) if not has]
                store.set_state(db, fresh, state, user.name, "上传")
            message = f"读取到 {d.forms} 张表" + (f"，其中 {d.revised} 张为新版本" if d.revised else "")
            if not d.forms:
                message = "文件中未找到绩效表"
            results.append(FileResult(todo[d.path], "imported", message, form_ids))
        for u in summary.unchanged:
            results.append(
                FileResult(todo.get(u.path, u.path), "duplicate", f"与已导入的 {u.same_as} 内容相同", [])
            )
        for f in summary.failures:
            results.append(FileResult(todo.get(f.path, Path(f.path).name), "error", f.reason, []))
    order = {name: n for n, (name, _, _) in enumerate(saved)}
    return sorted(results, key=lambda r: order.get(r.name, 0))


def review_uploads(files: list[tuple[str, bytes]]) -> list[dict[str, object]]:
    """Read and review documents without storing them: findings-v1 records per file."""
    out: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="jixiao-review-") as tmp:
        for name, path, error in _save(Path(tmp), files):
            if path is None:
                out.append({"file": name, "error": error})
                continue
            try:
                doc = read(path)
            except ReadError as e:
                out.append({"file": name, "error": e.reason})
                continue
            result = review_document(doc)
            out.append({"file": name, "forms": len(doc.forms), "findings": findings_to_json(result.findings)})
    return out


# ---------------------------------------------------------------- downloads

DOWNLOADS = {
    "xlsx": ("表格（XLSX）", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "docx": ("表格（DOCX）", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("表格（PDF）", "application/pdf"),
    "report.html": ("审核报告（HTML）", "text/html; charset=utf-8"),
    "report.pdf": ("审核报告（PDF）", "application/pdf"),
}


def _review_html(detail: store.FormDetail) -> str:
    card = detail.scorecard
    findings = detail.findings
    if card is None:
        result = review_document(Document(path=detail.summary.file_name, forms=[detail.form]))
        card, findings = result.scorecards[0], result.findings
    findings = [f.model_copy(update={"form": 0}) for f in findings]
    result = ReviewResult(
        card.rule_set, detail.rule_set_version or "", [card.model_copy(update={"form": 0})], findings
    )
    doc = Document(path=detail.summary.file_name, forms=[detail.form])
    return render_html(
        build_page([(detail.summary.file_name, doc, result)], title=f"审核报告：{detail.form.title}")
    )


def download(detail: store.FormDetail, kind: str, form: Form | None = None) -> tuple[bytes, str, str]:
    """(bytes, file name, media type) of one download of a stored form."""
    if kind not in DOWNLOADS:
        raise DownloadError("未知的下载类型")
    form = form or detail.form
    stem = safe_name(f"{detail.summary.id}_{form.title}")
    with tempfile.TemporaryDirectory(prefix="jixiao-download-") as tmp:
        out = Path(tmp) / f"{stem}.{kind}"
        try:
            if kind == "xlsx":
                write_xlsx([form], out)
            elif kind == "docx":
                write_docx([form], out)
            elif kind == "pdf":
                write_pdf([form], out)
            elif kind == "report.html":
                out.write_text(_review_html(detail), encoding="utf-8")
            else:
                src = Path(tmp) / f"{stem}.html"
                src.write_text(_review_html(detail), encoding="utf-8")
                docx_to_pdf(src, out)
        except PdfError as e:
            raise DownloadError(str(e)) from e
        return out.read_bytes(), out.name, DOWNLOADS[kind][1]


def _basis(c: store.ConfirmedFinding) -> str:
    """The 依据 of a 问题清单 row: where the finding is (form kind, goal, indicator), then the rule
    it checks as it reads on that kind of form under the form's own rule set."""
    place = finding_place(c.kind, c.goal, c.indicator, c.code)
    rule = finding_rule(c.code, c.rule_set, c.kind)
    return f"{place}：{rule}" if rule else place


def issue_list(db: store.Database, flt: store.QueueFilter) -> tuple[bytes, int]:
    """The 问题清单 XLSX of the confirmed findings of a selection, and how many rows it has."""
    lines = []
    for c in store.confirmed_findings(db, flt):
        lines.append(
            IssueLine(
                unit=c.unit or "",
                year=str(c.year or ""),
                form=c.title,
                indicator=" / ".join(x for x in (c.goal, c.indicator) if x),
                problem=c.message,
                printed=c.printed,
                expected=c.expected,
                rule=_basis(c),
                advice=finding_advice(c.code),
                severity=SEVERITY_NAMES.get(c.severity, c.severity),
                verdict=store.VERDICT_LABELS[c.verdict],
                comment=c.comment or "",
            )
        )
    with tempfile.TemporaryDirectory(prefix="jixiao-issues-") as tmp:
        out = write_issue_list(lines, Path(tmp) / "问题清单.xlsx")
        return out.read_bytes(), len(lines)
