"""The seventh set's documents: which forms, printed how, with which planted errors."""

from __future__ import annotations

from _forms7 import hebei, hubei, national, plant, target_i1, target_i3
from _layout7 import layout
from _vocab7 import PLACES


def _ready(forms_codes: list[tuple]) -> tuple[list, list, list]:
    """Plant each form's errors, compute its total, print it."""
    forms, docs, errors = [], [], []
    for k, (form, codes) in enumerate(forms_codes):
        plant(form, codes, errors, k)
        forms.append(form)
        docs.append(layout(form))
    return forms, docs, errors


def spec(
    file: str, fams: list[str], lay: str, forms_codes: list[tuple], how: str, exercises: str, **kw
) -> dict:
    forms, docs, errors = _ready(forms_codes)
    return {
        "file": file,
        "families": fams,
        "layout": lay,
        "forms": forms,
        "docs": docs,
        "errors": errors,
        "how": how,
        "exercises": exercises,
        **kw,
    }


def DOCUMENTS() -> list[dict]:
    """Every document: the file formats first (_docs7), then the makers' habits (_docs7b)."""
    from _docs7b import habits

    return formats() + habits()


def formats() -> list[dict]:
    """Old Office binaries, WPS names, ODF, RTF, MHT, Excel 2003 XML."""
    P = PLACES
    out = []
    a = national("estate", P[0], look={"title_prefix": "2024年度"})
    out.append(
        spec(
            "o01_estate_national_xls.xls",
            ["a"],
            "xls",
            [(a, ["indicator.score_mismatch"])],
            "xlsx_lo",
            "national project form in a BIFF8 .xls saved by LibreOffice (MS Excel 97 filter) from the XLSX",
        )
    )
    b = national("stats", P[1], dept=True)
    out.append(
        spec(
            "o02_stats_dept_doc.doc",
            ["b"],
            "doc",
            [(b, [])],
            "docx_lo",
            "department form in a Word 97 .doc saved by LibreOffice from the DOCX",
        )
    )
    g = hebei("school", P[2])
    out.append(
        spec(
            "o03_school_hebei_et.et",
            ["g"],
            "et",
            [(g, [])],
            "xlsx_lo",
            "Hebei export as WPS 表格 .et: the BIFF8 .xls bytes under WPS's name (WPS saves .et as the Excel binary)",
            lo="xls",
        )
    )
    h = hubei("road", P[3])
    out.append(
        spec(
            "o04_road_hubei_wps.wps",
            ["h"],
            "wps",
            [(h, ["indicator.full_score_unmet"])],
            "docx_lo",
            "Hubei arrangement 1 as WPS 文字 .wps: the Word 97 .doc bytes under WPS's name",
            lo="doc",
        )
    )
    i3 = target_i3("manure", P[4])
    out.append(
        spec(
            "o05_manure_101_ods.ods",
            ["i3"],
            "ods",
            [(i3, ["target.vague"])],
            "xlsx_lo",
            "101号 target table as ODF spreadsheet .ods (LibreOffice from the XLSX)",
        )
    )
    i1 = target_i1("fire", P[5])
    out.append(
        spec(
            "o06_fire_target_i1_odt.odt",
            ["i1"],
            "odt",
            [(i1, [])],
            "docx_lo",
            "national project target (中期/年度 halves side by side) as ODF text .odt",
        )
    )
    a = national("skills", P[6], look={"filler": True})
    out.append(
        spec(
            "o07_skills_national_rtf.rtf",
            ["a"],
            "rtf",
            [(a, ["budget.score_mismatch"])],
            "docx_lo",
            "national project form as RTF (LibreOffice from the DOCX); 填报单位（盖章） line",
        )
    )
    b = national("stats", P[7], dept=True, look={"money": (2316.4, 2250.87)})
    out.append(
        spec(
            "o08_stats_dept_mht.mht",
            ["b"],
            "mht",
            [(b, ["form.total_mismatch"])],
            "mht",
            "department form as a Word single-file web page .mht (multipart/related, HTML quoted-printable in GB2312, an image and filelist.xml)",
        )
    )
    h = hubei("estate", P[1], look={"money": (980.0, 931.0)})
    out.append(
        spec(
            "o09_estate_hubei_xml2003.xml",
            ["h"],
            "xml2003",
            [(h, ["goal.weight_mismatch"])],
            "xml2003",
            "Hubei arrangement 1 as Excel 2003 XML (SpreadsheetML, ss:MergeAcross/MergeDown, ss:Index)",
        )
    )
    g = hebei("manure", P[6])
    out.append(
        spec(
            "o10_manure_hebei_xml2003.xls",
            ["g"],
            "xml2003",
            [(g, [])],
            "xml2003",
            "Hebei export as Excel 2003 XML saved under .xls (as systems export it)",
        )
    )
    a = national("school", P[3])
    out.append(
        spec(
            "o11_school_national_odt.odt",
            ["a"],
            "odt",
            [(a, [])],
            "docx_lo",
            "national project form as ODF text .odt",
        )
    )
    i1 = target_i1("road", P[0], look={"sup_code": "209"})
    out.append(
        spec(
            "o12_road_target_i1_doc.doc",
            ["i1"],
            "doc",
            [(i1, [])],
            "docx_lo",
            "national project target halves in a Word 97 .doc (made DOCX → ODT → DOC: LibreOffice's direct DOCX → DOC export drops this table)",
            via="odt",
        )
    )
    h = hubei("fire", P[4], look={"money": (1224.0, 1175.04)})
    out.append(
        spec(
            "o13_fire_hubei_xls.xls",
            ["h"],
            "xls",
            [(h, [])],
            "xlsx_lo",
            "Hubei arrangement 1 in a BIFF8 .xls",
        )
    )
    i3 = target_i3("skills", P[2])
    out.append(spec("o14_skills_101_mht.mht", ["i3"], "mht", [(i3, [])], "mht", "101号 target table as .mht"))
    b = national("stats", P[5], dept=True)
    out.append(spec("o15_stats_dept_ods.ods", ["b"], "ods", [(b, [])], "xlsx_lo", "department form as .ods"))

    return out
