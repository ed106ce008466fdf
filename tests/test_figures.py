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
