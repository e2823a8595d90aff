"""The ``actplot`` group: its help, its commands, and how errors end a run.

Every mistake of the user's is a click usage error: one line on stderr, exit code 2, no
traceback and no file written.
"""

from __future__ import annotations

import contextlib
import difflib
import sys
from typing import Any

import click

from .. import __version__
from .base import CONTEXT_SETTINGS, Command
from .compare import compare
from .completion import completion
from .describe import info, list_
from .frameworks import frameworks
from .gallery import gallery
from .plot import grad, plot
from .streams import Terminated, catch_sigterm, spell_out
from .table import table


class Group(click.Group):
    """Prints each usage error as one line (its commands turn library errors into them)."""

    command_class = Command

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "see 'actplot --help'"
            ctx.fail(f"no such command '{name}'; {hint}")
        return super().resolve_command(ctx, args)

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        from ..plugins import report_to

        # a plugin that fails is told on stderr, in one line, and the command goes on
        report_to(lambda problem: click.echo(f"actplot: {problem}", err=True))
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
            _end(f"{where}: error: {e.format_message()}", e.exit_code)
        except click.ClickException as e:
            e.show()
            sys.exit(e.exit_code)
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


def _end(message: str, code: int) -> None:
    with contextlib.suppress(OSError):  # stderr closed or full too: the exit code says it
        click.echo(message, err=True)
    sys.exit(code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit cannot fail again."""
    import os

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


for command in (list_, info, plot, grad, compare, frameworks, gallery, table, completion):
    cli.add_command(command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="actplot")
