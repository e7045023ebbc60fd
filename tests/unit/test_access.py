"""Sign-in settings, the signed-in identity and the ``?team=`` refusal (planner.views.access)."""

from __future__ import annotations

import pytest

from planner.views.access import identity, provider_name, requested_team, sign_in_configured

pytestmark = pytest.mark.unit

SHARED = {"redirect_uri": "http://x/oauth2callback", "cookie_secret": "s" * 32}
PROVIDER = {
    "client_id": "c",
    "client_secret": "p",
    "server_metadata_url": "http://idp/.well-known/openid-configuration",
}


@pytest.mark.parametrize(
    ("secrets", "configured", "provider"),
    [
        ({}, False, None),
        ({"connections": {"planner": {"url": "sqlite://"}}}, False, None),
        ({"auth": {**SHARED}}, False, None),
        ({"auth": {**PROVIDER}}, False, None),
        ({"auth": {**SHARED, **PROVIDER}}, True, None),
        ({"auth": {**SHARED, "nhs": {**PROVIDER}}}, True, "nhs"),
        ({"auth": {**SHARED, "nhs": {"client_id": "c"}}}, False, None),
        ({"auth": {**SHARED, **PROVIDER, "cookie_secret": ""}}, False, None),
    ],
)
def test_sign_in_is_configured_only_by_a_complete_auth_section(secrets, configured, provider) -> None:
    assert sign_in_configured(secrets) is configured
    if configured:
        assert provider_name(secrets) == provider


@pytest.mark.parametrize(
    ("claims", "who"),
    [
        ({"email": "Alice@Example.org", "sub": "123"}, "alice@example.org"),
        ({"sub": "abc-123"}, "abc-123"),
        ({"email": "  ", "sub": "S1"}, "s1"),
        ({"name": "Alice"}, None),
        ({}, None),
    ],
)
def test_identity_is_the_email_else_the_subject(claims, who) -> None:
    assert identity(claims) == who


def test_a_team_in_the_link_opens_only_when_it_is_one_of_yours() -> None:
    mine = ["Seaview PR", "Hillside PR"]
    assert requested_team({}, mine).team is None and requested_team({}, mine).refusal is None
    assert requested_team({"team": "Seaview PR"}, mine).team == "Seaview PR"
    assert requested_team({"team": ["Hillside PR"]}, mine).team == "Hillside PR"
    other = requested_team({"team": "Bob's team"}, mine)
    assert other.team is None
    assert "not one of your teams" in other.refusal
    # the refusal never repeats the name, so it says nothing about whether that team exists
    assert "Bob" not in other.refusal
    assert requested_team({"team": "  "}, mine) == requested_team({}, mine)
