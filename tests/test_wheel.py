"""What `pip install .` gives: the wheel carries the package and every file of the
top-level resources/ folder, and the installed copy works outside the checkout.

Builds the wheel without build isolation (no network), so it needs setuptools>=77 and
wheel in the test environment (the test extra has them); skipped only when they are
absent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from importlib.metadata import version as dist_version
from pathlib import Path

import pytest

import finsam_desktop

REPO = Path(__file__).resolve().parent.parent


def _build_tools_present() -> bool:
    try:
        major = int(dist_version("setuptools").split(".")[0])
        dist_version("wheel")
    except Exception:  # noqa: BLE001 - absent or unparsable: no build
        return False
    return major >= 77


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if not _build_tools_present():
        pytest.skip("setuptools>=77 and wheel are needed to build the wheel")
    out = tmp_path_factory.mktemp("wheel")
    # setuptools builds in the checkout's build/ folder (ignored by git).
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--quiet", "-w", str(out), str(REPO)], check=True, capture_output=True, text=True,
                   cwd=out)
    (whl,) = out.glob("finsam_desktop-*.whl")
    return whl


def test_the_wheel_carries_every_resource_and_module(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = [p.relative_to(REPO / "resources").as_posix()
                 for p in (REPO / "resources").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert "kontoplan.csv" in resources and "fonts/DejaVuSansCondensed.ttf" in resources
    missing = [r for r in resources if f"finsam_desktop/resources/{r}" not in names]
    assert missing == []
    modules = [p.relative_to(REPO).as_posix() for p in (REPO / "finsam_desktop").rglob("*.py")
               if "__pycache__" not in p.parts]
    assert [m for m in modules if m not in names] == []
    # Nothing from outside the package: no tests, no top-level resources/ package.
    assert not [n for n in names if n.startswith(("tests/", "resources/", "benchmarks/"))]
    assert wheel.name.startswith(f"finsam_desktop-{finsam_desktop.__version__}-")


def test_the_installed_wheel_works_outside_the_checkout(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site),
                    str(wheel)], check=True, capture_output=True, text=True)
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}

    def run(*code: str) -> str:
        done = subprocess.run([sys.executable, *code], cwd=work, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    where = run("-c", "import finsam_desktop.paths as p; print(p.__file__); print(p.resources_dir())")
    module, resources = where.split()
    assert Path(module).is_relative_to(site) and Path(resources) == site / "finsam_desktop" / "resources"

    assert "eget kapital 389 900,00 kr" in run("-m", "finsam_desktop", "demo", "demo.finsam")
    report = json.loads(run("-m", "finsam_desktop", "report", "--json", "demo.finsam"))
    assert report["ar"] == "2025"
    run("-m", "finsam_desktop", "pdf", "demo.finsam", "-o", "arsredovisning.pdf")
    assert (work / "arsredovisning.pdf").read_bytes().startswith(b"%PDF-")
    out = run("-c", "import sys; from finsam_desktop.ui.app import main; sys.exit(main(['--self-test']))")
    assert out.strip().endswith("Självtestet gick igenom.")
