"""save_figure: four files, byte-identical on rerun, clear errors."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import COLORS, save_figure, use_style  # noqa: E402


def _figure():
    use_style()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.bar(["military", "government"], [3, 2], color=[COLORS["military"], COLORS["government"]])
    ax.set_title("Statements by speaker type")
    return fig


def test_writes_png_svg_pdf_and_csv(tmp_path):
    fig = _figure()
    data = pd.DataFrame({"type": ["military", "government"], "n": [3, 2]})
    paths = save_figure(fig, "99_test", data=data, folder=tmp_path)
    assert sorted(p.name for p in paths) == ["99_test.csv", "99_test.pdf", "99_test.png", "99_test.svg"]
    png = (tmp_path / "99_test.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    # 4 in x 3 in at 300 dpi (tight bbox trims a little): well above screen resolution.
    width = int.from_bytes(png[16:20], "big")
    assert width > 900
    assert (tmp_path / "99_test.csv").read_text() == "type,n\nmilitary,3\ngovernment,2\n"
    plt.close(fig)


def test_saving_twice_gives_identical_bytes(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        fig = _figure()
        save_figure(fig, "99_same", data=pd.DataFrame({"x": [1]}), folder=folder)
        plt.close(fig)
    for ext in ("png", "svg", "pdf", "csv"):
        assert (a / f"99_same.{ext}").read_bytes() == (b / f"99_same.{ext}").read_bytes(), ext


def test_military_and_government_keep_fixed_colours():
    assert COLORS["military"] != COLORS["government"]


@pytest.mark.parametrize("name", ["", "../escape", "sub/dir", ".hidden"])
def test_rejects_names_that_are_not_plain_stems(tmp_path, name):
    fig = _figure()
    with pytest.raises(ValueError, match="plain file stem"):
        save_figure(fig, name, folder=tmp_path)
    plt.close(fig)


def test_rejects_unknown_format(tmp_path):
    fig = _figure()
    with pytest.raises(ValueError, match="unsupported format"):
        save_figure(fig, "99_x", folder=tmp_path, formats=("jpg",))
    plt.close(fig)


def test_category_colours_are_never_the_plain_palette():
    from analysis.figures import ACCENT, PALETTE

    speakers = {COLORS[k] for k in ("military", "government", "other", "REB", "OPP", "IGO", "NGO", "MED", "CVL")}
    fields = {COLORS[k] for k in ("title", "caption", "body")}
    kinds = {COLORS[k] for k in ("country", "admin region", "city or town", "district", "county", "physical feature")}
    assert len(speakers) == 9 and len(fields) == 3 and len(kinds) == 6
    assert not (set(PALETTE) | {ACCENT}) & (speakers | fields | kinds)
    assert not speakers & fields and not speakers & kinds and not fields & kinds
    use_style()
    cycle = [c.lower() for c in plt.rcParams["axes.prop_cycle"].by_key()["color"]]
    assert [c.lstrip("#").lower() for c in PALETTE] == [c.lstrip("#") for c in cycle]


def test_layout_problems_finds_overlaps_and_text_outside():
    from analysis.figures import layout_problems

    use_style()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.text(0.5, 0.5, "Aleppo")
    ax.text(0.5, 0.5, "Idlib")
    ax.annotate("far away", (0, 0), xytext=(2000, 0), textcoords="offset points")
    problems = layout_problems(fig)
    assert "'Aleppo' overlaps 'Idlib'" in problems and "'far away' lies outside the figure" in problems
    plt.close(fig)


def test_long_computed_titles_are_wrapped_not_cut(tmp_path):
    from analysis.figures import layout_problems

    use_style()
    fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
    ax.bar(["a", "b"], [1, 2])
    title = "Keywords of The New Arab (Al-Araby Al-Jadeed) against the Syrian National Coalition (Etilaf), 2013-2017"
    ax.set_title(title)
    save_figure(fig, "99_long", data=pd.DataFrame({"x": [1]}), folder=tmp_path)
    shown = ax.get_title(loc="left")
    assert " ".join(shown.split()) == title and "\n" in shown
    assert layout_problems(fig) == []
    plt.close(fig)


def test_strict_mode_refuses_overlapping_labels(tmp_path, monkeypatch):
    from analysis.figures import FigureLayoutError, FigureLayoutWarning

    use_style()
    fig, ax = plt.subplots()
    ax.text(0.2, 0.2, "Damascus")
    ax.text(0.2, 0.2, "Douma")
    with pytest.warns(FigureLayoutWarning, match="'Damascus' overlaps 'Douma'"):
        save_figure(fig, "99_overlap", folder=tmp_path)
    monkeypatch.setenv("ANALYSIS_STRICT_FIGURES", "1")
    with pytest.raises(FigureLayoutError, match="99_overlap"):
        save_figure(fig, "99_overlap", folder=tmp_path)
    plt.close(fig)
