"""What the Skill mix page shows, computed once (pages only ask and show).

:func:`skill_mix_view` returns a :class:`SkillMixView` of tables, figures and captions; the Skill mix
page renders it and the business-case pack reshapes the same view (:mod:`planner.pack.parts`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from planner.captions import skillmix as captions
from planner.charts import skillmix as charts_skillmix
from planner.expansion.capacity import SUPPORTING_BANDS, hours_per_wte
from planner.expansion.scenario import load_scenario
from planner.reference import frameworks
from planner.skillmix import mix as skillmix
from planner.vocab import band_label


@dataclass
class SkillMixView:
    """Everything the Skill mix page shows."""

    by_band: pd.DataFrame
    by_function: pd.DataFrame
    by_profession: pd.DataFrame
    by_registration: pd.DataFrame
    by_service: pd.DataFrame
    grid: pd.DataFrame
    share: dict[str, Any]
    ratio: float | None
    cost: pd.DataFrame
    substitutions: pd.DataFrame
    targets: skillmix.SkillMixTargets
    people: int
    captions: dict[str, str] = field(default_factory=dict)

    def share_metric(self, key: str = "share") -> str:
        """A registered share for a metric: "62%", "62% (inferred)" or "Not recorded"."""
        value = self.share.get(key)
        if value is None:
            return "Not recorded"
        return f"{100 * float(value):.0f}%" + (" (inferred)" if self.share.get("inferred") else "")

    def mix(self) -> pd.DataFrame:
        """WTE and headcount by band (with its cost), function, registration and service, then the target.

        Returns:
            One row per group and category: ``group`` (``Band``, ``Function``, ``Registration``,
            ``Service``, ``Registered against target``), ``category``, ``wte``, ``headcount``,
            ``wte_share``, and for bands ``cost_per_wte`` and ``annual_cost`` (£ a year). Categories
            with no WTE and no one are left out. The last two rows are the registered WTE and share in
            the team and in the target mix.
        """
        share = self.share
        target_rows = pd.DataFrame(
            {
                "group": "Registered against target",
                "category": ["Registered staff in the team", "Target mix"],
                "wte": [_num(share["registered_wte"]), _num(share["target_registered_wte"])],
                "headcount": pd.array([None, None], dtype="Int64"),
                "wte_share": [_num(share["share"]), float(share["target_share"])],
            }
        )
        return pd.concat(
            [
                _mix_rows("Band", self.by_band, self.cost),
                _mix_rows("Function", self.by_function),
                _mix_rows("Registration", self.by_registration),
                _mix_rows("Service", self.by_service),
                target_rows,
            ],
            ignore_index=True,
        )

    def bars(self) -> go.Figure:
        """Stacked WTE by band and function."""
        return charts_skillmix.wte_stacked_bars(self.grid)

    def share_chart(self) -> go.Figure:
        """Registered share against the target."""
        return charts_skillmix.registered_share_chart(self.share)


def _by_service(staff: pd.DataFrame) -> pd.DataFrame:
    """WTE and headcount by service, in the order services first appear."""
    if "service" not in staff.columns or staff.empty:
        return pd.DataFrame(columns=["label", "wte", "headcount", "wte_share"])
    service = staff["service"].fillna("(no service)").astype(str)
    wte = pd.to_numeric(staff["wte"], errors="coerce").fillna(0.0)
    order = list(dict.fromkeys(service))
    by = pd.DataFrame({"service": service, "wte": wte, "staff_id": staff["staff_id"].astype(str)})
    grouped = by.groupby("service", sort=False)
    out = pd.DataFrame(
        {
            "label": order,
            "wte": grouped["wte"].sum().reindex(order).to_numpy(),
            "headcount": grouped["staff_id"].nunique().reindex(order).to_numpy(),
        }
    )
    total = out["wte"].sum()
    return out.assign(wte_share=out["wte"] / total if total > 0 else 0.0)


def _mix_rows(group: str, table: pd.DataFrame, cost: pd.DataFrame | None = None) -> pd.DataFrame:
    """One group's rows of :meth:`SkillMixView.mix` (with the band's cost when ``cost`` is given)."""
    kept = table[(table["wte"] > 0) | (table["headcount"] > 0)]
    out = pd.DataFrame(
        {
            "group": group,
            "category": kept["label"].astype(str).to_numpy(),
            "wte": kept["wte"].to_numpy(dtype=float),
            "headcount": pd.array(kept["headcount"].to_numpy(dtype=int), dtype="Int64"),
            "wte_share": kept["wte_share"].to_numpy(dtype=float),
        }
    )
    if cost is not None:
        priced = cost.set_index("band").loc[kept["band"]]
        out["cost_per_wte"] = priced["cost_per_wte"].to_numpy(dtype=float)
        out["annual_cost"] = priced["annual_cost"].to_numpy(dtype=float)
    return out


def _target_text(t: skillmix.SkillMixTargets) -> str:
    """The target mix and its source, in one sentence."""
    src = t.source
    return (
        f"Target mix {t.registered:g} registered : {t.support:g} support "
        f"({100 * t.registered_share:.0f}% registered). Source: {src.get('title')} "
        f"({src.get('publisher')}, {src.get('date')}) {src.get('url') or ''}".rstrip()
    )


def supervision_basis() -> skillmix.SupervisionBasis:
    """The supervision a substitution adds, from the expansion model's default inputs (status quo).

    Hours per supporting WTE, the bands that supervise and their shares (the ``supervision`` row of the
    allocation), and the effective hours per WTE after headroom, each with its source or the word
    assumption in ``data/parameters/expansion.yaml``; the Skill mix page and the pack use the same.
    """
    scenario = load_scenario("status_quo")
    v = scenario.inputs()
    hours = scenario.parameters["supervision_hours_per_supporting_wte"]
    shares = {str(b): float(s) for b, s in v.allocation["supervision"].items() if s > 0}
    effective = hours_per_wte(v).effective
    why = hours.source_text() if not hours.is_assumption else f"assumption: {hours.assumption}"
    givers = " and ".join(f"{band_label(b).lower()} ({s:.0%})" for b, s in shares.items())
    basis = (
        f"Supervision: {hours.value:g} hours a year for each WTE of band 1 to 4 staff ({why.rstrip('.')}), "
        f"given by {givers}, priced at {effective:,.0f} working hours per WTE a year after headroom "
        "(the expansion model's defaults)."
    )
    return skillmix.SupervisionBasis(float(hours.value), effective, shares, SUPPORTING_BANDS, basis)


#: The last substitution table: it depends only on the shipped targets, framework, pay and supervision
#: basis (not on the team), so a page rerun or a pack reuses it while those are the same objects.
_SUBSTITUTIONS: dict[str, tuple[Any, Any, pd.DataFrame]] = {}


def _substitutions(
    t: skillmix.SkillMixTargets,
    bts: Any,
    point: str,
    pension: str,
    supervision: skillmix.SupervisionBasis,
) -> pd.DataFrame:
    """:func:`planner.skillmix.mix.substitution_table`, worked out once for the same inputs (a copy)."""
    key = f"{id(t)} {id(bts)} {point} {pension} {supervision!r}"
    hit = _SUBSTITUTIONS.get(key)
    if hit is None or hit[0] is not t or hit[1] is not bts:
        table = skillmix.substitution_table(t, bts, point, pension, supervision)  # type: ignore[arg-type]
        _SUBSTITUTIONS.clear()  # one entry: the shipped data is one set of objects
        hit = _SUBSTITUTIONS[key] = (t, bts, table)
    return hit[2].copy()


def _num(value: float | None) -> float:
    """A figure for a table cell; not recorded is NaN (shown blank), never 0."""
    return float("nan") if value is None else float(value)


def skill_mix_view(
    staff: pd.DataFrame, point: str = "mid", pension: str = "employer", *, infer_registration: bool = False
) -> SkillMixView:
    """Compute the Skill mix page (registration inferred from profession only when asked)."""
    t = skillmix.load_targets()
    by_band = skillmix.wte_headcount(staff, "band")
    share = skillmix.registered_share(staff, t, infer_from_profession=infer_registration)
    ratio = skillmix.supervision_ratio(staff, t, infer_from_profession=infer_registration)
    cost = skillmix.mix_cost(staff, point, pension)  # type: ignore[arg-type]
    try:
        bts = frameworks.get("bts")
    except KeyError:
        bts = None
    supervision = supervision_basis()
    subs = _substitutions(t, bts, point, pension, supervision)
    people_count = int(staff["staff_id"].nunique()) if len(staff) else 0
    return SkillMixView(
        by_band=by_band,
        by_function=skillmix.wte_headcount(staff, "function"),
        by_profession=skillmix.wte_headcount(staff, "profession"),
        by_registration=skillmix.wte_headcount(staff, "registration"),
        by_service=_by_service(staff),
        grid=skillmix.wte_by_band_function(staff),
        share=share,
        ratio=ratio,
        cost=cost,
        substitutions=subs,
        targets=t,
        people=people_count,
        captions={
            "wte": captions.wte_caption(by_band, people_count),
            "registered": captions.registered_caption(share),
            "supervision": captions.supervision_caption(ratio, share["recorded"], share["inferred"]),
            "cost": captions.cost_caption(cost, point, pension),
            "target": _target_text(t),
            **{f"sub:{r['id']}": captions.substitution_caption(r) for r in subs.to_dict("records")},
            "supervision_basis": supervision.basis,
        },
    )
