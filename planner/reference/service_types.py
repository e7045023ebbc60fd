"""Service types: pulmonary rehabilitation, clinical homecare and primary care (PCN).

A team's type picks its framework, the roster column its levels come from, its sample and template,
and the words every page, the Guide and the pack use for it (``data/service_types.yaml``). The ids
and their labels live in :mod:`planner.vocab` so that the ingest can read a "Service type" cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from planner.paths import DATA_DIR, load_yaml
from planner.reference.errors import ReferenceDataError
from planner.vocab import SERVICE_TYPES

SERVICE_TYPES_FILE = DATA_DIR / "service_types.yaml"
_WORDS = ("team", "levels", "level", "frame", "pack_title", "pack_headline", "costs", "ask")
_BASES = ("band", "career_level", "role")
_COSTS = ("afc", "actual_pay", "arrs")


@dataclass(frozen=True)
class ServiceType:
    """One service type as ``data/service_types.yaml`` writes it.

    Attributes:
        id: ``pr``, ``homecare`` or ``pcn``.
        label: the type in words ("Clinical homecare").
        framework: the framework id its team is judged against.
        level_basis: the roster column its levels come from (``band``, ``career_level``, ``role``).
        sample: the committed sample workbook's file name (``data/samples``).
        template: the blank template's file name (``data/templates``).
        cost_basis: ``afc`` (pay points), ``actual_pay`` (roster pay, AfC as a labelled fallback)
            or ``arrs`` (roster pay with on-costs, against the ARRS maximums).
        cross_cutting: whether the PR cross-cutting requirements and the team rules for supervised
            exercise classes (``data/frameworks/cross_cutting.yaml``) apply to the type's team.
        words: the type's words (``team``, ``levels``, ``level``, ``frame``, ``pack_title``,
            ``pack_headline``, ``costs``, ``ask``).
    """

    id: str
    label: str
    framework: str
    level_basis: str
    sample: str
    template: str
    cost_basis: str
    words: dict[str, str] = field(default_factory=dict)
    cross_cutting: bool = True


def parse_service_types(doc: dict, path: Path = SERVICE_TYPES_FILE) -> dict[str, ServiceType]:
    """Validate the parsed file; every problem is listed at once.

    Raises:
        ReferenceDataError: a type is missing, or a field or word is missing or unknown.
    """
    problems: list[str] = []
    types = (doc or {}).get("types") or {}
    out: dict[str, ServiceType] = {}
    for type_id in SERVICE_TYPES:
        raw = types.get(type_id)
        if not isinstance(raw, dict):
            problems.append(f"types.{type_id}: missing")
            continue
        words = raw.get("words") or {}
        problems += [f"types.{type_id}.words.{w}: missing" for w in _WORDS if not words.get(w)]
        if raw.get("level_basis") not in _BASES:
            problems.append(f"types.{type_id}.level_basis: expected one of {', '.join(_BASES)}")
        if not isinstance(raw.get("cross_cutting", True), bool):
            problems.append(f"types.{type_id}.cross_cutting: expected true or false")
        if raw.get("cost_basis") not in _COSTS:
            problems.append(f"types.{type_id}.cost_basis: expected one of {', '.join(_COSTS)}")
        missing = [k for k in ("label", "framework", "sample", "template") if not raw.get(k)]
        problems += [f"types.{type_id}.{k}: missing" for k in missing]
        if not missing:
            out[type_id] = ServiceType(
                type_id,
                str(raw["label"]),
                str(raw["framework"]),
                str(raw.get("level_basis")),
                str(raw["sample"]),
                str(raw["template"]),
                str(raw.get("cost_basis")),
                {str(k): str(v) for k, v in words.items()},
                raw.get("cross_cutting", True) is not False,
            )
    problems += [f"types.{k}: not a known service type" for k in types if k not in SERVICE_TYPES]
    if problems:
        raise ReferenceDataError(f"Service types data ({path.name})", problems)
    return out


@cache
def load_service_types(path: Path = SERVICE_TYPES_FILE) -> dict[str, ServiceType]:
    """The validated service types (cached)."""
    with path.open(encoding="utf-8") as fh:
        return parse_service_types(load_yaml(fh), path)


def get(type_id: str) -> ServiceType:
    """One service type by id (``pr``, ``homecare``, ``pcn``).

    Raises:
        KeyError: with the known ids in words.
    """
    types = load_service_types()
    if type_id not in types:
        raise KeyError(f"Service type {type_id!r} is not known; choose one of {', '.join(types)}.")
    return types[type_id]


def words(type_id: str) -> dict[str, str]:
    """The words of a type (its label added as ``label``)."""
    st = get(type_id)
    return {"label": st.label, **st.words}


def cross_cutting_applies(framework_id: str) -> bool:
    """Whether the PR cross-cutting requirements and class team rules apply to a team judged on a framework.

    False for the framework of a type whose ``cross_cutting`` is false (homecare, PCN); true for the
    others (the PR frameworks, and any framework no type names).
    """
    return not any(
        st.framework == framework_id and not st.cross_cutting for st in load_service_types().values()
    )
