"""The framework file schema: every check a framework YAML file must pass, reported all at once.

Each problem names the file, the entry and the field (``"bts.yaml: competencies[3] (B5-01): levels: …"``).
The schema itself is described for people in ``docs/framework-schema.md``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_TOP_REQUIRED = ("id", "title", "source", "levels", "domains")
_SOURCE_REQUIRED = ("title", "publisher", "document", "version", "date")


def problems_for(path: Path, doc: Any) -> list[str]:
    """Check one parsed file against the schema; return every problem found."""
    name = path.name
    out: list[str] = []
    if not isinstance(doc, dict):
        return [f"{name}: (file): (top level): expected a mapping of fields"]
    for key in _TOP_REQUIRED:
        if key not in doc:
            out.append(f"{name}: (file): {key}: required field is missing")
    src = doc.get("source")
    if isinstance(src, dict):
        out += [f"{name}: source: {k}: required field is missing" for k in _SOURCE_REQUIRED if not src.get(k)]
    elif "source" in doc:
        out.append(f"{name}: (file): source: expected a mapping with {', '.join(_SOURCE_REQUIRED)}")

    def ids_of(section: str, key: str = "id") -> list[str]:
        items = doc.get(section) or []
        if not isinstance(items, list):
            out.append(f"{name}: (file): {section}: expected a list")
            return []
        found: list[str] = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                out.append(f"{name}: {section}[{i}]: (entry): expected a mapping")
                continue
            ident = item.get(key)
            if not isinstance(ident, str) or not _ID_RE.match(ident):
                out.append(f"{name}: {section}[{i}]: {key}: missing or not a plain identifier ({ident!r})")
                continue
            if ident in found:
                out.append(f"{name}: {section}[{i}] ({ident}): {key}: duplicate id")
            if not item.get("label"):
                out.append(f"{name}: {section}[{i}] ({ident}): label: required field is missing")
            found.append(ident)
        return found

    levels = ids_of("levels")
    domains = ids_of("domains")
    areas = ids_of("areas")
    if doc.get("derives_from"):
        mapping = doc.get("mapping")
        if not isinstance(mapping, list) or not mapping:
            out.append(f"{name}: (file): mapping: a derived framework needs a non-empty mapping list")
        else:
            seen: set[str] = set()
            for i, m in enumerate(mapping):
                cid = m.get("competency") if isinstance(m, dict) else None
                if not isinstance(cid, str):
                    out.append(f"{name}: mapping[{i}]: competency: missing")
                    continue
                if cid in seen:
                    out.append(f"{name}: mapping[{i}] ({cid}): competency: mapped twice")
                seen.add(cid)
                for lv in m.get("levels") or []:
                    if lv not in levels:
                        out.append(f"{name}: mapping[{i}] ({cid}): levels: unknown level {lv!r}")
                if not m.get("rule"):
                    out.append(f"{name}: mapping[{i}] ({cid}): rule: say which mapping rule applies")
        if not doc.get("interpretation"):
            out.append(f"{name}: (file): interpretation: a derived mapping must explain its reasoning")
        return out

    comps = doc.get("competencies")
    if not isinstance(comps, list) or not comps:
        out.append(f"{name}: (file): competencies: expected a non-empty list")
        return out
    seen_c: set[str] = set()
    for i, c in enumerate(comps):
        if not isinstance(c, dict):
            out.append(f"{name}: competencies[{i}]: (entry): expected a mapping")
            continue
        cid = c.get("id")
        where = f"{name}: competencies[{i}] ({cid})"
        if not isinstance(cid, str) or not _ID_RE.match(cid):
            out.append(f"{where}: id: missing or not a plain identifier")
        elif cid in seen_c:
            out.append(f"{where}: id: duplicate id")
        seen_c.add(str(cid))
        if not isinstance(c.get("text"), str) or not c["text"].strip():
            out.append(f"{where}: text: the source's wording is required")
        if c.get("domain") not in domains:
            out.append(f"{where}: domain: unknown domain {c.get('domain')!r}")
        if areas and c.get("area") not in areas:
            out.append(f"{where}: area: unknown area {c.get('area')!r}")
        req = c.get("required_at")
        if not isinstance(req, list) or not req:
            out.append(f"{where}: required_at: expected a non-empty list of level ids")
            req = []
        for lv in req:
            if lv not in levels:
                out.append(f"{where}: required_at: unknown level {lv!r}")
        exp = c.get("expectation") or {}
        if not isinstance(exp, dict):
            out.append(f"{where}: expectation: expected a mapping of level id to verb")
        else:
            for lv in exp:
                if lv not in req:
                    out.append(f"{where}: expectation: level {lv!r} is not in required_at")
        rm = c.get("renewal_months")
        if rm is not None and (not isinstance(rm, int) or rm <= 0):
            out.append(f"{where}: renewal_months: expected a positive whole number of months")
        skill = c.get("same_skill")
        if skill is not None and (not isinstance(skill, str) or not _ID_RE.match(skill)):
            out.append(f"{where}: same_skill: expected a plain identifier shared by the same skill")
    out += alternatives_problems(name, doc.get("alternatives"), seen_c)
    return out


def alternatives_problems(name: str, groups: Any, known: set[str]) -> list[str]:
    """Check the ``alternatives`` section: "one of" groups of two or more known competency ids.

    Each group needs an ``id``, a ``one_of`` list and an ``interpretation`` (the grouping is ours,
    not the source's, so it must say why).
    """
    if groups is None:
        return []
    if not isinstance(groups, list):
        return [f"{name}: (file): alternatives: expected a list"]
    out: list[str] = []
    used: set[str] = set()
    for i, g in enumerate(groups):
        gid = g.get("id") if isinstance(g, dict) else None
        where = f"{name}: alternatives[{i}] ({gid})"
        if not isinstance(g, dict) or not isinstance(gid, str) or not _ID_RE.match(gid):
            out.append(f"{name}: alternatives[{i}]: id: missing or not a plain identifier")
            continue
        members = g.get("one_of")
        if not isinstance(members, list) or len(members) < 2:
            out.append(f"{where}: one_of: expected a list of two or more competency ids")
            members = []
        for cid in members:
            if cid not in known:
                out.append(f"{where}: one_of: unknown competency {cid!r}")
            elif cid in used:
                out.append(f"{where}: one_of: {cid} is already in another group")
            used.add(str(cid))
        if not g.get("interpretation"):
            out.append(f"{where}: interpretation: say why these are alternatives (our interpretation)")
    return out
