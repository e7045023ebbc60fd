"""Capacity to workforce: PR activity → staff hours → WTE by activity, band and function.

The model, step by step (every input is a parameter in ``data/parameters/expansion.yaml``):

1. Hours per WTE. Paid hours = 37.5 h × 52.143 weeks = 1,955.4 h; headroom is one share of paid hours,
   the sum of annual leave and bank holidays (38 days × 7.5 h = 285 h, 14.6% at the default
   length-of-service mix), sickness (5%), study and training (3%) and other non-clinical time (0):
   22.6%; effective = paid × (1 − headroom) = 1,513.9 h (:mod:`planner.expansion.headroom`).
2. Classes. Starts per class-week = starts ÷ weeks classes run; places = that × programme weeks;
   class groups = ⌈places ÷ class size⌉; class sessions per year = groups × sessions per week × weeks
   classes run. Staff per class = max(minimum staff, ⌈class size ÷ patients per staff⌉), one of whom
   is the registered lead.
3. Activity hours per year:
   ``class_lead`` = sessions × (exercise + preparation/travel); ``class_support`` = sessions ×
   (staff per class − 1) × (exercise + preparation/travel); ``education`` = sessions × staff per class
   × education minutes; assessments = starts × initial + completions × discharge minutes, split into
   ``assessment_measures`` (objective-measures share) and ``assessment_clinical`` (the rest);
   ``admin`` = starts × admin hours per patient.
4. WTE by band: each activity's hours are shared among bands by the scenario's ``allocation`` (only
   bands the skill-mix policy allows), after moving ``band7_to_band4_shift`` of band 7's share to
   band 4 wherever band 4 may do the work; hours ÷ effective hours per WTE.
5. ``supervision`` = supporting (band 1–4) WTE × supervision hours, carried by bands 6–7.
6. ``leadership`` = max(minimum, leadership share × the WTE of steps 4–5), carried by the lead band.
7. Function: each (activity, band) maps to one London function through the policy's rules.

Zero starts give zero class, education, assessment and admin WTE; only the minimum leadership remains.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from planner.expansion.headroom import PART_LABELS
from planner.expansion.headroom import headroom as headroom_of
from planner.expansion.inputs import ModelInputs
from planner.reference.policy import ACTIVITIES, DIRECT_ACTIVITIES, Policy, load_policy
from planner.vocab import BAND_RANK, BANDS, FUNCTIONS

#: Bands 1–4 are the supporting workforce; bands 5 and above stand for the registered workforce.
SUPPORTING_BANDS: tuple[str, ...] = tuple(b for b in BANDS if BAND_RANK[b] <= BAND_RANK["4"])
REGISTERED_BANDS: tuple[str, ...] = tuple(b for b in BANDS if b not in SUPPORTING_BANDS)
_SUPPORTING_MASK = np.array([b in SUPPORTING_BANDS for b in BANDS])


@dataclass(frozen=True)
class HoursPerWte:
    """Hours one WTE gives in a year, with the working.

    Attributes:
        paid: paid hours per WTE-year (37.5 × 52.143).
        leave: annual leave and bank holidays, hours (the ``annual_leave`` part of headroom).
        available: paid less leave.
        effective: paid × (1 − headroom): the hours for PR work.
        working: the arithmetic in words.
        headroom: headroom as one share of paid hours.
        headroom_parts: part → share of paid hours; they sum to ``headroom``.
    """

    paid: float
    leave: float
    available: float
    effective: float
    working: str
    headroom: float = 0.0
    headroom_parts: dict[str, float] = field(default_factory=dict)


def hours_per_wte(inputs: ModelInputs) -> HoursPerWte:
    """Paid and effective hours per WTE-year; headroom is one share of paid hours, the sum of its parts."""
    h = headroom_of(inputs)
    week = inputs.hours_per_week
    leave = h.parts["annual_leave"] * h.paid_hours
    shares = " + ".join(f"{PART_LABELS[k]} {v:.1%}" for k, v in h.parts.items())
    working = (
        f"{week:g} h × {inputs.weeks_per_year:g} weeks = {h.paid_hours:,.1f} h paid; headroom "
        f"{h.total:.1%} of paid hours ({shares}; leave is {h.leave_days:.1f} days × {week / 5:g} h = "
        f"{leave:,.1f} h) → {h.effective_hours:,.1f} h for PR work."
    )
    return HoursPerWte(
        h.paid_hours, leave, h.paid_hours - leave, h.effective_hours, working, h.total, dict(h.parts)
    )


def class_plan(starts: float, inputs: ModelInputs) -> dict[str, float]:
    """Class groups, sessions and staff per class needed for ``starts`` starters a year."""
    weeks = inputs.service_weeks_per_year
    places = starts / weeks * inputs.programme_weeks
    # A tiny tolerance keeps 24.000000001 places from needing a third group of 12.
    groups = math.ceil(places / inputs.class_size - 1e-9) if places > 0 else 0
    per_week = groups * inputs.sessions_per_week
    staff = max(inputs.min_staff_per_class, math.ceil(inputs.class_size / inputs.patients_per_staff))
    return {
        "places": places,
        "groups": float(groups),
        "classes_per_week": float(per_week),
        "sessions_per_year": float(per_week * weeks),
        "staff_per_class": float(staff),
    }


def activity_hours(starts: float, completions: float, inputs: ModelInputs) -> pd.Series:
    """Staff hours a year for each patient-driven activity (step 3)."""
    plan = class_plan(starts, inputs)
    sessions, staff = plan["sessions_per_year"], plan["staff_per_class"]
    slot = (inputs.exercise_minutes + inputs.prep_travel_minutes) / 60
    assess = (starts * inputs.initial_assessment_minutes) + (
        completions * inputs.discharge_assessment_minutes
    )
    share = inputs.objective_measures_share
    return pd.Series(
        {
            "class_lead": sessions * slot,
            "class_support": sessions * (staff - 1) * slot,
            "education": sessions * staff * inputs.education_minutes / 60,
            "assessment_clinical": assess * (1 - share) / 60,
            "assessment_measures": assess * share / 60,
            "admin": starts * inputs.admin_hours_per_patient,
        },
        name="hours",
    )


def allocation_matrix(inputs: ModelInputs, policy: Policy | None = None) -> np.ndarray:
    """Shares (activity × band, rows in :data:`ACTIVITIES` order) after the band 7 → band 4 shift."""
    policy = policy or load_policy()
    shift = inputs.band7_to_band4_shift
    m = np.zeros((len(ACTIVITIES), len(BANDS)))
    for i, activity in enumerate(ACTIVITIES):
        shares = dict(inputs.allocation[activity])
        if shift and "4" in policy.allowed_bands(activity) and shares.get("7"):
            moved = shift * shares["7"]
            shares["7"] -= moved
            shares["4"] = shares.get("4", 0.0) + moved
        for band, share in shares.items():
            m[i, BAND_RANK[band]] = share
    return m


def pre_leadership_wte(
    starts: float, completions: float, inputs: ModelInputs, policy: Policy | None = None
) -> np.ndarray:
    """WTE by activity (all but leadership) and band; linear in ``completions`` (steps 3–5)."""
    m = allocation_matrix(inputs, policy)
    eff = hours_per_wte(inputs).effective
    direct = activity_hours(starts, completions, inputs).to_numpy()
    wte = np.zeros((len(ACTIVITIES) - 1, len(BANDS)))
    wte[: len(DIRECT_ACTIVITIES)] = direct[:, None] * m[: len(DIRECT_ACTIVITIES)] / eff
    supporting = wte[:, _SUPPORTING_MASK].sum()
    supervision_hours = supporting * inputs.supervision_hours_per_supporting_wte
    wte[-1] = supervision_hours * m[ACTIVITIES.index("supervision")] / eff
    return wte


def leadership_wte(activity_wte: float | np.ndarray, inputs: ModelInputs) -> float | np.ndarray:
    """Service leadership WTE: max(minimum, share × activity-driven WTE); works on arrays (step 6)."""
    return np.maximum(inputs.leadership_min_wte, inputs.leadership_share * activity_wte)


def registered_mask(policy: Policy | None = None) -> np.ndarray:
    """Which rows of :data:`ACTIVITIES` need a registered professional."""
    policy = policy or load_policy()
    return np.array([policy.activities[a].registered for a in ACTIVITIES])


@dataclass(frozen=True)
class Requirement:
    """The workforce an activity level needs.

    Attributes:
        wte: WTE, activities × bands (every AfC band as a column, zeros included).
        hours: staff hours a year, activities × bands.
        by_band: WTE by band (AfC order).
        by_function: WTE by London function.
        total: total WTE.
        activity_wte: WTE of everything but leadership.
        registered_only_wte: WTE in activities that need a registered professional.
        plan: the class plan (places, groups, sessions, staff per class).
        hours_per_wte: the hours one WTE gives, with the working.
        supervision_ratio: supporting (band 1–4) WTE per registered (band 5+) WTE.
        supervision_ok: whether that ratio is within ``max_supporting_per_registered``.
    """

    wte: pd.DataFrame
    hours: pd.DataFrame
    by_band: pd.Series
    by_function: pd.Series
    total: float
    activity_wte: float
    registered_only_wte: float
    plan: dict[str, float]
    hours_per_wte: HoursPerWte
    supervision_ratio: float
    supervision_ok: bool

    def supervision_message(self, limit: float) -> str:
        """One sentence on the supervision limit."""
        verdict = "within" if self.supervision_ok else "above"
        return (
            f"{self.supervision_ratio:.2f} supporting WTE per registered WTE, {verdict} the limit of "
            f"{limit:g}; every class keeps a registered lead."
        )


def requirement(
    starts: float, completions: float, inputs: ModelInputs, policy: Policy | None = None
) -> Requirement:
    """Required WTE by activity, band and function for a year's starts and completions.

    Args:
        starts: people starting PR in the year.
        completions: people completing (they get a discharge assessment).
        inputs: the model's inputs (``Scenario.inputs()``).
        policy: the skill-mix policy; the committed file when not given.
    """
    policy = policy or load_policy()
    pre = pre_leadership_wte(starts, completions, inputs, policy)
    activity_total = float(pre.sum())
    lead = float(leadership_wte(activity_total, inputs))
    m = allocation_matrix(inputs, policy)
    wte = np.vstack([pre, lead * m[-1]])
    frame = pd.DataFrame(
        wte, index=pd.Index(ACTIVITIES, name="activity"), columns=pd.Index(BANDS, name="band")
    )
    hours = hours_per_wte(inputs)
    by_band = frame.sum(axis=0).rename("required_wte")
    functions = pd.Series(0.0, index=pd.Index(FUNCTIONS, name="function"), name="required_wte")
    for i, activity in enumerate(ACTIVITIES):
        for j, band in enumerate(BANDS):
            if wte[i, j] > 0:
                functions[policy.function_of(activity, band)] += wte[i, j]
    supporting = float(by_band[list(SUPPORTING_BANDS)].sum())
    registered = float(by_band[list(REGISTERED_BANDS)].sum())
    ratio = supporting / registered if registered > 0 else 0.0
    return Requirement(
        wte=frame,
        hours=frame * hours.effective,
        by_band=by_band,
        by_function=functions,
        total=float(wte.sum()),
        activity_wte=activity_total,
        registered_only_wte=float(wte[registered_mask(policy)].sum()),
        plan=class_plan(starts, inputs),
        hours_per_wte=hours,
        supervision_ratio=ratio,
        supervision_ok=ratio <= inputs.max_supporting_per_registered + 1e-9,
    )
