"""The package list, which pyproject.toml cannot state: every package under
finsam_desktop/ plus finsam_desktop.resources, whose files live in the top-level
resources/ folder (mapped by [tool.setuptools.package-dir] in pyproject.toml, every file
taken by its `**/*` package-data glob). Its subfolders are named as packages too, so that
setuptools does not warn that they would be left out."""

from pathlib import Path

from setuptools import find_namespace_packages, setup

HERE = Path(__file__).resolve().parent
RESOURCE_PACKAGES = ["finsam_desktop.resources"] + sorted(
    "finsam_desktop.resources." + ".".join(p.relative_to(HERE / "resources").parts)
    for p in (HERE / "resources").rglob("*") if p.is_dir() and "__pycache__" not in p.parts)

setup(packages=find_namespace_packages(include=["finsam_desktop", "finsam_desktop.*"],
                                       exclude=["*.__pycache__"]) + RESOURCE_PACKAGES)
