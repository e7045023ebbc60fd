"""The Word tables' body rows written in one XML parse are the rows python-docx writes cell by cell."""

from __future__ import annotations

import docx
import pandas as pd
import pytest
from lxml import etree

from planner.export import word

pytestmark = pytest.mark.unit


def _slow(df: pd.DataFrame) -> bytes:
    """The same table through python-docx's ``add_row`` and ``cell.text`` (the former code path)."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=len(df.columns))
    for values in df.itertuples(index=False, name=None):
        cells = table.add_row().cells
        for i, value in enumerate(values):
            cells[i].text = str(value)
            if isinstance(value, float):
                cells[i].paragraphs[0].alignment = 2
    return etree.tostring(table._tbl)


def _fast(df: pd.DataFrame) -> bytes:
    document = docx.Document()
    table = document.add_table(rows=1, cols=len(df.columns))
    texts = [[str(v) for v in row] for row in df.itertuples(index=False, name=None)]
    word._append_rows(table, texts, [pd.api.types.is_float_dtype(df[c]) for c in df.columns])
    return etree.tostring(table._tbl)


def test_rows_in_one_parse_match_python_docx_cell_by_cell() -> None:
    df = pd.DataFrame(
        {
            "Group": ["Band 5 & 6 <all>", "", "Nurse’s “room”"],
            "WTE": [1.5, 2.25, 0.0],
            "Note": ["a b", "x", "ü"],
        }
    )
    assert _fast(df) == _slow(df)


def test_plain_text_test_sends_tabs_breaks_and_edge_spaces_to_python_docx() -> None:
    for text in ("a\tb", "a\nb", " lead", "trail ", "bad\x07"):
        assert not word._PLAIN.fullmatch(text)
    for text in ("", "a", "a b", "£1,200", "Band 5 & 6 <all>", "x\u00a0y"):
        assert word._PLAIN.fullmatch(text)


def test_a_table_with_a_line_break_still_writes_it_as_a_break() -> None:
    document = docx.Document()
    word._add_table(document, pd.DataFrame({"Note": ["first\nsecond", "plain"]}), None)
    xml = etree.tostring(document.tables[0]._tbl).decode()
    assert "<w:br/>" in xml and ">plain<" in xml
