"""MIME writers of the seventh set: ``.mht`` single-file web pages (multipart/related as Word and
IE save them: the HTML part quoted-printable, an image and filelist.xml beside it) and ``.eml``
messages forwarding an earlier message as a ``message/rfc822`` part. Fixed boundaries and ids:
byte-stable."""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

from _grid7 import Doc
from _write7 import html_body

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _qp(text: str, charset: str) -> str:
    return quopri.encodestring(text.encode(charset)).decode("ascii")


def word_html(doc: Doc, title: str) -> str:
    """An HTML page in Word's "save as web page" dress (Office namespaces, o:p, a logo image)."""
    return (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">\n'
        '<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">\n'
        '<meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">\n'
        f"<title>{title}</title>\n"
        '<link rel=File-List href="file2024.files/filelist.xml"></head>\n'
        '<body lang=ZH-CN style="tab-interval:21.0pt"><div class=WordSection1>\n'
        '<p class=MsoNormal><img width=1 height=1 src="file2024.files/image001.png"><o:p></o:p></p>\n'
        f"{html_body(doc)}\n</div></body></html>\n"
    )


def write_mht(path: Path, doc: Doc, title: str) -> None:
    b = "----=_NextPart_01DA7C3E.5B2F4A10"
    base = "file:///C:/Users/caizheng/Desktop/file2024"
    parts = [
        "MIME-Version: 1.0",
        "X-Document-Type: Document",
        f'Content-Type: multipart/related; boundary="{b}"',
        "",
        "This document is a Single File Web Page, also known as a Web Archive file.",
        "",
        f"--{b}",
        f"Content-Location: {base}.htm",
        "Content-Transfer-Encoding: quoted-printable",
        'Content-Type: text/html; charset="gb2312"',
        "",
        _qp(word_html(doc, title), "gb18030"),
        "",
        f"--{b}",
        f"Content-Location: {base}.files/image001.png",
        "Content-Transfer-Encoding: base64",
        "Content-Type: image/png",
        "",
        base64.encodebytes(PNG).decode("ascii"),
        f"--{b}",
        f"Content-Location: {base}.files/filelist.xml",
        "Content-Transfer-Encoding: quoted-printable",
        'Content-Type: text/xml; charset="utf-8"',
        "",
        _qp(
            '<xml xmlns:o="urn:schemas-microsoft-com:office:office">\n <o:MainFile HRef="../file2024.htm"/>\n'
            ' <o:File HRef="image001.png"/>\n <o:File HRef="filelist.xml"/>\n</xml>\n',
            "utf-8",
        ),
        "",
        f"--{b}--",
        "",
    ]
    path.write_bytes("\r\n".join(parts).encode("ascii"))


def _b64(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii")


def inner_message(
    subject: str, sender: str, body_html: str | None, attachment: tuple[str, bytes] | None
) -> str:
    """The original message (its own headers) as it travels inside the forward."""
    from email.header import Header

    b = "----=_Part_77_1180431.1709876543210"
    lines = [
        f"From: {Header(sender, 'utf-8').encode()} <caiwu@langchuan.gov.example>",
        "To: pingshen@czj.langchuan.gov.example",
        f"Subject: {Header(subject, 'utf-8').encode()}",
        "Date: Mon, 10 Mar 2025 10:21:07 +0800",
        "Message-ID: <orig-20250310102107@langchuan.gov.example>",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/mixed; boundary="{b}"',
        "",
        f"--{b}",
        'Content-Type: text/html; charset="utf-8"',
        "Content-Transfer-Encoding: base64",
        "",
        _b64((body_html or "<p>您好：请查收附件中的绩效自评表。</p>").encode("utf-8")),
    ]
    if attachment:
        name, data = attachment
        lines += [
            f"--{b}",
            "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Content-Transfer-Encoding: base64",
            f"Content-Disposition: attachment; filename*=utf-8''{_pct(name)}",
            "",
            _b64(data),
        ]
    lines += [f"--{b}--", ""]
    return "\r\n".join(lines)


def _pct(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


def write_forward(path: Path, *, note: str, inner: str, subject: str) -> None:
    """A forward "as attachment": the note as text/plain, then the original as message/rfc822."""
    from email.header import Header

    b = "----=_NextPart_000_0042_01DB9A2F.3C1D5E60"
    lines = [
        "From: =?utf-8?b?"
        + base64.b64encode("预算科".encode()).decode()
        + "?= <yusuanke@czj.langchuan.gov.example>",
        "To: jixiaoke@czj.langchuan.gov.example",
        f"Subject: {Header('转发：' + subject, 'utf-8').encode()}",
        "Date: Tue, 11 Mar 2025 08:45:30 +0800",
        "Message-ID: <fwd-20250311084530@czj.langchuan.gov.example>",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/mixed; boundary="{b}"',
        "",
        "This is a multi-part message in MIME format.",
        "",
        f"--{b}",
        'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: quoted-printable",
        "",
        _qp(note, "utf-8"),
        f"--{b}",
        "Content-Type: message/rfc822",
        "Content-Disposition: attachment",
        "",
        inner,
        f"--{b}--",
        "",
    ]
    path.write_bytes("\r\n".join(lines).encode("ascii"))
