"""The house rules of ``planner/``, checked on the code itself (read as text, nothing imported).

Imports run down the pipeline only (reference → ingest → models → captions → charts → export →
views → pack → cli); no module is over 400 lines; nothing imports Streamlit; and every
``except Exception`` says in a comment which failures it contains and which test proves it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

PLANNER = Path(__file__).resolve().parents[2] / "planner"
#: Where each part of planner/ stands in the pipeline: a part may import only parts below it.
RANK = {
    "vocab": 0, "paths": 0, "__init__": 0,
    "reference": 1, "style": 1,
    "samples": 2, "sample_kinds": 2,
    "ingest": 3,
    "coverage": 4, "skillmix": 4, "expansion": 4,
    "captions": 5, "history": 5,
    "charts": 6,
    "export": 7,
    "views": 8,
    "pack": 9, "store": 9,
    "cli": 10,
}  # fmt: skip
MODULES = sorted(PLANNER.rglob("*.py"))


def part_of(path: Path) -> str:
    rel = path.relative_to(PLANNER).parts
    return rel[0] if len(rel) > 1 else rel[0].removesuffix(".py")


def imported_parts(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "planner":
            names = [a.name for a in node.names] if node.module == "planner" else [node.module.split(".")[1]]
            out.update(names)
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names if a.name.startswith("planner."))
    return out


def test_every_part_has_a_rank_and_a_docstring() -> None:
    parts = {part_of(p) for p in MODULES}
    assert parts <= set(RANK), parts - set(RANK)
    for folder in (p for p in PLANNER.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, f"{folder.name}/__init__.py needs a docstring saying what it owns"


def test_imports_run_down_the_pipeline_only() -> None:
    upward = [
        f"{p.relative_to(PLANNER)} imports planner.{q}"
        for p in MODULES
        for q in imported_parts(p)
        if q != part_of(p) and RANK[q] >= RANK[part_of(p)]
    ]
    assert not upward


def test_no_module_is_over_400_lines_and_none_imports_streamlit() -> None:
    long = [f"{p.relative_to(PLANNER)}: {n}" for p in MODULES if (n := len(p.read_text().splitlines())) > 400]
    assert not long
    assert not [p for p in MODULES if re.search(r"^\s*(import|from) streamlit", p.read_text(), re.M)]


def test_every_broad_except_names_its_failures_and_its_test() -> None:
    bad = []
    for p in MODULES:
        lines = p.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            # a handler that tidies up and raises the same exception again swallows nothing
            reraises = any(x.strip() == "raise" for x in lines[i + 1 : i + 4])
            if re.match(r"\s*except (Exception|BaseException)\b|\s*except\s*:", line) and not reraises:
                # the comment sits on the line itself or in the comment block just above it
                j, block = i - 1, [line]
                while j >= 0 and lines[j].strip().startswith("#"):
                    block.append(lines[j])
                    j -= 1
                text = " ".join(b.strip().lstrip("#").strip() for b in reversed(block))
                if not re.search(r"tests/\S+\.py::test_\w+|test_\w+ \(tests/", text):
                    bad.append(f"{p.relative_to(PLANNER)}:{i + 1}")
    assert not bad, "a broad except without its reason and proving test: " + ", ".join(bad)


def test_the_import_graph_between_rooms_is_at_most_8_floors() -> None:
    """A room is a folder of planner/ (or a top-level module); a room stands above every room it imports."""
    edges = {part_of(p): set() for p in MODULES}
    for p in MODULES:
        edges[part_of(p)] |= imported_parts(p) - {part_of(p)}
    floor: dict[str, int] = {}

    def height(room: str) -> int:
        if room not in floor:
            floor[room] = 1 + max((height(q) for q in edges.get(room, ())), default=0)
        return floor[room]

    # pages/ and app.py import the views and the pack, so they stand on the CLI's floor
    assert max(height(r) for r in edges) <= 8, floor


def test_every_planner_name_in_docs_and_docstrings_exists() -> None:
    """``planner.x.y`` written in a docstring, a doc or a data file's comment names a real module or name."""
    import importlib

    def resolves(ref: str) -> bool:
        parts = ref.split(".")
        for i in range(len(parts), 0, -1):
            try:
                obj = importlib.import_module(".".join(parts[:i]))
            except ImportError:
                continue
            try:
                for name in parts[i:]:
                    obj = getattr(obj, name)
            except AttributeError:
                return False
            return True
        return False

    root = PLANNER.parent
    texts = [*MODULES, *(root / "docs").glob("*.md"), *(root / "data").rglob("*.yaml"), root / "README.md"]
    refs = {
        (str(t.relative_to(root)), m.rstrip("."))
        for t in texts
        for m in re.findall(r"\bplanner(?:\.[A-Za-z_]\w*)+", t.read_text(encoding="utf-8"))
    }
    assert not sorted(r for r in refs if not resolves(r[1]))
