"""Skill Mix Planner: the dashboard's router. Pages live in ``pages/``; logic lives in ``planner/``."""

from pathlib import Path

import streamlit as st

from planner.views.access import (
    LOCAL_USER,
    NO_IDENTITY,
    SIGN_IN_NOTE,
    SINGLE_USER_NOTE,
    identity,
    provider_name,
    sign_in_configured,
)
from planner.views.session import Keys, ensure_defaults

ICON = Path(__file__).resolve().parent / "assets" / "favicon.png"

st.set_page_config(page_title="Skill Mix Planner", page_icon=str(ICON), layout="wide")
ensure_defaults(st.session_state)
# Streamlit draws captions at 60% opacity (3.9:1 on white, and 2.8:1 for a link in them); WCAG AA asks
# 4.5:1. NHS grey-1 text (6.2:1) and NHS blue links (6.7:1), checked by tests/e2e/test_accessibility.py.
st.html(
    "<style>[data-testid='stCaptionContainer']{opacity:1;color:#4C6272}"
    "[data-testid='stCaptionContainer'] a{color:#005EB8}</style>"
)

# Sign-in gate: with an [auth] section in the secrets, nothing below runs until the person has signed in.
# The identity is read from st.user on every run, so nothing left in the session can stand in for it.
secrets = st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}
st.session_state[Keys.SIGN_IN] = sign_in_configured(secrets)
if st.session_state[Keys.SIGN_IN]:
    if not st.user.is_logged_in:
        st.session_state[Keys.USER] = None
        st.title("Skill Mix Planner")
        st.write(SIGN_IN_NOTE)
        st.button("Sign in", key="sign_in", type="primary", on_click=st.login, args=(provider_name(secrets),))
        st.stop()
    st.session_state[Keys.USER] = identity(st.user.to_dict())
    if st.session_state[Keys.USER] is None:
        st.error(NO_IDENTITY)
        st.button("Sign out", key="sign_out", on_click=st.logout)
        st.stop()
    st.sidebar.caption(f"Signed in as {st.session_state[Keys.USER]}")
    st.sidebar.button("Sign out", key="sign_out", on_click=st.logout)
else:
    st.session_state[Keys.USER] = LOCAL_USER
    st.sidebar.caption(SINGLE_USER_NOTE)

# One flat list, in the order of the work (your team, planning, reference, export, help). Streamlit's
# grouped sidebar puts section headings as <div>s inside its <ul>, which axe-core reports as serious
# list violations (tests/e2e/test_accessibility.py); a flat list is valid markup.
pages = [
    st.Page("pages/team.py", title="Team", icon=":material/groups:", default=True),
    st.Page("pages/history.py", title="History", icon=":material/history:"),
    st.Page("pages/coverage.py", title="Coverage", icon=":material/grid_view:"),
    st.Page("pages/skill_mix.py", title="Skill mix", icon=":material/balance:"),
    st.Page("pages/people.py", title="People", icon=":material/person:"),
    st.Page("pages/expansion.py", title="Expansion", icon=":material/trending_up:"),
    st.Page("pages/arrs.py", title="ARRS envelope", icon=":material/account_balance:"),
    st.Page("pages/region.py", title="Region", icon=":material/hub:"),
    st.Page("pages/frameworks.py", title="Frameworks", icon=":material/menu_book:"),
    st.Page("pages/business_case.py", title="Business case", icon=":material/inventory_2:"),
    st.Page("pages/guide.py", title="Guide", icon=":material/help:"),
]
st.navigation(pages).run()
