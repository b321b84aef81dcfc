"""Generate the seventh held-out set (``tests/corpus7/files``): old Office binaries and WPS names,
ODF, RTF, MHT, Excel 2003 XML, forwarded e-mails, CSV with several forms, PDFs printed from XLSX
over several pages, makers' label wordings, XLSX and DOCX habits, values as makers write them.

    .venv/bin/python tests/corpus7/make_corpus7.py [--convert] [NAME…]

Answers and errors are always rewritten; a LibreOffice output (xls, doc, ods, odt, rtf, pdf, a
recalculated xlsx) is made only when missing or with ``--convert`` (it embeds time stamps, so
the committed bytes are the cache). Uses neither jixiao nor another set's code."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _docs7 import DOCUMENTS  # noqa: E402
from _wdocx7 import write_docx  # noqa: E402
from _wmail7 import inner_message, write_forward, write_mht  # noqa: E402
from _write7 import spreadsheetml, write_csv, write_html, write_xlsx  # noqa: E402

FILES = HERE / "files"
SRC = Path("/tmp/corpus7-src")
PROFILE = "file:///tmp/corpus7-lo-profile"
FILTERS = {
    "xls": "xls:MS Excel 97",
    "doc": "doc:MS Word 97",
    "ods": "ods",
    "odt": "odt",
    "rtf": "rtf:Rich Text Format",
    "pdf": "pdf",
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
}


def soffice(src: Path, fmt: str, out: Path) -> None:
    """Convert with LibreOffice into ``out`` (its own profile, so parallel users do not clash)."""
    tmp = SRC / "out"
    tmp.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={PROFILE}",
            "--headless",
            "--convert-to",
            FILTERS[fmt],
            "--outdir",
            str(tmp),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    made = tmp / f"{src.stem}.{fmt}"
    shutil.move(str(made), out)


def build(spec: dict, convert: bool) -> None:
    name, ext = spec["file"].rsplit(".", 1)
    out = FILES / spec["file"]
    forms, docs = spec["forms"], spec["docs"]
    how = spec["how"]
    SRC.mkdir(parents=True, exist_ok=True)
    need = convert or not out.exists()
    if how in ("xlsx", "xlsx_lo"):
        src = SRC / f"{name}.xlsx"
        sheets = spec.get("sheets") or [(f"Sheet{k + 1}", d) for k, d in enumerate(docs)]
        write_xlsx(src if how == "xlsx_lo" else out, sheets, **spec.get("xlsx", {}))
        if how == "xlsx_lo" and need:
            soffice(src, spec.get("lo", ext), out)
    elif how in ("docx", "docx_lo"):
        src = SRC / f"{name}.docx"
        write_docx(src if how == "docx_lo" else out, docs, **spec.get("docx", {}))
        if how == "docx_lo" and need and spec.get("via"):
            soffice(src, spec["via"], SRC / f"{name}.{spec['via']}")
            src = SRC / f"{name}.{spec['via']}"
        if how == "docx_lo" and need:
            soffice(src, spec.get("lo", ext), out)
    elif how == "html":
        write_html(out, docs[0], forms[0].title)
    elif how == "mht":
        write_mht(out, docs[0], forms[0].title)
    elif how == "xml2003":
        out.write_text(spreadsheetml([(f"Sheet{k + 1}", d) for k, d in enumerate(docs)]), encoding="utf-8")
    elif how == "csv":
        write_csv(out, docs)
    elif how == "forward":
        m = spec["mail"]
        att = None
        body = None
        if m.get("attach"):
            xl = SRC / f"{name}.xlsx"
            write_xlsx(xl, [("Sheet1", docs[0])])
            att = (m["attach"], xl.read_bytes())
        else:
            from _write7 import html_body

            body = (
                "<p>各位领导：</p><p>现将我单位绩效自评表报上，请审核。</p>"
                + html_body(docs[0])
                + "<p>此致 敬礼</p>"
            )
        inner = inner_message(m["subject"], m["sender"], body, att)
        write_forward(out, note=m["note"], inner=inner, subject=m["subject"])
    else:
        raise ValueError(how)
    answers = [f.answer() for f in forms]
    (FILES / f"{name}.answer.json").write_text(
        json.dumps(answers, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (FILES / f"{name}.errors.json").write_text(
        json.dumps(spec["errors"], ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def main(argv: list[str]) -> None:
    convert = "--convert" in argv
    names = [a for a in argv if not a.startswith("--")]
    FILES.mkdir(exist_ok=True)
    manifest = []
    for spec in DOCUMENTS():
        if not names or any(spec["file"].startswith(n) for n in names):
            build(spec, convert)
        manifest.append(
            {k: spec[k] for k in ("file", "families", "layout")}
            | {
                "forms": len(spec["forms"]),
                "indicators": sum(len(f.indicators()) for f in spec["forms"]),
                "errors": [e["code"] for e in spec["errors"]],
                "exercises": spec["exercises"],
            }
        )
    (FILES / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
