"""Where the project's reference data lives (``data/`` at the repository root).

``data/`` is not inside the package, so a wheel does not carry it: an installed ``planner`` reads the
folder ``PLANNER_DATA_DIR`` names (for example a checkout's ``data/``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

import yaml

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: The repository's ``data`` folder; ``PLANNER_DATA_DIR`` overrides it (tests, packaged installs).
DATA_DIR = Path(os.environ.get("PLANNER_DATA_DIR", Path(__file__).resolve().parents[1] / "data"))
SAMPLES_DIR = DATA_DIR / "samples"
TEMPLATES_DIR = DATA_DIR / "templates"


def load_yaml(source: str | bytes | IO[str]) -> Any:
    """Parse one YAML document of the project's data as ``yaml.safe_load`` does, with libyaml's parser.

    The C parser gives the same objects as the pure-Python one (every file in ``data/`` is checked by
    tests/unit/test_paths_yaml.py) about ten times faster, which is most of a command's start-up.
    PyYAML wheels carry libyaml; where it is missing the pure-Python safe loader is used.
    """
    return yaml.load(source, Loader=_SAFE_LOADER)
