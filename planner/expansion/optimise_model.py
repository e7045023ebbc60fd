"""The least-cost skill mix as a mixed-integer programme: the matrices, and the two SciPy (HiGHS) solves.

Variables, in this order:

- ``x[a, b]``: hours a year of activity ``a`` done by band ``b`` (continuous, ≥ 0);
- ``n[b]``: posts of band ``b`` to add, each of ``step`` WTE (integer for whole posts or 0.1 WTE
  steps; continuous when ``step`` is 0, which is the LP relaxation's "any WTE").

The WTE of band ``b`` is ``floor[b] + step × n[b]`` (``floor`` is the team in post when the
``team_in_post_floor`` rule is on, else 0). Minimise the annual cost ``Σ rate[b] × WTE[b]``.

Constraints, each row tagged with the rule it belongs to (``structure`` rows are always on):

- ``structure``: each band's hours fit its WTE, ``Σ_a x[a, b] ≤ effective hours × WTE[b]``;
  every activity's hours are covered, ``Σ_b x[a, b] ≥ H[a]``, where
  ``H[a] = base[a] + per_staff[a] × staff per class``;
- staff per class = max(1, ``min_staff`` if ``minimum_staff_per_class`` is on, ``ratio_staff``
  (= ⌈class size ÷ patients per staff⌉) if ``exercise_ratio`` is on);
- ``supervision_hours``: supervision hours ≥ s × WTE of bands 1–4 (posts × WTE per post, the team in
  post included when it is the floor: every supporting WTE is supervised, busy or not);
- ``supporting_per_registered``: WTE of bands 1–4 ≤ r × WTE of bands 5 and above;
- ``registered_share``: WTE of bands 5 and above ≥ t × all WTE (off when t is 0);
- ``leadership_minimum``: leadership hours ≥ minimum WTE × effective hours, and only bands at or
  above the lead band lead (a bound);
- ``leadership_share``: leadership hours ≥ σ × all other hours;
- ``skill_mix_policy`` and ``registered_activities``: bounds ``x[a, b] = 0`` where the policy does not
  let band ``b`` do ``a``, or ``a`` needs a registered professional and ``b`` is band 1–4;
- ``registered_every_class_hour``: hours of bands 5 and above in each class activity ≥ one staff
  member for every class hour (``registered_class_hours``: the exercise slot and the education half).

:func:`solve` runs ``scipy.optimize.milp``; :func:`relaxation_duals` runs
``scipy.optimize.linprog(method="highs")`` on the LP relaxation and returns its dual values
(``ineqlin.marginals``: the change in cost per unit of each row's right-hand side).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from planner.vocab import BAND_RANK

#: The rules the model can switch off one by one (the data file names and labels them).
SWITCHABLE: tuple[str, ...] = (
    "skill_mix_policy",
    "registered_activities",
    "registered_every_class_hour",
    "minimum_staff_per_class",
    "exercise_ratio",
    "supervision_hours",
    "supporting_per_registered",
    "registered_share",
    "leadership_minimum",
    "leadership_share",
    "team_in_post_floor",
)
_TOL = 1e-6


@dataclass(frozen=True)
class Problem:
    """Everything the programme needs, typed; arrays are over ``activities`` (rows) and ``bands``.

    Attributes:
        activities: activity names; ``"supervision"`` and ``"leadership"`` are the derived ones when present.
        bands: the candidate bands (those with a pay rate), AfC order.
        rates: employer cost per WTE-year of each band (£).
        effective_hours: hours for PR work per WTE-year.
        base_hours: ``base`` of each activity's required hours (see the module docstring).
        per_staff_hours: hours added per staff member per class, by activity.
        allowed: policy, activity × band.
        registered_activity: which activities need a registered professional.
        min_staff: the minimum staff per class.
        ratio_staff: staff per class the exercise ratio needs.
        supervision_hours: supervision hours per supporting WTE-year.
        max_supporting_per_registered: the supervision limit.
        target_registered_share: the registered share target (0 = off).
        leadership_min_wte: the minimum leadership WTE.
        leadership_share: leadership as a share of other hours.
        leadership_band: the lowest band that may lead.
        step: WTE per post (0: any WTE, continuous).
        floor: WTE in post by band (used when ``team_in_post_floor`` is on).
        registered_class_hours: by activity, the hours a registered professional must do (one staff
            member for every class hour: class lead and education); empty for none.
        active: the rules that are on.
        time_limit: seconds the MILP may run.
    """

    activities: tuple[str, ...]
    bands: tuple[str, ...]
    rates: np.ndarray
    effective_hours: float
    base_hours: np.ndarray
    per_staff_hours: np.ndarray
    allowed: np.ndarray
    registered_activity: np.ndarray
    min_staff: int = 2
    ratio_staff: int = 2
    supervision_hours: float = 0.0
    max_supporting_per_registered: float = 1.0
    target_registered_share: float = 0.0
    leadership_min_wte: float = 0.0
    leadership_share: float = 0.0
    leadership_band: str = "7"
    step: float = 1.0
    floor: np.ndarray = field(default_factory=lambda: np.zeros(0))
    registered_class_hours: np.ndarray = field(default_factory=lambda: np.zeros(0))
    active: frozenset[str] = frozenset(SWITCHABLE)
    time_limit: float = 10.0

    @property
    def staff_per_class(self) -> int:
        """Staff per class under the rules that are on (at least the class lead)."""
        staff = 1
        if "minimum_staff_per_class" in self.active:
            staff = max(staff, self.min_staff)
        if "exercise_ratio" in self.active:
            staff = max(staff, self.ratio_staff)
        return staff

    @property
    def required_hours(self) -> np.ndarray:
        """Hours each activity needs (0 for the derived ones, whose rows set them)."""
        return np.maximum(self.base_hours + self.per_staff_hours * self.staff_per_class, 0.0)

    @property
    def supporting(self) -> np.ndarray:
        """Which bands are the supporting workforce (bands 1–4)."""
        return np.array([BAND_RANK[b] <= BAND_RANK["4"] for b in self.bands])

    @property
    def floor_wte(self) -> np.ndarray:
        """The WTE floor in use (0 when the floor rule is off or no team is given)."""
        if "team_in_post_floor" in self.active and self.floor.size:
            return self.floor
        return np.zeros(len(self.bands))

    def without(self, rule: str) -> Problem:
        """The same problem with ``rule`` switched off."""
        return replace(self, active=self.active - {rule})


@dataclass(frozen=True)
class Matrices:
    """``A_ub @ v ≤ b_ub`` with each row's rule, the bounds, cost and integrality of ``v = (x, n)``."""

    c: np.ndarray
    a_ub: np.ndarray
    b_ub: np.ndarray
    rows: tuple[str, ...]
    lower: np.ndarray
    upper: np.ndarray
    integrality: np.ndarray


def matrices(p: Problem) -> Matrices:
    """Build the programme of :class:`Problem` (see the module docstring for each block)."""
    na, nb = len(p.activities), len(p.bands)
    nx = na * nb
    step = p.step if p.step > 0 else 1.0
    eff, floor, supp = p.effective_hours, p.floor_wte, p.supporting
    reg = ~supp
    rows: list[np.ndarray] = []
    rhs: list[float] = []
    tags: list[str] = []

    def add(row: np.ndarray, b: float, tag: str) -> None:
        rows.append(row)
        rhs.append(b)
        tags.append(tag)

    def x_of(a: int | None = None, bands: np.ndarray | None = None) -> np.ndarray:
        """A row with 1 on the x of activity ``a`` (all when None) for ``bands`` (all when None)."""
        m = np.zeros((na, nb))
        m[slice(None) if a is None else a, :] = 1.0
        if bands is not None:
            m[:, ~bands] = 0.0
        return np.concatenate([m.ravel(), np.zeros(nb)])

    def n_of(weights: np.ndarray) -> np.ndarray:
        return np.concatenate([np.zeros(nx), weights * step])

    for j in range(nb):  # each band's hours fit its WTE
        only = np.zeros(nb, dtype=bool)
        only[j] = True
        add(x_of(None, only) - n_of(only * eff), eff * floor[j], "structure")
    need = p.required_hours
    index = {a: i for i, a in enumerate(p.activities)}
    for i, a in enumerate(p.activities):
        if a not in ("supervision", "leadership"):
            add(-x_of(i), -need[i], "structure")
    on = p.active
    if "registered_every_class_hour" in on:
        for i, h in enumerate(p.registered_class_hours):
            if h > 0:
                add(-x_of(i, reg), -float(h), "registered_every_class_hour")
    if "supervision" in index and "supervision_hours" in on and p.supervision_hours > 0:
        add(
            n_of(supp * p.supervision_hours) - x_of(index["supervision"]),
            -p.supervision_hours * floor[supp].sum(),
            "supervision_hours",
        )
    if "supporting_per_registered" in on:
        r = p.max_supporting_per_registered
        add(n_of(supp * 1.0 - r * reg), r * floor[reg].sum() - floor[supp].sum(), "supporting_per_registered")
    if "registered_share" in on and p.target_registered_share > 0:
        t = p.target_registered_share
        add(n_of(t - reg * 1.0), floor[reg].sum() - t * floor.sum(), "registered_share")
    if "leadership" in index:
        lead = index["leadership"]
        if "leadership_minimum" in on:
            add(-x_of(lead), -p.leadership_min_wte * eff, "leadership_minimum")
        if "leadership_share" in on and p.leadership_share > 0:
            others = x_of(None) - x_of(lead)
            add(p.leadership_share * others - x_of(lead), 0.0, "leadership_share")
    upper_x = np.full((na, nb), np.inf)
    if "skill_mix_policy" in on:
        upper_x[~p.allowed] = 0.0
    if "registered_activities" in on:
        upper_x[np.ix_(p.registered_activity, supp)] = 0.0
    if "leadership" in index and "leadership_minimum" in on:
        below = np.array([BAND_RANK[b] < BAND_RANK[p.leadership_band] for b in p.bands])
        upper_x[index["leadership"], below] = 0.0
    c = np.concatenate([np.zeros(nx), p.rates * step])
    integer = 1 if p.step > 0 else 0
    return Matrices(
        c,
        np.vstack(rows),
        np.array(rhs),
        tuple(tags),
        np.zeros(nx + nb),
        np.concatenate([upper_x.ravel(), np.full(nb, np.inf)]),
        np.concatenate([np.zeros(nx), np.full(nb, integer)]),
    )


@dataclass(frozen=True)
class Solution:
    """A solve's outcome, with the mix when one was found.

    ``status`` is ``optimal``, ``stopped`` (time limit, best found), ``infeasible`` or ``failed``;
    ``hours`` (activity × band) and ``wte`` (by band) are set when a mix was found.
    """

    status: str
    cost: float = float("nan")
    hours: np.ndarray | None = None
    wte: np.ndarray | None = None
    posts: np.ndarray | None = None
    message: str = ""


def solve(p: Problem) -> Solution:
    """Solve the programme with ``scipy.optimize.milp`` (HiGHS), within ``p.time_limit`` seconds."""
    m = matrices(p)
    res = milp(
        m.c,
        integrality=m.integrality,
        bounds=Bounds(m.lower, m.upper),
        constraints=LinearConstraint(m.a_ub, -np.inf, m.b_ub),
        options={"time_limit": p.time_limit, "disp": False},
    )
    if res.status == 2:
        return Solution("infeasible", message=str(res.message))
    if res.x is None:  # time limit with nothing found, unbounded, or a solver failure
        status = "stopped" if res.status == 1 else "failed"
        return Solution(status, message=str(res.message))
    na, nb = len(p.activities), len(p.bands)
    x = np.asarray(res.x)
    hours = np.clip(x[: na * nb].reshape(na, nb), 0.0, None)
    raw = x[na * nb :]
    posts = np.round(raw) if p.step > 0 else raw
    step = p.step if p.step > 0 else 1.0
    wte = p.floor_wte + step * np.clip(posts, 0.0, None)
    cost = float(wte @ p.rates)
    return Solution("optimal" if res.status == 0 else "stopped", cost, hours, wte, posts, str(res.message))


def relaxation_duals(p: Problem) -> tuple[Matrices, np.ndarray, np.ndarray] | None:
    """The LP relaxation by ``linprog(method="highs")``: (matrices, solution, dual value of each row).

    A row's dual value is the change in the relaxation's cost per unit rise of its right-hand side
    (≤ 0 for a row that binds). None when the relaxation has no solution.
    """
    m = matrices(p)
    res = linprog(
        m.c,
        A_ub=m.a_ub,
        b_ub=m.b_ub,
        bounds=list(zip(m.lower, m.upper, strict=True)),
        method="highs",
        options={"time_limit": p.time_limit},
    )
    if res.status != 0:
        return None
    return m, np.asarray(res.x), np.asarray(res.ineqlin.marginals)


def marginal_cost(p: Problem, tightened: Problem, delta: float) -> float | None:
    """Change in the relaxation's cost per unit of tightening a limit, from the duals (an approximation).

    By the envelope theorem the derivative of the optimal cost in a limit is ``μ · (∂b − ∂A x*)``, with
    ``μ`` the dual values and ``∂A``, ``∂b`` the change in the rows when the limit moves to
    ``tightened``'s; divided by ``delta``, the size of that move.
    """
    base = relaxation_duals(p)
    if base is None or delta == 0:
        return None
    m, x, mu = base
    t = matrices(tightened)
    if t.a_ub.shape != m.a_ub.shape:  # a limit moved to 0 switches a row off: no derivative there
        return None
    change = (t.b_ub - m.b_ub) - (t.a_ub - m.a_ub) @ x
    return float(mu @ change) / delta
