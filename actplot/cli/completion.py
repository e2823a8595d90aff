"""``actplot completion SHELL``: the script that makes a shell complete actplot's commands,
options, choices and activation names, through click's own completion."""

from __future__ import annotations

import click

from .base import Command

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_ACTPLOT_COMPLETE"  # what click's scripts set to ask actplot for completions


@click.command(cls=Command)
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Print the completion script for SHELL (bash, zsh or fish).

    Once enabled, Tab completes commands, options, their choices and activation names
    (aliases, plugins and --load modules included; NAME: offers its parameters).

    \b
    To enable it:
      bash  eval "$(actplot completion bash)"    in ~/.bashrc
      zsh   eval "$(actplot completion zsh)"     in ~/.zshrc
      fish  actplot completion fish > ~/.config/fish/completions/actplot.fish
    """
    from click.shell_completion import get_completion_class

    script = get_completion_class(shell)
    assert script is not None  # click has all three
    root = ctx.find_root()
    click.echo(script(root.command, {}, "actplot", COMPLETE_VAR).source())
