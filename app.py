"""Skill Mix Planner: the dashboard's router. Pages live in ``pages/``; logic lives in ``planner/``."""

from pathlib import Path

import streamlit as st

from planner.views.session import ensure_defaults

ICON = Path(__file__).resolve().parent / "assets" / "favicon.png"

st.set_page_config(page_title="Skill Mix Planner", page_icon=str(ICON), layout="wide")
ensure_defaults(st.session_state)
# Streamlit draws captions at 60% opacity (3.9:1 on white, and 2.8:1 for a link in them); WCAG AA asks
# 4.5:1. NHS grey-1 text (6.2:1) and NHS blue links (6.7:1), checked by tests/e2e/test_accessibility.py.
st.html(
    "<style>[data-testid='stCaptionContainer']{opacity:1;color:#4C6272}"
    "[data-testid='stCaptionContainer'] a{color:#005EB8}</style>"
)

# One flat list, in the order of the work (your team, planning, reference, export, help). Streamlit's
# grouped sidebar puts section headings as <div>s inside its <ul>, which axe-core reports as serious
# list violations (tests/e2e/test_accessibility.py); a flat list is valid markup.
pages = [
    st.Page("pages/team.py", title="Team", icon=":material/groups:", default=True),
    st.Page("pages/coverage.py", title="Coverage", icon=":material/grid_view:"),
    st.Page("pages/skill_mix.py", title="Skill mix", icon=":material/balance:"),
    st.Page("pages/people.py", title="People", icon=":material/person:"),
    st.Page("pages/expansion.py", title="Expansion", icon=":material/trending_up:"),
    st.Page("pages/region.py", title="Region", icon=":material/hub:"),
    st.Page("pages/frameworks.py", title="Frameworks", icon=":material/menu_book:"),
    st.Page("pages/business_case.py", title="Business case", icon=":material/inventory_2:"),
    st.Page("pages/guide.py", title="Guide", icon=":material/help:"),
]
st.navigation(pages).run()
