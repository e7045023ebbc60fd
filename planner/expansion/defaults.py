"""The file of sourced defaults, ``data/parameters/expansion.yaml``: read, checked and cached.

Every parameter carries its label, unit, type, allowed and plausible ranges, uncertainty, and its
source or the word assumption; a file that breaks that is refused with every problem named.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from planner.expansion.parameter import STATUS_LABELS, TYPES, Parameter, ParameterError, coerce
from planner.paths import DATA_DIR, load_yaml

DEFAULTS_FILE = DATA_DIR / "parameters" / "expansion.yaml"


def _tuple(value: Any) -> tuple[Any, Any] | None:
    return None if value is None else (value[0], value[1])


def _build(name: str, spec: Mapping[str, Any], groups: Mapping[str, str]) -> Parameter:
    where = f"{DEFAULTS_FILE.name}: parameter '{name}'"
    for key in ("group", "label", "unit", "type", "status"):
        if key not in spec:
            raise ParameterError(f"{where}: missing '{key}'.", name)
    if spec["type"] not in TYPES:
        raise ParameterError(f"{where}: type {spec['type']!r} is not one of {', '.join(TYPES)}.", name)
    if spec["status"] not in STATUS_LABELS:
        raise ParameterError(f"{where}: status must be one of V, D, U, A.", name)
    if spec["group"] not in groups:
        raise ParameterError(f"{where}: group {spec['group']!r} is not listed under 'groups'.", name)
    if spec["status"] in ("U", "A") and not spec.get("assumption"):
        raise ParameterError(f"{where}: status {spec['status']} needs an 'assumption' saying why.", name)
    if spec["status"] in ("V",) and not spec.get("source"):
        raise ParameterError(f"{where}: a verified figure needs its 'source'.", name)
    p = Parameter(
        name=name,
        group=str(spec["group"]),
        label=str(spec["label"]),
        value=None,
        unit=str(spec["unit"]),
        type=str(spec["type"]),
        status=str(spec["status"]),
        source=spec.get("source"),
        assumption=spec.get("assumption"),
        note=spec.get("note"),
        allowed=_tuple(spec.get("allowed")),
        plausible=_tuple(spec.get("plausible")),
        choices=tuple(spec["choices"]) if spec.get("choices") else None,
        nullable=spec.get("value") is None,
    )
    return replace(p, value=coerce(p, spec.get("value")))


@cache
def _defaults_cached(path: Path) -> tuple[dict[str, str], dict[str, Parameter]]:
    data = load_yaml(path.read_text(encoding="utf-8"))
    groups = dict(data.get("groups") or {})
    params = {name: _build(name, spec, groups) for name, spec in (data.get("parameters") or {}).items()}
    return groups, params


def load_defaults(path: Path | None = None) -> dict[str, Parameter]:
    """The validated defaults, name → :class:`Parameter`, in file order (grouped as the model is)."""
    return dict(_defaults_cached(Path(path or DEFAULTS_FILE))[1])


def groups(path: Path | None = None) -> dict[str, str]:
    """Parameter group id → heading, in model order (demand, programme, staffing, ...)."""
    return dict(_defaults_cached(Path(path or DEFAULTS_FILE))[0])
