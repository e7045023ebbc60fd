"""Start the dashboard (``streamlit run app.py``) with Streamlit's legacy ``pages/`` mode switched off.

Streamlit still has a multipage mode from before ``st.navigation``: when a ``pages/`` folder sits
beside the main script, the first request of a fresh server that names a page (a bookmarked
``/coverage``, say) runs that file on its own, without ``app.py``, its navigation or its session
defaults, and the whole process stays in that mode until someone opens the root URL. Our pages
live in ``pages/`` (the project's layout) and are routed by ``st.navigation`` in ``app.py``, so the
legacy mode is switched off before the server starts. ``make run`` and the browser test use this.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parents[1] / "app.py"

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())
