"""The gallery's index: README.md (renders on any git host) and a self-contained index.html.

Both say the same thing in the same order: the overview image, then each family in FAMILIES
order with, per activation, its image, formula (as plain text: ``describe.plain``), one-line
summary and, for parameterised ones, the sweep.  Links are relative, and nothing varies from
run to run (no date, no version), so a regenerated gallery diffs clean.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .._io import TEXT_MARK
from ..activation import Definition, format_param
from ..frameworks.conventions import meaning
from ..frameworks.names import VERSIONS
from ..registry import REGISTRY, Registry
from ..tex import plain
from .jobs import Job
from .marks import CONTEXT, SATURATED

TITLE = "Activation gallery"
INTRO = (
    "Every activation registered in actplot, drawn from the registry by `actplot gallery`, "
    "which regenerates this folder: do not edit it by hand."
)
LEGEND = (
    "Each image shows f (left) and its derivative f′ (right).  Marked, where they apply: the "
    "finite bounds of the range (dashed red), kinks and jumps (dotted), the minimum or maximum "
    "of a non-monotonic activation (red dot), the largest |f′| (red diamond, or a dashed line "
    "when only approached), dead zones where f′ = 0 (grey) and saturating tails where |f′| is "
    f"below {SATURATED:.0%} of its largest value (purple).  At a jump a dot is the value taken "
    "and a ring the limit not taken.  Vector-valued activations are drawn as their first "
    "output against the first logit x, the others fixed at "
    f"{', '.join(format_param(c) for c in CONTEXT)}."
)


@dataclass(frozen=True)
class Entry:
    definition: Definition  # what is shown: under a convention, what the name stands for there
    image: str
    sweep: Job | None
    name: str = ""  # the registered name (the definition's, unless a convention maps it)
    defaults: str = ""  # under a convention: whose defaults, and what they are


def build(
    defs: Sequence[Definition],
    jobs: Sequence[Job],
    convention: str | None = None,
    registry: Registry = REGISTRY,
) -> dict[str, str]:
    """{file name: text} of the index files for the gallery ``jobs`` draw; under a
    ``convention``, each entry as that framework has it, and the introduction says so."""
    by_file = {(j.kind, j.names[0]): j for j in jobs if j.kind != "overview"}
    overview = next(j.file for j in jobs if j.kind == "overview")
    entries = [
        _entry(d, by_file["activation", d.name].file, by_file.get(("sweep", d.name)), convention,
               registry)
        for d in defs
    ]  # fmt: skip
    families = [(f, list(group)) for f, group in itertools.groupby(entries, _family)]
    intro = INTRO + (f"  {convention_text(convention)}" if convention else "")
    return {
        "README.md": markdown(families, overview, intro),
        "index.html": page(families, overview, intro),
    }


def convention_text(convention: str) -> str:
    """The index's sentence on the convention its images follow."""
    return (
        f"Drawn under `--convention {convention}` ({VERSIONS[convention]}): "
        f"{meaning(convention)}; where {convention} has none, actplot's own, with PyTorch's "
        "defaults."
    )


def _entry(
    d: Definition, image: str, sweep: Job | None, convention: str | None, registry: Registry
) -> Entry:
    if convention is None:
        return Entry(d, image, sweep, d.name)
    from ..frameworks.resolve import origin
    from ..spec import named

    act = named(d.name, registry, convention)
    values = ", ".join(f"{k} = {format_param(v)}" for k, v in act.params.items())
    said = f"Defaults as {origin(act)}" + (f": {values}" if values else "")
    if act.name != d.name:
        said += f"; under {convention}, {d.name} is {act.name}"
    said += "."
    own = registry.resolve(act.name)
    if act.definition.derivatives != own.derivatives and act.definition.convention:
        said += f"  At kinks: {act.definition.convention}"  # jax's leaky_relu'(0) = 1
    return Entry(act.definition, image, sweep, d.name, said)


def _family(e: Entry) -> str:
    return e.definition.family


def heading(family: str) -> str:
    return family.replace("_", " ").capitalize()


def sweep_caption(e: Entry) -> str:
    assert e.sweep is not None
    values = ", ".join(format_param(v) for v in e.sweep.values)
    return f"{e.definition.label} for {e.sweep.param} = {values}"


# README.md -------------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    """Text that markdown shows as written (summaries mention x_i, [a, b], ...)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown(families: list[tuple[str, list[Entry]]], overview: str, intro: str = INTRO) -> str:
    contents = " · ".join(f"[{heading(f)}](#{f})" for f, _ in families)
    lines = [TEXT_MARK, f"# {TITLE}", intro, LEGEND, f"![Every activation: f and f′]({overview})"]
    lines.append(f"Families: {contents}")
    for family, entries in families:
        lines.append(f"## {heading(family)}")
        for e in entries:
            d, label = e.definition, _md(e.definition.label)
            lines += [f"### {label} (`{e.name}`)", f"`{plain(d.formula)}`", _md(d.notes.summary)]
            if e.defaults:
                lines.append(_md(e.defaults))
            lines.append(f"![{label}: f and f′]({e.image})")
            if e.sweep is not None:
                caption = _md(sweep_caption(e))
                lines += [f"{caption}:", f"![{caption}]({e.sweep.file})"]
    return "\n\n".join(lines) + "\n"  # a blank line between blocks


# index.html ------------------------------------------------------------------------------------

_CSS = """\
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222;
       max-width: 1080px; margin: 2em auto; padding: 0 1em; }
h1 { margin-bottom: 0.2em; }
h2 { border-bottom: 2px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }
h3 { margin-bottom: 0.2em; }
h3 code { font-weight: normal; color: #555; }
nav a { margin-right: 1em; }
article { border-top: 1px solid #eee; padding: 0.8em 0; }
code { background: #f3f3f3; padding: 0 0.3em; border-radius: 3px; }
.formula { font-size: 1.05em; margin: 0.2em 0; }
.legend { color: #444; }
img { display: block; max-width: 100%; height: auto; margin: 0.5em 0; }
figcaption { color: #555; font-size: 0.95em; }
"""


def page(families: list[tuple[str, list[Entry]]], overview: str, intro: str = INTRO) -> str:
    e = html.escape
    nav = " ".join(f'<a href="#family-{e(f)}">{e(heading(f))}</a>' for f, _ in families)
    parts = [
        TEXT_MARK,  # a comment may come before the doctype (HTML5)
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(TITLE)}</title>\n<style>\n{_CSS}</style>\n</head>",
        f"<body>\n<h1>{e(TITLE)}</h1>",
        f"<p>{_code_spans(intro)}</p>",
        f'<p class="legend">{e(LEGEND)}</p>',
        f"<nav>{nav}</nav>",
        f'<img src="{e(overview)}" alt="Every activation: f and f′">',
    ]
    for family, entries in families:
        parts.append(f'<section id="family-{e(family)}">\n<h2>{e(heading(family))}</h2>')
        parts += [_article(entry) for entry in entries]
        parts.append("</section>")
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def _article(entry: Entry) -> str:
    e = html.escape
    d = entry.definition
    lines = [
        f'<article id="{e(entry.name)}">',
        f"<h3>{e(d.label)} <code>{e(entry.name)}</code></h3>",
        f'<p class="formula"><code>{e(plain(d.formula))}</code></p>',
        f"<p>{e(d.notes.summary)}</p>",
        *([f"<p>{e(entry.defaults)}</p>"] if entry.defaults else []),
        f'<img src="{e(entry.image)}" alt="{e(d.label)}: f and f′" loading="lazy">',
    ]
    if entry.sweep is not None:
        caption = e(sweep_caption(entry))
        lines.append(f'<figure><img src="{e(entry.sweep.file)}" alt="{caption}" loading="lazy">'
                     f"<figcaption>{caption}</figcaption></figure>")  # fmt: skip
    lines.append("</article>")
    return "\n".join(lines)


def _code_spans(text: str) -> str:
    """Escape, and show `backticked` words as code, as markdown would."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))
