"""Who is using the dashboard: whether sign-in is configured, the signed-in identity, and which teams they may open.

Sign-in is Streamlit's built-in OpenID Connect (``st.login``), configured by an ``[auth]`` section in
the deployment's ``secrets.toml``. Without one the dashboard is single-user: one person on their own
machine, every saved team theirs. With one, every page asks for sign-in first and a person sees and
saves only the teams they are a member of. The identity is the provider's ``email`` claim (or its
``sub`` when it gives no email), lower-cased, so that a membership list typed by an owner matches it.

Nothing here imports Streamlit: the router and the pages pass in what they read from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: The identity the single-user dashboard saves under when no sign-in is configured.
LOCAL_USER = "this computer"

SINGLE_USER_NOTE = (
    "Single-user mode: sign-in is not set up, so anyone who can open this dashboard sees every saved team. "
    "Set up sign-in before sharing it."
)
SIGN_IN_NOTE = "Sign in to use the Skill Mix Planner. You will see only the teams you are a member of."
NO_IDENTITY = (
    "Your sign-in did not say who you are (no email address). Sign out and sign in with an account "
    "that has an email address."
)

_REQUIRED = ("redirect_uri", "cookie_secret")
_PROVIDER = ("client_id", "client_secret", "server_metadata_url")


def sign_in_configured(secrets: Mapping[str, Any]) -> bool:
    """Whether the deployment's secrets configure sign-in: an ``[auth]`` section Streamlit can use.

    A section with the shared settings (``redirect_uri``, ``cookie_secret``) and one provider's
    (``client_id``, ``client_secret``, ``server_metadata_url``), either directly in ``[auth]`` or in a
    named provider table such as ``[auth.nhs]``.
    """
    auth = secrets.get("auth")
    if not isinstance(auth, Mapping) or not all(auth.get(k) for k in _REQUIRED):
        return False
    if all(auth.get(k) for k in _PROVIDER):
        return True
    return any(isinstance(v, Mapping) and all(v.get(k) for k in _PROVIDER) for v in auth.values())


def provider_name(secrets: Mapping[str, Any]) -> str | None:
    """The named provider to pass to ``st.login``, or ``None`` for the default one (keys directly in ``[auth]``)."""
    auth = secrets.get("auth") or {}
    if all(auth.get(k) for k in _PROVIDER):
        return None
    for name, v in auth.items():
        if isinstance(v, Mapping) and all(v.get(k) for k in _PROVIDER):
            return str(name)
    return None


def identity(claims: Mapping[str, Any]) -> str | None:
    """The signed-in person's identity for membership: their email, else the provider's ``sub``, lower-cased.

    Returns:
        ``None`` when the claims carry neither (the page then asks them to sign in another way).
    """
    for key in ("email", "sub"):
        value = claims.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip().lower()
    return None


@dataclass(frozen=True)
class Requested:
    """The team a URL asked for (``?team=``) and what the page does with it.

    Attributes:
        team: the team to open, or ``None`` (nothing asked, or refused).
        refusal: the sentence shown when the team asked for is not one the person may open.
    """

    team: str | None
    refusal: str | None = None


def requested_team(query: Mapping[str, Any], allowed: Iterable[str]) -> Requested:
    """The team named by a ``?team=`` query parameter, opened only if it is among the person's teams.

    The refusal does not say whether the team exists: a person who is not a member learns nothing
    about other teams from it.
    """
    asked = query.get("team")
    if isinstance(asked, list | tuple):
        asked = asked[0] if asked else None
    if not asked or not str(asked).strip():
        return Requested(None)
    asked = str(asked).strip()
    if asked in set(allowed):
        return Requested(asked)
    return Requested(
        None,
        "You cannot open the team named in this link: it is not one of your teams. "
        "Ask the team's owner to add you as a member.",
    )
