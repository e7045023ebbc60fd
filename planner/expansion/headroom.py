"""Headroom: the one share of paid hours a WTE is not available for PR work, as the sum of its parts.

Paid hours per WTE = full-time hours a week × weeks a year (37.5 × 52.143 = 1,955.4 h). Headroom is a
share of those paid hours and is the sum of four parts, each a parameter with its source or the word
assumption in ``data/parameters/expansion.yaml``:

- ``annual_leave``: Agenda for Change annual leave plus bank holidays, at the team's length-of-service
  mix (27 days under 5 years' service, 29 after 5, 33 after 10, plus 8 bank holidays), in hours of
  7.5 h a day (a fifth of the full-time week);
- ``sickness``: sickness absence;
- ``study_training``: study leave and statutory and mandatory training;
- ``other_nonclinical``: any other time not spent on the activities the model counts. It defaults to
  zero because admin, preparation, travel, supervision and leadership are counted as work.

The BJN e-rostering study's planned headroom of 16-26% is on this basis (leave included). Setting
``headroom`` (the total) keeps the sourced parts and gives the rest to ``other_nonclinical``; a total
below the sourced parts is refused (:func:`problems`). Effective hours per WTE = paid × (1 − headroom).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

#: The parts of headroom, in the order they are shown.
PARTS: tuple[str, ...] = ("annual_leave", "sickness", "study_training", "other_nonclinical")
#: The words for each part, for messages and captions.
PART_LABELS: dict[str, str] = {
    "annual_leave": "annual leave and bank holidays",
    "sickness": "sickness absence",
    "study_training": "study and mandatory training",
    "other_nonclinical": "other non-clinical time",
}
#: A total at or above this leaves almost no hours for work; it is refused.
MAX_TOTAL = 0.9


class HoursInputs(Protocol):
    """The inputs headroom is made of (``ModelInputs`` has them all)."""

    hours_per_week: float
    weeks_per_year: float
    annual_leave_days: float
    bank_holidays: float
    headroom: float | None
    annual_leave_days_5_years: float
    annual_leave_days_10_years: float
    share_staff_5_to_10_years: float
    share_staff_10_years_plus: float
    sickness_absence: float
    study_training: float
    other_nonclinical: float


@dataclass(frozen=True)
class Headroom:
    """Headroom as a share of paid hours, with its parts.

    Attributes:
        paid_hours: paid hours per WTE-year.
        leave_days: mean annual leave plus bank holidays per WTE, over the length-of-service mix.
        parts: part → share of paid hours (:data:`PARTS` order); they sum to ``total``.
        total: headroom, share of paid hours.
        effective_hours: paid hours × (1 − total): the hours one WTE gives to PR work.
        set_total: True when the total was set (``headroom``) and other time takes the rest.
    """

    paid_hours: float
    leave_days: float
    parts: dict[str, float]
    total: float
    effective_hours: float
    set_total: bool


def paid_hours(inputs: HoursInputs) -> float:
    """Paid hours per WTE-year: full-time hours a week × weeks a year."""
    return inputs.hours_per_week * inputs.weeks_per_year


def leave_days(inputs: HoursInputs) -> float:
    """Mean annual leave plus bank holidays (days per WTE-year) over the length-of-service mix."""
    over_5, over_10 = inputs.share_staff_5_to_10_years, inputs.share_staff_10_years_plus
    mean = (
        (1 - over_5 - over_10) * inputs.annual_leave_days
        + over_5 * inputs.annual_leave_days_5_years
        + over_10 * inputs.annual_leave_days_10_years
    )
    return mean + inputs.bank_holidays


def sourced_parts(inputs: HoursInputs) -> dict[str, float]:
    """Leave, sickness and training as shares of paid hours (the parts that have a source or reason)."""
    paid = paid_hours(inputs)
    leave = leave_days(inputs) * inputs.hours_per_week / 5 / paid if paid > 0 else 0.0
    return {
        "annual_leave": leave,
        "sickness": inputs.sickness_absence,
        "study_training": inputs.study_training,
    }


def problems(inputs: HoursInputs) -> list[str]:
    """Why the headroom inputs do not fit together (empty when they do), naming the parts.

    A set total below the sourced parts is refused; so is a set total that contradicts an explicit
    other-time part, a length-of-service mix over 100%, and a total that leaves almost no hours.
    """
    out: list[str] = []
    over = inputs.share_staff_5_to_10_years + inputs.share_staff_10_years_plus
    if over > 1 + 1e-9:
        out.append(
            f"Parameters 'share_staff_5_to_10_years' and 'share_staff_10_years_plus' add up to {over:.0%}; "
            "the shares of staff with 5 or more years' service cannot exceed 100%."
        )
        return out
    parts = sourced_parts(inputs)
    floor = sum(parts.values())
    named = " + ".join(f"{PART_LABELS[k]} {v:.1%}" for k, v in parts.items())
    if inputs.headroom is not None:
        if inputs.headroom < floor - 1e-9:
            out.append(
                f"Parameter 'headroom': {inputs.headroom:.1%} of paid hours is less than its sourced parts, "
                f"{named} = {floor:.1%}. Set headroom to at least {floor:.3f}, or change those parts."
            )
        elif inputs.other_nonclinical and abs(inputs.headroom - floor - inputs.other_nonclinical) > 1e-9:
            out.append(
                f"Parameters 'headroom' ({inputs.headroom:.1%}) and 'other_nonclinical' "
                f"({inputs.other_nonclinical:.1%}) disagree: with {named} the total would be "
                f"{floor + inputs.other_nonclinical:.1%}. Set one of them, not both."
            )
    total = inputs.headroom if inputs.headroom is not None else floor + inputs.other_nonclinical
    if total >= MAX_TOTAL:
        out.append(
            f"Headroom comes to {total:.1%} of paid hours ({named}, other {total - floor:.1%}); "
            f"below {MAX_TOTAL:.0%} is needed for any hours to be left for work."
        )
    return out


def headroom(inputs: HoursInputs) -> Headroom:
    """Headroom as the sum of its parts; a set ``headroom`` total gives other time the rest."""
    parts = sourced_parts(inputs)
    floor = sum(parts.values())
    set_total = inputs.headroom is not None
    other = max(0.0, inputs.headroom - floor) if inputs.headroom is not None else inputs.other_nonclinical
    parts["other_nonclinical"] = other
    total = floor + other
    paid = paid_hours(inputs)
    return Headroom(paid, leave_days(inputs), parts, total, paid * (1 - total), set_total)


def after_leave_to_paid(old_headroom: float, leave_share: float) -> float:
    """A headroom written as a share of hours after leave, as a share of paid hours (same effective hours).

    Effective hours were paid × (1 − leave share) × (1 − old headroom), so the equivalent share of paid
    hours is 1 − (1 − leave share) × (1 − old headroom).
    """
    return 1 - (1 - leave_share) * (1 - old_headroom)
