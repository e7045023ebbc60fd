"""Personal development plan rows: one person's gaps, with the evidence the BTS framework lists.

Each competency a person lacks (missing, in progress, expired) or holds only self-assessed becomes a
row with an action and suggested kinds of evidence from the BTS framework's "Supporting evidence"
list (seed 000). Which kinds suit which domain is our assumption, kept in ``data/pdp_evidence.yaml``.
Exports leave names out unless the caller passes one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from planner.coverage.records import STATUS_LABELS
from planner.paths import DATA_DIR, load_yaml
from planner.reference import frameworks
from planner.reference.frameworks import Framework

PDP_EVIDENCE_FILE = DATA_DIR / "pdp_evidence.yaml"

#: Gaps in the order a plan lists them: lapsed safety-critical items first, sign-off last.
GAP_ORDER: tuple[str, ...] = ("expired", "missing", "in_progress", "self_assessed")

PDP_COLUMNS: tuple[str, ...] = (
    "staff_id",
    "competency_id",
    "statement",
    "domain",
    "area",
    "level_id",
    "expectation",
    "status",
    "action",
    "suggested_evidence",
    "review",
)


@cache
def _guide(path: Path) -> dict[str, Any]:
    return load_yaml(path.read_text(encoding="utf-8")) or {}


def evidence_kinds(fw: Framework | None = None) -> list[str]:
    """The BTS framework's "Supporting evidence" kinds, flattened (sub-items joined to their heading).

    Args:
        fw: the framework carrying ``supporting_evidence``; defaults to the shipped ``bts``.
    """
    if fw is None:
        try:
            fw = frameworks.get("bts")
        except KeyError:  # not encoded; a broken file raises its ReferenceDataError for the user to see
            return []
    out = []
    for item in fw.raw.get("supporting_evidence") or []:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            text = str(item.get("text", "")).strip()
            subs = item.get("sub_items") or []
            out.append(f"{text} {'; '.join(map(str, subs))}".strip() if subs else text)
    return out


def _suggest(domain_id: str, kinds: list[str], guide: dict[str, Any]) -> str:
    fragments = (guide.get("by_domain") or {}).get(domain_id) or guide.get("default") or []
    picked = [k for f in fragments for k in kinds if str(f).lower() in k.lower()]
    return "; ".join(dict.fromkeys(picked)) or "; ".join(kinds[:2])


def _statement(rows: pd.DataFrame) -> pd.Series:
    """The statement to work on; a "one of" group names its routes (any one meets it)."""
    text = rows["text"].astype(str)
    if "one_of" not in rows:
        return text
    label = rows["one_of"].astype(object)
    return ("One of: " + label.astype(str)).where(label.notna(), text)


def development_plan(
    st: pd.DataFrame,
    person: str,
    *,
    evidence_from: Framework | None = None,
    guide_path: Path | None = None,
) -> pd.DataFrame:
    """One person's development-plan rows.

    Args:
        st: the output of :func:`planner.coverage.statuses`.
        person: the staff id.
        evidence_from: the framework whose ``supporting_evidence`` list is used; defaults to ``bts``.
        guide_path: the evidence guide; defaults to ``data/pdp_evidence.yaml``.

    Returns:
        :data:`PDP_COLUMNS`, one row per competency the person lacks or holds only self-assessed,
        ordered expired, missing, in progress, self-assessed, then by framework order. Empty when the
        person has no gaps (or is not in ``st``).
    """
    guide = _guide(guide_path or PDP_EVIDENCE_FILE)
    kinds = evidence_kinds(evidence_from)
    mine = st[(st["staff_id"].astype(str) == str(person)) & st["status"].astype(str).isin(GAP_ORDER)]
    if mine.empty:
        return pd.DataFrame(columns=list(PDP_COLUMNS))
    status = mine["status"].astype(str)
    actions = guide.get("actions") or {}
    out = pd.DataFrame(
        {
            "staff_id": mine["staff_id"].astype(str),
            "competency_id": mine["competency_id"].astype(str),
            "statement": _statement(mine),
            "domain": mine["domain"].astype(str),
            "area": mine["area"].astype(str).replace("(none)", ""),
            "level_id": mine["level_id"].astype(str),
            "expectation": mine["expectation"].astype(object).fillna("").astype(str),
            "status": status.map(STATUS_LABELS),
            "action": status.map(actions).fillna(""),
            "suggested_evidence": [_suggest(d, kinds, guide) for d in mine["domain_id"].astype(str)],
            "review": guide.get("review", ""),
            "_o": status.map({s: i for i, s in enumerate(GAP_ORDER)}),
        }
    )
    out = out.sort_values("_o", kind="stable").drop(columns="_o")
    return out.reset_index(drop=True)[list(PDP_COLUMNS)]
