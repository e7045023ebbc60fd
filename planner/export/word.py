"""Word (.docx) reports for business cases: headings, key figures, charts with captions, assumptions.

Built with python-docx on A4 portrait in Arial. Accessibility: each chart's caption is both its
numbered figure caption ("Figure 1: …", a real Word ``SEQ`` field, so Word can build a table of
figures) and the picture's alternative text (``wp:docPr/@descr``); table header rows repeat on every
page and are marked as headers; the document language is en-GB.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import docx
import pandas as pd
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from planner import style
from planner.export.formats import column_format, display_value

__all__ = ["Figure", "Section", "Table", "docx_report"]

_FONT = "Arial"
_TEXT = RGBColor.from_string("212B32")
_NHS_DARK_BLUE = RGBColor.from_string(style.NHS_DARK_BLUE.lstrip("#"))
_WHITE = RGBColor.from_string("FFFFFF")
# Characters XML 1.0 cannot hold; python-docx raises on them, so user text is cleaned first.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Figure:
    """A chart image with its caption (also used as the picture's alternative text)."""

    png: bytes
    caption: str
    width_cm: float = 16.0


@dataclass(frozen=True)
class Table:
    """A table with its caption; numbers are shown with the same formats as the XLSX export."""

    df: pd.DataFrame
    caption: str
    number_formats: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Section:
    """One heading and what goes under it.

    Order: paragraphs, key figures, figures, tables, assumptions. ``key_figures`` are ``(label, value text)`` pairs or a mapping, shown as a two-column table.
    ``assumptions`` is a table (e.g. parameter, value, source, assumption?) captioned
    "Assumptions and sources".
    """

    heading: str
    paragraphs: Sequence[str] = ()
    key_figures: Sequence[tuple[str, str]] | Mapping[str, str] = ()
    figures: Sequence[Figure] = ()
    tables: Sequence[Table] = ()
    assumptions: pd.DataFrame | None = None
    level: int = 1


def _clean(text: object) -> str:
    return _XML_INVALID.sub("", str(text))


def _set_cell_shading(cell: object, hex_fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill.lstrip("#"))
    tc_pr.append(shd)


def _mark_header_row(table: DocxTable) -> None:
    """Repeat the first row on each page; screen readers announce it as the header."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _caption(document: docx.document.Document, label: str, number: int, text: str) -> Paragraph:
    """A "Figure 1: text" caption whose number is a Word SEQ field (with the number cached)."""
    para = document.add_paragraph(style="Caption")
    para.add_run(f"{label} ")
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" SEQ {label} \\* ARABIC ")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = str(number)
    run.append(t)
    fld.append(run)
    para._p.append(fld)
    para.add_run(f": {_clean(text)}")
    return para


def _add_table(document: docx.document.Document, df: pd.DataFrame, formats: Mapping[str, str] | None) -> None:
    if isinstance(df.index, pd.MultiIndex) or df.index.name is not None:
        df = df.reset_index()
    overrides = dict(formats or {})
    columns = [str(c) for c in df.columns]
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, label in zip(table.rows[0].cells, columns, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(_clean(label))
        run.bold = True
        run.font.color.rgb = _WHITE
        _set_cell_shading(cell, style.NHS_BLUE)
    _mark_header_row(table)
    excel = [overrides.get(c, column_format(c, df.iloc[:, i])) for i, c in enumerate(columns)]
    numeric = [pd.api.types.is_numeric_dtype(df.iloc[:, i].dtype) for i in range(len(columns))]
    texts = [
        [display_value(value, excel[i]) for i, value in enumerate(values)]
        for values in df.itertuples(index=False, name=None)
    ]
    if all(_PLAIN.fullmatch(t) for row in texts for t in row):
        _append_rows(table, texts, numeric)
    else:  # tabs, line breaks or edge spaces: python-docx writes those its own way, cell by cell
        for row in texts:
            cells = table.add_row().cells
            for i, text in enumerate(row):
                cells[i].text = text
                if numeric[i]:
                    cells[i].paragraphs[0].alignment = 2  # right-aligned numbers line up by digit
    document.add_paragraph()


#: Cell text written straight into the table's XML: no tab, line break, edge space or XML-invalid
#: character (empty is fine); anything else goes through python-docx cell by cell.
_PLAIN = re.compile(
    r"(?:[^\s\x00-\x1f\ufffe\uffff](?:[^\t\n\r\x00-\x1f\ufffe\uffff]*[^\s\x00-\x1f\ufffe\uffff])?)?"
)


def _append_rows(table: DocxTable, texts: list[list[str]], numeric: list[bool]) -> None:
    """Add the body rows in one XML parse.

    The same elements python-docx's ``add_row`` and ``cell.text`` write (cell widths from the grid, one
    run per cell, numbers right-aligned), without building each cell through its object model (most of
    a large table's time).
    """
    widths = [col.w for col in table._tbl.tblGrid.gridCol_lst]
    heads = [
        "<w:tc>"
        + (f'<w:tcPr><w:tcW w:type="dxa" w:w="{w.twips}"/></w:tcPr>' if w is not None else "")
        + ('<w:p><w:pPr><w:jc w:val="right"/></w:pPr>' if numeric[i] else "<w:p>")
        for i, w in enumerate(widths)
    ]
    rows = "".join(
        "<w:tr>"
        + "".join(
            heads[i]
            + (f"<w:r><w:t>{html.escape(t, quote=False)}</w:t></w:r>" if t else "<w:r/>")
            + "</w:p></w:tc>"
            for i, t in enumerate(row)
        )
        + "</w:tr>"
        for row in texts
    )
    tbl = table._tbl
    for tr in parse_xml(f"<w:tbl {nsdecls('w')}>{rows}</w:tbl>"):
        tbl.append(tr)


def _key_figures(document: docx.document.Document, pairs: Sequence[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in pairs:
        cells = table.add_row().cells
        cells[0].text = ""
        cells[0].paragraphs[0].add_run(_clean(label)).bold = True
        _set_cell_shading(cells[0], style.NHS_PALE_GREY)
        cells[1].text = _clean(value)
    document.add_paragraph()


def _style_document(document: docx.document.Document, title: str) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    normal = document.styles["Normal"]
    normal.font.name = _FONT
    normal.font.size = Pt(11)
    normal.font.color.rgb = _TEXT
    r_pr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    r_pr.append(lang)
    for name, size in (("Title", 24), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 12)):
        st = document.styles[name]
        st.font.name = _FONT
        st.font.size = Pt(size)
        st.font.bold = True
        st.font.color.rgb = _NHS_DARK_BLUE
    caption = document.styles["Caption"]
    caption.font.name = _FONT
    caption.font.size = Pt(10)
    caption.font.italic = True
    caption.font.bold = False
    caption.font.color.rgb = RGBColor.from_string(style.NHS_DARK_GREY.lstrip("#"))
    props = document.core_properties
    props.title = _clean(title)
    props.author = "Skill Mix Planner"
    props.last_modified_by = "Skill Mix Planner"
    props.language = "en-GB"


def _field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``) whose result Word recalculates; ``cached`` shows until then."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = cached
    run.append(t)
    fld.append(run)
    paragraph._p.append(fld)


def _marking_and_page_numbers(document: docx.document.Document, marking: str) -> None:
    """The protective marking centred in the header and the footer; "Page n of m" in the footer."""
    section = document.sections[0]
    head = section.header.paragraphs[0]
    head.alignment = 1
    head.add_run(_clean(marking)).bold = True
    foot = section.footer.paragraphs[0]
    foot.alignment = 1
    foot.add_run(f"{_clean(marking)}    Page ")
    _field(foot, "PAGE", "1")
    foot.add_run(" of ")
    _field(foot, "NUMPAGES", "1")


def _contents(document: docx.document.Document, sections: Sequence[Section]) -> None:
    """A written contents list of the sections' headings (level 1 and 2), readable before any field update."""
    document.add_heading("Contents", level=1)
    for sec in sections:
        if sec.level <= 2:
            para = document.add_paragraph(
                _clean(sec.heading), style="List Number" if sec.level == 1 else "List Bullet 2"
            )
            para.paragraph_format.space_after = Pt(0)


def docx_report(
    title: str,
    sections: Sequence[Section],
    *,
    subtitle: str | None = None,
    marking: str | None = None,
    contents: bool = False,
) -> bytes:
    """A Word document ready to paste from: title, then each section with its figures and tables.

    Args:
        title: the document title (also its metadata title).
        sections: the content, in order.
        subtitle: a line under the title, e.g. "Sample region · prepared 1 Apr 2026" (pass dates in).
        marking: a protective marking (e.g. ``"OFFICIAL"``) for the header and footer; with it, the
            footer also numbers the pages ("Page 1 of 9", Word ``PAGE`` and ``NUMPAGES`` fields).
        contents: add a written contents list of the sections after the title.

    Returns:
        DOCX bytes.
    """
    document = docx.Document()
    _style_document(document, title)
    document.add_paragraph(_clean(title), style="Title")
    if subtitle:
        document.add_paragraph(_clean(subtitle), style="Subtitle")
    if marking:
        _marking_and_page_numbers(document, marking)
    if contents:
        _contents(document, sections)
    n_figures = n_tables = 0
    for sec in sections:
        document.add_heading(_clean(sec.heading), level=min(max(sec.level, 1), 3))
        for text in sec.paragraphs:
            document.add_paragraph(_clean(text))
        pairs = (
            list(sec.key_figures.items()) if isinstance(sec.key_figures, Mapping) else list(sec.key_figures)
        )
        if pairs:
            _key_figures(document, pairs)
        for fig in sec.figures:
            n_figures += 1
            run = document.add_paragraph().add_run()
            shape = run.add_picture(io.BytesIO(fig.png), width=Cm(fig.width_cm))
            doc_pr = shape._inline.docPr
            doc_pr.set("descr", _clean(fig.caption))
            doc_pr.set("name", f"Figure {n_figures}")
            _caption(document, "Figure", n_figures, fig.caption)
        for tab in sec.tables:
            n_tables += 1
            _caption(document, "Table", n_tables, tab.caption)  # table captions go above
            _add_table(document, tab.df, tab.number_formats)
        if sec.assumptions is not None and len(sec.assumptions):
            n_tables += 1
            _caption(document, "Table", n_tables, "Assumptions and sources")
            _add_table(document, sec.assumptions, None)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
