"""The package list, which pyproject.toml cannot state: every package under
finsam_desktop/ plus finsam_desktop.resources, whose files live in the top-level
resources/ folder (mapped by [tool.setuptools.package-dir] in pyproject.toml)."""

from setuptools import find_namespace_packages, setup

setup(packages=find_namespace_packages(include=["finsam_desktop", "finsam_desktop.*"],
                                       exclude=["*.__pycache__"]) + ["finsam_desktop.resources"])
