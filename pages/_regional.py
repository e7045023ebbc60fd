"""The Business case page's section for a roster of several services: the regional pack. Not a page.

``from pages._regional import regional_pack_section``. The populations are the Region page's table when
the user has been there, else the roster's Services sheet; the pack is
:func:`planner.pack.regional.build_regional_pack`, with small numbers hidden (7 by default).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from planner import samples
from planner.expansion.region import RegionError
from planner.expansion.scenario import Scenario
from planner.export.suppress import DEFAULT_THRESHOLD, THRESHOLDS, rule_words
from planner.ingest.read import RosterRead
from planner.pack.build import DEFAULT_RUNS
from planner.pack.regional import build_regional_pack
from planner.views import region_inputs as ri
from planner.views.region import roster_services
from planner.views.session import Keys

__all__ = ["regional_pack_section"]

REGIONAL_KEY = "built_regional_pack"


def _services(roster: RosterRead, scenario: Scenario) -> tuple[pd.DataFrame | None, list[str]]:
    kept = st.session_state.get(Keys.REGION_SERVICES)
    if kept is not None:
        return kept, []
    services = roster_services(roster.staff)
    upload = (
        samples.sample_region_bytes()
        if st.session_state.get(Keys.ROSTER_NAME) == ri.SAMPLE_REGION_NAME
        else st.session_state.get(Keys.ROSTER_UPLOAD)
    )
    start = ri.editor_frame(services, ri.sheet_services(upload, services, scenario), scenario)
    return ri.model_table(start.frame, scenario)


def regional_pack_section(roster: RosterRead, scenario: Scenario, name: str) -> None:
    """The regional business case: what goes in, the threshold, the build button and the download."""
    services = roster_services(roster.staff)
    st.markdown(
        f"This roster has **{len(services)} services**, so the pack is the **regional business case**: the "
        "region's headline, every service side by side with small numbers hidden, the ranking of where "
        f"investment does most, the region's trajectory and cost, and the assumptions. Scenario: **{scenario.title}**."
    )
    table, problems = _services(roster, scenario)
    if table is None:
        st.warning(
            "Each service needs its population first; enter them on the Region page or add a Services "
            "sheet to the roster:\n\n" + "\n".join(f"- {p}" for p in problems)
        )
        st.page_link("pages/region.py", label="Open the Region page", icon=":material/hub:")
        return
    left, right = st.columns([2, 2])
    threshold = left.selectbox(
        "Hide counts of staff up to",
        THRESHOLDS,
        index=THRESHOLDS.index(DEFAULT_THRESHOLD),
        key="regional_pack_threshold",
        help="7 is our choice, after Model Hospital; 5 or 10 where a local policy says so.",
    )
    as_of = right.date_input(
        "Figures as of", value=date.today(), key="regional_pack_as_of", format="DD/MM/YYYY"
    )
    st.caption(rule_words(threshold))
    choices = (name, scenario.name, scenario.values(), as_of, threshold, table.to_json())
    if st.button(
        "Build regional business case",
        key="build_regional_pack",
        type="primary",
        icon=":material/folder_zip:",
    ):
        try:
            with st.spinner(f"Modelling {len(services)} services and writing the pack…"):
                built = build_regional_pack(
                    roster,
                    scenario,
                    table,
                    as_of=as_of,
                    threshold=threshold,
                    runs=DEFAULT_RUNS,
                    roster_name=name,
                )
        except RegionError as exc:
            st.error(str(exc))
            return
        for warning in built.warnings:
            st.warning(warning)
        st.session_state[REGIONAL_KEY] = (choices, built.data, built.filename)
    kept = st.session_state.get(REGIONAL_KEY)
    if kept is not None and kept[0] == choices:
        st.download_button(
            "Download the regional pack (ZIP)",
            data=kept[1],
            file_name=kept[2],
            mime="application/zip",
            key="download_regional_pack",
            on_click="ignore",
            icon=":material/download:",
        )
