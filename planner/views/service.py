"""The session's service type: which one the pages use, its words, its sample and its framework.

The Team page's "Service type" choice wins; "from the roster" takes the roster's Service type column
(:func:`planner.ingest.service_type.team_type`). Pages ask here, so they all speak the same type.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.ingest.service_type import team_type
from planner.paths import SAMPLES_DIR
from planner.reference import service_types
from planner.views.session import Keys
from planner.vocab import SERVICE_TYPES, service_type_label

#: The Team page's choices: the roster's own type, or one of the types.
FROM_ROSTER = "roster"
CHOICES: tuple[str, ...] = (FROM_ROSTER, *SERVICE_TYPES)
CHOICE_KEY = Keys.SERVICE_TYPE


def choice_label(choice: str) -> str:
    """A choice in words: ``"roster"`` → ``"As the roster says"``; a type → its label."""
    return "As the roster says" if choice == FROM_ROSTER else service_type_label(choice)


def chosen(state: Mapping[str, Any]) -> str | None:
    """The type the user chose on the Team page (None: as the roster says)."""
    value = state.get(CHOICE_KEY)
    return None if value in (None, FROM_ROSTER) else str(value)


def session_type(state: Mapping[str, Any]) -> tuple[str, str]:
    """The type every page uses and how it was decided, in words."""
    roster = state.get(Keys.ROSTER)
    staff = roster.staff if roster is not None else None
    if staff is None:
        return chosen(state) or "pr", "no roster yet"
    return team_type(staff, chosen(state))


def sample_for(type_id: str) -> tuple[bytes, str]:
    """The committed sample team of a type and its file name."""
    path = SAMPLES_DIR / service_types.get(type_id).sample
    return path.read_bytes(), path.name


def banner(type_id: str, how: str) -> str:
    """One sentence the Team page shows: the team's type, how it was decided and how it is judged."""
    w = service_types.words(type_id)
    return f"**{w['label']}** ({how}). A {w['team']}: staff are {w['frame']}. {w['costs']}."


def framework_for(type_id: str) -> str:
    """The framework id a type's team is judged against."""
    return service_types.get(type_id).framework
