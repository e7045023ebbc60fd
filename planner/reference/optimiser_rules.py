"""The least-cost skill mix's rules and settings (``data/skillmix_optimiser.yaml``), loaded and checked.

Every rule has a name, a label in words for people, a kind (a source's rule, our interpretation, a
policy or an assumption), the reason it rests on, and where its limit comes from: a scenario parameter
(``parameter:``), a setting of the file (``setting:``), or none. Every setting carries a value, a kind
and a reason. All problems in the file are reported at once in one
:class:`~planner.reference.errors.ReferenceDataError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from planner.paths import DATA_DIR, load_yaml
from planner.reference.errors import ReferenceDataError

RULES_FILE = DATA_DIR / "skillmix_optimiser.yaml"
KINDS: dict[str, str] = {
    "source": "a source's rule",
    "interpretation": "our interpretation",
    "policy": "a policy",
    "assumption": "assumption",
}
#: The rules the optimiser knows, in the order it shows them.
RULE_NAMES: tuple[str, ...] = (
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
SETTING_NAMES: tuple[str, ...] = (
    "target_registered_share",
    "leadership_band",
    "post_step",
    "time_limit_seconds",
)


@dataclass(frozen=True)
class RuleSpec:
    """One rule: name, label, kind, reason, and the parameter or setting that holds its limit."""

    name: str
    label: str
    kind: str
    reason: str
    parameter: str | None = None
    setting: str | None = None
    source: str | None = None

    @property
    def kind_words(self) -> str:
        """The kind in words: "assumption", "our interpretation", "a policy", "a source's rule"."""
        return KINDS[self.kind]


@dataclass(frozen=True)
class Setting:
    """One setting: its default value, label, kind, reason and allowed range or choices."""

    name: str
    label: str
    value: Any
    kind: str
    reason: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class OptimiserRules:
    """The rules and settings of ``data/skillmix_optimiser.yaml``."""

    rules: dict[str, RuleSpec]
    settings: dict[str, Setting]
    sources: dict[str, dict[str, Any]]

    def defaults(self) -> dict[str, Any]:
        """Setting name → default value."""
        return {n: s.value for n, s in self.settings.items()}


def _setting(name: str, spec: Any, where: str, problems: list[str]) -> Setting | None:
    if not isinstance(spec, Mapping) or "value" not in spec:
        problems.append(f"{where}: expected label, value, kind and reason.")
        return None
    kind = spec.get("kind")
    if kind not in KINDS:
        problems.append(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}.")
    if not str(spec.get("reason") or "").strip():
        problems.append(f"{where}: no reason given.")
    low, high = spec.get("minimum"), spec.get("maximum")
    value = spec["value"]
    if low is not None and not (float(low) <= float(value) <= float(high)):
        problems.append(f"{where}: value {value} is outside {low} to {high}.")
    choices = tuple(str(c) for c in spec.get("choices") or ())
    if choices and str(value) not in choices:
        problems.append(f"{where}: value {value!r} is not one of {', '.join(choices)}.")
    return Setting(
        name,
        str(spec.get("label", name)),
        value,
        str(kind),
        str(spec.get("reason", "")).strip(),
        None if low is None else float(low),
        None if high is None else float(high),
        choices,
    )


def _rule(
    name: str, spec: Any, where: str, settings: Mapping[str, Any], sources: Mapping[str, Any]
) -> tuple[RuleSpec | None, list[str]]:
    problems: list[str] = []
    if not isinstance(spec, Mapping):
        return None, [f"{where}: expected label, kind and reason."]
    if spec.get("kind") not in KINDS:
        problems.append(f"{where}: kind {spec.get('kind')!r} is not one of {', '.join(KINDS)}.")
    if not str(spec.get("reason") or "").strip():
        problems.append(f"{where}: no reason given.")
    if spec.get("setting") is not None and spec["setting"] not in settings:
        problems.append(f"{where}: setting {spec['setting']!r} is not listed under settings.")
    if spec.get("source") is not None and spec["source"] not in sources:
        problems.append(f"{where}: source {spec['source']!r} is not listed under sources.")
    rule = RuleSpec(
        name,
        str(spec.get("label", name)),
        str(spec.get("kind")),
        str(spec.get("reason", "")).strip(),
        spec.get("parameter"),
        spec.get("setting"),
        spec.get("source"),
    )
    return (None if problems else rule), problems


@cache
def load_optimiser_rules(path: Path | None = None) -> OptimiserRules:
    """Load and validate the optimiser's rules and settings (cached).

    Raises:
        ReferenceDataError: a rule or setting missing, unknown, without a kind or a reason, a default
            out of its range, or a source not listed; ``problems`` lists every one found.
    """
    path = Path(path or RULES_FILE)
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    problems: list[str] = []
    sources = dict(data.get("sources") or {})
    raw_settings = data.get("settings") or {}
    settings: dict[str, Setting] = {}
    for name in SETTING_NAMES:
        if name not in raw_settings:
            problems.append(f"{path.name}: setting {name} missing.")
            continue
        setting = _setting(name, raw_settings[name], f"{path.name}: settings: {name}", problems)
        if setting is not None:
            settings[name] = setting
    raw_rules = data.get("rules") or {}
    rules: dict[str, RuleSpec] = {}
    for name in raw_rules:
        if name not in RULE_NAMES:
            problems.append(
                f"{path.name}: rules: {name}: not a rule of the optimiser ({', '.join(RULE_NAMES)})."
            )
    for name in RULE_NAMES:
        if name not in raw_rules:
            problems.append(f"{path.name}: rule {name} missing.")
            continue
        rule, found = _rule(name, raw_rules[name], f"{path.name}: rules: {name}", raw_settings, sources)
        problems += found
        if rule is not None:
            rules[name] = rule
    if problems:
        raise ReferenceDataError("Skill-mix optimiser rules", problems)
    return OptimiserRules(rules, settings, sources)
