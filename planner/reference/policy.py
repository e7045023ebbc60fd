"""The skill-mix policy: which bands, in which London function, may carry each PR activity.

This module owns ``data/skill_mix_policy.yaml``: it loads the file, checks every activity, rule, band,
function and source, and reports every problem in the file at once (:class:`~planner.reference.errors.ReferenceDataError` lists them
all), so a policy author fixes the file in one pass. The expansion model
(:mod:`planner.expansion.capacity`) and the ``allocation`` parameter's checks use the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from planner.paths import DATA_DIR, load_yaml
from planner.reference.errors import ReferenceDataError
from planner.vocab import BANDS, FUNCTIONS, band_key

POLICY_FILE = DATA_DIR / "skill_mix_policy.yaml"
#: Activities driven by patient numbers, then the two derived ones (supervision and leadership).
DIRECT_ACTIVITIES: tuple[str, ...] = (
    "class_lead",
    "class_support",
    "education",
    "assessment_clinical",
    "assessment_measures",
    "admin",
)
ACTIVITIES: tuple[str, ...] = (*DIRECT_ACTIVITIES, "supervision", "leadership")


@dataclass(frozen=True)
class Rule:
    """Bands that may carry an activity, the function they do it in, and the source's words."""

    bands: tuple[str, ...]
    function: str
    source: str
    evidence: str


@dataclass(frozen=True)
class Activity:
    """One PR activity in the policy."""

    name: str
    label: str
    driver: str
    registered: bool
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Policy:
    """Which bands and functions may do each activity (``data/skill_mix_policy.yaml``)."""

    activities: dict[str, Activity]
    sources: dict[str, dict[str, Any]]

    def allowed_bands(self, activity: str) -> list[str]:
        """Bands allowed to carry ``activity``, in AfC order."""
        bands = {b for rule in self.activities[activity].rules for b in rule.bands}
        return [b for b in BANDS if b in bands]

    def function_of(self, activity: str, band: str) -> str:
        """The London function a band works in when doing ``activity``.

        Raises:
            ValueError: the policy does not let ``band`` do ``activity``.
        """
        for rule in self.activities[activity].rules:
            if band in rule.bands:
                return rule.function
        raise ValueError(f"Band {band} may not do {activity!r} under the skill-mix policy.")

    def to_frame(self) -> pd.DataFrame:
        """One row per rule: activity, label, bands, function, registered, source and evidence."""
        rows = [
            {
                "activity": a.name,
                "label": a.label,
                "bands": ", ".join(r.bands),
                "function": r.function,
                "registered": a.registered,
                "source": self.sources.get(r.source, {}).get("document", r.source),
                "evidence": r.evidence,
            }
            for a in self.activities.values()
            for r in a.rules
        ]
        return pd.DataFrame(rows)


def _rules(
    where: str, spec: Mapping[str, Any], sources: Mapping[str, Any], problems: list[str]
) -> tuple[Rule, ...]:
    """The activity's rules; every fault is appended to ``problems`` and the faulty rule skipped."""
    rules: list[Rule] = []
    seen: set[str] = set()
    raw_rules = spec.get("rules") or []
    if not isinstance(raw_rules, list) or not raw_rules:
        problems.append(f"{where}: no rules; list the bands that may do this activity.")
        return ()
    for number, rule in enumerate(raw_rules, start=1):
        at = f"{where}, rule {number}"
        if not isinstance(rule, Mapping):
            problems.append(f"{at}: expected bands, function, source and evidence.")
            continue
        before = len(problems)
        bands = tuple(band_key(b) for b in rule.get("bands") or [])
        bad = [b for b in bands if b not in BANDS]
        if bad or not bands:
            problems.append(f"{at}: bands {bad or '[]'} are not AfC bands ({', '.join(BANDS)}).")
        if rule.get("function") not in FUNCTIONS:
            problems.append(f"{at}: function {rule.get('function')!r} is not one of {', '.join(FUNCTIONS)}.")
        if rule.get("source") not in sources:
            problems.append(f"{at}: source {rule.get('source')!r} is not listed under sources.")
        twice = sorted(seen & set(bands))
        if twice:
            problems.append(f"{at}: band(s) {', '.join(twice)} already appear in an earlier rule.")
        seen |= set(bands)
        if len(problems) == before:
            rules.append(
                Rule(bands, str(rule["function"]), str(rule["source"]), str(rule.get("evidence", "")))
            )
    return tuple(rules)


@cache
def load_policy(path: Path | None = None) -> Policy:
    """Load and validate the skill-mix policy (cached).

    Every activity and rule is checked before anything is raised, so the error lists all the problems.

    Raises:
        ReferenceDataError: missing activities, unknown bands or functions, rules without a listed source, or a
            band in two rules of one activity; the error's ``problems`` lists every one found.
    """
    path = Path(path or POLICY_FILE)
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    problems: list[str] = []
    sources = dict(data.get("sources") or {})
    activities: dict[str, Activity] = {}
    for name, spec in (data.get("activities") or {}).items():
        where = f"{path.name}: {name}"
        if name not in ACTIVITIES:
            problems.append(f"{where}: not an activity of the model ({', '.join(ACTIVITIES)}).")
            continue
        if not isinstance(spec, Mapping):
            problems.append(f"{where}: expected label, driver, registered and rules.")
            continue
        activities[name] = Activity(
            name,
            str(spec.get("label", name)),
            str(spec.get("driver", "")),
            bool(spec.get("registered")),
            _rules(where, spec, sources, problems),
        )
    missing = [a for a in ACTIVITIES if a not in activities and a not in (data.get("activities") or {})]
    if missing:
        problems.append(f"{path.name}: activities missing: {', '.join(missing)}.")
    if problems:
        raise ReferenceDataError("Skill-mix policy", problems)
    return Policy({a: activities[a] for a in ACTIVITIES}, sources)
