"""Staff ids as a keyed hash: the same person matches across snapshots, the raw id is never stored.

HMAC-SHA256 with the deployment's secret (:func:`planner.store.url.find_id_key`). Without the key, a
stored value cannot be turned back into an ESR number, nor checked against a guessed one.
"""

from __future__ import annotations

import hashlib
import hmac


def hash_id(raw: str, key: bytes) -> str:
    """The keyed hash (64 hex characters) of one staff id, ignoring surrounding spaces and case."""
    return hmac.new(key, str(raw).strip().upper().encode("utf-8"), hashlib.sha256).hexdigest()


#: The fixed text whose keyed hash is stored in the database to recognise the key it was written with.
KEY_CHECK_TEXT = "skill-mix-planner staff-id key check"


def key_check(key: bytes) -> str:
    """The check value of a key: the HMAC of :data:`KEY_CHECK_TEXT`; it cannot be turned back into the key."""
    return hmac.new(key, KEY_CHECK_TEXT.encode("utf-8"), hashlib.sha256).hexdigest()
