"""The gallery: driven by the registry, complete, reproducible to the byte, tidy, one-line errors."""

import html
import math
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import actplot
from actplot import Definition, Facts, Interval, Notes, Param, gallery
from actplot.gallery import build, jobs
from actplot.gallery.marks import measure
from actplot.tex import plain

SUBSET = ["hardshrink", "softmax"]  # jumps and a sweep, vector-valued


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """The whole gallery, drawn once by two worker processes, in a fresh interpreter that must
    not import matplotlib itself."""
    folder = tmp_path_factory.mktemp("full") / "gallery"
    script = f"""
        import sys
        from actplot import gallery
        result = gallery.generate({str(folder)!r}, jobs=2)
        assert "matplotlib" not in sys.modules, "the main process imported matplotlib"
        print(result.images)
    """
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return folder


def _files(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _parameterised(d):
    return any(not p.is_vector for p in d.params)


def test_every_registered_activation_has_its_image_and_index_entry(full):
    readme = (full / "README.md").read_text(encoding="utf-8")
    page = (full / "index.html").read_text(encoding="utf-8")
    for d in actplot.REGISTRY.values():
        assert (full / f"{d.name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", d.name
        assert f"]({d.name}.png)" in readme and f'src="{d.name}.png"' in page, d.name
        assert f"`{plain(d.formula)}`" in readme and html.escape(plain(d.formula)) in page
        assert html.escape(d.notes.summary) in page, d.name
        assert (full / f"{d.name}-sweep.png").exists() == _parameterised(d), d.name
    assert not (full / "maxout-sweep.png").exists()  # vector parameters only: no sweep
    assert "](all-activations.png)" in readme and 'src="all-activations.png"' in page


def test_the_manifest_lists_exactly_what_the_gallery_wrote(full):
    listed = build.read_manifest(full)
    on_disk = {p.name for p in full.iterdir()} - {build.MANIFEST}
    assert listed == on_disk
    images = {n for n in listed if n.endswith(".png")}
    n_sweeps = sum(_parameterised(d) for d in actplot.REGISTRY.values())
    assert len(images) == len(actplot.REGISTRY) + n_sweeps + 1  # + the overview


def test_the_index_follows_families_in_order(full):
    readme = (full / "README.md").read_text(encoding="utf-8")
    headings = [line[3:] for line in readme.splitlines() if line.startswith("## ")]
    assert headings == [f.capitalize() for f in actplot.FAMILIES]
    positions = [readme.index(f"]({d.name}.png)") for d in jobs.ordered()]
    assert positions == sorted(positions)
    assert "20" not in readme.splitlines()[0]  # no date in the index: it would change every run


def test_the_same_images_here_and_in_workers_run_after_run(full, tmp_path):
    """jobs=1 draws in this process; the full gallery was drawn by worker processes."""
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        gallery.generate(folder, jobs=1, names=SUBSET)
    assert _files(a) == _files(b)
    ours, theirs = _files(a), _files(full)
    images = [n for n in ours if n.endswith(".png") and n != "all-activations.png"]
    assert len(images) == 3  # hardshrink, hardshrink-sweep, softmax
    assert all(ours[n] == theirs[n] for n in images)


def test_svg_files_are_reproducible_too(tmp_path):
    runs = [gallery.generate(tmp_path / name, "svg", jobs=1, names=["hardshrink"])
            for name in ("a", "b")]  # fmt: skip
    assert runs[0].written == runs[1].written
    assert "hardshrink.svg" in runs[0].written
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def _bent(name="bent_gallery_test"):
    """c arctan(x): a definition from outside the package, in a family of its own."""
    return Definition(
        name=name,
        label="Bent",
        family="experimental",
        formula=r"c\,\tan^{-1}(x)",
        derivative=r"\frac{c}{1 + x^2}",
        fn=lambda x, c: c * np.arctan(x),
        derivatives=(lambda x, c: c / (1 + x * x), lambda x, c: -2 * c * x / (1 + x * x) ** 2),
        params=(Param("c", 1.0, "scale", sweep=(0.5, 1.0, 2.0, 3.0)),),
        facts=lambda c: Facts(Interval(-c * math.pi / 2, c * math.pi / 2), monotonic=True),
        check=lambda c: "c = 3 is refused" if c == 3 else None,  # a sweep value that fails
        convention="Smooth.",
        notes=Notes("c arctan x, for a test."),
    )


def test_a_new_definition_appears_with_no_gallery_change(tmp_path):
    actplot.register(_bent())
    try:
        # Workers, started afresh, would not know it: its images are drawn here, relu's by a
        # worker.
        result = gallery.generate(tmp_path, jobs=2, names=["relu", "bent_gallery_test"])
    finally:
        actplot.REGISTRY._forget("bent_gallery_test")
    assert set(result.written) >= {"bent_gallery_test.png", "bent_gallery_test-sweep.png"}
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert readme.index("## Rectified") < readme.index("## Experimental")  # after FAMILIES
    assert "c arctan x, for a test." in readme and "`c tan^(-1)(x)`" in readme
    assert "Bent for c = 0.5, 1, 2:" in readme  # 3 fails the definition's check: skipped


def test_a_registry_of_ones_own_is_drawn_too(tmp_path):
    registry = actplot.Registry()
    registry.register(_bent())
    result = gallery.generate(tmp_path, jobs=1, registry=registry)
    assert result.images == 3 and (tmp_path / "bent_gallery_test.png").exists()


def test_stale_files_go_and_files_the_gallery_did_not_write_stay(tmp_path):
    gallery.generate(tmp_path, jobs=1, names=["relu", "elu"])
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path.parent / "victim.txt").write_text("not the gallery's")
    manifest = tmp_path / build.MANIFEST
    manifest.write_text(manifest.read_text() + "notes.txt\n../victim.txt\n.hidden\n")
    result = gallery.generate(tmp_path, "svg", jobs=1, names=["relu"])
    assert set(result.removed) == {"all-activations.png", "elu.png", "elu-sweep.png", "relu.png"}
    assert (tmp_path.parent / "victim.txt").exists()  # listed, but not a plain name
    # listed, but without actplot's mark: a file of the user's, kept
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".manifest", "README.md", "all-activations.svg", "index.html", "notes.txt", "relu.svg"
    ]  # fmt: skip


def test_a_file_of_the_users_with_a_gallery_name_is_never_overwritten(tmp_path, run):
    (tmp_path / "relu.png").write_bytes(b"my own ReLU picture")
    with pytest.raises(actplot.ActplotError, match=r"relu\.png exists and was not written"):
        gallery.generate(tmp_path, jobs=1, names=["relu"])
    assert (tmp_path / "relu.png").read_bytes() == b"my own ReLU picture"
    assert not (tmp_path / build.MANIFEST).exists()  # refused before anything was written
    result = run("gallery", "-o", tmp_path, "--jobs", 1)
    assert result.exit_code == 2 and "move it away" in result.stderr


def test_the_manifest_lists_exactly_the_finished_files_when_a_run_stops(tmp_path, monkeypatch):
    real_draw, drawn = build.draw, []

    def stopped_after_two(job, folder, registry):
        if len(drawn) == 2:
            raise KeyboardInterrupt
        real_draw(job, folder, registry)
        drawn.append(job.file)

    monkeypatch.setattr(build, "draw", stopped_after_two)
    with pytest.raises(KeyboardInterrupt):
        gallery.generate(tmp_path, jobs=1, names=["relu", "elu"])
    on_disk = {p.name for p in tmp_path.iterdir()} - {build.MANIFEST}
    assert build.read_manifest(tmp_path) == on_disk == set(drawn)


def test_an_image_finished_unheard_of_as_the_run_stops_is_listed_too(tmp_path, monkeypatch):
    # a worker's image is in place before its process tells the parent, which may be stopped
    # in between: the file is there, and the manifest must say so
    real_draw, drawn = build.draw, []

    def finished_then_stopped(job, folder, registry):
        real_draw(job, folder, registry)
        drawn.append(job.file)
        if len(drawn) == 2:
            raise KeyboardInterrupt  # after the second image is written, before it is told

    monkeypatch.setattr(build, "draw", finished_then_stopped)
    (tmp_path / "relu.png").write_bytes(b"an earlier run's")  # replaced first, and told
    build._write_manifest(tmp_path, ["relu.png"])
    with pytest.raises(KeyboardInterrupt):
        gallery.generate(tmp_path, jobs=1, names=["relu", "elu", "gelu"])
    on_disk = {p.name for p in tmp_path.iterdir()} - {build.MANIFEST}
    assert build.read_manifest(tmp_path) == on_disk
    assert set(drawn) <= on_disk and len(drawn) == 2


def test_an_interrupted_run_leaves_no_half_file_and_is_tidied_next_time(tmp_path, monkeypatch):
    real_draw = build.draw

    def interrupted(job, folder, registry):
        if job.kind == "sweep":
            raise KeyboardInterrupt
        real_draw(job, folder, registry)

    monkeypatch.setattr(build, "draw", interrupted)
    with pytest.raises(KeyboardInterrupt):
        gallery.generate(tmp_path, jobs=1, names=["relu", "elu"])
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert "elu.png" in build.read_manifest(tmp_path)  # finished before the stop: listed
    monkeypatch.setattr(build, "draw", real_draw)
    result = gallery.generate(tmp_path, jobs=1, names=["relu"])
    assert "elu.png" in result.removed and not (tmp_path / "elu.png").exists()


def test_what_an_image_marks_comes_from_the_measured_properties():
    relu = measure(actplot.get("relu"))
    assert relu.dead_zones == ((-5.0, 0.0),) and relu.bounds == (0.0,)
    assert [(b.x, b.order) for b in relu.breaks] == [(0.0, 1)]
    swish = measure(actplot.get("swish"))
    assert [e.what for e in swish.extremes] == ["minimum"]
    assert swish.extremes[0].x == pytest.approx(-1.278464542761074)
    sigmoid = measure(actplot.get("sigmoid"))
    (lo_a, lo_b), (hi_a, hi_b) = sigmoid.saturated
    assert lo_a == -5 and hi_b == 5 and lo_b == pytest.approx(-hi_a)
    assert measure(actplot.get("relu6")).x_range == (-5.0, 7.0)  # the kink at 6 is shown
    assert measure(actplot.get("softplus")).grad_limit == 1.0  # approached, never taken


def test_the_legend_names_each_mark():
    from actplot.gallery.draw import activation_figure

    hardswish = actplot.get("hardswish")
    fig = activation_figure(hardswish, measure(hardswish))
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "kink at x = −3, 3" in labels and "range [−0.375, ∞)" in labels
    assert "minimum −0.375 at x = −1.5" in labels and "dead zone: f′ = 0" in labels
    assert "|f′| approaches 1.5 but never reaches it" in labels


def test_sweeps_use_the_first_scalar_parameter():
    param, acts = jobs.sweep(actplot.REGISTRY["hardtanh"])
    assert param.name == "min_val" and [a.params["min_val"] for a in acts] == [-2, -1, -0.5]
    assert jobs.sweep(actplot.REGISTRY["maxout"]) is None
    assert jobs.sweep(actplot.REGISTRY["relu"]) is None


# under a framework's convention ----------------------------------------------------------------


def _curves(fig):
    """(x, y) of the longest line on each of the f and f' panels."""
    out = []
    for ax in fig.axes[:2]:
        line = max(ax.lines, key=lambda ln: len(ln.get_xdata()))
        out.append((np.asarray(line.get_xdata()), np.asarray(line.get_ydata())))
    return out


def _drawn(monkeypatch, job):
    """The activations the gallery's draw() hands to the figure of ``job``."""
    from pathlib import Path

    from actplot.gallery import draw as drawing

    seen = []
    monkeypatch.setattr(drawing, "save", lambda kind, acts, *a, **k: seen.append(acts))
    build.draw(job, Path("nowhere"))
    return seen[0]


def test_under_keras_leaky_relu_is_drawn_with_keras_slope(monkeypatch):
    from actplot.gallery.draw import activation_figure

    # keras.activations.leaky_relu(x, negative_slope=0.2); torch.nn.LeakyReLU: 0.01
    job = jobs.Job("activation", "leaky_relu.png", ("leaky_relu",), convention="keras")
    [keras] = _drawn(monkeypatch, job)
    [torch] = _drawn(monkeypatch, jobs.Job("activation", "leaky_relu.png", ("leaky_relu",)))
    for act, slope in ((keras, 0.2), (torch, 0.01)):
        (x, y), (xd, yd) = _curves(activation_figure(act, measure(act)))
        left = x < 0
        assert np.allclose(y[left], slope * x[left], rtol=0, atol=1e-15)
        assert np.all(yd[xd < 0] == slope)


def test_under_jax_leaky_relus_derivative_at_0_is_1(monkeypatch):
    # jax.nn.leaky_relu is where(x >= 0, x, negative_slope * x): autodiff takes the x branch
    # at 0; torch takes the negative slope there
    job = jobs.Job("activation", "leaky_relu.png", ("leaky_relu",), convention="jax")
    [jax] = _drawn(monkeypatch, job)
    assert jax.evaluate(np.array([0.0]), 1)[0] == 1.0
    assert actplot.get("leaky_relu").evaluate(np.array([0.0]), 1)[0] == 0.01
    sweep = jobs.Job("sweep", "s.png", ("leaky_relu",), "alpha", (0.01, 0.3), convention="jax")
    swept = _drawn(monkeypatch, sweep)
    assert [a.evaluate(np.array([0.0]), 1)[0] for a in swept] == [1.0, 1.0]
    assert [a.params["alpha"] for a in swept] == [0.01, 0.3]


def test_a_gallery_under_a_convention_differs_and_says_which(tmp_path):
    import matplotlib.image

    own = gallery.generate(tmp_path / "own", jobs=1, names=["leaky_relu"])
    keras = gallery.generate(tmp_path / "keras", jobs=1, names=["leaky_relu"], convention="keras")
    assert own.written == keras.written
    a, b = (matplotlib.image.imread(r.folder / "leaky_relu.png") for r in (own, keras))
    assert a.shape == b.shape and np.abs(a - b).max() > 0.5  # another curve, not a retitling
    readme = (keras.folder / "README.md").read_text(encoding="utf-8")
    page = (keras.folder / "index.html").read_text(encoding="utf-8")
    for text in (readme, page):
        assert "--convention keras" in text and "keras.activations.leaky" in text
        assert "alpha = 0.2" in text
    assert "--convention" not in (own.folder / "README.md").read_text(encoding="utf-8")


def test_under_jax_gelu_is_drawn_and_indexed_as_the_tanh_form(tmp_path, monkeypatch):
    # jax.nn.gelu(x, approximate=True) by default
    job = jobs.Job("activation", "gelu.png", ("gelu",), convention="jax")
    [act] = _drawn(monkeypatch, job)
    x = np.linspace(-3, 3, 7)
    tanh_form = 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))
    assert np.allclose(act.evaluate(x, 0), tanh_form, rtol=1e-14, atol=1e-15)
    monkeypatch.undo()
    result = gallery.generate(tmp_path / "g", jobs=1, names=["gelu"], convention="jax")
    readme = (result.folder / "README.md").read_text(encoding="utf-8")
    assert "(`gelu`)" in readme and "0.044715" in readme and "gelu is gelu\\_tanh" in readme


def test_an_unknown_convention_is_refused_before_anything_is_drawn(tmp_path):
    with pytest.raises(actplot.ActplotError, match="unknown convention 'pytorch'; choose one"):
        gallery.generate(tmp_path / "g", convention="pytorch")
    assert not (tmp_path / "g").exists()


# the command line ------------------------------------------------------------------------------


def test_the_command_writes_the_gallery_and_says_so_in_one_line(run, tmp_path, monkeypatch):
    real = gallery.generate
    monkeypatch.setattr(gallery, "generate", lambda *a, **k: real(*a, names=["relu"], **k))
    result = run("gallery", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("gallery: 2 images and the index in gallery/ (")
    assert (tmp_path / "gallery" / "relu.png").exists()
    result = run("gallery", "--jobs", "1", "--convention", "jax")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("gallery: 2 images under --convention jax and the index in")
    assert "--convention jax" in (tmp_path / "gallery" / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args, message",
    [(["--jobs", "0"], "0 is not in the range x>=1"),
     (["--format", "jpg"], "'jpg' is not one of 'png', 'svg'"),
     (["-o", "a_file"], "it is a file; give a folder"),
     (["-o", "missing/gallery"], "folder missing does not exist"),
     (["-o", "project"], "README.md exists and was not written by the gallery")],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_code_2(run, tmp_path, args, message):
    (tmp_path / "a_file").write_text("")
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "README.md").write_text("a project's own README")
    result = run("gallery", *args)
    assert result.exit_code == 2 and message in result.output
    assert len(result.output.splitlines()) == 1
    assert (tmp_path / "project" / "README.md").read_text() == "a project's own README"
    assert not (tmp_path / "gallery").exists()


@pytest.mark.parametrize("workers", [1, 2])
def test_the_overview_is_drawn_over_the_intervals_the_images_measured(workers):
    """It comes once the activations' images are drawn, with their x intervals (rather than
    analysing every activation again), and before the sweeps left."""
    todo = jobs.plan(jobs.ordered(names=["relu", "elu", "swish"]))
    schedule, running, order = build._Schedule(todo, {}), [], []
    while True:  # as `workers` processes draw them, each job taking as long as the others
        while len(running) < workers and (job := schedule.next()) is not None:
            running.append(job)
        if not running:
            break
        done = running.pop(0)
        order.append(done)
        span = measure(actplot.get(done.names[0])).x_range if done.kind == "activation" else None
        schedule.done(done, span)
    kinds = [j.kind for j in order]
    assert sorted(j.file for j in order) == sorted(j.file for j in todo)
    assert kinds.index("overview") > max(i for i, k in enumerate(kinds) if k == "activation")
    assert kinds[-1] == "sweep"
    (overview,) = [j for j in order if j.kind == "overview"]
    assert overview.spans == tuple(measure(actplot.get(n)).x_range for n in overview.names)
