"""Activations from outside actplot: a user's module, and plugins.

- :func:`load`: import a module by name (``mypkg.acts``) or a Python file by path
  (``mine.py``); what it registers with ``actplot.register`` is then known everywhere.  The
  command line's ``--load FILE.py`` and ``-m MODULE`` call it; a failure is the caller's
  mistake and raises :class:`~actplot.errors.PluginError`.
- :func:`discover`: the modules and files listed in the ``ACTPLOT_PLUGINS`` environment
  variable (separated by ``os.pathsep`` or commas), then every entry point of the group
  ``actplot.activations`` of the installed packages.  Each entry point names a callable that
  takes no arguments and returns an iterable of :class:`~actplot.Definition`, which are
  registered.  The default registry calls it the first time it needs more than the
  built-ins (a name it does not know, or the whole list).

A plugin that raises, returns something other than definitions, reuses a name or gives a
definition whose functions fail never stops actplot: the problem is recorded, one line naming
the plugin, for :func:`problems` and for the listener set with :func:`report_to` (the command
line prints each on stderr), and the rest goes on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import PluginError

if TYPE_CHECKING:
    from .activation import Definition
    from .registry import Registry

GROUP = "actplot.activations"
ENV = "ACTPLOT_PLUGINS"


class Problem:
    """What went wrong with one plugin, in one line.  (A plain class: the command line imports
    this module at start-up, where a dataclass would cost milliseconds.)"""

    __slots__ = ("message", "plugin")

    def __init__(self, plugin: str, message: str) -> None:
        self.plugin, self.message = plugin, message

    def __repr__(self) -> str:
        return f"Problem({self.plugin!r}, {self.message!r})"

    def __str__(self) -> str:
        return f"plugin {self.plugin}: {self.message}"


_problems: list[Problem] = []
_listener: list[Callable[[Problem], None]] = []
_imported: set[str] = set()  # modules and resolved file paths already loaded


def problems() -> list[Problem]:
    """Every plugin problem met so far, in order."""
    return list(_problems)


def report_to(listener: Callable[[Problem], None] | None) -> None:
    """Call ``listener(problem)`` for each problem from now on (None: stop)."""
    _listener[:] = [listener] if listener is not None else []


def _report(plugin: str, message: str) -> None:
    problem = Problem(plugin, " ".join(message.split()))
    _problems.append(problem)
    for listener in _listener:
        listener(problem)


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


# a user's module ---------------------------------------------------------------------------


def load(target: str | Path, kind: str | None = None) -> list[str]:
    """Import a module by name, or a Python file by path, once; the names of the activations
    it registered in the default registry.  ``kind`` is "file" or "module"; None takes a
    target ending in .py or holding a path separator for a file.

    Raises PluginError, one line, if it cannot be found, raises while it is imported, or
    registers an activation whose functions fail on [-1, 0, 1]."""
    from .registry import REGISTRY

    target = str(target)
    is_file = kind == "file" or (
        kind is None and (target.endswith(".py") or os.sep in target or "/" in target)
    )
    key = str(Path(target).expanduser().resolve()) if is_file else target
    if key in _imported:
        return []
    before = set(REGISTRY._loaded()._by_name)
    if is_file:
        _import_file(target, Path(key))
    else:
        _import_module(target)
    _imported.add(key)
    added = [n for n in REGISTRY._by_name if n not in before]
    for name in added:
        problem = _fails(REGISTRY[name])
        if problem:
            REGISTRY._forget(name)
            raise PluginError(f"{target}: {problem}")
    return added


def _where(e: BaseException, path: Path | None) -> str:
    """(line N) of the user's file where the exception was raised, if it was there."""
    tb, line = e.__traceback__, None
    while tb is not None:
        if path is not None and Path(tb.tb_frame.f_code.co_filename) == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    return f" (line {line})" if line else ""


def _import_file(target: str, path: Path) -> None:
    import importlib.util

    if not path.is_file():
        raise PluginError(f"{target}: no such file")
    name = f"actplot_user_{path.stem}_{abs(hash(str(path))):x}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise PluginError(f"{target}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)  # the user's own file, run as asked
    except (Exception, SystemExit) as e:
        del sys.modules[name]
        raise PluginError(f"{target}: {_one_line(e)}{_where(e, path)}") from None


def _import_module(name: str) -> None:
    import importlib

    here = os.getcwd()
    sys.path.insert(0, here)  # as python -m does: a module in this folder is found
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as e:
        if e.name and name.startswith(e.name):
            raise PluginError(f"{name}: no module named {e.name!r}") from None
        raise PluginError(f"{name}: {_one_line(e)}") from None
    except (Exception, SystemExit) as e:
        raise PluginError(f"{name}: {_one_line(e)}") from None
    finally:
        if here in sys.path:
            sys.path.remove(here)


# plugins -----------------------------------------------------------------------------------


def discover(registry: Registry) -> None:
    """Load ACTPLOT_PLUGINS and the entry points of the group actplot.activations into
    ``registry``, recording every problem instead of raising it."""
    for target in _listed(os.environ.get(ENV, "")):
        try:
            load(target)
        except PluginError as e:
            _report(f"{target} (from {ENV})", str(e).removeprefix(f"{target}: "))
    for entry in _entry_points():
        _load_entry_point(entry, registry)


def none_installed() -> bool:
    """Whether discover would find nothing: ACTPLOT_PLUGINS unset and no entry points (then
    the built-ins' index is the whole list)."""
    if _listed(os.environ.get(ENV, "")):
        return False
    return not _may_have_entry_points() or not _entry_points()


def _may_have_entry_points() -> bool:
    """False if no distribution on sys.path declares the group: a look at each metadata
    folder's entry_points.txt, what importlib.metadata reads, without the 40 ms of importing
    it.  Anything unusual on the path (a zip, a folder that cannot be listed) says True."""
    header = f"[{GROUP}]"
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            if os.path.exists(folder):
                return True  # a zip or an egg file: let importlib.metadata look
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                path = os.path.join(folder or ".", name, "entry_points.txt")
                try:
                    with open(path, encoding="utf-8") as f:
                        if header in f.read():
                            return True
                except OSError:
                    continue
    return False


def _listed(value: str) -> list[str]:
    items = value.replace(",", os.pathsep).split(os.pathsep)
    return [t.strip() for t in items if t.strip()]


def _entry_points() -> list[Any]:
    # importlib.metadata costs some 40 ms to import, which is why this runs only when needed
    from importlib.metadata import entry_points

    found = entry_points(group=GROUP)
    return sorted(found, key=lambda e: (e.name, e.value))


def _entry_label(entry: Any) -> str:
    dist = getattr(entry, "dist", None)
    source = f", from {dist.name} {dist.version}" if dist is not None else ""
    return f"{entry.name!r} ({entry.value}{source})"


def _load_entry_point(entry: Any, registry: Registry) -> None:
    plugin = _entry_label(entry)
    try:
        make = entry.load()
    except (Exception, SystemExit) as e:
        return _report(plugin, f"cannot be imported: {_one_line(e)}")
    if not callable(make):
        return _report(
            plugin,
            f"{entry.value} is not callable; it must be a function returning "
            "actplot.Definition objects",
        )
    try:
        made = make()
        items = list(_definitions(made))
    except _Junk as e:
        return _report(plugin, str(e))
    except (Exception, SystemExit) as e:
        return _report(plugin, f"raised {_one_line(e)}")
    for item in items:
        _register(plugin, item, registry)


class _Junk(Exception):
    """A plugin returned something other than definitions."""


def _definitions(made: object) -> Iterable[object]:
    from .activation import Definition

    if isinstance(made, str | bytes | Definition) or not isinstance(made, Iterable):
        raise _Junk(f"returned {_shown(made)}, not an iterable of actplot.Definition")
    return made


def _shown(value: object) -> str:
    text = repr(value)
    text = text if len(text) <= 40 else text[:39] + "…"
    return f"{type(value).__name__} {text}"


def _register(plugin: str, item: object, registry: Registry) -> None:
    from .activation import Definition
    from .errors import RegistrationError

    if not isinstance(item, Definition):
        return _report(plugin, f"gave {_shown(item)}, not an actplot.Definition; skipped")
    problem = _fails(item)
    if problem:
        return _report(plugin, f"{problem}; skipped")
    try:
        registry.register(item)
    except RegistrationError as e:
        clash = next(
            (n for n in (item.name, *item.aliases) if registry.is_built_in(_owner(registry, n))),
            None,
        )
        why = f"{clash!r} is a built-in name" if clash else str(e)
        _report(plugin, f"{item.name!r} not registered: {why}")


def _owner(registry: Registry, name: str) -> str:
    try:
        return registry.resolve(name).name
    except KeyError:
        return name


def _fails(definition: Definition) -> str | None:
    """Why a definition's functions fail on [-1, 0, 1] at its defaults, if they do."""
    import warnings

    import numpy as np

    x = np.array([-1.0, 0.0, 1.0])
    try:
        act = definition.bind({})
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            for order in range(3):
                y = act.evaluate(x, order)
                if np.shape(y) != x.shape:
                    what = ("f", "f'", "f''")[order]
                    return (
                        f"{definition.name} fails on [-1, 0, 1]: {what} has shape {np.shape(y)}, "
                        "not (3,)"
                    )
    except Exception as e:
        return f"{definition.name} fails on [-1, 0, 1]: {_one_line(e)}"
    return None
