"""Where things live: the repo root, raw and derived data, figures.

Every path is computed when asked for, never at import time, so the package
can be imported from any working directory and in any notebook.
"""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["repo_root", "raw_dir", "derived_dir", "figures_dir", "reports_dir", "notebooks_dir", "package_data"]

_MARKERS = ("pyproject.toml", "data")


def _looks_like_root(path: Path) -> bool:
    return all((path / m).exists() for m in _MARKERS) and (path / "analysis").is_dir()


def repo_root() -> Path:
    """Return the project's root folder.

    Uses ``ANALYSIS_ROOT`` when set, else walks up from this file (editable
    install), else from the current working directory.

    >>> (repo_root() / "pyproject.toml").exists()
    True
    """
    env = os.environ.get("ANALYSIS_ROOT")
    if env:
        return Path(env).resolve()
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        for candidate in (start, *start.parents):
            if _looks_like_root(candidate):
                return candidate
    raise FileNotFoundError(
        "cannot find the project root (a folder with pyproject.toml, data/ and analysis/); "
        "set ANALYSIS_ROOT to it"
    )


def raw_dir() -> Path:
    """``data/raw``: inputs exactly as received. Code never writes here."""
    return repo_root() / "data" / "raw"


def derived_dir() -> Path:
    """``data/derived`` (or ``ANALYSIS_DERIVED_DIR``): caches that can always be rebuilt."""
    env = os.environ.get("ANALYSIS_DERIVED_DIR")
    return Path(env) if env else repo_root() / "data" / "derived"


def figures_dir() -> Path:
    """``figures`` (or ``ANALYSIS_FIGURES_DIR``): where :func:`save_figure` writes."""
    env = os.environ.get("ANALYSIS_FIGURES_DIR")
    return Path(env) if env else repo_root() / "figures"


def reports_dir() -> Path:
    """``reports`` (or ``ANALYSIS_REPORTS_DIR``): executed notebooks and HTML reports of the main job."""
    env = os.environ.get("ANALYSIS_REPORTS_DIR")
    return Path(env) if env else repo_root() / "reports"


def notebooks_dir() -> Path:
    """``notebooks``: the analysis notebooks, numbered in reading order."""
    return repo_root() / "notebooks"


def package_data(name: str) -> Path:
    """Path of a data file shipped inside the package (``analysis/data/NAME``)."""
    return Path(__file__).resolve().parent / "data" / name
