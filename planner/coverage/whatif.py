"""What-if changes to a team: a leaver, a move to another band or function, a new post.

A what-if is a list of :class:`Change` objects applied to copies of the roster's staff and
competency tables by :func:`apply_changes`; the uploaded data is never touched. The same changes
come from the Coverage page's what-if section and from the CLI's ``--without``, ``--move`` and
``--add`` options (:func:`parse_change` reads their text). A bad change raises :class:`WhatIfError`
with a sentence a user can act on.

A new post holds no competency records, so everything asked of it is missing until someone is
appointed and assessed; a moved person keeps their records and is judged at the new post's level.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planner.ingest.normalise import parse_band, parse_function, parse_wte
from planner.vocab import band_label, function_label

#: The kinds of change, in the order a what-if applies them.
KINDS: tuple[str, ...] = ("remove", "move", "add")
#: Staff ids given to new posts: ``NEW-1``, ``NEW-2``, …
NEW_POST_PREFIX = "NEW-"
_KEYS = {"band", "function", "wte"}


class WhatIfError(ValueError):
    """A what-if change that cannot be applied (unknown person, band, function or WTE)."""


@dataclass(frozen=True)
class Change:
    """One what-if change.

    Attributes:
        kind: ``remove`` (a leaver), ``move`` (to another band and/or function) or ``add`` (a post).
        staff_id: the person removed or moved; ``None`` for a new post.
        band: the new band (move, add), one of :data:`planner.vocab.BANDS`.
        function: the new London PR function (move, add), one of :data:`planner.vocab.FUNCTIONS`.
        wte: the new post's whole-time equivalent (add).
    """

    kind: str
    staff_id: str | None = None
    band: str | None = None
    function: str | None = None
    wte: float | None = None

    def describe(self) -> str:
        """The change in words: ``"SYN10004 leaves"``, ``"New post: Band 5, Delivering PR, 1.0 WTE"``."""
        parts = []
        if self.band:
            parts.append(band_label(self.band))
        if self.function:
            parts.append(function_label(self.function))
        if self.kind == "remove":
            return f"{self.staff_id} leaves"
        if self.kind == "move":
            return f"{self.staff_id} moves to {', '.join(parts)}"
        return f"New post: {', '.join(parts)}, {self.wte:.2f} WTE"


def _fields(text: str, where: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = item.partition("=")
        key = key.strip().casefold()
        if not sep or key not in _KEYS:
            raise WhatIfError(
                f"{where}: '{item}' is not understood. Write key=value pairs with the keys band, "
                "function and wte, for example band=5,function=delivering,wte=1.0."
            )
        out[key] = value.strip()
    return out


def _band(value: str | None, where: str) -> str | None:
    if value is None:
        return None
    band, problem = parse_band(value)
    if problem is not None or band is None:
        raise WhatIfError(f"{where}: band '{value}' is not an Agenda for Change band (1 to 9, 8a to 8d).")
    return band


def _function(value: str | None, where: str) -> str | None:
    if value is None:
        return None
    fn, problem = parse_function(value)
    if problem is not None or fn is None:
        raise WhatIfError(
            f"{where}: function '{value}' is not one of supporting, delivering, leading, "
            "delivering and managing."
        )
    return fn


def make_change(
    kind: str,
    staff_id: str | None = None,
    *,
    band: str | None = None,
    function: str | None = None,
    wte: str | float | None = None,
) -> Change:
    """A checked :class:`Change` from a user's values (band and function as people write them).

    Raises:
        WhatIfError: an unknown kind, a missing staff id, an unreadable band, function or WTE, a move
            with nothing to change, or a new post without band, function or WTE.
    """
    where = {"remove": "Leaver", "move": "Move", "add": "New post"}.get(kind)
    if where is None:
        raise WhatIfError(f"Unknown what-if change '{kind}'; use remove, move or add.")
    if kind in ("remove", "move") and not str(staff_id or "").strip():
        raise WhatIfError(f"{where}: give the staff ID of the person.")
    sid = str(staff_id).strip() if staff_id is not None else None
    b, f = _band(band, where), _function(function, where)
    if kind == "remove":
        return Change("remove", sid)
    if kind == "move":
        if b is None and f is None:
            raise WhatIfError(f"Move of {sid}: give a new band, a new function or both (e.g. {sid}:band=6).")
        return Change("move", sid, band=b, function=f)
    if b is None or f is None or wte is None or str(wte).strip() == "":
        raise WhatIfError(
            "New post: give its band, function and WTE, e.g. band=5,function=delivering,wte=1.0."
        )
    w, problem = parse_wte(wte)
    if problem is not None or w is None:
        raise WhatIfError(f"New post: WTE '{wte}' is not a number above 0 and at most 1.5.")
    return Change("add", None, band=b, function=f, wte=w)


def parse_change(kind: str, text: str) -> Change:
    """A change from the CLI's text.

    ``--without ID`` → ``parse_change("remove", "ID")``; ``--move "ID:band=6,function=leading"``;
    ``--add "band=5,function=delivering,wte=1.0"``.

    Raises:
        WhatIfError: the text cannot be read (the message says how to write it).
    """
    text = str(text).strip()
    if kind == "remove":
        return make_change("remove", text)
    if kind == "move":
        sid, sep, rest = text.partition(":")
        if not sep:
            raise WhatIfError(
                f"Move '{text}': write the staff ID, a colon and the change, e.g. SYN10004:band=6."
            )
        fields = _fields(rest, f"Move of {sid.strip()}")
        if "wte" in fields:
            raise WhatIfError(f"Move of {sid.strip()}: a move changes band or function, not WTE.")
        return make_change("move", sid, band=fields.get("band"), function=fields.get("function"))
    fields = _fields(text, "New post")
    return make_change("add", band=fields.get("band"), function=fields.get("function"), wte=fields.get("wte"))


def apply_changes(
    staff: pd.DataFrame, competencies: pd.DataFrame, changes: list[Change]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The team after the changes, as new tables; the inputs are left as they were.

    Changes are applied in order. A person removed is dropped with all their posts and records; a
    person moved has every post set to the new band and/or function; a new post gets the staff id
    ``NEW-n``, no name, no registration recorded and no competency records.

    Raises:
        WhatIfError: a change names a staff id not in the team (or already removed).
    """
    s, c = staff.copy(), competencies.copy()
    added = 0
    for ch in changes:
        if ch.kind in ("remove", "move"):
            here = s["staff_id"].astype(str) == str(ch.staff_id)
            if not here.any():
                raise WhatIfError(f"No one with staff ID '{ch.staff_id}' is in the team.")
            if ch.kind == "remove":
                s = s[~here]
                c = c[c["staff_id"].astype(str) != str(ch.staff_id)]
                continue
            if ch.band is not None:
                s.loc[here, "band"] = ch.band
            if ch.function is not None:
                s.loc[here, "function"] = ch.function
            continue
        added += 1
        row = {col: pd.NA for col in s.columns}
        row.update(
            staff_id=f"{NEW_POST_PREFIX}{added}",
            band=ch.band,
            function=ch.function,
            wte=float(ch.wte or 0.0),
        )
        if "service" in s.columns and len(s):
            row["service"] = s["service"].iloc[0]
        s = pd.concat([s, pd.DataFrame([row]).astype(s.dtypes.to_dict(), errors="ignore")], ignore_index=True)
    return s.reset_index(drop=True), c.reset_index(drop=True)
