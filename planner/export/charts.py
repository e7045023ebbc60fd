"""Chart exports: PNG and SVG through one persistent kaleido renderer, and self-contained HTML.

Every export first passes the figure through :func:`planner.export.colours.sanitise` (house template,
no Streamlit placeholder colours). Two more traps shape this module (ecosystem.md section 2, both
reproduced on this machine):

* kaleido's sync server is not thread-safe (concurrent callers get each other's images). Every export
  here runs under one module-level lock.
* kaleido's own ``start_sync_server`` hangs the caller for ever when the browser fails to start (its
  worker thread dies and the request queue is never joined; checked with ``BROWSER_PATH=/nonexistent``).
  So this module keeps its own persistent :class:`kaleido.Kaleido` on a private event-loop thread and
  waits on it with a timeout: a missing or crashing browser becomes :class:`ExportUnavailable`, never a
  hung Streamlit session. Calling kaleido directly also avoids plotly's "kopts is ignored" warning.
"""

from __future__ import annotations

import asyncio
import atexit
import html
import logging
import os
import re
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from choreographer.errors import BrowserClosedError, BrowserFailedError, ChannelClosedError

from planner.export.colours import sanitised_dict

__all__ = [
    "ExportUnavailable",
    "browser_path",
    "figure_html",
    "figure_png",
    "figure_svg",
    "renderer_running",
    "stop_renderer",
]

_log = logging.getLogger(__name__)

INSTALL_HINT = "sudo apt-get install -y chromium  (or set BROWSER_PATH to a Chrome/Chromium executable)"
#: Seconds to wait for the browser to start, and for one image.
START_TIMEOUT = 60.0
RENDER_TIMEOUT = 120.0


class ExportUnavailable(RuntimeError):
    """Static image export cannot run here: no usable Chromium, or the renderer failed."""


# --- the persistent renderer --------------------------------------------------------------------


def browser_path() -> str | None:
    """The Chromium/Chrome kaleido will use, found the way choreographer finds it, or None.

    ``BROWSER_PATH`` wins when set; otherwise ``chromium``/``google-chrome`` on PATH and the usual
    install locations (Debian's ``/usr/bin/chromium`` is found without any setting).
    """
    if env := os.environ.get("BROWSER_PATH"):
        return env if os.access(env, os.X_OK) else None
    from choreographer.browsers.chromium import Chromium

    return Chromium.find_browser(skip_local=False)


class _Renderer:
    """One kaleido browser on a private event-loop thread; callers wait on futures with a timeout."""

    def __init__(self) -> None:
        import kaleido

        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="kaleido-renderer", daemon=True)
        self._thread.start()

        async def _open() -> Any:
            k = kaleido.Kaleido(mathjax=False)  # kaleido's MathJax default is a CDN URL
            await k.open()
            return k

        try:
            self._kaleido = self._call(_open(), START_TIMEOUT)
        except BaseException:
            self._stop_loop()
            raise

    def _call(self, coro: Any, timeout: float) -> Any:
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            return future.result(timeout)
        except FutureTimeout:
            future.cancel()
            raise

    def render(self, fig_dict: dict, opts: dict) -> bytes:
        return self._call(self._kaleido.calc_fig(fig_dict, opts=opts), RENDER_TIMEOUT)

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        if not self._thread.is_alive():
            self._loop.close()

    def close(self) -> None:
        try:
            self._call(self._kaleido.close(), 20)
        # A browser that has already died or hung: a time-out, choreographer's closed-browser and
        # closed-channel errors, a broken pipe (OSError) or asyncio's closed loop (RuntimeError). The
        # loop still stops. Proven by
        # tests/unit/test_export_charts.py::test_closing_a_dead_renderer_still_stops_its_loop.
        except (*_BROWSER_GONE, RuntimeError):
            _log.debug("kaleido close failed", exc_info=True)
        finally:
            self._stop_loop()


_LOCK = threading.Lock()
_BROWSER_GONE: tuple[type[BaseException], ...] = (
    FutureTimeout,
    BrowserClosedError,
    BrowserFailedError,
    ChannelClosedError,
    OSError,
)
_renderer: _Renderer | None = None


def renderer_running() -> bool:
    """Whether the persistent browser has been started in this process."""
    return _renderer is not None


def stop_renderer() -> None:
    """Stop the persistent browser (registered at exit; safe to call when it is not running)."""
    global _renderer
    with _LOCK:
        if _renderer is not None:
            _renderer.close()
            _renderer = None


def _render(fig: go.Figure | dict, fmt: str, width: int, height: int, scale: float) -> bytes:
    """Sanitise and render under the lock, starting the browser on first use."""
    global _renderer
    fig_dict = sanitised_dict(fig)
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    with _LOCK:
        if _renderer is None:
            path = browser_path()
            if path is None:
                raise ExportUnavailable(
                    f"PNG/SVG export needs Chromium, which was not found. Install it: {INSTALL_HINT}"
                )
            try:
                _renderer = _Renderer()
            # Chromium that will not start (missing libraries, a sandbox refusal, a time-out): a
            # choreographer browser or channel error, an OSError, or a RuntimeError from the event loop
            # or kaleido becomes one ExportUnavailable with the cause. Proven by
            # tests/unit/test_export_charts.py::test_a_browser_that_will_not_start_is_a_clear_error.
            except (*_BROWSER_GONE, RuntimeError, ValueError) as exc:
                raise ExportUnavailable(
                    f"Chromium at {path} did not start for image export ({exc!r}). "
                    f"Check that it runs, or: {INSTALL_HINT}"
                ) from exc
            # Registered after the browser's temporary directories exist, so (atexit being LIFO) the
            # browser is closed before their finalisers run and nothing is cleaned up "implicitly".
            atexit.unregister(stop_renderer)
            atexit.register(stop_renderer)
        try:
            return _renderer.render(fig_dict, opts)
        except _BROWSER_GONE as exc:
            # a browser that crashed or stopped answering is replaced on the next call
            _renderer.close()
            _renderer = None
            raise ExportUnavailable(f"the image renderer failed or timed out ({exc!r}); try again") from exc


def figure_png(fig: go.Figure | dict, *, width: int = 1000, height: int = 600, scale: float = 2) -> bytes:
    """The figure as a PNG, through the persistent renderer.

    Args:
        fig: a Plotly figure (placeholder colours are replaced, see :func:`planner.export.colours.sanitise`).
        width: layout width in CSS pixels.
        height: layout height in CSS pixels.
        scale: pixel ratio; the image is ``width*scale`` × ``height*scale`` pixels.

    Returns:
        PNG bytes.

    Raises:
        ExportUnavailable: no usable Chromium, or the renderer failed or timed out.
    """
    return _render(fig, "png", width, height, scale)


def figure_svg(
    fig: go.Figure | dict, *, width: int = 1000, height: int = 600, alt: str | None = None
) -> bytes:
    """The figure as SVG, with ``alt`` (the chart's caption) as its ``<title>`` text alternative.

    Args:
        fig: a Plotly figure (placeholder colours are replaced, see :func:`planner.export.colours.sanitise`).
        width: width in CSS pixels.
        height: height in CSS pixels.
        alt: text alternative, written as the SVG's first ``<title>`` and ``aria-label``.

    Returns:
        UTF-8 SVG bytes.

    Raises:
        ExportUnavailable: no usable Chromium, or the renderer failed or timed out.
    """
    svg = _render(fig, "svg", width, height, 1)
    if isinstance(svg, str):
        svg = svg.encode("utf-8")
    if alt:
        text = html.escape(alt, quote=True).encode("utf-8")
        svg = re.sub(
            rb"<svg\b([^>]*)>",
            lambda m: (
                b'<svg role="img" aria-label="' + text + b'"' + m.group(1) + b"><title>" + text + b"</title>"
            ),
            svg,
            count=1,
        )
    return svg


def figure_html(fig: go.Figure | dict, *, title: str | None = None, alt: str | None = None) -> bytes:
    """The figure as one self-contained interactive HTML page (plotly.js inlined; works offline).

    Args:
        fig: a Plotly figure (placeholder colours are replaced, see :func:`planner.export.colours.sanitise`).
        title: the page ``<title>``; defaults to the chart's title or "Chart".
        alt: the chart's caption, shown under it as text and used as the page description.

    Returns:
        UTF-8 HTML bytes (about 5 MB, almost all of it plotly.js).
    """
    clean = sanitised_dict(fig)
    page = pio.to_html(
        clean,
        include_plotlyjs=True,
        include_mathjax=False,
        full_html=True,
        validate=False,
        config={"displaylogo": False, "responsive": True},
    )
    layout_title = clean["layout"].get("title")
    chart_title = (
        title or (layout_title.get("text") if isinstance(layout_title, dict) else layout_title) or "Chart"
    )
    head = f'<meta charset="utf-8" /><title>{html.escape(re.sub(r"<[^>]+>", " ", chart_title))}</title>'
    if alt:
        head += f'<meta name="description" content="{html.escape(alt, quote=True)}" />'
    page = page.replace("<html>", '<html lang="en-GB">', 1).replace('<meta charset="utf-8" />', head, 1)
    if alt:
        caption = f'<p style="font-family: Arial, sans-serif; color: #212B32">{html.escape(alt)}</p>'
        page = page.replace("</body>", caption + "</body>", 1)
    return page.encode("utf-8")
