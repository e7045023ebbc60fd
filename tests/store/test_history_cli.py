"""``planner history``: add, list, trend, diff, delete on a database given by --db; refusals exit 2."""

from __future__ import annotations

import json

import pytest

from planner.cli import main
from planner.samples import SAMPLE_TEAM_FILE, SAMPLES_DIR

pytestmark = pytest.mark.integration
ROSTER = str(SAMPLES_DIR / SAMPLE_TEAM_FILE)


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("PLANNER_ID_KEY", "cli-test-key")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("PLANNER_DB_URL", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["history", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_trend_diff_delete(db_url: str, capsys) -> None:
    db = ["--db", db_url]
    code, out, _ = run(capsys, "add", ROSTER, "--team", "North", "--as-of", "2026-04-01", "--by", "ann", *db)
    assert code == 0 and "Saved North's snapshot for 1 April 2026: 25 people, 16.50 WTE" in out
    assert run(capsys, "add", ROSTER, "--team", "North", "--as-of", "2026-01-01", "--by", "ann", *db)[0] == 0

    code, _, err = run(capsys, "add", ROSTER, "--team", "North", "--as-of", "2026-01-01", "--by", "bob", *db)
    assert code == 2 and "saved by ann" in err and "--replace" in err and "Traceback" not in err
    code, out, _ = run(
        capsys, "add", ROSTER, "--team", "North", "--as-of", "2026-01-01", "--by", "bob", "--replace", *db
    )
    assert code == 0

    code, out, _ = run(capsys, "list", "--team", "North", "--json", *db)
    listed = json.loads(out)["snapshots"]
    assert code == 0 and [(s["as_of"], s["saved_by"]) for s in listed] == [
        ("2026-01-01", "bob"),
        ("2026-04-01", "ann"),
    ]

    code, out, _ = run(capsys, "trend", "--team", "North", "--json", *db)
    doc = json.loads(out)
    assert code == 0 and doc["team"] == "North"
    assert [s["as_of"] for s in doc["snapshots"]] == ["2026-01-01", "2026-04-01"]
    assert all(
        list(s)
        == [
            "as_of",
            "people",
            "wte",
            "coverage",
            "registered_share",
            "single_points_of_failure",
            "expired",
            "expiring",
        ]
        for s in doc["snapshots"]
    )
    first, second = doc["snapshots"]
    assert first["people"] == 25 and first["wte"] == 16.5 and first["registered_share"] == 0.6788
    assert first["coverage"] < second["coverage"]  # sign-offs dated between the two dates count only later
    code, out, _ = run(capsys, "trend", "--team", "North", *db)
    assert code == 0 and "1 January 2026" in out and "68%" in out

    code, out, _ = run(
        capsys, "diff", "--team", "North", "--from", "2026-01-01", "--to", "2026-04-01", "--json", *db
    )
    ch = json.loads(out)
    assert (
        code == 0
        and ch["counts"]["joiners"] == 0
        and ch["counts"]["gained"] > 0
        and ch["counts"]["lapsed"] > 0
    )
    assert all(len(g["staff_id"]) == 64 and g["name"] is None for g in ch["gained"])

    assert run(capsys, "delete", "--team", "North", "--as-of", "2026-01-01", *db)[0] == 0
    code, out, _ = run(capsys, "list", "--team", "North", *db)
    assert "1 snapshot(s)" in out and "1 April 2026" in out
    code, _, err = run(capsys, "delete", "--team", "North", *db)
    assert code == 2 and "would delete team North with its 1 snapshot(s) and 1 member(s)" in err
    assert "--yes" in err and run(capsys, "list", "--team", "North", *db)[0] == 0  # still there
    assert run(capsys, "delete", "--team", "North", "--yes", *db)[0] == 0
    from planner.store import access_log, open_store

    store = open_store(db_url)
    assert access_log(store, "North")[-1].action == "deleted"  # kept when the team goes
    store.close()
    code, _, err = run(capsys, "trend", "--team", "North", *db)
    assert code == 2 and "no team called 'North'" in err


def test_unknown_dates_and_teams_exit_2_with_the_message(tmp_path, capsys) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'h.db'}"]
    assert run(capsys, "add", ROSTER, "--team", "T", "--as-of", "2026-01-01", "--by", "ann", *db)[0] == 0
    code, _, err = run(capsys, "diff", "--team", "T", "--from", "2026-01-01", "--to", "2026-02-01", *db)
    assert code == 2 and err.strip() == "Team 'T' has no snapshot on 1 February 2026."
    code, _, err = run(capsys, "delete", "--team", "T", "--as-of", "2026-02-01", *db)
    assert code == 2 and "no snapshot on 1 February 2026" in err
    code, _, err = run(capsys, "add", str(tmp_path / "missing.xlsx"), "--team", "T", *db)
    assert code == 2 and "Cannot read" in err


def test_a_bad_database_exits_2_without_a_traceback_and_is_left_alone(tmp_path, capsys) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are notes, not a database\n" * 40)
    code, out, err = run(capsys, "list", "--team", "T", "--db", f"sqlite:///{path}")
    assert code == 2 and "not a database" in err and "Traceback" not in err + out
    assert path.read_bytes() == b"these are notes, not a database\n" * 40
    from tests.postgres import free_port

    code, _, err = run(capsys, "trend", "--team", "T", "--db", f"postgresql://u:pw@127.0.0.1:{free_port()}/x")
    assert code == 2 and "cannot be reached" in err and ":pw@" not in err


def test_db_url_from_the_environment_then_the_default_file(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("PLANNER_DB_URL", f"sqlite:///{tmp_path / 'env.db'}")
    assert run(capsys, "add", ROSTER, "--team", "E", "--as-of", "2026-01-01", "--by", "ann")[0] == 0
    assert (tmp_path / "env.db").is_file()
    monkeypatch.delenv("PLANNER_DB_URL")
    monkeypatch.chdir(tmp_path)  # no .streamlit/secrets.toml here
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    code, out, _ = run(capsys, "list")
    assert code == 0 and "No teams saved yet." in out
    assert (tmp_path / "xdg" / "skill-mix-planner" / "history.db").is_file()


def test_a_default_folder_that_cannot_be_made_exits_2(tmp_path, monkeypatch, capsys) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    code, out, err = run(capsys, "list")
    assert (
        code == 2 and "Cannot prepare the history database's folder" in err and "Traceback" not in err + out
    )


def test_a_different_staff_id_key_exits_2_with_the_message(tmp_path, monkeypatch, capsys) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'h.db'}"]
    assert run(capsys, "add", ROSTER, "--team", "North", "--as-of", "2026-01-01", *db)[0] == 0
    monkeypatch.setenv("PLANNER_ID_KEY", "another-key")
    code, _, err = run(capsys, "list", *db)
    assert code == 2 and "different staff-id key" in err and "PLANNER_ID_KEY" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_team_name_exits_2_with_the_message(tmp_path, capsys, blank) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'h.db'}"]
    for argv in (("add", ROSTER, "--team", blank, "--as-of", "2026-01-01"), ("trend", "--team", blank)):
        code, out, err = run(capsys, *argv, *db)
        assert code == 2 and "A team needs a name" in err and "Traceback" not in err and out == ""


def test_region_gives_a_commissioner_and_a_team_a_region(tmp_path, capsys) -> None:
    from planner.store import can_access, list_teams, open_store

    url = f"sqlite:///{tmp_path / 'h.db'}"
    db = ["--db", url]
    for team in ("North", "South"):
        assert run(capsys, "add", ROSTER, "--team", team, "--as-of", "2026-01-01", "--by", "ann", *db)[0] == 0
    code, out, _ = run(capsys, "region", "--team", "North", "--region", "London", *db)
    assert code == 0 and out.strip() == "Team North is now in London."
    code, out, _ = run(capsys, "region", "--user", "cara@nhs.net", "--region", "London", *db)
    assert code == 0 and out.strip() == "cara@nhs.net now sees the teams of London."
    store = open_store(url)
    assert [x.region for x in list_teams(store)] == ["London", None]
    assert [x.name for x in list_teams(store, "cara@nhs.net")] == ["North"]
    assert can_access(store, "cara@nhs.net", "North") and not can_access(store, "cara@nhs.net", "South")
    store.close()
    code, _, err = run(capsys, "region", "--team", "West", "--region", "London", *db)
    assert code == 2 and "no team called 'West'" in err


def test_dates_and_names_that_are_probably_mistakes(tmp_path, capsys) -> None:
    from datetime import date, timedelta

    db = ["--db", f"sqlite:///{tmp_path / 'h.db'}"]
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    code, out, err = run(capsys, "add", ROSTER, "--team", "North", "--as-of", tomorrow, *db)
    assert code == 2 and "cannot be dated" in err and "after today" in err and out == ""
    for d in ("2026-01-01", "2026-02-01"):
        assert run(capsys, "add", ROSTER, "--team", "North", "--as-of", d, "--by", "ann", *db)[0] == 0
    # a name that differs only in capitals or spaces is saved, with a warning
    code, _, err = run(capsys, "add", ROSTER, "--team", "north", "--as-of", "2026-01-01", *db)
    assert code == 0 and "Warning: 'north' is saved as a new team, but a team called 'North'" in err
    # --from after --to: said, and compared the right way round
    code, out, err = run(capsys, "diff", "--team", "North", "--from", "2026-02-01", "--to", "2026-01-01", *db)
    assert code == 0 and "the dates were swapped" in err
    assert "from 1 January 2026 to 1 February 2026" in out
    # saved_at carries its time zone (UTC)
    code, out, _ = run(capsys, "list", "--team", "North", "--json", *db)
    saved = [s["saved_at"] for s in json.loads(out)["snapshots"]]
    assert code == 0 and len(saved) == 2 and all(s.endswith("+00:00") for s in saved)
