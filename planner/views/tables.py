"""Tables for people: headers in words, codes as words, the column that matters first, and formats.

Every page shows its tables through :func:`for_people` (the frame) and :func:`column_specs` (how each
column is formatted, and the glossary definition as its help text); ``pages/_tables.py`` turns the
specs into Streamlit's ``column_config``. A view keeps its own column names (the CLI, the pack and
the tests read them); this module only changes how a table reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from planner.captions.glossary import terms_in
from planner.captions.words import readable
from planner.coverage.records import STATUS_LABELS
from planner.vocab import REGISTRATION_LABELS, band_label, function_label

#: Column name in a view → header in words.
LABELS: dict[str, str] = {
    "staff_id": "Staff ID",
    "name": "Name",
    "band": "Band",
    "function": "Function",
    "label": "Name",
    "required": "Required",
    "required_of": "Required of (people)",
    "verified": "Verified",
    "self_assessed": "Self-assessed",
    "expired": "Expired",
    "in_progress": "In progress",
    "missing": "Missing",
    "coverage": "Verified share",
    "competency_id": "Reference",
    "text": "Statement",
    "statement": "Statement",
    "domain": "Domain",
    "area": "Area",
    "expectation_class": "Expected to",
    "expectation": "Expected",
    "verified_wte": "Verified WTE",
    "met": "Met?",
    "rule": "Rule",
    "needed": "Needed",
    "have": "Have",
    "who": "Who",
    "source": "Source",
    "holders": "Holders",
    "holders_wte": "Holders' WTE",
    "reason": "Why",
    "status": "Status",
    "expires_on": "Expires on",
    "days_left": "Days left",
    "wte": "WTE",
    "headcount": "Headcount",
    "wte_share": "Share of WTE",
    "profession": "Profession",
    "registration": "Registration",
    "cost_per_wte": "Cost per WTE (£ a year)",
    "annual_cost": "Annual cost (£)",
    "priced": "Priced",
    "give": "Give up",
    "take": "Take on",
    "wte_change": "Change in WTE",
    "cost_before": "Cost before (£ a year)",
    "cost_after": "Cost after (£ a year)",
    "cost_change": "Change in cost (£ a year)",
    "statements_lost": "Statements no longer covered",
    "leads_on_lost": "'Leads on' statements no longer covered",
    "areas_lost": "Areas no longer covered",
    "level_label": "Framework level",
    "assigned_by": "Level chosen by",
    "assumption": "Basis",
    "level_id": "Level",
    "action": "Action",
    "suggested_evidence": "Suggested evidence",
    "review": "Review",
    "sheet": "Sheet",
    "row": "Row",
    "column": "Column",
    "value": "Value in the file",
    "expected": "Expected",
    "severity": "Severity",
    "code": "Problem",
    "message": "What to fix",
    "afc_bands": "AfC bands",
    "people": "People",
    "kind": "Kind",
    "competency_ids": "References",
    "closest": "Closest to covering it",
    "credited": "Credited from",
    "judged_at": "Judged at",
}

#: Per table: the columns that matter, in the order to show them first (the rest follow), and the
#: columns a person does not need (codes that have a label beside them).
ORDER: dict[str, tuple[str, ...]] = {
    "problems": ("severity", "message", "staff_id", "sheet", "row", "column", "value", "expected", "code"),
    "cell_people": ("staff_id", "name", "coverage", "band", "function"),
    "cell_statements": ("competency_id", "text", "coverage"),
    "holders": ("competency_id", "text", "coverage", "verified_wte", "expectation_class"),
    "capability": ("met", "rule", "who", "needed", "have"),
    "spof": (
        "who",
        "text",
        "severity",
        "holders",
        "holders_wte",
        "closest",
        "kind",
        "competency_ids",
        "reason",
    ),
    "expiring": ("staff_id", "status", "expires_on", "days_left", "competency_id", "text"),
    "mix": ("function", "profession", "registration", "wte", "headcount", "wte_share"),
    "cost": ("band", "wte", "cost_per_wte", "annual_cost"),
    "substitutions": ("label", "cost_change", "wte_change", "give", "take", "cost_before", "cost_after"),
    "levels": ("level_label", "band", "function", "assigned_by", "assumption", "reason"),
    "plan": ("name", "status", "action", "competency_id", "statement", "review", "suggested_evidence"),
    "statements": ("competency_id", "text"),
    "framework_levels": ("label", "afc_bands"),
    "table": (),
}
DROP: dict[str, tuple[str, ...]] = {
    "substitutions": ("id",),
    "plan": ("level_id",),
    "framework_levels": ("level_id", "rank"),
}
KINDS = tuple(ORDER)

_SEVERITY = {"error": "Error", "warning": "Warning"}
_SUB_STATUS = {"source": "From a source", "assumption": "Assumption"}
_ASSIGNED = {"band": "By band", "function": "By function", "role": "By role"}
_ACRONYMS = {"wte": "WTE", "id": "ID", "afc": "AfC", "bls": "BLS", "pr": "PR", "xlsx": "Excel"}


def code_words(code: object) -> str:
    """A reason code in words: ``"band_unknown"`` → ``"Band unknown"``, ``"wte_out_of_range"`` → ``"WTE out of range"``."""
    if code is None or (isinstance(code, float) and code != code):
        return ""
    words = [_ACRONYMS.get(w, w) for w in re.split(r"[_\s]+", str(code).strip()) if w]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def header(name: object) -> str:
    """A column's header in words: :data:`LABELS`, else the name with its underscores spelt out."""
    text = str(name)
    return LABELS.get(text, code_words(text) if "_" in text or text.islower() else text)


def _yes_no(v: Any) -> str:
    return "" if pd.isna(v) else ("Yes" if bool(v) else "No")


def _joined(v: Any) -> str:
    if isinstance(v, (list, tuple, set)) or hasattr(v, "tolist"):
        return ", ".join(str(x) for x in list(v))
    return "" if v is None or (isinstance(v, float) and v != v) else str(v)


def _value_maps(kind: str) -> dict[str, Callable[[Any], Any]]:
    status = (lambda v: _SUB_STATUS.get(str(v), str(v))) if kind == "substitutions" else None
    return {
        "band": lambda v: band_label(str(v)) if pd.notna(v) else "",
        "function": lambda v: function_label(str(v)) if pd.notna(v) else "",
        "status": status or (lambda v: STATUS_LABELS.get(str(v), str(v)) if pd.notna(v) else ""),
        "severity": lambda v: _SEVERITY.get(str(v), str(v)),
        "code": code_words,
        "expectation_class": lambda v: code_words(v),
        "assigned_by": lambda v: _ASSIGNED.get(str(v), code_words(v)),
        "assumption": lambda v: "Assumption" if bool(v) else "From the source",
        "registration": lambda v: REGISTRATION_LABELS.get(str(v), str(v)) if pd.notna(v) else "",
        "Registration": lambda v: REGISTRATION_LABELS.get(str(v), str(v)) if pd.notna(v) else "",
        "Table": lambda v: code_words(v),
        "priced": _yes_no,
        "afc_bands": _joined,
        "source": readable,
        "Source": readable,
        "reason": readable,
        "review": readable,
        "Evidence": readable,
        "quote": readable,
    }


def for_people(df: pd.DataFrame, kind: str = "table") -> pd.DataFrame:
    """The table as a person reads it: codes in words, the important columns first, headers in words.

    Args:
        df: a view's table (snake_case columns or already in words).
        kind: which table it is, one of :data:`KINDS`; it decides the column order and what is left
            out. ``"table"`` keeps the order and only puts headers and codes into words.

    Returns:
        A new frame; numbers stay numbers (formats come from :func:`column_specs`), missing text is
        blank, never "nan" or "None".
    """
    if kind not in ORDER:
        raise ValueError(f"Unknown table kind {kind!r}; expected one of {', '.join(KINDS)}.")
    out = df.drop(columns=[c for c in DROP.get(kind, ()) if c in df.columns])
    # A code column beside its label ("band" "3" and "label" "Band 3"): keep the label under the code's header.
    coded = [c for c in ("band", "function", "profession", "registration") if c in out.columns]
    if "label" in out.columns and coded:
        out = out.drop(columns=[coded[0]]).rename(columns={"label": coded[0]})
        out = out[[coded[0], *[c for c in out.columns if c != coded[0]]]]
        coded_label = coded[0]
    else:
        coded_label = None
    first = [c for c in ORDER[kind] if c in out.columns]
    out = out[first + [c for c in out.columns if c not in first]].copy()
    for col, fn in _value_maps(kind).items():
        if col not in out.columns or col == coded_label:
            continue
        if col in ("assumption", "priced") or not pd.api.types.is_numeric_dtype(out[col].dtype):
            out[col] = [fn(v) for v in out[col]]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].astype(object).where(out[col].notna(), "")
    out.columns = [header(c) for c in out.columns]
    return out


@dataclass(frozen=True)
class ColumnSpec:
    """How a column is shown: ``kind`` is money, share, wte, count, date or text; ``help`` its definition."""

    kind: str
    help: str | None = None


_SHARE = re.compile(r"\b(share|chance|verified share|probability)\b|%\)?$", re.IGNORECASE)


def _kind(label: str, series: pd.Series) -> str:
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return "date"
    if not pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_bool_dtype(series.dtype):
        return "text"
    if "£" in label or re.search(r"\bcost\b", label, re.IGNORECASE):
        return "money"
    if _SHARE.search(label) and series.dropna().abs().le(1.0).all():
        return "share"
    if "WTE" in label:
        return "wte"
    if pd.api.types.is_integer_dtype(series.dtype):
        return "count"
    return "number"


def column_help(label: str) -> str | None:
    """The glossary definitions of the terms a column label uses, as its help text (labels hold no links)."""
    terms = terms_in(label)
    return " ".join(f"{t.term}: {t.definition}" for t in terms) or None


def column_specs(df: pd.DataFrame) -> Mapping[str, ColumnSpec]:
    """Each column's format kind and help text, for a frame from :func:`for_people`.

    Money is shown as £ with thousands, shares as percentages, WTE to two places, dates as
    "26 Nov 2026".
    """
    return {str(c): ColumnSpec(_kind(str(c), df[c]), column_help(str(c))) for c in df.columns}
