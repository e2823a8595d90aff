"""The ``actplot`` group: its help, its commands, and how errors end a run.

Every mistake of the user's is a click usage error: one line on stderr, exit code 2, no
traceback and no file written.

The commands' modules are imported only when one of them runs: ``actplot --help`` shows
their one-line summaries from :data:`COMMANDS` and imports none of them (a test checks that
the summaries are the commands' own).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sys
from typing import Any

import click

from .. import __version__
from .streams import Terminated, catch_sigterm, spell_out

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# name -> (module in actplot.cli, attribute, the summary --help shows: the first paragraph of
# its help), in the order --help lists them
COMMANDS: dict[str, tuple[str, str, str]] = {
    "compare": (
        "compare",
        "compare",
        "Measure the properties of ACTIVATIONS and print them side by side.",
    ),
    "completion": (
        "completion",
        "completion",
        "Print the completion script for SHELL (bash, zsh or fish).",
    ),
    "frameworks": (
        "frameworks",
        "frameworks",
        "ACTIVATIONS as each framework has them: their names there, their defaults, the "
        "derivatives their autodiff returns at each kink, and the largest difference of their "
        "default from actplot's function (as compare --diff measures it), and where.",
    ),
    "gallery": (
        "gallery",
        "gallery",
        "Regenerate the gallery: an image of every activation, a sweep of each parameterised "
        "one, an overview, and an index (README.md and index.html) grouped by family.",
    ),
    "grad": (
        "plot",
        "grad",
        "Plot the derivatives of ACTIVATIONS: f' (or f'' with --deriv 2): plot --deriv 1.",
    ),
    "info": (
        "describe",
        "info",
        "Formula, derivative, parameters, range, kink conventions and notes for one ACTIVATION.",
    ),
    "list": (
        "describe",
        "list_",
        "List every activation: names, aliases, family, parameters and formula.",
    ),
    "plot": (
        "plot",
        "plot",
        "Plot ACTIVATIONS on one set of axes (or a grid), with their derivatives as asked.",
    ),
    "table": ("table", "table", "Print the values of ACTIVATIONS at the points --x."),
}


class _Commands(dict):
    """The group's commands by name, each imported the first time it is looked up."""

    def __missing__(self, name: str) -> click.Command:
        if name not in COMMANDS:
            raise KeyError(name)
        module, attr, _ = COMMANDS[name]
        self[name] = getattr(importlib.import_module(f".{module}", __package__), attr)
        return self[name]


class Group(click.Group):
    """Loads each command when it is used, and prints each usage error as one line (its
    commands turn library errors into them)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _Commands(self.commands)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*COMMANDS, *(n for n in super().list_commands(ctx) if n not in COMMANDS)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        try:
            return self.commands[name]
        except KeyError:
            return None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their summaries, shortened as click does, without importing them
        (a bare click.Command stands in for each one not loaded)."""
        shown = {n: click.Command(n, help=COMMANDS[n][2]) for n in COMMANDS}
        shown |= {n: c for n, c in self.commands.items() if not c.hidden}
        if shown:
            limit = formatter.width - 6 - max(map(len, shown))
            rows = [(n, shown[n].get_short_help_str(limit)) for n in sorted(shown)]
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from ..plugins import report_to

        # a plugin that fails is told on stderr, in one line, and the command goes on
        report_to(lambda problem: click.echo(f"actplot: {problem}", err=True))
        return super().invoke(ctx)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            import difflib

            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "see 'actplot --help'"
            ctx.fail(f"no such command '{name}'; {hint}")
        return super().resolve_command(ctx, args)

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        if sys.stdout is None:  # started with `>&-`: what it prints would be lost
            _end("actplot: error: standard output is closed; give it a file or a pipe", 1)
        spell_out()
        catch_sigterm()
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
            sys.stdout.flush()  # a full disk behind stdout shows here
        except click.exceptions.NoArgsIsHelpError as e:  # bare `actplot`: the help, not an error
            e.show()
            sys.exit(e.exit_code)
        except click.UsageError as e:
            where = e.ctx.command_path if e.ctx else "actplot"
            _end(f"{where}: error: {_one_line(e.format_message())}", e.exit_code)
        except click.ClickException as e:
            _end(f"actplot: error: {_one_line(e.format_message())}", e.exit_code)
        except (click.Abort, KeyboardInterrupt):  # Ctrl-C
            _end("\nactplot: interrupted", 130)
        except Terminated:  # SIGTERM
            _end("actplot: terminated", 143)
        except BrokenPipeError:  # `| head`: the reader has what it wanted
            _silence_stdout()
            sys.exit(0)
        except OSError as e:  # a full disk, a folder gone, a closed stream: a runtime failure
            where = f" {e.filename}" if e.filename else ""
            _end(f"actplot: error: cannot write{where}: {e.strerror or e}", 1)
        sys.exit(code if isinstance(code, int) else 0)


def _one_line(message: str) -> str:
    """click writes some messages over several lines (the choices of a missing argument)."""
    return " ".join(line.strip() for line in message.splitlines() if line.strip())


def _end(message: str, code: int) -> None:
    with contextlib.suppress(OSError):  # stderr closed or full too: the exit code says it
        click.echo(message, err=True)
    sys.exit(code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


@click.group("actplot", cls=Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="actplot")
def cli() -> None:
    """See, check and compare neural-network activation functions.

    An ACTIVATION is NAME or NAME:param=value[,param=value]; a comma list of values sweeps a
    parameter: elu:alpha=0.5,1,2 is three curves.  `actplot list` shows every name (any
    case works: LeakyReLU).  Or an expression of your own, with exact derivatives:
    "expr:x*tanh(softplus(x))", "expr:gate=x*sigmoid(b*x);b=1,1.702".  Every command takes
    --load FILE.py and -m MODULE, which register activations of your own.

    \b
    Examples:
      actplot plot swish gelu              curves of SiLU and GELU, to swish_gelu.png
      actplot plot elu:alpha=0.5,1,2 --deriv
      actplot grad sigmoid tanh relu --log --range -20 20
      actplot table --x -2 0 2             the classic comparison table
      actplot info gelu
      actplot compare gelu gelu_tanh --diff
      actplot frameworks leaky_relu gelu   names, defaults and kinks across frameworks
      actplot compare sigmoid relu --experiment depth --experiment train
      actplot gallery                      every activation, drawn into gallery/
      actplot table "expr:x*tanh(softplus(x))" mish --deriv
      actplot completion bash              Tab completion (see its --help)
    """


def main() -> None:
    """Console-script entry point."""
    _one_blas_thread()
    _collect_less()
    cli(prog_name="actplot")


def _one_blas_thread() -> None:
    """One BLAS thread, as actplot's worker processes have (see actplot._parallel), unless
    the user chose: numpy's OpenBLAS starts a thread per core when numpy is imported, which
    cost as much CPU as importing numpy itself (45 ms on a 2-core machine) for commands whose
    arithmetic is elementwise or on small matrices.  It must be set before numpy is
    imported, which no command has done yet here."""
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def _collect_less() -> None:
    """Run the cyclic garbage collector every 20 000 allocations rather than 700.  Most of a
    command's objects are those of the modules it imports (numpy, rich, matplotlib), which
    live until it ends, and each collection walked them again: about a tenth of the time
    of `actplot table` or `actplot plot`.  The cycles a long run makes (figures) are still
    collected."""
    first, *older = gc.get_threshold()
    if first:  # 0: collection turned off, and left so
        gc.set_threshold(max(first, 20_000), *older)
