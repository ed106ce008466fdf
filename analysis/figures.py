"""One style and one saving helper for every figure of the project."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping, Sequence

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from .paths import figures_dir, package_data

__all__ = ["STYLE", "COLORS", "use_style", "save_figure", "figure_caption", "read_caption", "write_figure_index"]

#: Path of the project's matplotlib style sheet.
STYLE: Path = package_data("analysis.mplstyle")

#: Fixed colours per category, so a group keeps its colour in every chart (Okabe-Ito).
COLORS: Mapping[str, str] = {
    "military": "#0072B2",
    "government": "#D55E00",
    "other": "#7F7F7F",
    "title": "#E69F00",
    "caption": "#56B4E9",
    "body": "#0072B2",
    "country": "#D55E00",
    "admin region": "#CC79A7",
    "city or town": "#0072B2",
    "district": "#56B4E9",
    "physical feature": "#009E73",
    "demonym": "#E69F00",
    "accent": "#0072B2",
    "muted": "#7F7F7F",
}

_FORMATS = ("png", "svg", "pdf")
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


def use_style() -> None:
    """Apply the project's figure style (call once, at the top of a notebook)."""
    plt.style.use(STYLE)


def figure_caption(fig: Figure) -> str:
    """The caption-ready title of a figure: its suptitle, else the first non-empty axes title.

    Stored in each saved file's metadata (``Title``) and listed in the figure index.
    """
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text().strip():
        return " ".join(sup.get_text().split())
    for ax in fig.axes:
        for loc in ("center", "left", "right"):
            t = ax.get_title(loc=loc)
            if t.strip():
                return " ".join(t.split())
    return ""


def read_caption(png: str | os.PathLike) -> str:
    """The caption stored in a PNG written by :func:`save_figure` (empty if none)."""
    from PIL import Image

    with Image.open(png) as im:
        return str(im.info.get("Title", ""))


def write_figure_index(folder: str | os.PathLike | None = None) -> Path:
    """Write ``README.md`` in the figure folder: every figure with its caption and formats."""
    out_dir = Path(folder) if folder is not None else figures_dir()
    rows = []
    for png in sorted(out_dir.glob("*.png")):
        formats = [ext for ext in ("png", "svg", "pdf", "csv") if png.with_suffix(f".{ext}").exists()]
        links = " · ".join(f"[{ext}]({png.stem}.{ext})" for ext in formats)
        caption = read_caption(png).replace("|", "\\|") or "(no title)"
        rows.append(f"| `{png.stem}` | {caption} | {links} |")
    text = ("# Figures\n\nWritten by the main job (`make figures`); do not edit by hand. Each figure is saved as "
            "PNG (300 dpi), SVG and PDF, with the data behind it as CSV. Names start with the notebook that "
            "makes them.\n\n| figure | caption | files |\n|---|---|---|\n" + "\n".join(rows) + "\n")
    path = out_dir / "README.md"
    path.write_text(text, encoding="utf-8")
    return path


def save_figure(fig: Figure, name: str, *, data: pd.DataFrame | None = None,
                folder: str | os.PathLike | None = None,
                formats: Sequence[str] = _FORMATS) -> list[Path]:
    """Save ``fig`` as ``NAME.png`` (300 dpi), ``.svg`` and ``.pdf``, and ``data`` as ``NAME.csv``.

    Files go to ``folder`` or :func:`analysis.paths.figures_dir` (``figures/``,
    overridable with ``ANALYSIS_FIGURES_DIR``). Output carries no timestamps or
    random ids, so saving the same figure twice gives byte-identical files.
    Returns the paths written, and prints them.

    >>> fig, ax = plt.subplots()                                  # doctest: +SKIP
    >>> save_figure(fig, "01_words_per_article", data=df)         # doctest: +SKIP
    """
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"figure name {name!r} must be a plain file stem such as '02_top_terms'")
    caption = figure_caption(fig)
    out_dir = Path(folder) if folder is not None else figures_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    with matplotlib.rc_context({"svg.hashsalt": "analysis", "pdf.compression": 6,
                                "path.simplify": True}):
        for fmt in formats:
            if fmt not in _METADATA:
                raise ValueError(f"unsupported format {fmt!r}; use png, svg or pdf")
            path = out_dir / f"{name}.{fmt}"
            meta = dict(_METADATA[fmt])
            if caption:
                meta["Title"] = caption
            fig.savefig(path, format=fmt, dpi=300, bbox_inches="tight", metadata=meta)
            paths.append(path)
    if data is not None:
        path = out_dir / f"{name}.csv"
        data.to_csv(path, index=not isinstance(data.index, pd.RangeIndex), lineterminator="\n")
        paths.append(path)
    print("saved " + ", ".join(p.name for p in paths) + f" in {out_dir}")
    return paths
