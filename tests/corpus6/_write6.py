"""Writers: one ``Doc`` as XLSX, DOCX (merges as Word writes them; ``w:gridAfter`` rows), HTML,
markdown pipe tables, one cell per line, CSV as Excel saves it (encodings, ``,`` ``;`` TAB), TAB
text, PDF printed by LibreOffice from the DOCX or the XLSX, and an e-mail (``.eml``, MIME)."""

from __future__ import annotations

import base64
import csv
import html
import io
import quopri
import re
import shutil
import subprocess
import tempfile
import zlib
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.utils import formataddr
from pathlib import Path

from _grid6 import Doc, Grid

NUMBER = re.compile(r"-?(0|[1-9]\d{0,9})(\.\d+)?")
PERCENT = re.compile(r"(\d+(\.\d+)?)%")


def _width(doc: Doc) -> int:
    return max((p.width for k, p in doc.parts if k == "grid"), default=6)  # type: ignore[union-attr]


# ------------------------------------------------------------------ XLSX


def to_xlsx(doc: Doc, path: Path, *, typed: bool = True, print_fit: bool = False) -> None:
    """Lines as merged rows across the table, the grid with its merges; numbers typed as numbers,
    percentages as numbers with a format of the printed decimals."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    w = _width(doc)
    r = 1
    for kind, part in doc.parts:
        if kind == "lines":
            for line in part:  # type: ignore[union-attr]
                ws.cell(r, 1, line)
                if w > 1:
                    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=w)
                r += 1
            continue
        g: Grid = part  # type: ignore[assignment]
        for (gr, gc), (v, rs, cs) in sorted(g.cells.items()):
            cell = ws.cell(r + gr, 1 + gc)
            _typed(cell, v, typed)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if rs > 1 or cs > 1:
                ws.merge_cells(
                    start_row=r + gr, start_column=1 + gc, end_row=r + gr + rs - 1, end_column=gc + cs
                )
        r += g.nrows
    for c in range(1, w + 1):
        ws.column_dimensions[_col(c)].width = 14
    if print_fit:
        ws.page_setup.orientation = "landscape"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    wb.save(path)


def _col(c: int) -> str:
    s = ""
    while c:
        c, m = divmod(c - 1, 26)
        s = chr(65 + m) + s
    return s


def _typed(cell, v: str, typed: bool) -> None:  # type: ignore[no-untyped-def]
    if typed and NUMBER.fullmatch(v):
        cell.value = float(v) if "." in v else int(v)
    elif typed and PERCENT.fullmatch(v):
        digits = v[:-1].split(".")[1] if "." in v else ""
        cell.value = float(v[:-1]) / 100
        cell.number_format = "0." + "0" * len(digits) + "%" if digits else "0%"
    else:
        cell.value = v
        if v.startswith("="):  # text, not a formula (a sign as the unit typed it)
            cell.data_type = "s"


# ------------------------------------------------------------------ DOCX


def to_docx(doc: Doc, path: Path) -> None:
    """Paragraphs and tables; a grid row with ``after`` k ends k grid columns early (w:gridAfter)."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = Document()
    for kind, part in doc.parts:
        if kind == "lines":
            for line in part:  # type: ignore[union-attr]
                d.add_paragraph(line)
            continue
        g: Grid = part  # type: ignore[assignment]
        t = d.add_table(rows=g.nrows, cols=g.width)
        t.style = "Table Grid"
        for (r, c), (v, rs, cs) in sorted(g.cells.items()):
            cell = t.cell(r, c)
            if rs > 1 or cs > 1:
                cell = cell.merge(t.cell(r + rs - 1, c + cs - 1))
            cell.text = v
        for r, k in g.after.items():
            if k <= 0:
                continue
            tr = t.rows[r]._tr
            last = tr.findall(qn("w:tc"))[-1]
            tcpr = last.get_or_add_tcPr()
            span = tcpr.find(qn("w:gridSpan"))
            n = int(span.get(qn("w:val"))) if span is not None else 1
            assert n > k, (r, n, k)
            if n - k == 1:
                tcpr.remove(span)
            else:
                span.set(qn("w:val"), str(n - k))
            trpr = tr.get_or_add_trPr()
            ga = OxmlElement("w:gridAfter")
            ga.set(qn("w:val"), str(k))
            wa = OxmlElement("w:wAfter")
            wa.set(qn("w:w"), str(1200 * k))
            wa.set(qn("w:type"), "dxa")
            trpr.insert(0, wa)
            trpr.insert(0, ga)
        d.add_paragraph("")
    d.save(path)


# ------------------------------------------------------------------ HTML, markdown, cells, CSV, TAB


def to_html(doc: Doc, *, title_tag: str = "h3") -> str:
    out = ['<html><head><meta charset="utf-8"></head><body>']
    first = True
    for kind, part in doc.parts:
        if kind == "lines":
            for line in part:  # type: ignore[union-attr]
                tag = title_tag if first else "p"
                out.append(f"<{tag}>{html.escape(line)}</{tag}>")
                first = False
            continue
        g: Grid = part  # type: ignore[assignment]
        out.append('<table border="1" cellspacing="0">')
        for r in range(g.nrows):
            tds = []
            for c in range(g.width):
                cell = g.cells.get((r, c))
                if cell is None:
                    continue
                v, rs, cs = cell
                attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                tds.append(f"<td{attrs}>{html.escape(v)}</td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def to_markdown(doc: Doc) -> str:
    out: list[str] = []
    for kind, part in doc.parts:
        if kind == "lines":
            for line in part:  # type: ignore[union-attr]
                out += [line, ""]
            continue
        g: Grid = part  # type: ignore[assignment]
        rows = g.flat("")
        out.append("| " + " | ".join(rows[0]) + " |")  # type: ignore[arg-type]
        out.append("|" + "---|" * g.width)
        for row in rows[1:]:
            out.append("| " + " | ".join(row) + " |")  # type: ignore[arg-type]
        out.append("")
    return "\n".join(out)


def to_cells(doc: Doc) -> str:
    """One cell per line, a blank line between cells, an empty cell a single space, covered cells absent."""
    out: list[str] = []
    for kind, part in doc.parts:
        if kind == "lines":
            out += list(part)  # type: ignore[arg-type]
            continue
        g: Grid = part  # type: ignore[assignment]
        for row in g.flat(None):
            out += [v if v else " " for v in row]  # type: ignore[misc]
    return "\n\n".join(out) + "\n"


def csv_rows(doc: Doc) -> list[list[str]]:
    """Rows as Excel saves a sheet: a merged cell's text in its first cell, the rest empty."""
    w = _width(doc)
    rows: list[list[str]] = []
    for kind, part in doc.parts:
        if kind == "lines":
            rows += [[line] + [""] * (w - 1) for line in part]  # type: ignore[union-attr]
        else:
            rows += [[v or "" for v in row] + [""] * (w - len(row)) for row in part.flat("")]  # type: ignore[union-attr]
    return rows


def to_csv(doc: Doc, *, delimiter: str = ",", encoding: str = "utf-8-sig") -> bytes:
    buf = io.StringIO()
    wr = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    wr.writerows(csv_rows(doc))
    return buf.getvalue().encode(encoding)


def to_tabs(doc: Doc) -> str:
    out: list[str] = []
    for kind, part in doc.parts:
        if kind == "lines":
            out += list(part)  # type: ignore[arg-type]
        else:
            out += ["\t".join(v or "" for v in row) for row in part.flat("")]  # type: ignore[union-attr]
        out.append("")
    return "\n".join(out)


# ------------------------------------------------------------------ PDF (LibreOffice)


def to_pdf(src: Path, path: Path) -> None:
    """Print ``src`` (DOCX or XLSX) to ``path`` with ``soffice --headless --convert-to pdf``."""
    with tempfile.TemporaryDirectory(prefix="corpus6-") as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=240,
        )
        shutil.copy(Path(tmp) / (src.stem + ".pdf"), path)


# ------------------------------------------------------------------ e-mail


def _text_part(subtype: str, text: str, charset: str, cte: str) -> MIMENonMultipart:
    part = MIMENonMultipart("text", subtype, charset=charset)
    raw = text.encode(charset)
    if cte == "quoted-printable":
        payload = quopri.encodestring(raw).decode("ascii")
    elif cte == "base64":
        payload = base64.encodebytes(raw).decode("ascii")
    else:
        raise ValueError(cte)
    part.set_payload(payload)
    part["Content-Transfer-Encoding"] = cte
    return part


def to_eml(
    *,
    sender: tuple[str, str],
    to: tuple[str, str],
    subject: str,
    date: str,
    bodies: list[tuple[str, str, str, str]],
    attachments: list[tuple[str, bytes, str]] = (),  # type: ignore[assignment]
    alternative: bool = False,
) -> bytes:
    """A MIME message: body parts ``(subtype, text, charset, cte)`` (as multipart/alternative when
    ``alternative``), then attachments ``(filename, bytes, mime subtype)``; fixed boundaries."""
    parts = [_text_part(*b) for b in bodies]
    if alternative:
        alt = MIMEMultipart("alternative", boundary="==corpus6-alt==")
        for p in parts:
            alt.attach(p)
        parts = [alt]
    if attachments or len(parts) > 1:
        msg = MIMEMultipart("mixed", boundary="==corpus6-mixed==")
        for p in parts:
            msg.attach(p)
        for name, data, sub in attachments:
            a = MIMEApplication(data, _subtype=sub)
            a.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
            msg.attach(a)
    else:
        msg = parts[0]
    msg["From"] = formataddr(sender, charset="utf-8")
    msg["To"] = formataddr(to, charset="utf-8")
    msg["Subject"] = Header(subject, "utf-8").encode()
    msg["Date"] = date
    msg["Message-ID"] = f"<{zlib.crc32(subject.encode('utf-8'))}@corpus6.invalid>"
    return msg.as_bytes()
