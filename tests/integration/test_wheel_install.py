"""The built wheel holds every ``planner`` sub-package, and its ``planner`` command works once installed.

The wheel is built from a copy of the package (so the checkout gets no ``build/`` folder), installed
without dependencies into a scratch venv, and run from a folder outside the checkout. Third-party
libraries come from this venv's site-packages, appended after the scratch venv's own by a ``.pth``
file, so the wheel's ``planner`` is the one imported (never the editable checkout).

Reference data (``data/``) lives at the repository root, outside the package: an installed wheel
reads it from ``PLANNER_DATA_DIR`` (see ``planner/paths.py``), which is what is tested here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from planner.cli import _ORDER

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def _backend_in_this_venv() -> bool:
    """Whether this venv can build the wheel itself (setuptools>=77 with ``wheel``): no download."""
    try:
        major = int(version("setuptools").split(".")[0])
        version("wheel")
    except (PackageNotFoundError, ValueError):
        return False
    return major >= 77


def _build_wheel(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "planner", src / "planner", ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path / "dist"
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(src)]
    if _backend_in_this_venv():
        cmd.insert(4, "--no-build-isolation")
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=240, check=False)
    if done.returncode != 0 and "satisfies the requirement setuptools" in done.stderr:
        pytest.skip("the build backend (setuptools>=77, wheel) is neither here nor downloadable")
    assert done.returncode == 0, done.stderr
    (wheel,) = dist.glob("skill_mix_planner-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The wheel, and the ``bin`` folder of a scratch venv it is installed in."""
    tmp_path = tmp_path_factory.mktemp("wheel")
    wheel = _build_wheel(tmp_path)
    scratch = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(scratch)
    bin_dir = scratch / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    scratch_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(scratch_site, "zz_third_party.pth").write_text("\n".join(sorted(ours)) + "\n")
    return wheel, bin_dir


def _run(bin_dir: Path, *args: str, data: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PLANNER_DATA_DIR"}}
    if data:
        env["PLANNER_DATA_DIR"] = str(ROOT / "data")
    return subprocess.run(
        args, capture_output=True, text=True, timeout=120, check=False, env=env, cwd=bin_dir.parent
    )


def test_the_wheel_holds_every_sub_package(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    modules = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "planner").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    packages = {Path(m).parent.as_posix() for m in modules if m.endswith("/__init__.py")}
    assert {"planner/ingest", "planner/expansion", "planner/pack", "planner/views"} <= packages
    assert modules - names == set()
    assert not [n for n in names if n.startswith("data/") or "/data/" in n]


def test_the_installed_package_imports_from_the_wheel(installed: tuple[Path, Path]) -> None:
    _, bin_dir = installed
    subs = sorted(p.parent.name for p in (ROOT / "planner").glob("*/__init__.py"))
    code = (
        "import importlib, planner, planner.paths\n"
        f"for name in {subs!r}: importlib.import_module('planner.' + name)\n"
        "print(planner.__file__); print(planner.paths.DATA_DIR)"
    )
    done = _run(bin_dir, str(bin_dir / "python"), "-c", code)
    assert done.returncode == 0, done.stderr
    where, data_dir = done.stdout.split("\n")[:2]
    assert Path(where).is_relative_to(bin_dir.parent)
    assert Path(data_dir) == ROOT / "data"


def test_the_planner_command_lists_its_sub_commands_and_reads_the_data(installed: tuple[Path, Path]) -> None:
    _, bin_dir = installed
    done = _run(bin_dir, str(bin_dir / "planner"), "--help")
    assert done.returncode == 0, done.stderr
    listed = re.findall(r"^ {4}(\w+)", done.stdout, flags=re.MULTILINE)
    assert listed == list(_ORDER)

    done = _run(bin_dir, str(bin_dir / "planner"), "framework", "list")
    assert done.returncode == 0, done.stderr
    assert "British Thoracic Society" in done.stdout
