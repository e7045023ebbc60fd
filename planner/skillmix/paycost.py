"""Costs from the actual pay in a roster, with Agenda for Change only as a labelled fallback.

Most clinical homecare providers are independent-sector firms not paid on Agenda for Change, so a
homecare team is costed from its ``salary`` column (full-time annual pay × WTE, plus employer National
Insurance above the threshold and the employer pension of the pay file). A post with no pay is
costed at its band's AfC mid-point, and its basis says so.
"""

from __future__ import annotations

import pandas as pd

from planner.reference import pay as pay_ref

COLUMNS = ("staff_id", "band", "wte", "annual_cost", "basis")


def actual_pay_cost(
    staff: pd.DataFrame, pension: pay_ref.Pension = "employer", *, pay: pay_ref.PayScale | None = None
) -> pd.DataFrame:
    """One row a post: ``staff_id``, ``band``, ``wte``, ``annual_cost`` (£ a year, None if unknown), ``basis``.

    Example:
        1.0 WTE on £30,000: 30,000 + 0.15 × 25,000 (3,750) + 0.1438 × 30,000 (4,314) = £38,064.
    """
    pay = pay or pay_ref.load_pay()
    salary = staff["salary"] if "salary" in staff.columns else pd.Series(float("nan"), index=staff.index)
    rows = []
    for sid, band, wte, amount in zip(staff["staff_id"], staff["band"], staff["wte"], salary, strict=True):
        if pd.notna(amount):
            base, basis = float(amount), "actual pay"
        elif band in pay.points:
            base, basis = pay_ref.salary(band, "mid", pay=pay), f"AfC Band {band} mid-point (no pay given)"
        else:
            rows.append((sid, band, float(wte), None, "no pay and no priced band"))
            continue
        earned = base * float(wte)
        cost = earned + pay.ni_rate * max(earned - pay.ni_threshold, 0.0) + pay.pension[pension] * earned
        rows.append((sid, band, float(wte), cost, basis))
    return pd.DataFrame(rows, columns=list(COLUMNS))
