"""Point labels that never overlap: adjustText moves them apart, then any label that still collides is left off.

Used by the wording scatter and the map. adjustText (the well-kept library for the job) runs a fixed
number of iterations from a seeded start, so the same figure gets the same labels on every run.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.transforms import Bbox

__all__ = ["LabelRules", "place_labels"]


@dataclass(frozen=True)
class LabelRules:
    """How labels are placed."""

    #: adjustText iterations (a count, not a time limit, so reruns give identical figures)
    iterations: int = 400
    #: offset of a label from its point before adjusting, in points
    offset_pt: float = 4.0
    #: a leader line is drawn when a label ends up this far (pixels) from its point
    leader_px: float = 12.0
    #: padding around each label's box when testing for collisions, in pixels
    pad_px: float = 1.5


RULES = LabelRules()


def _box(text, renderer, pad: float) -> Bbox:
    b = text.get_window_extent(renderer)
    return Bbox([[b.x0 - pad, b.y0 - pad], [b.x1 + pad, b.y1 + pad]])


def _start_texts(ax: Axes, xs, ys, labels, fontsize: float, background: bool, rules: LabelRules) -> list:
    """Labels beside their points, each on the side facing the middle of the axes (so edge labels start inside)."""
    fig = ax.figure
    fig.canvas.draw()
    frame = ax.get_window_extent(fig.canvas.get_renderer())
    texts = []
    shift = rules.offset_pt * fig.dpi / 72
    to_data = ax.transData.inverted()
    for x, y, t in zip(xs, ys, labels):
        px, py = ax.transData.transform((x, y))
        right, up = px < (frame.x0 + frame.x1) / 2, py < (frame.y0 + frame.y1) / 2
        tx, ty = to_data.transform((px + (shift if right else -shift), py + (shift if up else -shift)))
        texts.append(ax.text(tx, ty, str(t), ha="left" if right else "right", va="bottom" if up else "top",
                             fontsize=fontsize, zorder=7,
                             bbox=dict(boxstyle="round,pad=0.12", fc="white", ec="none", alpha=0.8)
                             if background else None))
    return texts


def place_labels(ax: Axes, xs: Sequence[float], ys: Sequence[float], labels: Sequence[str], *,
                 fontsize: float = 8.0, avoid: Sequence[Bbox] = (), background: bool = False,
                 rules: LabelRules = RULES) -> int:
    """Label points ``(xs, ys)`` (data coordinates) in the given priority order; return how many were left off.

    Labels start beside their points, adjustText pushes them apart (inside the axes), then, in
    priority order, a label is kept only if its box overlaps no kept label, no box in ``avoid``
    (display coordinates, e.g. markers) and lies inside the axes. Leader lines join labels that
    moved away from their points.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> xs, ys = [1, 1.01, 5], [1, 1.01, 5]
    >>> _ = ax.scatter(xs, ys)
    >>> place_labels(ax, xs, ys, ["Aleppo", "Aleppo city", "Idlib"])
    0
    >>> sorted(t.get_text() for t in ax.texts if t.get_text())
    ['Aleppo', 'Aleppo city', 'Idlib']
    """
    from adjustText import adjust_text

    if not len(labels):
        return 0
    texts = _start_texts(ax, xs, ys, labels, fontsize, background, rules)
    adjust_text(texts, x=np.asarray(xs, dtype=float), y=np.asarray(ys, dtype=float), ax=ax,
                iter_lim=rules.iterations, time_lim=None, ensure_inside_axes=True)
    renderer = ax.figure.canvas.get_renderer()
    inside = ax.get_window_extent(renderer)
    kept: list[Bbox] = []
    dropped = 0
    for text, x, y in zip(texts, xs, ys):
        box = _box(text, renderer, rules.pad_px)
        fits = (box.x0 >= inside.x0 and box.x1 <= inside.x1 and box.y0 >= inside.y0 and box.y1 <= inside.y1)
        if not fits or any(box.overlaps(k) for k in kept) or any(box.overlaps(a) for a in avoid):
            text.remove()
            dropped += 1
            continue
        kept.append(box)
        px, py = ax.transData.transform((x, y))
        cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        if np.hypot(cx - px, cy - py) > rules.leader_px + max(box.width, box.height) / 2:
            tx, ty = ax.transData.inverted().transform((cx, cy))
            ax.annotate("", (x, y), xytext=(tx, ty), textcoords="data", zorder=6,
                        arrowprops=dict(arrowstyle="-", color="#666666", lw=0.5, shrinkA=0, shrinkB=2))
    return dropped
