"""Names as people type them (framework class names, any case and punctuation), and shell
completion of commands, options, choices and activation names."""

import dataclasses

import pytest
from click.shell_completion import ShellComplete

import actplot
from actplot import RegistrationError
from actplot.cli import cli
from actplot.cli.completion import COMPLETE_VAR


@pytest.mark.parametrize(
    "typed, canonical",
    [("LeakyReLU", "leaky_relu"), ("Hardsigmoid", "hard_sigmoid"), ("LogSigmoid", "log_sigmoid"),
     ("LogSoftmax", "log_softmax"), ("SiLU", "swish"), ("ReLU6", "relu6"), ("Softplus", "softplus"),
     ("hard_silu", "hardswish"), ("HardSiLU", "hardswish"), ("leaky-relu", "leaky_relu"),
     ("GELU", "gelu"), ("Tanhshrink", "tanhshrink"), ("Hardtanh", "hardtanh"), ("ELU", "elu")],
)  # fmt: skip
def test_framework_names_resolve_ignoring_case_and_punctuation(typed, canonical):
    assert actplot.REGISTRY.resolve(typed).name == canonical
    assert (
        actplot.get(
            f"{typed}:" + ",".join(f"{p}={v}" for p, v in actplot.get(canonical).params.items())
        ).name
        == canonical
    )


def test_the_suggestions_for_unknown_names_keep_working():
    with pytest.raises(actplot.UnknownActivationError, match="did you mean 'relu2' or 'relu6'"):
        actplot.get("relu7")
    with pytest.raises(actplot.UnknownActivationError, match="'leaky_relu'"):
        actplot.get("leaky_rleu")


def test_a_name_too_close_to_another_is_refused():
    relu = actplot.REGISTRY["relu"]
    registry = actplot.Registry()
    registry.register(dataclasses.replace(relu, name="leaky_relu", aliases=()))
    with pytest.raises(RegistrationError, match="'leakyrelu' is too close to 'leaky_relu'"):
        registry.register(dataclasses.replace(relu, name="leakyrelu", aliases=()))
    assert registry.resolve("Leaky-ReLU").name == "leaky_relu"


# completion ------------------------------------------------------------------------------


def completions(args: list[str], incomplete: str) -> list[str]:
    complete = ShellComplete(cli, {}, "actplot", COMPLETE_VAR)
    return [c.value for c in complete.get_completions(args, incomplete)]


def test_a_partial_activation_name_completes():
    # every name and alias that starts so, from the registry itself
    registry = actplot.REGISTRY
    gel = sorted(n for d in registry for n in (d, *registry[d].aliases) if n.startswith("gel"))
    assert {"gelu", "gelu_tanh"} <= set(gel)
    assert completions(["plot"], "gel") == gel
    assert completions(["compare", "relu"], "Gel") == gel  # any case
    assert "silu" in completions(["table"], "si") and "logistic" in completions(["info"], "log")
    assert completions(["plot"], "elu:") == ["elu:alpha="]  # its parameters
    assert completions(["plot"], "expr") == ["expr:"]  # the prefix of expressions


def test_commands_options_and_choices_complete():
    assert completions([], "co") == ["compare", "completion"]
    assert "--format" in completions(["table"], "--for") and "--load" in completions(
        ["plot"], "--lo"
    )
    assert completions(["table", "--format"], "") == ["rich", "csv", "json", "markdown"]
    assert completions(["completion"], "") == ["bash", "zsh", "fish"]


def test_registered_and_loaded_activations_complete(run, tmp_path, monkeypatch):
    len(actplot.REGISTRY)  # loaded before it is copied, so that the copy is the whole of it
    for attr in ("_by_name", "_aliases", "_folded"):
        monkeypatch.setattr(actplot.REGISTRY, attr, dict(getattr(actplot.REGISTRY, attr)))
    monkeypatch.setattr(actplot.plugins, "_imported", set())
    (tmp_path / "mine.py").write_text(
        "import actplot\n"
        "relu = actplot.get('relu').definition\n"
        "actplot.register(actplot.Definition(name='gelish', aliases=('gel_like',), formula='x',\n"
        "    fn=relu.fn, derivatives=relu.derivatives))\n"
    )
    registry = actplot.REGISTRY
    builtin = sorted(n for d in registry for n in (d, *registry[d].aliases) if n.startswith("gel"))
    completed = completions(["plot", "--load", str(tmp_path / "mine.py")], "gel")
    assert completed == sorted(["gel_like", "gelish", *builtin])


@pytest.mark.parametrize(
    "shell, marker",
    [
        ("bash", "complete -o nosort -F"),
        ("zsh", "#compdef actplot"),
        ("fish", "complete --no-files --command actplot"),
    ],
)
def test_completion_prints_click_s_script_for_each_shell(run, shell, marker):
    result = run("completion", shell)
    assert result.exit_code == 0 and marker in result.output and COMPLETE_VAR in result.output
    assert run("completion", "tcsh").exit_code == 2
