"""The coverage figures of one team as plain data (CLI JSON, golden tables) and as a text report.

JSON keys (``planner coverage --json``): ``framework``, ``as_of``, ``staff``, ``overall``,
``by_band``, ``by_function``, ``by_domain``, ``team_capability``, ``single_points_of_failure``,
``expiring``, ``lapsed`` (:func:`planner.views.lapsed.lapsed_json`), ``people`` (each person's
``staff_id``, ``judged_at`` and its ``reason``). Single points of failure are judged by skill
(:mod:`planner.coverage.spof`). Floats are rounded to 4 decimal places; staff appear by id only, never by name.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from planner import coverage
from planner.captions import coverage as captions
from planner.captions.words import readable
from planner.coverage.capability import expiring, team_capability, unassigned
from planner.coverage.judged import judged_at
from planner.coverage.spof import leaving_dates, single_points_of_failure
from planner.reference.frameworks import Framework
from planner.reference.service_types import cross_cutting_applies
from planner.views.lapsed import lapsed_json

GROUP_FIELDS: tuple[str, ...] = ("people", "wte", *coverage.COUNT_COLUMNS, "coverage", "coverage_wte")


def _records(table: pd.DataFrame, key: str) -> list[dict[str, Any]]:
    out = []
    for row in table.to_dict("records"):
        item: dict[str, Any] = {key: row[key], "label": row[f"{key}_label"]}
        for f in GROUP_FIELDS:
            v = row[f]
            item[f] = round(float(v), 4) if f in ("wte", "coverage", "coverage_wte") else int(v)
        out.append(item)
    return out


_LEVEL_NOUNS = {"career_level": "career level", "role": "role"}


def by_level(st: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Coverage by the framework's own levels (career level, role), in its order; empty ones as 0."""
    ids = [str(i) for i in fw.levels["level_id"]]
    mine = st[st["framework_id"].astype(str).eq(fw.id)]
    mine = mine.assign(level_id=pd.Categorical(mine["level_id"].astype(str), categories=ids))
    out = coverage.aggregate(mine, ["level_id"])
    return out.assign(level_id_label=[fw.level_label(i) for i in out["level_id"]])


def level_noun(fw: Framework) -> str | None:
    """What a framework's own levels are called ("career level", "role"); None for AfC-band frameworks."""
    return _LEVEL_NOUNS.get(fw.level_basis)


def level_table(st: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """:func:`by_level` in words, for a page: level, people, WTE, required, verified, coverage."""
    t = by_level(st, fw)
    noun = level_noun(fw) or "level"
    return pd.DataFrame(
        {
            noun[:1].upper() + noun[1:]: t["level_id_label"],
            "People": t["people"].astype(int),
            "WTE": t["wte"].round(2),
            "Required": t["required"].astype(int),
            "Verified": t["verified"].astype(int),
            "Coverage": [f"{100 * c:.0f}%" for c in t["coverage"]],
        }
    )


def _plain(value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float):
        return None if value != value else round(value, 4)  # NaN → null in JSON
    if hasattr(value, "item"):
        return value.item()
    return value


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in r.items()} for r in frame.to_dict("records")]


def summary(
    staff: pd.DataFrame,
    competencies: pd.DataFrame,
    fw: Framework,
    as_of: date,
    *,
    cross_cutting: Framework | None = None,
    include_cross_cutting: bool = True,
    within_days: int = 90,
    classes: int = 1,
) -> dict[str, Any]:
    """Everything ``planner coverage`` reports, as JSON-ready data.

    Args:
        staff: the roster's staff table.
        competencies: the roster's competency records.
        fw: the framework to assess against.
        as_of: the date statuses and expiry are judged on.
        cross_cutting: the cross-cutting framework (defaults to the shipped one).
        include_cross_cutting: add the cross-cutting requirements.
        within_days: the expiring window.
        classes: concurrent classes, for "per class" team rules.
    """
    xc = cross_cutting if cross_cutting is not None else coverage.cross_cutting_framework()
    st = coverage.statuses(staff, competencies, fw, as_of, include_cross_cutting, cross_cutting=xc)
    totals = coverage.overall(st)
    no_level = unassigned(staff, fw)
    cap = team_capability(st, fw, xc if include_cross_cutting else None, staff=staff, classes=classes)
    spof = single_points_of_failure(st, as_of=as_of, within_days=within_days, leaving=leaving_dates(staff))
    exp = expiring(st, as_of, within_days)
    judged = judged_at(staff, competencies, fw)
    band = coverage.by_band(st)
    noun = _LEVEL_NOUNS.get(fw.level_basis)
    levels = by_level(st, fw) if noun else None
    inferred = None
    if fw.level_basis == "career_level":
        from planner.views.homecare import inferred_sentence

        inferred = inferred_sentence(staff, fw)
    return {
        "framework": {"id": fw.id, "title": fw.title, "version": fw.source.get("version")},
        "as_of": as_of.isoformat(),
        "staff": {
            "people": int(staff["staff_id"].nunique()) if len(staff) else 0,
            "posts": len(staff),
            "wte": round(float(pd.to_numeric(staff.get("wte"), errors="coerce").sum()), 4)
            if len(staff)
            else 0.0,
            "without_level": _rows(no_level),
        },
        "overall": {
            **{k: totals[k] for k in coverage.COUNT_COLUMNS},
            "coverage": round(totals["coverage"], 4),
        },
        "by_band": _records(band, "band"),
        **({"by_level": _records(levels, "level_id"), "level_noun": noun} if levels is not None else {}),
        **({"inferred_levels": inferred} if inferred else {}),
        "by_function": _records(coverage.by_function(st), "function"),
        "by_domain": _records(coverage.by_domain(st), "domain_id"),
        "team_capability": _rows(cap),
        "single_points_of_failure": _rows(spof),
        "expiring": _rows(exp),
        "lapsed": lapsed_json(st, as_of, within_days),
        "people": [
            {"staff_id": r["staff_id"], "judged_at": r["judged_at"], "reason": readable(r["reason"])}
            | ({"warning": r["warning"]} if r["warning"] else {})
            for r in judged.to_dict("records")
        ],
        "captions": {
            "overall": captions.overall_caption(totals),
            "by_band": captions.spread_caption(band, "band", "band"),
            **({"by_level": captions.spread_caption(levels, "level_id", noun)} if levels is not None else {}),
            "team_capability": captions.capability_caption(cap),
            "single_points_of_failure": captions.spof_caption(spof),
            "expiring": captions.expiring_caption(exp, within_days),
            "without_level": captions.unassigned_caption(
                no_level, fw.title, cross_cutting=include_cross_cutting and cross_cutting_applies(fw.id)
            ),
        },
    }


def text_report(s: dict[str, Any]) -> str:
    """A plain-text rendering of :func:`summary` for the terminal."""
    o = s["overall"]
    lines = [
        f"{s['framework']['title']}, as of {s['as_of']}",
        f"Staff: {s['staff']['people']} people, {s['staff']['posts']} posts, {s['staff']['wte']:.2f} WTE",
        s["captions"]["without_level"],
        *([s["inferred_levels"]] if s.get("inferred_levels") else []),
        "",
        s["captions"]["overall"],
        "  " + ", ".join(f"{k.replace('_', ' ')} {o[k]}" for k in coverage.COUNT_COLUMNS),
        "",
    ]
    # A homecare or PCN team is shown by its own levels (career level, role), not by AfC band.
    first = "by_level" if "by_level" in s else "by_band"
    noun = s.get("level_noun", "band")
    lines.append(f"By {noun}: " + s["captions"][first])
    header = f"  {'':<32}{'people':>7}{'WTE':>8}{'required':>10}{'verified':>10}{'coverage':>10}"
    for title in (first, "by_function", "by_domain"):
        if title != first:
            lines += ["", title.replace("_", " ").capitalize() + ":"]
        lines.append(header)
        for r in s[title]:
            if r["required"] == 0 and r["people"] == 0:
                continue
            lines.append(
                f"  {r['label'][:31]:<32}{r['people']:>7}{r['wte']:>8.2f}{r['required']:>10}"
                f"{r['verified']:>10}{100 * r['coverage']:>9.0f}%"
            )
    lines += ["", "Team capability: " + s["captions"]["team_capability"]]
    for r in s["team_capability"]:
        mark = "met" if r["met"] else "NOT MET"
        what = f"{r['competency_id']}: {r['statement']}" if r["rule_id"] == "leads_on" else str(r["rule"])
        lines.append(f"  [{mark}] {what[:90]} ({r['have']} of {r['needed']})")
    lines += ["", "Single points of failure: " + s["captions"]["single_points_of_failure"]]
    lines += [
        f"  {r['competency_id']}: {r['holders']} holder(s), {r['holders_wte']} WTE, {r['severity']}"
        + (" (only this band does this)" if r["kind"] == "band_only" else "")
        for r in s["single_points_of_failure"]
    ]
    lines += ["", "Expiring: " + s["captions"]["expiring"]]
    lines += [f"  {r['expires_on']}  {r['staff_id']}  {r['competency_id']}" for r in s["expiring"]]
    lines += ["", f"Lapsed: {len(s['lapsed'])} item(s)"]
    lines += [
        f"  {r['staff_id']}  {r['competency_id']}  "
        + (
            f"{r['days_overdue']} days overdue"
            if r["days_overdue"] is not None
            else "no renewal date recorded"
        )
        for r in s["lapsed"]
    ]
    if "whatif" in s:
        lines += ["", s["captions"]["whatif"]]
    return "\n".join(lines)
