"""The competency catalogue the ingest reads rosters against: statement ids, statements and named levels.

The ingest recognises a column headed ``XC-01`` or ``Basic life support`` as a competency, and a
career level or role cell as a framework level, only by knowing the frameworks. It is given that
knowledge as one small frozen :class:`CompetencyCatalogue`, built here from the loaded frameworks by
the caller (the dashboard's session, the CLI), so a broken framework file raises its own
:class:`~planner.reference.errors.ReferenceDataError` at load time instead of silently switching off
competency recognition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from planner.reference.frameworks import Framework, load_all

#: Level bases whose level names a roster may write in a column (career level, role).
NAMED_LEVEL_BASES: tuple[str, ...] = ("career_level", "role")


@dataclass(frozen=True)
class CompetencyCatalogue:
    """What the ingest needs to know of the frameworks, as plain values.

    Attributes:
        competencies: ``(competency_id, statement)`` for every competency, frameworks in load order.
        levels: ``(level_basis, level_id, label)`` for every level of a framework whose levels are
            career levels or roles (the levels a roster names in a column).
    """

    competencies: tuple[tuple[str, str], ...] = ()
    levels: tuple[tuple[str, str, str], ...] = ()

    def level_ids(self, basis: str) -> tuple[str, ...]:
        """The level ids of one basis (``career_level`` or ``role``), in catalogue order."""
        return tuple(dict.fromkeys(lid for b, lid, _ in self.levels if b == basis))


#: A catalogue that knows no framework: competency columns are then found only by their id shape
#: and yes/no values, and level cells are kept as written.
EMPTY_CATALOGUE = CompetencyCatalogue()


def competency_catalogue(frameworks: Mapping[str, Framework]) -> CompetencyCatalogue:
    """Build the catalogue from loaded frameworks.

    Args:
        frameworks: frameworks by id, e.g. :func:`planner.reference.frameworks.load_all`.

    Returns:
        The :class:`CompetencyCatalogue` of their competencies and named levels.
    """
    competencies: list[tuple[str, str]] = []
    levels: list[tuple[str, str, str]] = []
    for fw in frameworks.values():
        competencies += [
            (str(cid), str(text))
            for cid, text in zip(fw.competencies["competency_id"], fw.competencies["text"], strict=True)
        ]
        if fw.level_basis in NAMED_LEVEL_BASES:
            levels += [
                (fw.level_basis, str(lid), str(label))
                for lid, label in zip(fw.levels["level_id"], fw.levels["label"], strict=True)
            ]
    return CompetencyCatalogue(competencies=tuple(competencies), levels=tuple(levels))


@cache
def load_catalogue() -> CompetencyCatalogue:
    """The catalogue of every framework shipped in ``data/frameworks`` (cached for the process).

    Raises:
        ReferenceDataError: a framework file is missing a field or is malformed (names every problem).
    """
    return competency_catalogue(load_all())
