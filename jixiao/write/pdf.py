"""Forms as PDF: the DOCX layout printed by LibreOffice headless (``soffice``).

A real word processor lays out the merged cells, wraps long texts and embeds a CJK font
(Debian's fonts-noto-cjk), so the PDF has a true text layer and cell borders that the PDF
reader can read back.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from jixiao.model import Form
from jixiao.write._files import OutputExistsError, atomic_output
from jixiao.write._layout import Notes
from jixiao.write._page import Template

__all__ = ["PdfError", "docx_to_pdf", "soffice_path", "write_pdf"]

_TIMEOUT_S = 180
# 宋体/仿宋/黑体 → Noto Serif/Sans CJK SC for this conversion only (see the file)
_FONTS_CONF = Path(__file__).with_name("fonts.conf")


class PdfError(RuntimeError):
    """The PDF could not be produced; ``str(err)`` is a Chinese one-line message."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_pdf(
    forms: Sequence[Form],
    path: str | Path,
    template: Template = Template.WUHAN,
    notes: Notes = "auto",
    *,
    overwrite: bool = True,
) -> Path:
    """Write the forms as one PDF (each form starts on a new page)."""
    from jixiao.write.docx import write_docx

    out = Path(path)
    if not overwrite and out.exists():  # say so before the slow conversion
        raise OutputExistsError(out)
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as tmp:
        src = Path(tmp) / "forms.docx"
        write_docx(forms, src, template, notes)
        return docx_to_pdf(src, out, overwrite=overwrite)


def docx_to_pdf(src: Path, out: Path, *, overwrite: bool = True) -> Path:
    """Convert one office document to ``out`` with LibreOffice; a clear error if it is missing."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfError(
            "未找到 LibreOffice（soffice），无法生成 PDF；请安装 libreoffice-writer-nogui 与 fonts-noto-cjk"
        )
    with tempfile.TemporaryDirectory(prefix="jixiao-soffice-") as tmp:
        profile = Path(tmp) / "profile"  # a private profile: parallel runs do not lock each other
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(src),
        ]
        env = {**os.environ, "FONTCONFIG_FILE": str(_FONTS_CONF)}
        try:
            proc = subprocess.run(
                cmd, capture_output=True, text=True, timeout=_TIMEOUT_S, check=False, env=env
            )
        except subprocess.TimeoutExpired as e:
            raise PdfError(f"LibreOffice 转换 PDF 超时（{_TIMEOUT_S} 秒）：{src.name}") from e
        produced = Path(tmp) / (src.stem + ".pdf")
        if proc.returncode != 0 or not produced.exists():
            detail = (proc.stderr or proc.stdout).strip().splitlines()
            raise PdfError(f"LibreOffice 未能生成 PDF：{src.name}" + (f"（{detail[-1]}）" if detail else ""))
        with atomic_output(out, overwrite=overwrite) as part:
            shutil.copyfile(produced, part)
    return out
