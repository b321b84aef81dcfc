"""Forms the reader has never seen, for ``benchmarks/ocr.py --set unseen``.

Every case is a new form made from one of a family's forms (a template example's hand-checked
answer, or a seed form): other units and projects, indicators taken from other forms of the
same level, other figures (each number of a text redrawn with as many digits, a percentage
kept within 100 %, scores within their weights, the budget's rate and score recomputed). The
generated form itself is the answer (form-v1), so the comparison is exact and nothing is copied
from a reading. It is printed in its family's layout by ``benchmarks.scans.draw_form`` with a
style drawn for the case — another font face of the machine, size, ruling-line weight from a
hairline to 2 pt, cell padding, line spacing, column widths — and then scanned per mode with
a seal of another colour at another place (over the header text, over the figures, over the
signature), scanner artefacts (grey paper, light falling off, blur, 200 dpi) or as a phone
photo (perspective, shadow, paper texture, ±5°).

Everything is drawn from ``random.Random`` seeded by the case's number: the set is the same
on every run and machine that has the same fonts (``fonts-noto-cjk``; the set is richer with
``fonts-arphic-*`` and ``fonts-wqy-*``, used when installed).
"""

from __future__ import annotations

import json
import random
import re
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from benchmarks.scans import Style, degrade, draw_form, save_pdf

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = SHARED / "templates" / "examples"

UNSEEN_MODES = {  # name: (dpi, kind)
    "300": (300, "scan"),
    "150": (150, "scan"),
    "200": (200, "scanner"),  # a cheap office scanner: grey paper, uneven light, blur
    "photo": (200, "photo"),
    # a harsher phone photo: the page on a desk not filling the frame, curl, one deep shadow,
    # a shaken hand (``benchmarks.scans._phone``)
    "phone": (200, "phone"),
}

# a fictional county's name: two characters of these and a suffix
_PLACE = "青云松石梅溪桃源安宁丰泽白沙永和临江南屏北岭东湖西山长乐清河双龙金川"
_SUFFIX = ("县", "区", "市")
_AGENCIES = (
    ("教育局", "中小学教育服务中心"),
    ("卫生健康局", "疾病预防控制中心"),
    ("民政局", "社会福利服务中心"),
    ("交通运输局", "公路养护中心"),
    ("住房和城乡建设局", "城市建设服务中心"),
    ("生态环境局", "环境监测站"),
    ("水利局", "水利工程管理站"),
    ("农业农村局", "农业技术推广中心"),
    ("人力资源和社会保障局", "就业服务中心"),
    ("应急管理局", "应急救援保障中心"),
    ("文化和旅游局", "文化馆"),
    ("市场监督管理局", "食品药品检验所"),
    ("林业局", "林业工作站"),
    ("退役军人事务局", "退役军人服务中心"),
)
_TOPICS = (
    "农村公路安全生命防护工程",
    "城乡居民基本医疗保险补助",
    "中小学校舍安全改造",
    "高标准农田建设补助",
    "城镇老旧小区改造配套设施",
    "就业创业培训补贴",
    "森林防火能力提升",
    "基层文化设施免费开放",
    "食品安全抽检监测",
    "河道综合治理与生态修复",
    "特困人员救助供养",
    "应急物资储备库建设",
    "农村生活污水治理",
    "退役军人就业技能培训",
)
_SEAL_COLOURS = (
    (220, 30, 40, 170),  # the usual red
    (170, 20, 30, 190),  # dark red
    (235, 90, 100, 120),  # faded pink-red
    (165, 30, 95, 170),  # purple-red (an old stamp pad)
    (235, 75, 30, 160),  # orange-red
)
_SEAL_PLACES = {  # centre as fractions of the page
    "corner": ((0.72, 0.82), (0.08, 0.18)),
    "header": ((0.35, 0.65), (0.10, 0.16)),  # over the title and the header lines
    "figures": ((0.62, 0.85), (0.35, 0.70)),  # over the table's figures
    "signature": ((0.55, 0.80), (0.80, 0.90)),
}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(slots=True)
class Unseen:
    name: str
    family: str
    answer: Path  # form-v1 JSON: the generated form, i.e. the hand-checked answer
    template: str  # "wuhan" | "national" | "wuhan+weight"
    style: Style
    seed: int


# ---------------------------------------------------------------- fonts of the machine


@cache
def cjk_fonts() -> tuple[tuple[str, int, str], ...]:
    """(file, face index, family) of the simplified-Chinese faces installed (fc-list), sorted."""
    try:
        listing = subprocess.run(
            ["fc-list", "-f", "%{file}|%{index}|%{family[0]}\n", ":lang=zh"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return ()
    faces: set[tuple[str, int, str]] = set()
    for line in listing.splitlines():
        path, _, rest = line.partition("|")
        index, _, family = rest.partition("|")
        if any(tag in family for tag in (" TC", " HK", " JP", " KR", " TW", "Sharp", "Mono")):
            continue  # traditional or other-language glyph shapes, a bitmap face, a duplicate
        if path.endswith((".ttc", ".ttf", ".otf")) and "Bold" not in path:
            faces.add((path, int(index or 0), family))
    return tuple(sorted(faces))


def _covers(path: str, index: int, text: str) -> bool:
    """Whether the face draws every character of ``text`` (not its .notdef box)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(path, 24, index=index)

    def glyph(ch: str) -> bytes:
        img = Image.new("L", (32, 32))
        ImageDraw.Draw(img).text((2, 2), ch, fill=255, font=font)
        return img.tobytes()

    missing = glyph("\U000f0000")  # a private-use character: surely absent
    return all(ch.isspace() or glyph(ch) != missing for ch in set(text))


# ---------------------------------------------------------------- the forms


def _sources() -> list[tuple[str, str, dict[str, Any]]]:
    """(name, family, form-v1 form) of every template example's answer and each seed's first form."""
    from jixiao.contract import form_to_contract
    from jixiao.read import read

    out: list[tuple[str, str, dict[str, Any]]] = []
    for p in sorted(EXAMPLES.glob("*.answer.json")):
        forms = json.loads(p.read_text(encoding="utf-8"))
        stem = p.name.split(".")[0]
        tokens = stem.split("_")
        for k, f in enumerate(forms[:1]):
            out.append((f"{stem}-{k}", f"{tokens[1]}·{f['kind'].replace('_self_evaluation', '')}", f))
    for p in sorted(SEEDS.glob("*.txt")):  # each seed's shortest form (a run stays short)
        forms = read(p).forms
        if forms:
            k, f = min(enumerate(forms), key=lambda kf: sum(len(g.indicators) for g in kf[1].goals))
            out.append((f"{p.name.split('.')[0]}-{k}", "wuhan·seed", form_to_contract(f)))
    return out


def _traditional(form: dict[str, Any]) -> bool:
    from jixiao.read._headers import simplified

    text = json.dumps(form, ensure_ascii=False)
    return simplified(text) != text


def _redraw_number(m: re.Match[str], rng: random.Random, text: str) -> str:
    s = m[0]
    if _YEAR.match(s) or (m.end() < len(text) and text[m.end()] in "年月日"):
        return s  # a date keeps its shape (a redrawn month could be 13)
    whole, _, frac = s.partition(".")
    percent = m.end() < len(text) and text[m.end()] in "%％"
    if percent and float(s) <= 100:
        value = rng.uniform(60, 100)
    else:
        lo = 10 ** (len(whole) - 1) if len(whole) > 1 else 1
        value = rng.uniform(lo, 10 ** len(whole) - 1)
    out = f"{value:.{len(frac)}f}" if frac else str(round(value))
    return out if float(out) > 0 else s


def _vary_text(text: Any, rng: random.Random) -> Any:
    if not isinstance(text, str):
        return text
    return _NUMBER.sub(lambda m: _redraw_number(m, rng, text), text)


def _round_like(value: float, like: Any) -> float | int:
    if isinstance(like, int) or (isinstance(like, float) and like.is_integer()):
        return round(value)
    return round(value, 2)


def vary(form: dict[str, Any], pool: dict[str, list[dict[str, Any]]], rng: random.Random) -> dict[str, Any]:
    """A new form of ``form``'s family: other names, indicators and figures (form-v1)."""
    f = json.loads(json.dumps(form))
    if not _traditional(form):
        place = "".join(rng.sample(_PLACE, 2)) + rng.choice(_SUFFIX)
        agency, below = rng.choice(_AGENCIES)
        for key, value in (
            ("unit", f"{place}{agency}"),
            ("supervisor", f"{place}{agency}"),
            ("implementer", f"{place}{below}"),
            ("project", rng.choice(_TOPICS)),
        ):
            if f.get(key):
                f[key] = value
    year = f.get("year")
    if year and str(year) in (f.get("title") or ""):  # the printed year is the title's
        f["year"] = rng.randint(2021, 2025)
        f["title"] = f["title"].replace(str(year), str(f["year"]))
    if f.get("filled_on") and f.get("year"):
        f["filled_on"] = f"{f['year'] + 1}-0{rng.randint(1, 4)}-{rng.randint(10, 28)}"
    og = f.get("overall_goal") or {}
    for key in ("target", "actual"):
        og[key] = _vary_text(og.get(key), rng)
    scores: list[float] = []
    for goal in f.get("goals") or []:
        goal["text"] = _vary_text(goal.get("text"), rng)
        for ind in goal["indicators"]:
            others = [o for o in pool.get(ind.get("level1") or "", []) if o["name"] != ind["name"]]
            if others and rng.random() < 0.4 and not _traditional(form):
                o = rng.choice(others)
                # only what the form prints (a target table has no 实际完成值)
                ind.update(
                    {k: o[k] for k in ("level2", "name", "target", "actual") if ind.get(k) and o.get(k)}
                )
            for key in ("target", "actual", "basis"):
                ind[key] = _vary_text(ind.get(key), rng)
            w, s = ind.get("weight"), ind.get("score")
            if isinstance(w, int | float) and isinstance(s, int | float) and w > 0:
                ind["score"] = w if rng.random() < 0.5 else _round_like(w * rng.uniform(0.6, 1.0), s)
                scores.append(float(ind["score"]))
    b = f.get("budget") or {}
    if isinstance(b.get("planned"), int | float) and b["planned"]:
        planned = round(b["planned"] * rng.uniform(0.3, 3), 2)
        executed = round(planned * rng.uniform(0.8, 1.0), 2)
        old_score = b.get("score")
        b["planned"], b["executed"] = planned, executed
        if b.get("rate") is not None:
            b["rate"] = round(executed / planned, 4)
        if isinstance(old_score, int | float) and isinstance(b.get("weight"), int | float):
            b["score"] = round(b["weight"] * min(1.0, executed / planned), 2)
            scores.append(float(b["score"]))
    total = f.get("total_score")
    if isinstance(total, int | float) and scores:
        f["total_score"] = round(sum(scores), 2)
    return f


def build_unseen(work: Path, variants: int = 1, only: str | None = None) -> list[Unseen]:
    """The generated forms (answers written to ``work/unseen``), one style each."""
    from jixiao.contract import form_from_contract, form_to_contract

    out_dir = work / "unseen"
    out_dir.mkdir(parents=True, exist_ok=True)
    sources = _sources()
    pool: dict[str, list[dict[str, Any]]] = {}
    for _, _, f in sources:
        if not _traditional(f):
            for g in f.get("goals") or []:
                for ind in g["indicators"]:
                    pool.setdefault(ind.get("level1") or "", []).append(ind)
    fonts = cjk_fonts()
    cases: list[Unseen] = []
    n = 0
    for name, family, form in sources:
        for v in range(variants):
            n += 1
            seed = 1000 + n
            rng = random.Random(seed)
            made = vary(form, pool, rng)
            made = form_to_contract(form_from_contract(made))  # as the contract prints it
            text = json.dumps(made, ensure_ascii=False)
            faces = [f for f in fonts if _covers(f[0], f[1], text)] or [(None, 2, "Noto Sans CJK SC")]
            path, index, face = rng.choice(faces)
            style = Style(
                font=path,
                index=index,
                bold=bold if path and Path(bold := path.replace("Regular", "Bold")).exists() else None,
                size_pt=round(rng.uniform(9, 12), 1),
                line_pt=rng.choice((0.25, 0.5, 0.75, 1.0, 1.5, 2.0)),
                pad_in=round(rng.uniform(0.02, 0.08), 3),
                spacing=round(rng.uniform(1.2, 1.6), 2),
                jitter=0.2,
                seed=seed,
            )
            if family.startswith("wuhan"):
                template = rng.choice(("wuhan", "wuhan+weight"))
            else:
                template = rng.choice(("national", "wuhan", "wuhan+weight"))
            case = f"{name}~{v}"
            if only and only not in case and only not in family:
                continue
            answer = out_dir / f"{case}.answer.json"
            answer.write_text(json.dumps([made], ensure_ascii=False, indent=1), encoding="utf-8")
            cases.append(Unseen(case, f"{family} ({face})", answer, template, style, seed))
    return cases


def _pages(case: Unseen, dpi: int) -> list[Any]:
    from jixiao.contract import form_from_contract

    form = form_from_contract(json.loads(case.answer.read_text(encoding="utf-8"))[0])
    return draw_form(
        form,
        dpi=dpi,
        template=_template(case),
        weight_column=case.template.endswith("weight"),
        style=case.style,
    )


def _template(case: Unseen) -> Any:
    from jixiao.write._page import Template

    return Template.NATIONAL if case.template == "national" else Template.WUHAN


def text_twin(case: Unseen) -> Path:
    """The case's printed layout as a workbook (the same cells, as text): its reading is what a
    perfect recogniser would give, so a field no reading can get (a year the layout does not
    print) is not counted against the OCR."""
    from jixiao.contract import form_from_contract
    from jixiao.write import form_layout
    from jixiao.write.xlsx import sheets_to_xlsx

    out = case.answer.with_name(f"{case.name}.text.xlsx")
    if not out.exists():
        form = form_from_contract(json.loads(case.answer.read_text(encoding="utf-8"))[0])
        sheet = form_layout(form, _template(case), weight_column=case.template.endswith("weight"))
        sheets_to_xlsx([sheet], out)
    return out


def unseen_scan(case: Unseen, mode: str, work: Path) -> Path:
    """The case printed and scanned (or photographed) in ``mode``, cached as a PDF."""
    dpi, kind = UNSEEN_MODES[mode]
    out = work / "unseen" / f"{case.name}.{mode}.scan.pdf"
    if out.exists():
        return out
    rng = random.Random(case.seed * 31 + sum(map(ord, mode)))
    pages = []
    for k, page in enumerate(_pages(case, dpi)):
        place = rng.choice(list(_SEAL_PLACES))
        (x0, x1), (y0, y1) = _SEAL_PLACES[place]
        common: dict[str, Any] = {
            "seal": k == 0,
            "seal_at": (rng.uniform(x0, x1), rng.uniform(y0, y1)),
            "seal_colour": rng.choice(_SEAL_COLOURS),
            "seed": case.seed + k,
        }
        if kind == "scan":
            page = degrade(
                page, skew=rng.uniform(-2, 2), noise=rng.uniform(3, 8), jpeg=rng.randint(60, 85), **common
            )
        elif kind == "scanner":
            page = degrade(
                page,
                skew=rng.uniform(-1.5, 1.5),
                noise=3,
                jpeg=75,
                scanner=True,
                blur=rng.uniform(0.5, 1.0),
                **common,
            )
        else:
            harsh = None
            if kind == "phone":
                harsh = {
                    "frame": rng.uniform(0.04, 0.1),
                    "curl": rng.uniform(0.003, 0.01),
                    "depth": rng.uniform(0.3, 0.5),
                    "motion": rng.uniform(0, 4),
                }
            page = degrade(
                page,
                skew=rng.uniform(-5, 5),
                noise=3,
                jpeg=80,
                photo=True,
                warp=rng.uniform(0.03, 0.06),
                shadow=rng.random() < 0.5,
                blur=0.5,
                phone=harsh,
                **common,
            )
        pages.append(page)
    return save_pdf(pages, out, dpi)
