"""One style and one saving helper for every figure of the project."""
from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Mapping, Sequence

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from .paths import figures_dir, package_data

__all__ = ["STYLE", "COLORS", "PALETTE", "ACCENT", "MUTED", "use_style", "save_figure", "figure_caption", "read_caption",
           "write_figure_index", "layout_problems", "FigureLayoutWarning", "FigureLayoutError"]

#: Path of the project's matplotlib style sheet.
STYLE: Path = package_data("analysis.mplstyle")

#: Fixed colours per category, so a group keeps its colour in every chart. Speakers (types and
#: CAMEO-style roles) use Okabe-Ito; the parts of an article greys; the kinds of place Paul Tol's
#: "bright" palette. A category colour is never used for anything but its category.
COLORS: Mapping[str, str] = {
    # who speaks (speaker types, and the roles they derive from)
    "military": "#0072B2", "MIL": "#0072B2",
    "government": "#D55E00", "GOV": "#D55E00",
    "other": "#7F7F7F", "OTHER": "#7F7F7F",
    "REB": "#CC79A7", "OPP": "#E69F00", "IGO": "#56B4E9", "NGO": "#009E73", "MED": "#F0E442", "CVL": "#000000",
    # parts of an article
    "title": "#3B3B3B", "caption": "#BDBDBD", "body": "#8C8C8C",
    # kinds of place
    "country": "#4477AA", "admin region": "#228833", "city or town": "#AA3377", "district": "#EE6677",
    "county": "#CCBB44", "physical feature": "#66CCEE", "region": "#BBBBBB", "demonym": "#A5A5A5",
    "continent": "#BBBBBB", "crossing": "#994F00", "airbase": "#1B1B6B", "base": "#5F5F20",
}

#: Plain colours that are not categories: one series, and reference lines.
ACCENT = "#332288"
MUTED = "#9A9A9A"

#: Colours for plain series (terms, outlets, periods): Paul Tol's "muted" palette, none of which is a
#: category colour above, so a series never reads as *military* or *government*.
PALETTE: tuple[str, ...] = ("#332288", "#CC6677", "#DDCC77", "#117733", "#88CCEE", "#AA4499", "#44AA99",
                            "#999933", "#882255")

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


def write_figure_index(folder: str | os.PathLike | None = None, *, corpus: str | None = None) -> Path:
    """Write ``README.md`` in the figure folder: every figure with its caption and formats (and the corpus)."""
    out_dir = Path(folder) if folder is not None else figures_dir()
    rows = []
    for png in sorted(out_dir.glob("*.png")):
        formats = [ext for ext in ("png", "svg", "pdf", "csv") if png.with_suffix(f".{ext}").exists()]
        links = " · ".join(f"[{ext}]({png.stem}.{ext})" for ext in formats)
        caption = read_caption(png).replace("|", "\\|") or "(no title)"
        rows.append(f"| `{png.stem}` | {caption} | {links} |")
    text = ("# Figures\n\nWritten by the main job (`make figures`); do not edit by hand. Each figure is saved as "
            "PNG (300 dpi), SVG and PDF, with the data behind it as CSV. Names start with the notebook that "
            "makes them.\n\n" + (f"Corpus: `{corpus}`\n\n" if corpus else "") + "| figure | caption | files |\n|---|---|---|\n" + "\n".join(rows) + "\n")
    path = out_dir / "README.md"
    path.write_text(text, encoding="utf-8")
    return path


class FigureLayoutWarning(UserWarning):
    """A figure has text labels that overlap or lie outside it (see :func:`layout_problems`)."""


class FigureLayoutError(ValueError):
    """Raised by :func:`save_figure` instead of the warning when ``ANALYSIS_STRICT_FIGURES=1`` (the tests)."""


def _drawn_texts(fig: Figure) -> list:
    """The text artists a draw of ``fig`` shows: visible, not empty, tick labels only for ticks in view."""
    from matplotlib.text import Text

    tick_labels, shown_ticks = set(), []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                tick_labels.update((id(tick.label1), id(tick.label2)))
            drawn = axis._update_ticks() if hasattr(axis, "_update_ticks") else []
            if ax.get_visible() and ax.axison and axis.get_visible():
                shown_ticks += [lab for t in drawn for lab in (t.label1, t.label2)]
    out = [t for t in fig.findobj(Text) if id(t) not in tick_labels] + shown_ticks
    return [t for t in out if t.get_visible() and t.get_text().strip() and
            (t.axes is None or t.axes.get_visible()) and all(a.get_visible() for a in _parents(t))]


def _parents(artist) -> list:
    out, seen = [], set()
    parent = getattr(artist, "_parent_figure", None)
    for obj in (getattr(artist, "axes", None), parent):
        if obj is not None and id(obj) not in seen:
            seen.add(id(obj))
            out.append(obj)
    return out


def fit_titles(fig: Figure) -> int:
    """Wrap figure and axes titles and x-axis labels wider than the figure onto more lines; return how many.

    Titles are computed from the data (counts, group names), so their length cannot be known when a
    chart is sized; wrapping keeps every word and keeps them inside the figure.
    """
    import textwrap

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    titles = [t for ax in fig.axes for t in (ax.title, ax._left_title, ax._right_title, ax.xaxis.label)]
    if getattr(fig, "_suptitle", None) is not None:
        titles.append(fig._suptitle)
    changed = 0
    for t in titles:
        text = t.get_text()
        if not text.strip() or not t.get_visible():
            continue
        box = t.get_window_extent(renderer)
        room = fig.bbox.x1 - max(box.x0, fig.bbox.x0) - 4
        if box.x1 <= fig.bbox.x1 - 2 or room <= 0:
            continue
        longest = max(len(line) for line in text.splitlines())
        width = max(int(longest * room / box.width) - 1, 12)
        t.set_text("\n".join(textwrap.fill(line, width) for line in text.splitlines()))
        changed += 1
    return changed


def layout_problems(fig: Figure, *, tolerance_px: float = 1.0) -> list[str]:
    """Text labels of ``fig`` that overlap each other or stick out of the figure, as readable lines.

    Every visible, non-empty text is measured with the renderer (titles, axis and tick labels,
    legends, annotations); two overlap when their boxes share more than ``tolerance_px`` in both
    directions. An empty list means the figure reads cleanly.

    >>> fig, ax = plt.subplots()
    >>> _ = ax.text(0.5, 0.5, "Aleppo"), ax.text(0.5, 0.5, "Idlib")
    >>> layout_problems(fig)
    ["'Aleppo' overlaps 'Idlib'"]
    >>> plt.close(fig)
    """
    import numpy as np

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = _drawn_texts(fig)
    boxes = np.array([[b.x0, b.y0, b.x1, b.y1] for b in (t.get_window_extent(renderer) for t in texts)]
                     ).reshape(-1, 4)
    problems = []
    frame = fig.bbox
    for t, (x0, y0, x1, y1) in zip(texts, boxes):
        if x0 < frame.x0 - tolerance_px or y0 < frame.y0 - tolerance_px or x1 > frame.x1 + tolerance_px \
                or y1 > frame.y1 + tolerance_px:
            problems.append(f"{t.get_text()!r} lies outside the figure")
    if len(boxes) > 1:
        w = np.minimum(boxes[:, None, 2], boxes[None, :, 2]) - np.maximum(boxes[:, None, 0], boxes[None, :, 0])
        h = np.minimum(boxes[:, None, 3], boxes[None, :, 3]) - np.maximum(boxes[:, None, 1], boxes[None, :, 1])
        hit = np.triu((w > tolerance_px) & (h > tolerance_px), k=1)
        for i, j in zip(*np.nonzero(hit)):
            problems.append(f"{texts[i].get_text()!r} overlaps {texts[j].get_text()!r}")
    return problems


def save_figure(fig: Figure, name: str, *, data: pd.DataFrame | None = None,
                folder: str | os.PathLike | None = None,
                formats: Sequence[str] = _FORMATS) -> list[Path]:
    """Save ``fig`` as ``NAME.png`` (300 dpi), ``.svg`` and ``.pdf``, and ``data`` as ``NAME.csv``.

    Files go to ``folder`` or :func:`analysis.paths.figures_dir` (``figures/``,
    overridable with ``ANALYSIS_FIGURES_DIR``). Output carries no timestamps or
    random ids, so saving the same figure twice gives byte-identical files.
    Returns the paths written, and prints them. Text that overlaps or sticks out of the figure
    (:func:`layout_problems`) gives a :class:`FigureLayoutWarning` (an error when the environment
    sets ``ANALYSIS_STRICT_FIGURES=1``, as the tests do).

    >>> import tempfile
    >>> fig, ax = plt.subplots()
    >>> _ = ax.bar(["military", "government"], [9, 1])
    >>> [p.name for p in save_figure(fig, "99_example", data=pd.DataFrame({"n": [9, 1]}), folder=tempfile.mkdtemp())]
    saved 99_example.png, 99_example.svg, 99_example.pdf, 99_example.csv
    ['99_example.png', '99_example.svg', '99_example.pdf', '99_example.csv']
    """
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"figure name {name!r} must be a plain file stem such as '02_top_terms'")
    fit_titles(fig)
    problems = layout_problems(fig)
    if problems:
        message = f"figure {name}: " + "; ".join(problems[:8]) + (" …" if len(problems) > 8 else "")
        if os.environ.get("ANALYSIS_STRICT_FIGURES") == "1":
            raise FigureLayoutError(message)
        warnings.warn(FigureLayoutWarning(message), stacklevel=2)
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
    print("saved " + ", ".join(p.name for p in paths))
    return paths
