"""Review every ``*.answer.json`` of a folder and compare with its ``*.errors.json``.

    python benchmarks/review_answers.py DIR

For each answer file (a form-v1 array as a perfect reader outputs it): the planted errors
found and missed, and the false errors (error findings no planted error accounts for), per
form; then the totals. ``evaluate_findings(forms_json, errors_json) -> dict`` is importable
from here (it lives in ``jixiao.review.evaluate``). Exit status 1 when a planted error is
missed or a false error fires.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from jixiao.review.evaluate import evaluate_findings

__all__ = ["evaluate_findings", "main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="按答案文件审核，统计找到/漏掉的预设错误与误报错误")
    parser.add_argument("folder", type=Path, help="含 *.answer.json 与 *.errors.json 的目录")
    args = parser.parse_args(argv)
    answers = sorted(args.folder.glob("*.answer.json"))
    if not answers:
        print(f"{args.folder}：没有 *.answer.json 文件", file=sys.stderr)
        return 2
    planted = found = false = forms = clean_forms = clean_false = 0
    for path in answers:
        errors_path = path.with_name(path.name.removesuffix(".answer.json") + ".errors.json")
        try:
            forms_json = json.loads(path.read_text(encoding="utf-8"))
            errors_json = json.loads(errors_path.read_text(encoding="utf-8")) if errors_path.is_file() else []
        except (OSError, json.JSONDecodeError) as e:
            print(f"{path.name}：无法读取（{e}）", file=sys.stderr)
            return 2
        try:
            result = evaluate_findings(forms_json, errors_json, str(path))
        except (ValueError, KeyError, TypeError) as e:  # not a form-v1 array
            print(f"{path.name}：不是有效的 jixiao.form/1 数组（{type(e).__name__}: {e}）", file=sys.stderr)
            return 2
        name = path.name.removesuffix(".answer.json")
        for n, counts in sorted(result["per_form"].items()):
            print(
                f"{name} 第{n + 1}张表：预设错误 找到 {counts['found']}，漏掉 {counts['missed']}；"
                f"误报错误 {counts['false_errors']}"
            )
            if not any(e["form"] == n for e in errors_json):
                clean_forms += 1
                clean_false += counts["false_errors"]
        for p in result["missed"]:
            print(f"  漏掉：{p['code']} {p.get('indicator') or ''}")
        for f in result["false_errors"]:
            print(f"  误报：{f['code']} {f['indicator'] or ''} {f['message']}")
        planted += result["planted"]
        found += len(result["found"])
        false += len(result["false_errors"])
        forms += result["forms"]
    rate = f"{found / planted:.1%}" if planted else "—"
    per_clean = f"{clean_false / clean_forms:.3f}" if clean_forms else "—"
    print(
        f"合计：{len(answers)} 个文件、{forms} 张表；预设错误 {planted} 个，找到 {found} 个（{rate}）；"
        f"误报错误 {false} 个，无错表平均误报 {per_clean} 个"
    )
    return 0 if found == planted and false == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
