"""Skill Mix Planner: the dashboard's router. Pages live in ``pages/``; logic lives in ``planner/``."""

from pathlib import Path

import streamlit as st

from planner.views.session import ensure_defaults

ICON = Path(__file__).resolve().parent / "assets" / "favicon.png"

st.set_page_config(page_title="Skill Mix Planner", page_icon=str(ICON), layout="wide")
ensure_defaults(st.session_state)

pages = {
    "Your team": [
        st.Page("pages/team.py", title="Team", icon=":material/groups:", default=True),
        st.Page("pages/coverage.py", title="Coverage", icon=":material/grid_view:"),
        st.Page("pages/skill_mix.py", title="Skill mix", icon=":material/balance:"),
        st.Page("pages/people.py", title="People", icon=":material/person:"),
    ],
    "Planning": [
        st.Page("pages/expansion.py", title="Expansion", icon=":material/trending_up:"),
    ],
    "Reference": [
        st.Page("pages/frameworks.py", title="Frameworks", icon=":material/menu_book:"),
    ],
    "Export": [
        st.Page("pages/business_case.py", title="Business case", icon=":material/inventory_2:"),
    ],
    "Help": [
        st.Page("pages/guide.py", title="Guide", icon=":material/help:"),
    ],
}
st.navigation(pages).run()
