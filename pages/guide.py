"""Guide: how to use the planner in five steps, the blank roster template, and the glossary."""

import streamlit as st

from planner.ingest.template import TEMPLATE_FILE, template_bytes
from planner.vocab import GLOSSARY

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

st.title("Guide")
st.caption(
    "How to use the Skill Mix Planner, the roster template, and what its terms mean. Every figure in the "
    "app carries its source, or says it is an assumption; where the planner interprets a source, the "
    'page says "our interpretation".'
)

st.header("Five steps", anchor="steps")
st.markdown(
    """
1. **Load your team** on the *Team* page: upload your roster (Excel, LibreOffice or CSV), or start from
   the blank template below. The page says how every row and column was read and lists anything to fix.
2. **See coverage** on the *Coverage* page: which competencies the team holds, verified or
   self-assessed, by band and function; single points of failure; what expires soon.
3. **Check the skill mix** on the *Skill mix* page: WTE by band and function, the registered share
   against its target, supervision, the cost of the mix and what substitutions would change.
4. **Plan the expansion** on the *Expansion* page: pick a scenario, change its figures, and read the
   workforce, waiting times and cost it needs. Each figure shows its source on hover.
5. **Build the business case** on the *Business case* page: one ZIP with the charts, a workbook and a
   Word document. Staff names stay out unless you ask for them.
"""
)

st.header("The roster template", anchor="template")
st.markdown(
    "A workbook with the **Staff** and **Competencies** sheets the planner reads, drop-down lists for "
    "bands and functions, and a Read-me sheet. Two Staff columns are optional: **Judged at** (the framework "
    "level to judge a person at, when not their band's or function's) and **Leaving date** (from which a "
    "leaver counts as absent when single points of failure are looked for). Fill it in and upload it on "
    "the *Team* page."
)
st.download_button(
    "Download the blank roster template",
    data=template_bytes,
    file_name=TEMPLATE_FILE,
    mime=XLSX_MIME,
    key="guide_download_template",
    on_click="ignore",
    icon=":material/download:",
)

st.header("Glossary", anchor="glossary")
for term in GLOSSARY:
    st.subheader(term.term, anchor=term.anchor)
    st.markdown(term.definition)
