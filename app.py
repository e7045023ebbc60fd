"""Skill Mix Planner: the dashboard's router. Pages live in ``pages/``; logic lives in ``planner/``."""

import streamlit as st

from planner.session import ensure_defaults

st.set_page_config(page_title="Skill Mix Planner", page_icon="🫁", layout="wide")
ensure_defaults(st.session_state)

pages = {
    "Your team": [
        st.Page("pages/team.py", title="Team", icon="👥", default=True),
        st.Page("pages/coverage.py", title="Coverage", icon="🧩"),
        st.Page("pages/skill_mix.py", title="Skill mix", icon="⚖️"),
        st.Page("pages/people.py", title="People", icon="🧑‍⚕️"),
    ],
    "Planning": [
        st.Page("pages/expansion.py", title="Expansion", icon="📈"),
    ],
    "Reference": [
        st.Page("pages/frameworks.py", title="Frameworks", icon="📚"),
    ],
}
st.navigation(pages).run()
