"""Review findings against planted errors: which were found, which missed, which errors are false.

The planted errors are the ``*.errors.json`` lists of ``../shared/templates/examples``:
``[{"form", "code", "indicator", "why"}]``. A planted error is found by a finding of the same
form and code on the same indicator (any indicator where the planted one names none, or the
indicator among the places a grouped finding lists). Every other error-severity finding is
a false error. Used by ``benchmarks/review_answers.py`` and the tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jixiao.contract import form_from_contract
from jixiao.model import Document, Finding
from jixiao.review import review_document

__all__ = ["evaluate_findings", "matches", "review_forms"]


def review_forms(forms_json: Sequence[dict[str, Any]], path: str = "<answers>") -> list[Finding]:
    """Review a form-v1 array (as ``parse`` writes it, or an answer file).

    A form printed without a title (``"title": null``) is reviewed under an empty title.
    """
    forms = [form_from_contract({**d, "title": d.get("title") or ""}) for d in forms_json]
    doc = Document(path=path, forms=forms)
    return review_document(doc).findings


def matches(finding: Finding, planted: dict[str, Any]) -> bool:
    if finding.form != planted.get("form") or finding.code != planted.get("code"):
        return False
    name = planted.get("indicator")
    return name is None or finding.indicator == name or f"“{name}”" in finding.message


def evaluate_findings(
    forms_json: Sequence[dict[str, Any]], errors_json: Sequence[dict[str, Any]], path: str = "<answers>"
) -> dict[str, Any]:
    """Review ``forms_json`` and compare with ``errors_json``.

    Returns ``{"forms", "planted", "found", "missed", "false_errors", "per_form"}``: ``found``
    and ``missed`` list planted errors, ``false_errors`` the error findings (as
    ``{"form", "code", "indicator", "message"}``) no planted error accounts for, ``per_form``
    the three counts per form index.
    """
    findings = review_forms(forms_json, path)
    found = [p for p in errors_json if any(matches(f, p) for f in findings)]
    missed = [p for p in errors_json if p not in found]
    false_errors = [
        {"form": f.form, "code": f.code, "indicator": f.indicator, "message": f.message}
        for f in findings
        if f.severity == "error" and not any(matches(f, p) for p in errors_json)
    ]
    per_form: dict[int, dict[str, int]] = {
        n: {"found": 0, "missed": 0, "false_errors": 0} for n in range(len(forms_json))
    }
    for key, items in (("found", found), ("missed", missed), ("false_errors", false_errors)):
        for item in items:
            per_form.setdefault(int(item["form"]), {"found": 0, "missed": 0, "false_errors": 0})[key] += 1
    return {
        "forms": len(forms_json),
        "planted": len(errors_json),
        "found": found,
        "missed": missed,
        "false_errors": false_errors,
        "per_form": per_form,
    }
