"""Shared test set-up: one kind marker per test, and the rule that CI cannot pass without the browser.

With ``PLANNER_REQUIRE_BROWSER=1`` (set by ``.ci/run``) a skipped or missing end-to-end browser test
fails the session, so CI can never go green without the real-browser test having run.
"""

from __future__ import annotations

import os

import pytest

KINDS = ("unit", "integration", "app", "e2e")
_e2e = {"passed": 0, "skipped": []}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test carries exactly one of the kind markers."""
    bad = [i.nodeid for i in items if sum(1 for k in KINDS if i.get_closest_marker(k)) != 1]
    if bad:
        raise pytest.UsageError(
            "Tests without exactly one kind marker (unit/integration/app/e2e):\n" + "\n".join(bad)
        )


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count the e2e tests that ran and those that were skipped."""
    if "e2e" not in report.keywords:
        return
    if report.skipped:
        _e2e["skipped"].append(report.nodeid)
    elif report.when == "call" and report.passed:
        _e2e["passed"] += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under PLANNER_REQUIRE_BROWSER, fail the run when the browser tests were skipped or absent."""
    if os.environ.get("PLANNER_REQUIRE_BROWSER") != "1":
        return
    selected = session.config.getoption("-k") or session.config.getoption("-m")
    if selected:
        return  # a deliberately narrowed run is not the CI run
    if _e2e["skipped"] or _e2e["passed"] == 0:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        msg = (
            f"PLANNER_REQUIRE_BROWSER=1: the real-browser tests must run. "
            f"passed={_e2e['passed']}, skipped={len(_e2e['skipped'])} {_e2e['skipped']}"
        )
        if reporter:
            reporter.write_line(msg, red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
