"""A form sent as an e-mail (``.eml``) reads as the same form as the file it was pasted from or
attached as: plain and HTML bodies in their charset and transfer encoding, one version of a
``multipart/alternative``, attachments in order; a broken attachment is named in the error."""

from __future__ import annotations

import base64
import quopri
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from pathlib import Path

import pytest

from jixiao.contract import form_to_contract
from jixiao.read import ReadError, read
from jixiao.read._magic import MIME, kind_of
from jixiao.web._files import sniff

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "templates" / "examples"
TAB_FORM = EXAMPLES / "09_hubei_one_block_tab.txt"
HTML_FORM = EXAMPLES / "06_yunnan_split_target.html"
XLSX_FORM = EXAMPLES / "01_national_project_2023.xlsx"
DOCX_FORM = EXAMPLES / "03_national_department.docx"
GREETING = "各位领导：\n\n您好！现将我单位绩效自评表报送如下，请审阅。\n\n"
CLOSING = "\n\n此致\n敬礼！\n财务科\n2024年3月5日\n"


def forms(path: Path, *, extra: bool = True) -> list[dict[str, object]]:
    """The contract forms; without ``extra`` (a signature after a 备注 joins its notes)."""
    out = [form_to_contract(f) for f in read(path).forms]
    return out if extra else [{k: v for k, v in f.items() if k != "extra"} for f in out]


def text_part(subtype: str, text: str, charset: str, cte: str) -> MIMENonMultipart:
    part = MIMENonMultipart("text", subtype, charset=charset)
    raw = text.encode(charset)
    part.set_payload(
        (quopri.encodestring(raw) if cte == "quoted-printable" else base64.encodebytes(raw)).decode()
    )
    part["Content-Transfer-Encoding"] = cte
    return part


def message(tmp_path: Path, msg: MIMENonMultipart | MIMEMultipart, name: str = "mail.eml") -> Path:
    msg["From"] = "caiwu@example.invalid"
    msg["To"] = "jixiao@example.invalid"
    msg["Subject"] = "=?utf-8?b?5oql6YCB57up5pWI6KGo?="
    msg["Date"] = "Tue, 05 Mar 2024 09:00:00 +0800"
    path = tmp_path / name
    path.write_bytes(msg.as_bytes())
    return path


def attachment(name: str, data: bytes) -> MIMEApplication:
    part = MIMEApplication(data, _subtype="octet-stream")
    part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
    return part


@pytest.mark.parametrize("charset", ["utf-8", "gb18030"])
@pytest.mark.parametrize("cte", ["quoted-printable", "base64"])
def test_plain_body_reads_as_the_pasted_text(tmp_path: Path, charset: str, cte: str) -> None:
    body = GREETING + TAB_FORM.read_text(encoding="utf-8") + CLOSING
    path = message(tmp_path, text_part("plain", body, charset, cte))
    got = forms(path, extra=False)
    assert got and got == forms(TAB_FORM, extra=False)


def test_html_body_reads_as_the_page(tmp_path: Path) -> None:
    page = HTML_FORM.read_text(encoding="utf-8")
    path = message(tmp_path, text_part("html", page, "gb18030", "base64"))
    assert forms(path) == forms(HTML_FORM)


def test_alternative_bodies_give_the_form_once(tmp_path: Path) -> None:
    """The text and HTML versions of one body: the HTML table is read, the text copy is not."""
    import lxml.html

    page = HTML_FORM.read_text(encoding="utf-8")
    copy = lxml.html.document_fromstring(page).text_content()
    alt = MIMEMultipart("alternative")
    alt.attach(text_part("plain", GREETING + copy, "utf-8", "quoted-printable"))
    alt.attach(text_part("html", page, "utf-8", "quoted-printable"))
    got = forms(message(tmp_path, alt))
    assert len(got) == 1 and got == forms(HTML_FORM)


def test_attachments_read_in_order_after_the_body(tmp_path: Path) -> None:
    msg = MIMEMultipart("mixed")
    msg.attach(text_part("plain", GREETING + "详见附件。" + CLOSING, "utf-8", "base64"))
    msg.attach(attachment("项目自评表.xlsx", XLSX_FORM.read_bytes()))
    msg.attach(attachment("部门自评表.docx", DOCX_FORM.read_bytes()))
    got = forms(message(tmp_path, msg))
    assert got == forms(XLSX_FORM) + forms(DOCX_FORM)


def test_broken_attachment_is_named_in_the_error(tmp_path: Path) -> None:
    msg = MIMEMultipart("mixed")
    msg.attach(text_part("plain", GREETING + "详见附件。", "utf-8", "base64"))
    msg.attach(attachment("坏表.xlsx", b"PK\x03\x04 not a workbook"))
    path = message(tmp_path, msg, "报送.eml")
    with pytest.raises(ReadError) as e:
        read(path)
    assert "报送.eml" in str(e.value) and "坏表.xlsx" in str(e.value)


def test_broken_attachment_beside_a_good_one_is_a_read_issue(tmp_path: Path) -> None:
    msg = MIMEMultipart("mixed")
    msg.attach(attachment("坏表.xlsx", b"PK\x03\x04 not a workbook"))
    msg.attach(attachment("项目自评表.xlsx", XLSX_FORM.read_bytes()))
    doc = read(message(tmp_path, msg))
    assert [form_to_contract(f) for f in doc.forms] == forms(XLSX_FORM)
    assert any("坏表.xlsx" in i.message for i in doc.issues)


def test_message_of_too_many_parts_is_refused(tmp_path: Path) -> None:
    msg = MIMEMultipart("mixed")
    for _ in range(100):
        msg.attach(text_part("plain", "附言", "utf-8", "base64"))
    path = message(tmp_path, msg)
    with pytest.raises(ReadError, match=r"mail\.eml.*超过上限"):
        read(path)


def test_upload_takes_a_one_part_message_and_refuses_other_bytes(tmp_path: Path) -> None:
    one_part = message(tmp_path, text_part("plain", GREETING, "utf-8", "base64")).read_bytes()
    assert kind_of(one_part[:4096]) == MIME
    assert sniff("报送.eml", one_part) == ""
    assert sniff("报送.eml", XLSX_FORM.read_bytes()) != ""
