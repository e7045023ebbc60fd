"""Invariants of the ingest: shuffling rows or adding blank rows changes no figure; counts add up;
damaged files are read or refused, never a crash."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.ingest.read import RosterRefused, read_roster
from planner.reference.catalogue import load_catalogue
from planner.views.team import figures, staff_figures

CATALOGUE = load_catalogue()

pytestmark = pytest.mark.unit

REFUSAL_CODES = {"empty", "not_spreadsheet", "password_protected", "no_header", "too_large", "too_many_rows",
                 "zip_bomb", "unreadable"}  # fmt: skip
BAND_TEXT = ["Band 3", "4", "B5", "AfC 6", "7", "8A", "Band 8 b", "9", "Band 10", "", "x"]
WTE_TEXT = ["1", "0.8", "60%", "0,5", "1.5", "2", "abc", "", "0"]
FUNCTION_TEXT = ["Supporting PR", "Delivering", "Leading PR", "Delivering and managing PR", "", "Juggling"]
BODY_TEXT = ["HCPC", "NMC", "AHCS", "", "CSP"]

# Every generated row names a service, so none is blank; blank rows are inserted on purpose.
row_strategy = st.tuples(
    st.sampled_from(["", *[f"P{i}" for i in range(12)]]),
    st.sampled_from(BAND_TEXT),
    st.sampled_from(WTE_TEXT),
    st.sampled_from(FUNCTION_TEXT),
    st.sampled_from(BODY_TEXT),
    st.sampled_from(["North", "South"]),
)


def to_csv(rows: list[tuple[str, ...]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Staff ID", "Band", "WTE", "Function", "Registration body", "Service"])
    writer.writerows(rows)
    return buffer.getvalue().encode()


def headline(data: bytes) -> dict:
    fig = figures(read_roster(data, "p.csv", catalogue=CATALOGUE))
    issues = sorted((i["code"], i["value"]) for i in fig.pop("issues"))
    rows = fig.pop("rows")
    return {**fig, "issues": issues, "accepted": rows["accepted"], "reported": rows["reported"]}


settings.register_profile(
    "roster", deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow]
)


@settings(settings.get_profile("roster"))
@given(rows=st.lists(row_strategy, min_size=1, max_size=25), seed=st.randoms(use_true_random=False))
def test_shuffling_rows_changes_no_figure(rows: list[tuple[str, ...]], seed) -> None:
    shuffled = list(rows)
    seed.shuffle(shuffled)
    assert headline(to_csv(rows)) == headline(to_csv(shuffled))


@settings(settings.get_profile("roster"))
@given(rows=st.lists(row_strategy, min_size=1, max_size=25), blanks=st.lists(st.integers(0, 25), max_size=6))
def test_blank_rows_change_no_figure_but_are_counted(rows: list[tuple[str, ...]], blanks: list[int]) -> None:
    padded = list(rows)
    for position in blanks:
        padded.insert(min(position, len(padded) - 1), ("", "", "", "", "", ""))
    before, after = (
        read_roster(to_csv(rows), "p.csv", catalogue=CATALOGUE),
        read_roster(to_csv(padded), "p.csv", catalogue=CATALOGUE),
    )
    assert headline(to_csv(rows)) == headline(to_csv(padded))
    # every blank row goes above the last data row, so each is counted (trailing blanks are not read)
    assert after.rows["blank"] - before.rows["blank"] == len(blanks)
    assert after.rows["read"] - before.rows["read"] == len(blanks)


@settings(settings.get_profile("roster"))
@given(rows=st.lists(row_strategy, min_size=1, max_size=30))
def test_counts_add_up_and_wte_by_band_sums_to_the_total(rows: list[tuple[str, ...]]) -> None:
    read = read_roster(to_csv(rows), "p.csv", catalogue=CATALOGUE)
    r = read.rows
    assert r["read"] == r["accepted"] + r["reported"] + r["blank"] == len(rows)
    for sheet_counts in read.counts.itertuples(index=False):
        assert sheet_counts.read == sheet_counts.accepted + sheet_counts.reported + sheet_counts.blank
    fig = staff_figures(read.staff)
    assert math.isclose(sum(fig["wte_by_band"].values()), fig["wte_total"], abs_tol=1e-6)
    assert all(v >= 0 and not math.isnan(v) for v in fig["wte_by_band"].values())
    assert fig["wte_registered"] + fig["wte_accredited_register"] <= fig["wte_total"] + 1e-9
    reported_rows = set(read.issues.loc[read.issues["severity"] == "error", "row"].dropna().astype(int))
    assert len(reported_rows) == r["reported"]
    assert len(read.staff) == r["accepted"]


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "roster"
SOURCES = sorted(p for p in FIXTURES.iterdir() if p.stat().st_size)


@settings(settings.get_profile("roster"), max_examples=80)
@given(
    source=st.sampled_from(SOURCES),
    cut=st.floats(0.01, 1.0),
    flips=st.lists(st.tuples(st.floats(0, 0.999), st.integers(0, 255)), max_size=12),
    name=st.sampled_from(["r.xlsx", "r.xls", "r.ods", "r.csv", "r.xlsm"]),
)
def test_damaged_files_are_read_or_refused_never_crash(source: Path, cut: float, flips, name: str) -> None:
    data = bytearray(source.read_bytes())
    for where, value in flips:
        data[int(where * len(data))] = value
    data = bytes(data[: max(1, int(cut * len(data)))])
    try:
        read = read_roster(data, name, catalogue=CATALOGUE)
    except RosterRefused as refused:
        assert refused.code in REFUSAL_CODES and refused.message
    else:
        assert read.rows["read"] == read.rows["accepted"] + read.rows["reported"] + read.rows["blank"]
