"""Frameworks browser: pick a framework, see levels × competencies and search its statements."""

import streamlit as st

from pages._downloads import chart_downloads
from pages._tables import NO_TOOLBAR, show_table
from planner.captions.frameworks import framework_caption
from planner.captions.glossary import GUIDE_NOTE, link_terms
from planner.captions.words import readable
from planner.charts.frameworks import framework_heatmap, statements
from planner.reference import frameworks
from planner.views.homecare import level_descriptors
from planner.views.service import framework_for, session_type

st.title("Competency frameworks")
st.caption("The frameworks encoded from their source documents, in the sources' own words." + GUIDE_NOTE)

loaded = frameworks.load_all()
choice = st.selectbox(
    "Framework",
    list(loaded),
    index=list(loaded).index(framework_for(session_type(st.session_state)[0])),
    format_func=lambda fid: loaded[fid].title,
    key="fw_choice",
)
fw = loaded[choice]
src = fw.source
st.markdown(
    f"**Source:** {src.get('title')} — {src.get('publisher')}, {src.get('version')} ({src.get('date')})."
    + (f" [Link]({src['url']})" if src.get("url") else "")
)
if fw.interpretation:
    st.info("**Our interpretation, not the source's:** " + readable(" ".join(fw.interpretation.split())))

left, mid, right = st.columns([2, 2, 3])
domain = left.selectbox("Domain", ["All", *fw.domains["label"]], key="fw_domain")
areas = ["All", *fw.areas["label"]] if len(fw.areas) else ["All"]
area = mid.selectbox("Area", areas, key="fw_area")
query = right.text_input("Search statements", key="fw_search", placeholder="e.g. exercise prescription")

table = statements(
    fw, query=query, domain=None if domain == "All" else domain, area=None if area == "All" else area
)
if table.empty:
    st.warning("No statement matches. Clear the search or pick another domain or area.")
else:
    fig = framework_heatmap(fw, table)
    caption = framework_caption(fw, table)
    st.plotly_chart(fig, key="fw_heatmap", config=NO_TOOLBAR)
    st.caption(link_terms(caption))
    chart_downloads(
        lambda: fig, f"{fw.id} framework levels", caption, "dl_fw_heatmap", height=int(fig.layout.height)
    )
    show_table(table, "statements", "fw_table", download=(f"{fw.title} statements", "dl_fw_table"))

with st.expander("Levels"):
    show_table(fw.levels, "framework_levels", "fw_levels")
if fw.id == "homecare":
    st.subheader("Career levels: descriptors and indicative roles")
    st.caption("The five career levels in the framework's own words, with the roles it gives as examples.")
    show_table(level_descriptors(), "table", "fw_homecare_levels")
