"""Drawing: jumps are drawn as jumps, kinks stay sharp, curves stay visible, figures fit a slide
or a paper, files are atomic and reproducible."""

import csv
import dataclasses
import io
import math

import numpy as np
import pytest

import actplot
from actplot import sampling
from actplot._io import atomic_write, save_figure


def vertical_segments(curve, height=0.25):
    """Consecutive drawn points whose y differs by more than `height` within a tiny dx."""
    x, y = curve.x, curve.y
    dx, dy = np.diff(x), np.abs(np.diff(y))
    ok = np.isfinite(dx) & np.isfinite(dy)
    return np.flatnonzero(ok & (dy > height) & (dx < 1e-6))


@pytest.mark.parametrize(
    "spec, order, jump_at",
    [("binary_step", 0, [0.0]), ("threshold", 0, [1.0]), ("hardshrink", 0, [-0.5, 0.5]),
     ("relu", 1, [0.0]), ("hardtanh", 1, [-1.0, 1.0]), ("softsign", 2, [0.0])],
)  # fmt: skip
def test_jumps_are_gaps_not_vertical_lines(spec, order, jump_at):
    curve = sampling.sample(actplot.get(spec), order, (-5, 5), 101)
    assert len(vertical_segments(curve)) == 0
    gaps = curve.x[np.flatnonzero(np.isnan(curve.x)) - 1]  # last x before each gap
    np.testing.assert_allclose(gaps, jump_at, atol=1e-12)
    assert [x for x, _ in curve.values] == jump_at  # a dot at the value taken there


def test_a_definition_without_declared_facts_has_its_jumps_measured():
    # a plugin need not declare where it jumps: plots (and the gallery) find it themselves
    step = dataclasses.replace(actplot.REGISTRY["binary_step"], facts=None).bind({})
    curve = sampling.sample(step, 0, (-1, 1), 11)
    assert len(vertical_segments(curve)) == 0 and curve.values == [(0.0, 1.0)]


def test_the_value_taken_and_the_limit_not_taken_are_marked():
    curve = sampling.sample(actplot.get("relu"), 1, (-1, 1), 11)
    assert curve.values == [(0.0, 0.0)]  # relu'(0) = 0
    assert curve.limits == [(0.0, 1.0)]  # the right limit 1 is not taken


@pytest.mark.parametrize("x_range", [(-1.0, 0.0), (0.0, 1.0)])
def test_a_jump_at_the_end_of_the_range_is_a_dot_not_a_slope(x_range):
    curve = sampling.sample(actplot.get("binary_step"), 0, x_range, 11)  # 0 below 0, 1 from 0
    drawn = curve.y[np.isfinite(curve.y)]
    assert set(drawn) == {1.0 if x_range[0] == 0 else 0.0}
    assert curve.values == [(0.0, 1.0)]
    assert curve.limits == ([(0.0, 0.0)] if x_range[1] == 0 else [])  # only a limit in range


def test_kinks_are_sampled_exactly_so_corners_stay_sharp():
    curve = sampling.sample(actplot.get("relu6"), 0, (-1, 7.3), 10)  # 6 is not on the grid
    assert 6.0 in curve.x and 0.0 in curve.x
    assert not np.isnan(curve.x).any()  # no jump in f itself


def test_vector_valued_curve_is_one_logit_against_the_context():
    x = np.linspace(-4, 4, 9)
    softmax = actplot.get("softmax")
    np.testing.assert_allclose(softmax.evaluate(x), 1 / (1 + np.exp(-x)), rtol=1e-15)
    np.testing.assert_allclose(softmax.evaluate(x, context=(1.0, -1.0)),
                               np.exp(x) / (np.exp(x) + np.e + 1 / np.e), rtol=1e-15)  # fmt: skip


@pytest.mark.parametrize(
    "layout, orders", [("overlay", (0, 1)), ("grid", (0, 1, 2)), ("overlay", (1,))]
)
def test_draw_makes_the_expected_panels(layout, orders):
    acts = [actplot.get("elu", alpha=a) for a in (0.5, 1, 2)] + [actplot.get("rrelu")]
    fig = actplot.plot(*acts, derivatives=orders, layout=layout, points=51, log=orders == (1,))
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == (len(orders) if layout == "overlay" else len(acts))
    lines = [line for line in visible[0].get_lines() if line.get_label()[0] != "_"]
    assert len(lines) == (len(acts) if layout == "overlay" else len(orders))


def legend_texts(fig):
    return [t.get_text() for legend in fig.legends for t in legend.get_texts()]


def test_log_scale_only_where_a_derivative_is_nonzero():
    # relu' is exactly 0 left of 0: a log axis would have nothing to draw (and matplotlib warns)
    relu, sigmoid = actplot.get("relu"), actplot.get("sigmoid")
    for acts, log_scale in (([relu], False), ([relu, sigmoid], True)):
        fig = actplot.grad(*acts, x_range=(-5.0, -1.0), points=11, log=True)
        [ax] = fig.axes
        assert ax.get_yscale() == ("log" if log_scale else "linear")
        [relu_entry] = [t for t in legend_texts(fig) if t.startswith("ReLU")]
        assert ("f′ = 0 for" if log_scale else "f′ = 0 throughout") in relu_entry


def test_a_log_scale_shows_twenty_decades_and_says_where_each_curve_vanishes():
    fig = actplot.grad("sigmoid", "tanh", "relu", "gelu", log=True, x_range=(-40, 40))
    [ax] = fig.axes
    bottom, top = ax.get_ylim()
    peak = 1.1289  # GELU's largest f', the largest of the four
    assert bottom == pytest.approx(peak * 1e-20, rel=1e-3) and top > peak
    entries = dict(t.split("  ", 1) if "  " in t else (t, "") for t in legend_texts(fig))
    assert entries["Sigmoid"] == ""  # sigmoid'(40) = 4.2e-18: above the floor throughout
    assert entries["Tanh"] == "(f′ < 1.1e-20 for |x| > 23.7)"  # sech²(23.7) = 1.1e-20
    assert entries["ReLU"] == "(f′ = 0 for x < 0)"
    assert entries["GELU"].startswith("(f′ < 1.1e-20 for x < −9.")
    assert ax.get_yticks().size >= 6  # a tick every few decades, not every 42


def test_curves_that_coincide_stay_visible_and_say_so():
    fig = actplot.plot("relu", "leaky_relu:alpha=0", "elu", derivatives=(0, 1))
    styles = {line.get_label(): line.get_linestyle() for line in fig.axes[0].get_lines()
              if not line.get_label().startswith("_")}  # fmt: skip
    assert len(set(styles.values())) == 3  # three dash patterns, each curve seen through the others
    [leaky] = [t for t in legend_texts(fig) if t.startswith("LeakyReLU")]
    assert "f same as ReLU here" in leaky and "f′ same as ReLU here" in leaky


def test_the_default_range_shows_every_kink_and_jump():
    for spec, expected in (("relu6", (-5.0, 7.0)), ("threshold:threshold=8", (-5.0, 9.0)),
                           ("gelu", (-5.0, 5.0))):  # fmt: skip
        assert actplot.plot(spec).axes[0].get_xlim() == expected, spec


@pytest.mark.parametrize(
    "style, face", [("light", (1, 1, 1, 1)), ("dark", (0.109, 0.109, 0.117, 1))]
)
def test_built_in_looks(style, face):
    fig = actplot.plot("relu", "gelu", style=style)
    assert fig.get_facecolor() == pytest.approx(face, abs=0.01)


def test_the_paper_look_is_a_column_wide_and_serif():
    fig = actplot.plot("relu", "gelu", style="paper")
    assert fig.get_figwidth() < 3.6 and fig.axes[0].title.get_fontfamily() == ["serif"]


def test_size_dpi_ylim_title_and_no_legend(tmp_path):
    fig = actplot.plot("relu", "gelu", size=(4, 3), dpi=50, ylim=(-1, 2), title="Two", legend=False)
    assert tuple(fig.get_size_inches()) == (4, 3) and fig.axes[0].get_ylim() == (-1, 2)
    assert fig.get_suptitle() == "Two" and not fig.legends
    save_figure(fig, tmp_path / "a.png")
    from matplotlib.image import imread

    assert imread(tmp_path / "a.png").shape[:2] == (150, 200)


@pytest.mark.parametrize("style, message", [("nope", "no style 'nope'"), ("ggplot", None)])
def test_any_matplotlib_style_or_a_clear_error(style, message):
    if message is None:
        assert actplot.plot("relu", style=style)
    else:
        with pytest.raises(actplot.ActplotError, match=message):
            actplot.plot("relu", style=style)


def test_the_samples_a_figure_shows_as_data():
    data = actplot.curves("relu6", "tanh", points=11)
    assert data.x[0] == -5.0 and data.x[-1] == 7.0 and 6.0 in data.x  # the kink, sampled
    rows = list(csv.reader(io.StringIO(data.to_csv())))
    assert rows[0] == ["activation", "x", "f", "f'", "f''"]
    tanh_at_1 = next(r for r in rows if r[0] == "Tanh" and float(r[1]) == 1.0)
    expected = [math.tanh(1), 1 / math.cosh(1) ** 2, -2 * math.tanh(1) / math.cosh(1) ** 2]
    assert [float(v) for v in tanh_at_1[2:]] == pytest.approx(expected, rel=1e-15)


def test_saved_files_are_identical_run_after_run(tmp_path):
    for suffix in (".png", ".svg", ".pdf"):
        paths = [tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"]
        for path in paths:
            fig = actplot.plot("gelu", derivatives=(0, 1), points=51)
            save_figure(fig, path)
        assert paths[0].read_bytes() == paths[1].read_bytes(), suffix


def test_an_interrupted_write_leaves_neither_a_truncated_file_nor_a_temporary(tmp_path):
    target = tmp_path / "out.png"
    target.write_bytes(b"old")

    def fail_half_way(f):
        f.write(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, fail_half_way)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.png"]
    atomic_write(target, lambda f: f.write(b"new"))
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) != 0o600


# layout: actplot's figures are laid out when drawn, as constrained layout would lay them out


def _boxes(fig):
    """Each panel's box with its decorations, the figure's title and legends, in pixels of the
    figure as it was last laid out (no new layout: measured, not drawn)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    panels = [ax.get_tightbbox(renderer) for ax in fig.axes if ax.get_visible()]
    extra = [leg.get_window_extent(renderer) for leg in fig.legends]
    if fig.get_suptitle():
        extra.append(fig._suptitle.get_window_extent(renderer))
    return panels, extra


def _overlap(a, b):
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 and min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5


def _assert_fits(fig):
    panels, extra = _boxes(fig)
    boxes = panels + extra
    for box in boxes:  # within the figure: nothing clipped
        assert box.x0 >= 0 and box.y0 >= 0, box
        assert box.x1 <= fig.bbox.width and box.y1 <= fig.bbox.height, box
    for i, a in enumerate(boxes):  # and nothing on top of anything else
        for b in boxes[i + 1 :]:
            assert not _overlap(a, b), (a, b)


@pytest.mark.parametrize("save", ["save_figure", "savefig"])
def test_text_added_after_the_figure_is_made_gets_room(tmp_path, save):
    fig = actplot.plot("swish", "gelu", "relu", derivatives=(0, 1), layout="grid")
    before = [ax.get_position().bounds for ax in fig.axes]
    fig.suptitle("A title added later,\nof two lines", fontsize=20)
    fig.axes[0].set_ylabel("a long label\nof two lines", fontsize=16)
    fig.axes[1].set_title("a title\nof three\nlines")
    fig.axes[2].set_xlabel("a label added later", fontsize=18)
    fig.legend(["one more legend"], loc="outside upper center", fontsize=14)
    if save == "save_figure":
        save_figure(fig, tmp_path / "a.png")
    else:
        fig.savefig(tmp_path / "a.png")
    assert [ax.get_position().bounds for ax in fig.axes] != before
    _assert_fits(fig)


def test_a_figure_is_laid_out_for_the_dpi_it_is_saved_at(tmp_path):
    fig = actplot.plot("gelu", derivatives=(0, 1, 2), title="Three panels")
    save_figure(fig, tmp_path / "a.png", dpi=40)
    small = [ax.get_position().bounds for ax in fig.axes]
    fig.set_dpi(40)
    _assert_fits(fig)
    save_figure(fig, tmp_path / "b.png", dpi=300)
    assert [ax.get_position().bounds for ax in fig.axes] != small  # text is larger at 40 dpi


@pytest.mark.parametrize(
    "specs, kwargs",
    [(("swish", "gelu"), {}), (("sigmoid", "tanh", "relu"), {"log": True, "derivatives": (1,)}),
     (("softmax",), {"derivatives": (0, 1)}), (("relu", "elu"), {"style": "paper"})],
)  # fmt: skip
def test_one_panel_is_laid_out_as_constrained_layout_would(specs, kwargs):
    """Its margins are constrained layout's, to the pixel; with several panels the panels share
    one size (constrained layout gives each cell the same size, and each panel what its
    labels leave of it)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = actplot.plot(*specs, **kwargs)
    FigureCanvasAgg(fig).draw()
    ours = [ax.get_position().bounds for ax in fig.axes]
    _assert_fits(fig)
    fig.set_layout_engine("constrained")
    FigureCanvasAgg(fig).draw()
    theirs = [ax.get_position().bounds for ax in fig.axes]
    width, height = fig.bbox.width, fig.bbox.height
    if len(ours) == 1:
        (x, y, w, h), (x_, y_, w_, h_) = ours[0], theirs[0]
        assert abs(x - x_) * width < 1 and abs(y - y_) * height < 1
        assert abs(w - w_) * width < 1 and abs(h - h_) * height < 1
    else:
        assert len({round(b[2] * width) for b in ours}) == 1  # one width


def test_what_it_cannot_lay_out_is_left_to_constrained_layout():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = actplot.plot("gelu", derivatives=(0, 1))
    mappable = fig.axes[1].scatter([0, 1], [0, 1], c=[0, 1])
    fig.colorbar(mappable, ax=fig.axes[1])
    FigureCanvasAgg(fig).draw()
    ours = np.array([ax.get_position().bounds for ax in fig.axes])
    fig.set_layout_engine("constrained")
    FigureCanvasAgg(fig).draw()
    assert np.allclose([ax.get_position().bounds for ax in fig.axes], ours)
    _assert_fits(fig)


def test_a_grid_with_heat_maps_keeps_constrained_layout():
    fig = actplot.plot("relu", "swiglu", layout="grid")
    assert type(fig.get_layout_engine()).__name__ == "ConstrainedLayoutEngine"
    assert type(actplot.plot("relu", "swish").get_layout_engine()).__name__ == "PanelLayout"


def test_a_png_is_written_with_the_same_pixels_as_matplotlib_writes_them(tmp_path):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.image import imread

    fig = actplot.plot("elu:alpha=0.5,1,2", derivatives=(0, 1))
    save_figure(fig, tmp_path / "ours.png")  # laid out here, run-length encoded
    canvas = FigureCanvasAgg(fig)  # laid out again by its engine, default encoding
    canvas.print_png(tmp_path / "theirs.png")
    assert np.array_equal(imread(tmp_path / "ours.png"), imread(tmp_path / "theirs.png"))
