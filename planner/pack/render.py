"""Many chart images in one go through the shared renderer, without kaleido's page reload per image.

kaleido 1.x reloads its page (and so re-parses the 4.6 MB plotly.js) after every image, which is more
than half the time of each image: measured on the 2-core machine, the pack's 18 images took 6.2 s one
call at a time and 1.7–2.2 s on one page without the reloads, with byte-identical PNGs (SVGs differ only
in plotly's random element ids and the order of a few attributes, as two ordinary calls do too).

:class:`ImageStream` therefore takes the shared renderer's lock once, draws every image submitted to
it on one kaleido page as soon as it arrives, and reloads the page once when the stream is closed. The
caller keeps computing while images are drawn (the pack writes its workbook meanwhile). When the shared
browser is not running yet, the first image goes through the public :func:`planner.export.figure_png` /
:func:`~planner.export.figure_svg`, which starts it (and turns a missing browser into
:class:`planner.export.ExportUnavailable`).

This reaches into kaleido 1.5's tab API and the renderer of :mod:`planner.export.charts`. If either is
not as expected, or drawing on the shared page fails for any reason, the remaining images are drawn the
ordinary way, so the result never depends on the fast path (``tests/integration/test_pack.py`` checks
that both give the same images). The lock is held while the stream is open, so no other caller can get
these images, nor these callers theirs.
"""

from __future__ import annotations

import html
import logging
import queue
import re
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from planner import export
from planner.export import charts as _charts
from planner.export.colours import sanitised_dict

__all__ = ["ImageJob", "ImageStream", "render_images"]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImageJob:
    """One image to draw: a chart in PNG (at ``scale``) or SVG (with ``alt`` as its text alternative)."""

    key: str
    figure: go.Figure
    fmt: str
    width: int = 1000
    height: int = 600
    scale: float = 2
    alt: str | None = None

    def opts(self) -> dict[str, Any]:
        """The kaleido options of this image."""
        scale = self.scale if self.fmt == "png" else 1
        return {"format": self.fmt, "width": self.width, "height": self.height, "scale": scale}

    def finish(self, raw: bytes) -> bytes:
        """The image as :func:`export.figure_svg` gives it: SVG with ``alt`` as ``<title>`` and label."""
        if self.fmt != "svg" or not self.alt:
            return raw
        text = html.escape(self.alt, quote=True).encode("utf-8")
        return re.sub(
            rb"<svg\b([^>]*)>",
            lambda m: (
                b'<svg role="img" aria-label="' + text + b'"' + m.group(1) + b"><title>" + text + b"</title>"
            ),
            raw,
            count=1,
        )


def _ordinary(job: ImageJob) -> bytes:
    """One image through the public API (starts the browser when needed)."""
    if job.fmt == "png":
        return export.figure_png(job.figure, width=job.width, height=job.height, scale=job.scale)
    return export.figure_svg(job.figure, width=job.width, height=job.height, alt=job.alt)


_DONE = None


class ImageStream:
    """Draw images on one kaleido page, in the order submitted, on a background thread.

    Use as a context manager (or call :meth:`close`): ``with ImageStream() as s: f = s.submit(job)``;
    ``f.result()`` is the image bytes, or raises :class:`planner.export.ExportUnavailable`.

    Attributes:
        seconds: time the thread spent drawing (from the first image to the page's reload).
    """

    def __init__(self) -> None:
        self.seconds = 0.0
        self._jobs: queue.Queue[tuple[ImageJob, Future[bytes]] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._work, name="pack-images", daemon=True)
        self._thread.start()

    def __enter__(self) -> ImageStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, job: ImageJob) -> Future[bytes]:
        """Queue one image; it is drawn as soon as the images before it are."""
        future: Future[bytes] = Future()
        self._jobs.put((job, future))
        return future

    def close(self) -> None:
        """No more images: draw what is queued, reload the page, release the renderer."""
        self._jobs.put(_DONE)
        self._thread.join()

    # --- the background thread ---------------------------------------------------------------------

    def _work(self) -> None:
        item = self._jobs.get()
        if item is _DONE:
            return
        start = time.perf_counter()
        try:
            if not export.renderer_running():
                if not self._draw_ordinary(*item):
                    return
                item = self._jobs.get()
            fast = True
            while item is not _DONE:
                if fast:
                    # on failure the fast path hands back the job it could not draw; that job and the
                    # rest go the ordinary way (outside the lock, which the ordinary calls take themselves)
                    item = self._fast(item)
                    if item is _DONE:
                        break
                    fast = False
                if not self._draw_ordinary(*item):
                    return
                item = self._jobs.get()
        finally:
            self.seconds += time.perf_counter() - start

    def _draw_ordinary(self, job: ImageJob, future: Future[bytes]) -> bool:
        """Draw one image the ordinary way; on ExportUnavailable, fail it and every later one."""
        try:
            future.set_result(_ordinary(job))
            return True
        except export.ExportUnavailable as exc:
            future.set_exception(exc)
            self._fail_rest(exc)
            return False
        # Contains any failure drawing one figure (plotly's validation, kaleido's errors): that image
        # fails alone and the others are drawn. Proven by
        # tests/integration/test_pack.py::test_a_figure_that_cannot_be_drawn_fails_its_own_image_only.
        except Exception as exc:
            future.set_exception(exc)
            return True

    def _fail_rest(self, exc: BaseException) -> None:
        while (item := self._jobs.get()) is not _DONE:
            item[1].set_exception(exc)

    def _fast(self, item: tuple[ImageJob, Future[bytes]]) -> tuple[ImageJob, Future[bytes]] | None:
        """Draw ``item`` and the following jobs on one page under the lock, until the stream closes.

        Returns:
            None when every job was drawn and the stream is closed, or the job that could not be drawn
            this way (the fast path is then given up for this stream).
        """
        try:
            from kaleido import _profiler
            from kaleido._utils import fig_tools
        except ImportError:
            return item
        with _charts._LOCK:
            renderer = _charts._renderer
            if renderer is None:
                return item
            try:
                kaleido = renderer._kaleido
                tab = renderer._call(kaleido._get_kaleido_tab(), _charts.START_TIMEOUT)
            # Here and below: kaleido's private page API (see the module docstring) may fail in any way
            # its version brings; each failure gives up the fast path for ordinary calls. Proven by
            # tests/integration/test_pack.py::test_a_broken_fast_path_falls_back_to_ordinary_calls.
            except Exception:
                _log.warning("could not take the renderer's page; drawing one call at a time", exc_info=True)
                return item
            current: tuple[ImageJob, Future[bytes]] | None = item
            try:
                while current is not _DONE:
                    job, future = current
                    try:
                        spec = fig_tools.coerce_for_js(sanitised_dict(job.figure), None, job.opts())
                        prof = _profiler.RenderTaskProfile(spec, None, tab.tab.target_id)
                        raw = renderer._call(
                            tab._calc_fig(spec, topojson=None, render_prof=prof, stepper=False),
                            _charts.RENDER_TIMEOUT,
                        )
                        if not isinstance(raw, bytes) or not raw:
                            raise RuntimeError("kaleido returned no image")
                    # kaleido's private page API, as above: any failure gives up the fast path. Proven by
                    # tests/integration/test_pack.py::test_a_broken_fast_path_falls_back_to_ordinary_calls.
                    except Exception:
                        _log.warning("drawing on the shared page failed; one call at a time", exc_info=True)
                        return current
                    future.set_result(job.finish(raw))
                    current = self._jobs.get()
                return _DONE
            finally:
                try:
                    renderer._call(kaleido._return_kaleido_tab(tab), _charts.RENDER_TIMEOUT)
                # As above; a browser that died is replaced by the next ordinary call. Proven by
                # tests/integration/test_pack.py::test_a_broken_fast_path_falls_back_to_ordinary_calls.
                except Exception:
                    _log.warning("could not reload the renderer's page", exc_info=True)


def render_images(jobs: Sequence[ImageJob]) -> dict[tuple[str, str], bytes]:
    """Draw every job on one page; ``(key, fmt)`` → image bytes.

    Args:
        jobs: the images to draw (figures are sanitised as in :mod:`planner.export.charts`).

    Returns:
        The images, keyed by chart key and format.

    Raises:
        ExportUnavailable: no usable Chromium, or the renderer failed.
    """
    with ImageStream() as stream:
        futures = [(job, stream.submit(job)) for job in jobs]
    return {(job.key, job.fmt): future.result() for job, future in futures}
