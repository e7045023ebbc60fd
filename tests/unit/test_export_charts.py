"""Chart exports: PNG/SVG through the one renderer (right format and size for every caller, even
concurrently), self-contained HTML, and no Streamlit placeholder colour ever exported."""

from __future__ import annotations

import io
import os
import re
import struct
import threading
import xml.etree.ElementTree as ET

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from PIL import Image

from planner import export, style

pytestmark = pytest.mark.unit

# CI sets PLANNER_REQUIRE_BROWSER=1: there a missing Chromium fails these tests instead of skipping them
needs_browser = pytest.mark.skipif(
    export.browser_path() is None and os.environ.get("PLANNER_REQUIRE_BROWSER") != "1",
    reason="Chromium not installed (apt-get install chromium)",
)

DF = pd.DataFrame({"band": ["Band 5", "Band 6", "Band 7"], "wte": [3.2, 4.0, 1.5], "kind": ["a", "b", "a"]})


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def streamlit_figure() -> go.Figure:
    """A px figure built the way a page would build it under Streamlit's default template."""
    import streamlit  # noqa: F401  (registers the "streamlit" template and makes it the default)

    pio.templates.default = "streamlit"  # again, in case an earlier test restored the default
    return px.bar(DF, x="band", y="wte", color="kind")


@pytest.fixture
def streamlit_default_template():
    before = pio.templates.default
    yield
    pio.templates.default = before


def test_streamlit_template_figure_is_detected(streamlit_default_template: None) -> None:
    fig = streamlit_figure()
    found = export.placeholder_colours(fig)
    assert ("data[0].marker.color", "#000001") in found
    assert ("data[1].marker.color", "#000002") in found
    with pytest.raises(export.PlaceholderColourError, match="placeholder"):
        export.assert_exportable(fig)
    # re-applying a template afterwards does not fix the traces: the trap this module exists for
    fig.update_layout(template="plotly_white")
    assert export.placeholder_colours(fig)


def test_sanitise_replaces_placeholders_with_the_house_palette(streamlit_default_template: None) -> None:
    fig = streamlit_figure()
    heat = px.imshow([[0, 1], [1, 0]])  # continuous colour scale from the template
    clean, clean_heat = export.sanitise(fig), export.sanitise(heat)
    assert export.placeholder_colours(clean) == []
    assert export.placeholder_colours(clean_heat) == []
    assert [t.marker.color for t in clean.data] == [style.NHS_BLUE, style.CATEGORICAL[1]]
    assert clean.layout.template.layout.colorway == style.CATEGORICAL
    assert export.placeholder_colours(fig)  # the input is untouched


@pytest.mark.parametrize(
    ("colour", "placeholder"),
    [
        ("#000001", True),
        ("#000040", True),
        ("#000010", True),
        ("rgb(0, 0, 16)", True),
        ("#000000", False),
        ("#0000ff", False),
        ("#000041", False),
        ("rgb(0,0,255)", False),
        (style.NHS_BLUE, False),
    ],
)
def test_placeholder_detection(colour: str, placeholder: bool) -> None:
    fig = go.Figure(go.Bar(y=[1], marker_color=colour), layout={"template": "plotly_white"})
    assert bool(export.placeholder_colours(fig)) is placeholder


def test_text_that_looks_like_a_colour_is_not_touched() -> None:
    fig = go.Figure(go.Bar(x=["#000001"], y=[1], name="#000002"), layout={"template": "plotly_white"})
    assert export.placeholder_colours(fig) == []
    assert export.sanitise(fig).data[0].name == "#000002"


@needs_browser
def test_png_is_png_at_twice_the_size_and_never_black(streamlit_default_template: None) -> None:
    png = export.figure_png(streamlit_figure(), width=500, height=300)
    assert png_size(png) == (1000, 600)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = {c for _, c in image.getcolors(maxcolors=1_000_000)}
    assert (0, 94, 184) in colours  # NHS blue bars
    dark = sum(n for n, (r, g, b) in image.getcolors(maxcolors=1_000_000) if r + g + b < 60)
    assert dark < 0.02 * 1000 * 600  # only text is near-black; bars would be ~20 % of the image


@needs_browser
def test_svg_parses_and_carries_its_text_alternative() -> None:
    fig = px.bar(DF, x="band", y="wte", template="plotly_white", title="WTE by band")
    svg = export.figure_svg(fig, width=640, height=400, alt="Band 6 has the most WTE <4.0>")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert root.get("width") == "640" and root.get("height") == "400"
    assert root.get("aria-label") == "Band 6 has the most WTE <4.0>"
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == "Band 6 has the most WTE <4.0>"
    assert b"WTE by band" in svg
    assert not re.search(rb"fill: ?rgb\(0, ?0, ?[1-9]\d?\)", svg)


def test_html_is_self_contained_and_works_offline(streamlit_default_template: None) -> None:
    page = export.figure_html(streamlit_figure(), title="WTE by band", alt="Band 6 is short").decode("utf-8")
    assert "Plotly" in page and len(page) > 3_000_000  # plotly.js itself is inlined
    assert not re.search(r"<script[^>]+src=[\"']?(https?:)?//", page)
    assert "<title>WTE by band</title>" in page and "Band 6 is short" in page
    assert '<html lang="en-GB">' in page
    assert "#000001" not in page and "#000002" not in page


@needs_browser
def test_concurrent_exports_each_get_their_own_format_and_size() -> None:
    figs = {i: px.bar(DF, x="band", y="wte", template="plotly_white", title=f"chart {i}") for i in range(4)}
    results: dict[tuple[int, int], bytes] = {}
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            for j in range(3):
                if (i + j) % 2:
                    results[(i, j)] = export.figure_svg(figs[i], width=300 + 10 * i, height=200 + j)
                else:
                    results[(i, j)] = export.figure_png(figs[i], width=300 + 10 * i, height=200 + j, scale=2)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    assert len(results) == 12
    for (i, j), data in results.items():
        if (i + j) % 2:
            root = ET.fromstring(data)
            assert (root.get("width"), root.get("height")) == (str(300 + 10 * i), str(200 + j))
            assert f"chart {i}".encode() in data
        else:
            assert png_size(data) == (2 * (300 + 10 * i), 2 * (200 + j))


@needs_browser
def test_renderer_is_persistent_and_restarts_after_stop() -> None:
    fig = px.bar(DF, x="band", y="wte", template="plotly_white")
    export.figure_png(fig, width=200, height=100)
    assert export.renderer_running()
    export.stop_renderer()
    assert not export.renderer_running()
    assert png_size(export.figure_png(fig, width=200, height=100, scale=1)) == (200, 100)
    assert export.renderer_running()


def test_missing_browser_is_a_clear_error_not_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    export.stop_renderer()
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert export.browser_path() is None
    with pytest.raises(export.ExportUnavailable, match="apt-get install -y chromium"):
        export.figure_png(go.Figure(go.Bar(y=[1])))
    assert not export.renderer_running()


def test_a_browser_that_will_not_start_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.export import charts

    export.stop_renderer()

    class Refused(RuntimeError):
        pass

    def refuse(self: object) -> None:
        raise Refused("sandbox refused")

    monkeypatch.setattr(export, "browser_path", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(charts, "browser_path", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(charts._Renderer, "__init__", refuse)
    with pytest.raises(export.ExportUnavailable, match=r"did not start for image export.*sandbox refused"):
        export.figure_png(go.Figure(go.Bar(y=[1])))
    assert not export.renderer_running()


def test_closing_a_dead_renderer_still_stops_its_loop() -> None:
    import asyncio

    from planner.export import charts

    renderer = charts._Renderer.__new__(charts._Renderer)
    renderer._loop = asyncio.new_event_loop()
    renderer._thread = threading.Thread(target=renderer._loop.run_forever, daemon=True)
    renderer._thread.start()

    class Dead:
        async def close(self) -> None:
            raise ConnectionResetError("the browser has gone")

    renderer._kaleido = Dead()
    renderer.close()  # no exception escapes
    assert not renderer._thread.is_alive()
    assert renderer._loop.is_closed()
