"""The ARRS envelope screen's view-model: what the PCN page, ``planner arrs`` and the PCN pack show.

Takes the roster's staff table and the user's figures (weighted population, list size, maximums they
entered); returns the envelope worked out by :mod:`planner.skillmix.arrs`, its headline in words,
the tables in words, who can do what (the nursing task matrix) and supervision. Salaries stay in the
session: nothing here writes or logs them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from planner.coverage.tasks import who_can_do_what
from planner.reference import frameworks
from planner.reference.arrs import load_arrs, match_role
from planner.skillmix.arrs import ArrsInputs, ArrsResult, envelope
from planner.skillmix.arrs_supervision import supervision


@dataclass(frozen=True)
class ArrsView:
    """Everything the ARRS screen shows.

    Attributes:
        result: the envelope worked out (figures in £).
        headline: one sentence: used, remaining, of the envelope.
        roles: the roles table in words (one row a role).
        could_fund: what the remainder could fund, a table in words.
        left_out: rows with no ARRS role the planner knows (left out, said in words).
        tasks: who can do what (nursing task matrix) by role; supervision: each role's minimum.
    """

    result: ArrsResult
    headline: str
    roles: pd.DataFrame
    could_fund: pd.DataFrame
    left_out: str | None
    tasks: pd.DataFrame
    supervision: pd.DataFrame


def parse_maxima(items: list[str] | None) -> dict[str, float]:
    """``["Care coordinator=30000"]`` → ``{"care_coordinator": 30000.0}``.

    Raises:
        ValueError: an item is not ``ROLE=AMOUNT``, the role is not an ARRS role, or the amount is not above 0.
    """
    out: dict[str, float] = {}
    for item in items or []:
        role, sep, amount = item.partition("=")
        rid = match_role(role)
        if not sep or rid is None:
            raise ValueError(
                f"'{item}' should look like ROLE=AMOUNT with an ARRS role, e.g. 'Care coordinator=32000'."
            )
        try:
            value = float(amount.replace("£", "").replace(",", ""))
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"The maximum in '{item}' should be an amount in pounds above 0.")
        out[rid] = value
    return out


def posts_table(staff: pd.DataFrame) -> pd.DataFrame:
    """The staff rows with an ARRS role, as the envelope reads them (no names)."""
    rows = staff.loc[staff["arrs_role"].notna()]
    return pd.DataFrame(
        {
            "role": rows["arrs_role"],
            "wte": rows["wte"].astype(float),
            "salary": rows["salary"].astype(float),
            "band": rows["band"],
            "start_date": rows["start_date"],
            "leaving_date": rows["leaving_date"],
        }
    ).reset_index(drop=True)


def nearest_role(text: object) -> str | None:
    """The ARRS role whose name is nearest a role cell that matched none ("did you mean"), or None."""
    import difflib

    names = {a: r.label for r in load_arrs().roles.values() for a in (r.label.casefold(), *r.aliases)}
    near = difflib.get_close_matches(str(text).casefold().strip(), list(names), n=1, cutoff=0.6)
    return names[near[0]] if near else None


def roster_problems(issues: pd.DataFrame, row_status: pd.DataFrame | None = None) -> list[str]:
    """The staff rows' problems in words, as ``planner validate`` reports them; nobody is identified.

    Only staff rows count here (the envelope reads no competency record); each is named by its sheet
    and row, never by staff id, name or salary. A row left out (a WTE of 0) is said; a salary that is
    not usable says the post is costed at the AfC mid-point (fallback); a role the planner does not
    know names the nearest ARRS role.
    """
    table: dict[tuple[str, int], str] = {}
    if row_status is not None and len(row_status):
        for r in row_status.drop_duplicates(["sheet", "row"]).itertuples(index=False):
            table[(str(r.sheet), int(r.row))] = str(r.table)
    out = []
    for r in issues.itertuples(index=False):
        row = None if pd.isna(r.row) else int(r.row)
        if row is not None and table.get((str(r.sheet), row), "staff") != "staff":
            continue
        where = f"Sheet {r.sheet}" if row is None else f"Sheet {r.sheet}, row {row}"
        if r.code == "salary_invalid":
            what = (
                "the annual salary is not an amount between £1,000 and £500,000, so the post is costed at "
                "the AfC mid-point of its band (fallback); correct the salary"
            )
        else:
            what = str(r.message).rstrip(".")
        if r.column == "Role" and r.code == "value_unknown":
            near = nearest_role(r.value)
            what += f"; did you mean {near}?" if near else "; it is not an ARRS role"
        kept = "left out" if r.severity == "error" else "kept"
        out.append(f"{where}: {what}{'' if what.endswith('?') else '.'} (row {kept})")
    return out


def no_arrs_roles(staff: pd.DataFrame) -> str | None:
    """The sentence for a roster with no ARRS role at all (None when one row has one)."""
    if "arrs_role" in staff and staff["arrs_role"].notna().any():
        return None
    return (
        "No row has an ARRS role the planner recognises (clinical pharmacist, care coordinator, "
        "paramedic…), so there is no envelope to work out; is this a PCN roster? Check its Role column."
    )


def money(value: float | None) -> str:
    """``12345.6`` → ``"£12,346"``; None → ``"not known"``."""
    return "not known" if value is None or pd.isna(value) else f"£{value:,.0f}"


def arrs_view(staff: pd.DataFrame, inputs: ArrsInputs, *, names: bool = True) -> ArrsView:
    """Work out the envelope and put it in words (see :class:`ArrsView`)."""
    data = load_arrs()
    result = envelope(inputs, posts_table(staff), data=data)
    share = result.claimed / result.envelope if result.envelope else 0.0
    headline = (
        f"The roles claim {money(result.claimed)} of the {result.year} ARRS envelope of "
        f"{money(result.envelope)} ({share:.0%}); {money(result.remaining)} remains."
    )
    roles = pd.DataFrame(
        {
            "Role": result.roles["role"],
            "Posts": result.roles["posts"],
            "WTE": result.roles["wte"].round(2),
            f"Cost in {result.year}": [money(v) for v in result.roles["cost"]],
            "Cost basis": result.roles["cost_basis"],
            "Maximum a year per WTE": [
                money(v) if v is not None and not pd.isna(v) else "maximum not found: enter yours"
                for v in result.roles["max_reimbursable"]
            ],
            f"Claimable in {result.year}": [money(v) for v in result.roles["claimable"]],
        }
    )
    fund = pd.DataFrame(
        [(role, n, money(inputs.maxima.get(rid, r.max_reimbursable)))
         for rid, r in data.roles.items() for role, n in result.could_fund.items() if role == r.label],
        columns=["Role", "Whole posts the remainder could fund", "At the maximum of"],
    )  # fmt: skip
    gone = staff.loc[staff["arrs_role"].isna()]
    missing = len(gone)
    rows = ", ".join(str(int(r)) for r in gone["row"].dropna()) if "row" in gone else ""
    left_out = (
        f"{missing} row(s){f' (row {rows})' if rows else ''} have no ARRS role the planner recognises "
        "and are left out of the envelope; check the Role column."
        if missing
        else None
    )
    return ArrsView(
        result,
        headline,
        roles,
        fund,
        left_out,
        _tasks_in_words(
            who_can_do_what(staff, frameworks.get("primary_care"), names=names, aggregate=not names)
        ),
        supervision(staff, data).rename(columns=_SUPERVISION_WORDS),
    )


_SUPERVISION_WORDS = {
    "role": "Role", "posts": "Posts", "requirement": "Minimum supervision", "sessions_a_year": "Sessions a year each",
    "hours_needed": "Hours needed a year", "supervisors": "Supervisors in the team", "status": "Status",
    "source": "Source",
}  # fmt: skip


def _tasks_in_words(table: pd.DataFrame) -> pd.DataFrame:
    """Who can do what with headers in words and "only one person" said, not flagged."""
    note = ["only one person can" if one else "nobody in the team can" if none else ""
            for one, none in zip(table["only_one"], table["nobody"], strict=True)]  # fmt: skip
    return pd.DataFrame(
        {
            "Task": table["task"],
            "May do it": table["can"],
            "May do it in part": table["partly"],
            "People": table["people"],
            "Note": note,
            "The booklet's conditions": table["conditions"],
        }
    )


def as_json(view: ArrsView) -> dict:
    """The CLI's JSON: ``envelope``, ``claimed``, ``remaining``, ``roles``, ``could_fund`` and the notes."""
    r = view.result

    def num(v: object) -> float | None:
        return None if v is None or pd.isna(v) else round(float(v), 2)

    return {
        "year": r.year,
        "envelope": num(r.envelope),
        "claimed": num(r.claimed),
        "remaining": num(r.remaining),
        "roles": [
            {"role": x.role, "role_id": x.role_id, "posts": int(x.posts), "wte": num(x.wte), "cost": num(x.cost),
             "cost_basis": x.cost_basis, "max_reimbursable": num(x.max_reimbursable),
             "claimable": num(x.claimable)}
            for x in r.roles.itertuples(index=False)
        ],
        "posts": [
            {"role": x.role, "wte": num(x.wte), "months": num(x.months), "cost": num(x.cost),
             "cost_basis": x.cost_basis}
            for x in r.posts.itertuples(index=False)
        ],
        "could_fund": r.could_fund,
        "caps": r.caps.drop(columns=["source"]).to_dict(orient="records"),
        "flags": r.flags,
        "warnings": r.warnings + ([view.left_out] if view.left_out else []),
    }  # fmt: skip


def missing_maxima(staff: pd.DataFrame) -> pd.DataFrame:
    """The team's ARRS roles with no maximum found, for the page's entry table (``Role``, ``Your maximum (£)``)."""
    data = load_arrs()
    ids = [r for r in dict.fromkeys(staff["arrs_role"].dropna()) if data.roles[r].max_reimbursable is None]
    return pd.DataFrame({"Role": [data.roles[r].label for r in ids], "Your maximum (£)": [None] * len(ids)})


def maxima_from_editor(edited: pd.DataFrame) -> dict[str, float]:
    """The amounts a user entered on the page, by role id (blank and non-positive entries are ignored)."""
    out = {}
    for role, amount in zip(edited["Role"], edited["Your maximum (£)"], strict=True):
        value = pd.to_numeric(amount, errors="coerce")
        rid = match_role(role)
        if rid is not None and pd.notna(value) and value > 0:
            out[rid] = float(value)
    return out
