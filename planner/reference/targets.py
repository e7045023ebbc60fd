"""The target skill mix and the substitutions to compare, from ``data/targets/skill_mix.yaml``, validated.

Default: the national expansion split of 600 registered to 400 support posts (Taskforce for Lung
Health 2018 via the CSP), editable, each figure with its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from planner.paths import DATA_DIR, load_yaml
from planner.reference.errors import ReferenceDataError
from planner.vocab import BANDS, REGISTRATION_KINDS

TARGETS_FILE = DATA_DIR / "targets" / "skill_mix.yaml"


@dataclass(frozen=True)
class SkillMixTargets:
    """The target mix and substitutions, validated.

    Attributes:
        registered: registered posts in the target split (600).
        support: support posts in the target split (400).
        registered_kinds: registration kinds that count as registered.
        substitutions: each ``{id, label, give, take, status, quote, source}``.
        source: where the split comes from.
        note: caveats shown with the comparison.
    """

    registered: float
    support: float
    registered_kinds: tuple[str, ...] = ("statutory", "accredited")
    substitutions: tuple[dict[str, Any], ...] = ()
    source: dict[str, Any] = field(default_factory=dict)
    note: str = ""

    @property
    def registered_share(self) -> float:
        """Registered ÷ (registered + support), e.g. 0.6."""
        total = self.registered + self.support
        return self.registered / total if total else 0.0


@cache
def _read(path: Path) -> dict[str, Any]:
    return load_yaml(path.read_text(encoding="utf-8")) or {}


def load_targets(path: Path | None = None, **overrides: Any) -> SkillMixTargets:
    """Load and validate the targets file; keyword overrides replace fields (tests, the page's inputs).

    Raises:
        ReferenceDataError: listing every field that is missing or wrong.
    """
    doc = _read(Path(path) if path else TARGETS_FILE)
    mix = doc.get("target_mix") or {}
    problems = []
    for key in ("registered", "support"):
        if not isinstance(mix.get(key), int | float) or mix.get(key) < 0:
            problems.append(f"target_mix.{key}: expected a number ≥ 0")
    if not mix.get("source"):
        problems.append("target_mix.source: every target needs its source")
    kinds = tuple(doc.get("registered_kinds") or ("statutory", "accredited"))
    problems += [f"registered_kinds: unknown kind {k!r}" for k in kinds if k not in REGISTRATION_KINDS]
    subs = []
    for i, s in enumerate(doc.get("substitutions") or []):
        for part in ("give", "take"):
            bands = {str(b): v for b, v in (s.get(part) or {}).items()}
            if not bands or any(b not in BANDS or not isinstance(v, int | float) for b, v in bands.items()):
                problems.append(f"substitutions[{i}].{part}: expected bands mapped to WTE")
        if not s.get("source"):
            problems.append(f"substitutions[{i}].source: required (or say 'assumption')")
        subs.append({**s, "give": {str(b): float(v) for b, v in (s.get("give") or {}).items()},
                     "take": {str(b): float(v) for b, v in (s.get("take") or {}).items()}})  # fmt: skip
    if problems:
        raise ReferenceDataError("Skill-mix targets", problems)
    targets = SkillMixTargets(
        registered=float(mix["registered"]),
        support=float(mix["support"]),
        registered_kinds=kinds,
        substitutions=tuple(subs),
        source=dict(mix.get("source") or {}),
        note=" ".join(str(mix.get("note", "")).split()),
    )
    return replace(targets, **overrides) if overrides else targets
