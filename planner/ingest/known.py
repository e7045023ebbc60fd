"""Look headers and cells up in the competency catalogue the ingest was given.

The catalogue (:class:`planner.reference.catalogue.CompetencyCatalogue`) is passed in by the caller;
this module only keys it the way the ingest compares headers (case, spaces and punctuation ignored),
once per catalogue.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from planner.ingest.columns import header_key
from planner.ingest.normalise import cell_text
from planner.reference.catalogue import CompetencyCatalogue


@cache
def competency_lookup(catalogue: CompetencyCatalogue) -> dict[str, tuple[str, str]]:
    """Catalogue competencies by id (case-folded) and by statement key → ``(id, text)``.

    Statements shared by several ids (the same words at several bands) are left out: only the id can
    say which one is meant.
    """
    found: dict[str, tuple[str, str]] = {}
    ambiguous: set[str] = set()
    for cid, text in catalogue.competencies:
        found.setdefault(cid.casefold(), (cid, text))
        key = "text:" + header_key(text)
        if key in found and found[key][0] != cid:
            ambiguous.add(key)
        found.setdefault(key, (cid, text))
    return {k: v for k, v in found.items() if k not in ambiguous}


def match_competency(text: Any, catalogue: CompetencyCatalogue) -> tuple[str, str] | None:
    """A header or reference naming a catalogue competency, as ``(id, statement)``.

    Matched by id (any case), by the exact statement, or by the one statement that begins with these
    words (``Basic life support`` → ``XC-01``); statements shared by several ids match none.
    """
    lookup = competency_lookup(catalogue)
    raw = cell_text(text)
    if raw is None:
        return None
    key = header_key(raw)
    found = lookup.get(raw.casefold()) or lookup.get("text:" + key)
    if found or len(key.split()) < 2:
        return found
    starts = {v for k, v in lookup.items() if k.startswith("text:" + key + " ")}
    return starts.pop() if len(starts) == 1 else None


@cache
def level_lookup(catalogue: CompetencyCatalogue, basis: str) -> dict[str, str]:
    """Level ids by header key of their id and label, for one basis (empty when the catalogue has none)."""
    found: dict[str, str] = {}
    for level_basis, lid, label in catalogue.levels:
        if level_basis == basis:
            found[header_key(lid)] = lid
            found[header_key(label)] = lid
    return found
