"""Skill Mix Planner: competency coverage, skill mix and expansion modelling for NHS clinical teams.

The package is headless: the Streamlit pages in ``pages/`` and the ``planner`` command line both call
the pure functions here. Reference data (frameworks, pay, scenarios, samples) lives in ``data/``.
"""

__version__ = "0.1.0"
