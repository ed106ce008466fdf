"""The map reads at any size: a frame computed from the data, an overview for far places, labels that never
overlap, a size legend and country bars beside it; checked on the sample and on real news."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import extract_locations, load_articles, use_style  # noqa: E402
from analysis.figures import layout_problems  # noqa: E402
from analysis.locations import LOCATION_COLUMNS  # noqa: E402
from analysis.maps import country_counts, map_frame, plot_locations  # noqa: E402
from analysis.paths import repo_root  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def style():
    use_style()


def _texts(fig):
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip()]


def test_sample_map_labels_places_with_their_own_spelling(sample):
    ax = plot_locations(extract_locations(sample))
    texts = _texts(ax.figure)
    assert any(t.startswith("Al-Qaim (") for t in texts), texts
    assert any(t.startswith("Bekaa region (") for t in texts)
    assert "mentions per country (top 4 of 4)" in texts
    assert layout_problems(ax.figure) == []
    # everything on the sample lies in one frame: no world overview
    assert not any("all places, world" in t for t in texts)
    plt.close(ax.figure)


def test_frame_is_the_region_of_most_mentions_not_the_world():
    lat = [36.2, 35.9, 33.5, 34.4, 40.7, -15.5]       # Aleppo, Idlib, Damascus, al-Qaim, New York, Juliaca
    lon = [37.2, 36.6, 36.3, 41.0, -74.0, -70.1]
    lat0, lat1, lon0, lon1 = map_frame(lat, lon, [50, 20, 30, 10, 2, 1])
    # 100 of the 113 mentions lie within 300 km of Idlib: Aleppo, Idlib and Damascus make the frame
    assert lat0 < 33.5 and lat1 > 36.2 and lon0 < 36.3 and lon1 > 37.2
    assert lat1 - lat0 < 6 and lon1 - lon0 < 8
    # a single town still shows its surroundings
    f = map_frame([34.4], [41.0])
    assert f[1] - f[0] >= 2.5


def test_far_places_go_to_the_overview_and_the_note():
    locs = pd.DataFrame({
        "article_id": "a", "field": "body", "mention": ["Aleppo", "Idlib", "Homs", "Lima"],
        "start": 0, "end": 1, "name": ["Aleppo", "Idlib", "Homs", "Lima"], "kind": "city or town",
        "country_code": ["SY", "SY", "SY", "PE"], "lat": [36.2, 35.9, 34.7, -12.0], "lon": [37.2, 36.6, 36.7, -77.0],
        "geonameid": 1, "confidence": 1.0, "why": ""})
    locs = pd.concat([locs] + [locs.iloc[:3]] * 4, ignore_index=True)
    ax = plot_locations(locs, resolution="l")
    texts = _texts(ax.figure)
    assert "all places, world (box: main map)" in texts
    assert any("1 place(s) outside the main map" in t for t in texts)
    assert not any(t.startswith("Lima") for t in texts)
    assert layout_problems(ax.figure) == []
    plt.close(ax.figure)


def test_real_news_map_reads_cleanly():
    arts = load_articles(repo_root() / "data" / "external" / "fakes_syria.jsonl")
    locs = extract_locations(arts)
    ax = plot_locations(locs)
    problems = layout_problems(ax.figure)
    assert problems == []
    lat0, lat1, lon0, lon1 = (*ax.get_ylim(), *ax.get_xlim())
    assert np.isfinite([lat0, lat1, lon0, lon1]).all()
    labels = [t for t in _texts(ax.figure) if t.endswith(")") and "(" in t]
    assert len(labels) >= 8                                    # the most mentioned places are named
    counts = country_counts(locs)
    assert counts.iloc[0]["country"] == "Syria"
    plt.close(ax.figure)


def test_map_of_nothing_says_so():
    ax = plot_locations(pd.DataFrame(columns=LOCATION_COLUMNS))
    assert "no places to map" in _texts(ax.figure)
    plt.close(ax.figure)
