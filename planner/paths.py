"""Where the project's reference data lives (``data/`` at the repository root).

``data/`` is not inside the package, so a wheel does not carry it: an installed ``planner`` reads the
folder ``PLANNER_DATA_DIR`` names (for example a checkout's ``data/``).
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository's ``data`` folder; ``PLANNER_DATA_DIR`` overrides it (tests, packaged installs).
DATA_DIR = Path(os.environ.get("PLANNER_DATA_DIR", Path(__file__).resolve().parents[1] / "data"))
SAMPLES_DIR = DATA_DIR / "samples"
TEMPLATES_DIR = DATA_DIR / "templates"
