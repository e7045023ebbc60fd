"""The History screen's view-model: a team's trend over its snapshots and what changed between two of them.

Pure: the page reads the snapshots from :mod:`planner.store` (views sit below the store in the
pipeline) and hands them here; this module turns them, through :mod:`planner.history`, into the
charts, captions and tables in words that the page shows. Staff appear by name only when the team
stores names; otherwise by a short label cut from the keyed hash of their id ("Person 3f9a0c12"),
which matches the same person across snapshots and says nothing about their ESR number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from planner.captions import history as words
from planner.captions.words import long_date, pct
from planner.charts import history as charts
from planner.export.suppress import DEFAULT_THRESHOLD
from planner.history import Changes, trend, trend_by_band
from planner.vocab import band_label, function_label


@dataclass(frozen=True)
class Figured:
    """A snapshot's date and a set of figures for it (as saved, or as recomputed today)."""

    as_of: date
    figures: Mapping[str, Any]


@dataclass(frozen=True)
class HistoryView:
    """What the History page shows for one team.

    Attributes:
        team: the team's name.
        recomputed: whether the figures were worked out again under today's framework.
        basis: the sentence saying which (shown above the charts).
        trend: :func:`planner.history.trend` (one row per snapshot, oldest first).
        by_band: :func:`planner.history.trend_by_band`.
        table: the trend in words, one row per snapshot.
        charts: ``coverage``, ``wte``, ``headcount``, ``registered``, ``risks``.
        captions: one sentence per chart, same keys.
    """

    team: str
    recomputed: bool
    basis: str
    trend: pd.DataFrame
    by_band: pd.DataFrame
    table: pd.DataFrame
    charts: dict[str, go.Figure] = field(repr=False)
    captions: dict[str, str]


def _share(value: Any) -> str:
    return "not recorded" if value is None or pd.isna(value) else pct(float(value))


def trend_table(table: pd.DataFrame) -> pd.DataFrame:
    """The trend in words: one row per snapshot, the figures formatted for people."""
    return pd.DataFrame(
        {
            "Snapshot date": [long_date(d) for d in table["as_of"]],
            "People": table["people"].astype(int),
            "WTE": [f"{w:.2f}" for w in table["wte"]],
            "Verified coverage": [pct(c) for c in table["coverage"]],
            "Coverage counting self-assessed": [pct(c) for c in table["coverage_self_assessed"]],
            "Registered share of WTE": [_share(s) for s in table["registered_share"]],
            "Single points of failure": table["single_points_of_failure"].astype(int),
            "Lapsed items": table["expired"].astype(int),
            "Expiring within 90 days": table["expiring"].astype(int),
            "Framework version": [str(v) if v else "not recorded" for v in table["framework_version"]],
        }
    )


def history_view(team: str, snapshots: Iterable[Any], *, recomputed: bool = False) -> HistoryView:
    """The History page for ``team`` over ``snapshots`` (anything with ``as_of`` and ``figures``).

    Args:
        team: the team's name.
        snapshots: :class:`planner.store.SnapshotInfo` objects (as saved) or :class:`Figured` (recomputed).
        recomputed: label the figures as recomputed under today's framework.
    """
    snaps = list(snapshots)
    t = trend(snaps)
    b = trend_by_band(snaps)
    return HistoryView(
        team=team,
        recomputed=recomputed,
        basis=words.RECOMPUTED_NOTE if recomputed else words.AS_SAVED_NOTE,
        trend=t,
        by_band=b,
        table=trend_table(t),
        charts={
            "coverage": charts.coverage_trend(t),
            "wte": charts.band_trend(b, "wte"),
            "headcount": charts.band_trend(b, "headcount"),
            "registered": charts.registered_trend(t),
            "risks": charts.risks_trend(t),
        },
        captions={
            "coverage": words.coverage_trend_caption(t),
            "wte": words.band_trend_caption(b),
            "headcount": words.band_trend_caption(b),
            "registered": words.registered_trend_caption(t),
            "risks": words.risks_trend_caption(t),
        },
    )


def snapshot_label(info: Any) -> str:
    """``"1 Jun 2026, saved by ana@trust.nhs.uk on 2 Jun 2026"`` for a snapshot header."""
    saved_at = info.saved_at
    when = f" on {long_date(saved_at)}" if isinstance(saved_at, datetime | date) else ""
    return f"{long_date(info.as_of)}, saved by {info.saved_by}{when}"


def person_label(staff_id: Any, name: Any, *, names: bool) -> str:
    """A person as shown: their name when the team stores names, else "Person" and the start of their hashed id."""
    if names and isinstance(name, str) and name.strip():
        return name.strip()
    return f"Person {str(staff_id)[:8]}"


def _who(df: pd.DataFrame, names: bool) -> list[str]:
    return [person_label(i, n, names=names) for i, n in zip(df["staff_id"], df["name"], strict=True)]


def _people(df: pd.DataFrame, names: bool) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Person": _who(df, names),
            "Band": [band_label(str(b)) for b in df["band"]],
            "WTE": [f"{float(w):.2f}" for w in df["wte"]],
            "Function": [
                function_label(str(f)) if isinstance(f, str) else "not recorded" for f in df["function"]
            ],
        }
    )


def _changed(df: pd.DataFrame, names: bool) -> pd.DataFrame:
    def shown(what: str, value: Any) -> str:
        return band_label(str(value)) if what == "band" else f"{float(value):.2f}"

    return pd.DataFrame(
        {
            "Person": _who(df, names),
            "What changed": ["Band" if w == "band" else "WTE" for w in df["what"]],
            "Before": [shown(w, v) for w, v in zip(df["what"], df["before"], strict=True)],
            "After": [shown(w, v) for w, v in zip(df["what"], df["after"], strict=True)],
        }
    )


def _items(df: pd.DataFrame, names: bool, *, expiry: bool = False) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "Person": _who(df, names),
            "Competency": [
                str(t) if isinstance(t, str) and t.strip() else str(c)
                for t, c in zip(df["competency_text"], df["competency_id"], strict=True)
            ],
        }
    )
    if expiry:
        out["Expired on"] = [long_date(d) if pd.notna(d) else "not recorded" for d in df["expires_on"]]
    return out


@dataclass(frozen=True)
class ChangesView:
    """What changed between two snapshots, in words: a caption and one table per kind of change."""

    caption: str
    tables: dict[str, pd.DataFrame]


def changes_view(changes: Changes, *, names: bool) -> ChangesView:
    """The "What changed since" section from :func:`planner.history.diff`.

    Args:
        changes: the changes from the earlier snapshot to the later.
        names: the team stores names (else people are shown by their hashed label).
    """
    return ChangesView(
        caption=words.changes_caption(changes.counts(), changes.before, changes.after),
        tables={
            "Joined": _people(changes.joiners, names),
            "Left": _people(changes.leavers, names),
            "Band or WTE changed": _changed(changes.changed, names),
            "Competencies gained": _items(changes.gained, names),
            "Competencies lost": _items(changes.lost, names),
            "Competencies lapsed": _items(changes.lapsed, names, expiry=True),
        },
    )


#: The kinds of change a commissioner sees, as counts only.
_COUNTED = (
    ("joiners", "People who joined"),
    ("leavers", "People who left"),
    ("changed", "People whose band or WTE changed"),
    ("gained", "Competencies gained"),
    ("lost", "Competencies lost"),
    ("lapsed", "Competencies lapsed"),
)


def counted(count: int, threshold: int = DEFAULT_THRESHOLD) -> str:
    """A count for someone outside the team: ``0``, ``fewer than 8`` (1 to the threshold), or the count."""
    if 0 < count <= threshold:
        return f"fewer than {threshold + 1}"
    return f"{count:,}"


def aggregate_changes_view(changes: Changes, *, threshold: int = DEFAULT_THRESHOLD) -> ChangesView:
    """What changed, for a commissioner: counts only, small ones hidden, and no table of people.

    A commissioner sees a team through its region, not as a member, so no per-person change is shown;
    counts from 1 to ``threshold`` read "fewer than" (the small-number rule of
    :mod:`planner.export.suppress`, 7 by default).
    """
    counts = changes.counts()
    table = pd.DataFrame(
        {
            "What changed": [label for _k, label in _COUNTED],
            "Count": [counted(counts[k], threshold) for k, _l in _COUNTED],
        }
    )
    caption = (
        f"From {long_date(changes.before)} to {long_date(changes.after)}, in counts only: you see this team "
        f"through its region, so no one is listed, and counts from 1 to {threshold} are shown as "
        f'"fewer than {threshold + 1}".'
    )
    return ChangesView(caption=caption, tables={"What changed, in counts": table})


def members_table(members: Sequence[Any]) -> pd.DataFrame:
    """The team's members and roles in words (owners first, as the store lists them)."""
    roles = {"owner": "Owner", "member": "Member", "commissioner": "Commissioner"}
    return pd.DataFrame(
        {"Member": [m.user for m in members], "Role": [roles.get(m.role, str(m.role)) for m in members]}
    )


def retention_words(days: int | None) -> str:
    """The team's retention setting as a sentence."""
    if not days:
        return "Snapshots are kept until someone deletes them."
    return f"Snapshots dated more than {days:,} days ago are deleted, when the period is set and every day after."
