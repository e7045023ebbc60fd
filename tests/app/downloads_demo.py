"""A tiny page using the download components, driven by tests/app/test_downloads_component.py.

The chart factory deliberately uses Streamlit's default template (no explicit template), so the test
proves the export layer's safety net: the exported PNG is never black.
"""

import pandas as pd
import plotly.express as px
import streamlit as st

from pages._downloads import chart_downloads, table_downloads

team = pd.DataFrame(
    {
        "staff_id": ["S001", "S002", "S003"],
        "name": ["Synthetic Person A", "Synthetic Person B", "Synthetic Person C"],
        "band": ["Band 5", "Band 6", "Band 7"],
        "WTE": [1.0, 0.8, -0.2],
        "note": ['=HYPERLINK("http://example.com")', "+44 20", "ok"],
    }
)


def make_chart():
    """The WTE-by-band chart, built on whatever template is the default."""
    return px.bar(team, x="band", y="WTE", title="WTE by band")


st.plotly_chart(make_chart(), key="demo_chart")
chart_downloads(make_chart, "WTE by band", "Band 5 has the most WTE.", key="demo_chart")
table_downloads(
    team, "Team by band", key="demo_table", include_names=st.session_state.get("with_names", False)
)
