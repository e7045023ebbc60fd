"""The team workbook, and where the database and the id key are found."""

from __future__ import annotations

import io
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner import store as S
from planner.store.url import find_id_key, find_url

pytestmark = pytest.mark.integration


def test_team_workbook_holds_the_history_with_formulas_neutralised(store, roster) -> None:
    staff = roster.staff.copy()
    staff.loc[0, "name"] = '=HYPERLINK("http://x","y")'
    S.set_store_names(store, "T", True)
    S.save_snapshot(store, "T", date(2026, 1, 1), staff, roster.competencies, saved_by="ann")
    S.log_access(store, "ann", "T", "exported")
    wb = load_workbook(io.BytesIO(S.export_team_workbook(store, "T")))
    assert wb.sheetnames == ["Team", "Snapshots", "Staff", "Competency records", "Members", "Access log"]
    assert [c.value for c in wb["Team"][2]][:2] == ["T", "ann"]
    snaps = list(wb["Snapshots"].values)
    assert snaps[1][1] == "ann" and snaps[1][5] == 25
    names = [r[2] for r in list(wb["Staff"].values)[1:]]
    assert names[0] == '\'=HYPERLINK("http://x","y")'
    assert len(names) == len(roster.staff)
    assert wb["Competency records"].max_row == len(roster.competencies) + 1
    assert [r[1:] for r in list(wb["Access log"].values)[1:]] == [("ann", "exported")]
    with pytest.raises(S.NotFound):
        S.export_team_workbook(store, "Nobody")


def test_url_lookup_order(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[connections.planner]\nurl = "postgresql://db/secrets"\n', encoding="utf-8")
    env = {"PLANNER_DB_URL": "sqlite:///env.db", "XDG_DATA_HOME": str(tmp_path / "xdg")}
    assert find_url("sqlite:///cli.db", env=env, secrets_paths=[secrets]) == S.DatabaseUrl(
        "sqlite:///cli.db", "the --db option"
    )
    assert find_url(None, env=env, secrets_paths=[secrets]).source == "PLANNER_DB_URL"
    got = find_url(None, env={"XDG_DATA_HOME": env["XDG_DATA_HOME"]}, secrets_paths=[secrets])
    assert got == S.DatabaseUrl("postgresql://db/secrets", "secrets.toml")
    default = find_url(
        None, env={"XDG_DATA_HOME": env["XDG_DATA_HOME"]}, secrets_paths=[tmp_path / "none.toml"]
    )
    assert default == S.DatabaseUrl(
        f"sqlite:///{tmp_path / 'xdg' / 'skill-mix-planner' / 'history.db'}", "the default file"
    )
    assert (tmp_path / "xdg" / "skill-mix-planner").is_dir()
    home = find_url(None, env={}, secrets_paths=[], home=tmp_path / "home")
    assert (
        home.url == f"sqlite:///{tmp_path / 'home' / '.local' / 'share' / 'skill-mix-planner' / 'history.db'}"
    )


def test_a_broken_secrets_file_is_passed_over(tmp_path: Path) -> None:
    bad = tmp_path / "secrets.toml"
    bad.write_text("[connections.planner\nurl = ", encoding="utf-8")
    assert (
        find_url(None, env={"XDG_DATA_HOME": str(tmp_path)}, secrets_paths=[bad]).source == "the default file"
    )


def test_the_default_file_is_created_on_first_use_and_opens(tmp_path: Path) -> None:
    url = find_url(None, env={"XDG_DATA_HOME": str(tmp_path)}, secrets_paths=[])
    s = S.open_store(url.url, id_key=b"k")
    assert (tmp_path / "skill-mix-planner" / "history.db").is_file()
    assert S.list_teams(s) == []
    s.close()


def test_id_key_order_and_a_key_file_made_private_and_stable(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[planner]\nid_key = "from-secrets"\n', encoding="utf-8")
    env = {"XDG_DATA_HOME": str(tmp_path / "xdg")}
    assert find_id_key(env={**env, "PLANNER_ID_KEY": "from-env"}, secrets_paths=[secrets]) == b"from-env"
    assert find_id_key(env=env, secrets_paths=[secrets]) == b"from-secrets"
    first = find_id_key(env=env, secrets_paths=[])
    path = tmp_path / "xdg" / "skill-mix-planner" / "id.key"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert len(first) == 64 and find_id_key(env=env, secrets_paths=[]) == first
