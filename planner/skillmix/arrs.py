"""The ARRS envelope: how much of a PCN's Additional Roles Reimbursement Scheme sum its roles use.

Pure functions over a table of posts (one row a post: ``role``, ``wte``, ``salary``, ``band``,
``start_date``, ``leaving_date``) and typed inputs; the figures and their sources come from
:mod:`planner.reference.arrs` (``data/arrs_2025_26.yaml``).

- The envelope is the rate a weighted patient (£26.631 in 2025/26) × the PCN's contractor weighted
  population.
- A post's cost for the year is its actual pay (full-time salary × WTE; the AfC mid-point of its band,
  labelled, where the roster gives no pay) plus employer National Insurance above the threshold and
  the employer pension, pro-rated by the months in post within the scheme year (days in post ÷ days
  in the year × 12; our interpretation of "months in post").
- Its claim is the lesser of that cost and the role's maximum × WTE × months ÷ 12. Where no maximum
  was found the claim is None ("maximum not found: enter yours"), never guessed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from planner.reference import pay as pay_ref
from planner.reference.arrs import ArrsData, load_arrs, match_role

NOT_FOUND = "maximum not found: enter yours"
POST_COLUMNS = ("role", "wte", "salary", "band", "start_date", "leaving_date")


@dataclass(frozen=True)
class ArrsInputs:
    """What the envelope needs besides the posts.

    Attributes:
        weighted_population: the PCN's contractor weighted population (1 Jan of the scheme year).
        list_size: the PCN's registered list size, for the advanced practitioner cap (None: not given).
        maxima: maximums a user entered, role id → £ a year per WTE; they fill in or replace the file's.
        as_of: the date the figures are read on (a warning when it falls after the scheme year).
    """

    weighted_population: float
    list_size: int | None = None
    maxima: dict[str, float] = field(default_factory=dict)
    as_of: date | None = None

    def __post_init__(self) -> None:
        if not math.isfinite(self.weighted_population) or self.weighted_population <= 0:
            raise ValueError("The weighted population must be a number above 0.")
        if self.list_size is not None and self.list_size <= 0:
            raise ValueError("The list size must be a whole number above 0.")
        bad = [k for k, v in self.maxima.items() if not math.isfinite(v) or v <= 0]
        if bad:
            raise ValueError(f"A maximum must be an amount above £0 (check {', '.join(bad)}).")


@dataclass(frozen=True)
class ArrsResult:
    """The envelope worked out.

    Attributes:
        envelope, claimed, remaining: £ for the scheme year.
        posts: one row a post: ``role_id``, ``role``, ``wte``, ``months``, ``cost``, ``cost_basis``,
            ``max_reimbursable`` (per WTE a year, None when not found), ``max_source``, ``claimable``, ``note``.
        roles: the same summed by role (``role``, ``role_id``, ``posts``, ``wte``, ``cost``,
            ``max_reimbursable``, ``claimable``).
        could_fund: role → whole posts (1.0 WTE, a full year) the remaining sum pays for at its maximum.
        caps: one row a cap: ``cap``, ``posts``, ``allowed`` (None without a list size), ``status``.
        flags: eligibility rules to check, in words; warnings: anything the user must know.
    """

    year: str
    envelope: float
    claimed: float
    remaining: float
    posts: pd.DataFrame
    roles: pd.DataFrame
    could_fund: dict[str, int]
    caps: pd.DataFrame
    flags: list[str]
    warnings: list[str]
    sources: dict[str, str]


def financial_year(d: date) -> str:
    """``date(2026, 5, 1)`` → ``"2026/27"`` (NHS years start on 1 April)."""
    start = d.year if d.month >= 4 else d.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def months_in_year(start: object, leaving: object, year_start: date, year_end: date) -> float:
    """Months in post within the scheme year: days in post ÷ days in the year × 12 (0 to 12)."""
    first = year_start if _missing(start) else max(pd.Timestamp(start).date(), year_start)
    last = year_end if _missing(leaving) else min(pd.Timestamp(leaving).date(), year_end)
    days = (last - first).days + 1
    total = (year_end - year_start).days + 1
    return 12.0 * max(days, 0) / total


def annual_cost(pay: float, pay_scale: pay_ref.PayScale, pension: str) -> float:
    """Employer cost of a year's pay: pay + NI above the threshold + employer pension (£)."""
    ni = pay_scale.ni_rate * max(pay - pay_scale.ni_threshold, 0.0)
    return pay + ni + pay_scale.pension[pension] * pay


def _missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT or pd.isna(v)


def envelope(inputs: ArrsInputs, posts: pd.DataFrame, *, data: ArrsData | None = None,
             pay_scale: pay_ref.PayScale | None = None) -> ArrsResult:  # fmt: skip
    """Work out the envelope, each post's claim, the remainder, what it could fund, caps and flags.

    Args:
        inputs: the weighted population, list size, entered maximums and as-of date.
        posts: one row a post with the columns of :data:`POST_COLUMNS` (``salary`` is the
            full-time annual pay, NaN where not known; ``role`` an ARRS role id or as written).
        data: the ARRS reference data (the committed file when not given).
        pay_scale: the pay scale for on-costs and the AfC fallback (the committed file when not given).
    """
    data = data or load_arrs()
    pay_scale = pay_scale or pay_ref.load_pay()
    maxima = {k: float(v) for k, v in inputs.maxima.items()}
    rows = [_post(p, data, pay_scale, maxima) for p in posts.itertuples(index=False)]
    table = pd.DataFrame(rows, columns=["role_id", "role", "wte", "months", "cost", "cost_basis",
                                        "max_reimbursable", "max_source", "claimable", "note"])  # fmt: skip
    env = data.per_weighted_head * float(inputs.weighted_population)
    claimed = float(table["claimable"].dropna().sum()) if len(table) else 0.0
    remaining = env - claimed
    by_role = _by_role(table)
    known = {r.label: maxima.get(r.id, r.max_reimbursable) for r in data.roles.values()}
    could_fund = {
        label: max(int(remaining // mx), 0) for label, mx in known.items() if mx is not None and mx > 0
    }
    warnings = []
    if inputs.as_of is not None and financial_year(inputs.as_of) > data.year:
        warnings.append(
            f"These are the {data.year} ARRS figures, but the date is in {financial_year(inputs.as_of)}: "
            "check the current Network Contract DES for this year's rate and maximums."
        )
    if remaining < 0:
        warnings.append("The roles claim more than the envelope: the excess would not be reimbursed.")
    outside = table.loc[table["months"] <= 0]
    if len(outside):
        warnings.append(
            f"{len(outside)} post(s) ({', '.join(sorted(set(outside['role'])))}) have no months in post "
            f"in {data.year} ({data.year_start.day} {data.year_start:%B %Y} to {data.year_end.day} "
            f"{data.year_end:%B %Y}): they start after it "
            "ends or leave before it begins, so they cost and claim nothing in this scheme year."
        )
    unknown = sorted(set(table.loc[table["claimable"].isna(), "role"]))
    if unknown:
        warnings.append(f"No claim is counted for {', '.join(unknown)}: {NOT_FOUND}.")
    return ArrsResult(
        data.year, env, claimed, remaining, table, by_role, could_fund,
        _caps(table, inputs.list_size, data), _flags(table, data), warnings,
        {"envelope": _envelope_source(data)},
    )  # fmt: skip


def _envelope_source(data: ArrsData) -> str:
    """The envelope rate's source in words, with the primary source beside it where one is named."""
    head = data.raw["envelope"]["per_weighted_head"]
    text = data.source_text(head["source"])
    primary = head.get("primary_source")
    return text + (f"; primary source: {data.source_text(primary)}" if primary in data.sources else "")


def _post(p: Any, data: ArrsData, pay_scale: pay_ref.PayScale, maxima: dict[str, float]) -> dict:
    raw_role = p.role
    rid = raw_role if raw_role in data.roles else match_role(raw_role, data)
    role = data.roles.get(rid) if rid else None
    wte = float(p.wte)
    months = months_in_year(p.start_date, p.leaving_date, data.year_start, data.year_end)
    salary, band = p.salary, p.band
    band = band if not _missing(band) else (role.band if role else None)
    if not _missing(salary):
        pay, basis = float(salary) * wte, "actual salary"
    elif band is not None and str(band) in pay_scale.points:
        pay, basis = (
            pay_ref.salary(band, "mid", pay=pay_scale) * wte,
            f"AfC Band {band} mid-point, no salary given (fallback)",
        )
    else:
        pay, basis = None, "no pay and no band: enter the salary"
    cost = None if pay is None else annual_cost(pay, pay_scale, data.pension) * months / 12
    mx = maxima.get(rid or "", role.max_reimbursable if role else None)
    if rid is None:
        mx = maxima.get(str(raw_role))
    entered = rid in maxima or (rid is None and str(raw_role) in maxima)
    claim = None if mx is None or cost is None else min(cost, mx * wte * months / 12)
    note = "" if mx is not None else NOT_FOUND
    if rid is None:
        note = f"'{raw_role}' is not an ARRS role the planner knows; " + (note or "maximum entered")
    return {
        "role_id": rid,
        "role": role.label if role else str(raw_role),
        "wte": wte,
        "months": months,
        "cost": cost,
        "cost_basis": basis,
        "max_reimbursable": mx,
        "max_source": "entered by you"
        if entered
        else (data.source_text(role.max_source) if role and mx else ""),
        "claimable": claim,
        "note": note,
    }


def _by_role(table: pd.DataFrame) -> pd.DataFrame:
    cols = ["role", "role_id", "posts", "wte", "cost", "cost_basis", "max_reimbursable", "claimable"]
    if table.empty:
        return pd.DataFrame(columns=cols)
    out = []
    for role, g in table.groupby("role", sort=False):
        out.append(
            {
                "role": role,
                "role_id": g["role_id"].iloc[0],
                "posts": len(g),
                "wte": float(g["wte"].sum()),
                "cost": None if g["cost"].isna().any() else float(g["cost"].sum()),
                "cost_basis": "; ".join(
                    f"{b} ({n} posts)" if n > 1 and len(set(g["cost_basis"])) > 1 else str(b)
                    for b, n in g["cost_basis"].value_counts(sort=False).items()
                ),
                "max_reimbursable": g["max_reimbursable"].iloc[0],
                "claimable": None if g["claimable"].isna().all() else float(g["claimable"].dropna().sum()),
            }
        )
    return pd.DataFrame(out, columns=cols)


def cap_allowed(cap: dict, list_size: int | None) -> int | None:
    """Posts a cap allows: fixed (``posts``) or by list size (``by_list_size``; None without a list size)."""
    if "posts" in cap:
        return int(cap["posts"])
    if list_size is None:
        return None
    for step in cap["by_list_size"]:
        if step["up_to"] is None or list_size <= step["up_to"]:
            return int(step["posts"])
    return None


def _caps(table: pd.DataFrame, list_size: int | None, data: ArrsData) -> pd.DataFrame:
    rows = []
    for cid, cap in data.caps.items():
        ids = [r.id for r in data.roles.values() if r.cap == cid]
        posts = int(table["role_id"].isin(ids).sum())
        allowed = cap_allowed(cap, list_size)
        label = " and ".join(data.roles[i].label for i in ids)
        if allowed is None:
            status = "enter the PCN's list size to check this cap"
        elif posts > allowed:
            status = f"over the cap: {posts} posts, {allowed} reimbursable"
        else:
            status = f"within the cap ({posts} of {allowed})"
        rows.append({"cap": label, "posts": posts, "allowed": allowed, "status": status,
                     "source": data.source_text(cap.get("source"))})  # fmt: skip
    return pd.DataFrame(rows, columns=["cap", "posts", "allowed", "status", "source"])


def _flags(table: pd.DataFrame, data: ArrsData) -> list[str]:
    rule = data.eligibility
    flags = [
        f"{rule['additionality_baseline']['text']} (source: {data.source_text(rule['additionality_baseline']['source'])})"
    ]
    ids = [r.id for r in data.roles.values() if r.twelve_month_rule]
    hit = table.loc[table["role_id"].isin(ids)]
    if len(hit):
        roles = ", ".join(sorted(set(hit["role"])))
        flags.append(
            f"12-month rule for {roles} ({len(hit)} posts): {rule['twelve_month_rule']['text']} "
            f"(source: {data.source_text(rule['twelve_month_rule']['source'])})"
        )
    return flags
