"""The registry: every known activation by canonical name, with aliases.

It is a read-only ``Mapping[str, Definition]`` keyed by canonical name.  Definitions from
outside the package (a user's module, plugins) are added with :func:`register`; built-in
names can never be silently replaced.  Names are looked up as people type them: an alias, any
case, with or without punctuation (``LeakyReLU``, ``leaky-relu`` and ``leaky_relu`` are one).

The default registry, :data:`REGISTRY`, loads the built-in activations (``actplot.library``)
the first time it is asked anything, so that importing actplot costs nothing until then, and
the plugins (``actplot.plugins``) the first time it needs more than the built-ins: a name it
does not know, or the whole list.  A command that names built-ins only never looks for them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

from ._names import fold
from .activation import Definition
from .errors import RegistrationError, UnknownActivationError


class Registry(Mapping[str, Definition]):
    """Definitions by name.  ``load``, if given, fills the registry the first time it is used
    (the default registry's built-ins); ``extend`` adds to it the first time all of it is
    needed, or a name it does not know (the default registry's plugins)."""

    def __init__(
        self,
        load: Callable[[Registry], object] | None = None,
        extend: Callable[[Registry], object] | None = None,
    ) -> None:
        self._by_name: dict[str, Definition] = {}
        self._aliases: dict[str, str] = {}  # alias -> canonical name
        self._folded: dict[str, str] = {}  # fold(name or alias) -> canonical name
        self._protected: set[str] = set()
        self._load = load
        self._extend = extend

    def _loaded(self) -> Registry:
        if self._load is not None:
            load, self._load = self._load, None  # registering while loading must not recurse
            load(self)
        return self

    def _everything(self) -> Registry:
        self._loaded()
        if self._extend is not None:
            extend, self._extend = self._extend, None
            extend(self)
        return self

    def register(self, definition: Definition, *, replace: bool = False) -> Definition:
        """Add a definition.  ``replace=True`` replaces an earlier one of the same name, unless
        it is protected (a built-in)."""
        self._loaded()
        names = (definition.name, *definition.aliases)
        for n in names:
            owner = self._aliases.get(n, n if n in self._by_name else None)
            if owner is None:
                close = self._folded.get(fold(n))
                if close is not None and close != definition.name:
                    raise RegistrationError(
                        f"{n!r} is too close to {close!r}: names are matched ignoring case and "
                        "punctuation"
                    )
                continue
            if not replace or owner != definition.name:
                raise RegistrationError(f"{n!r} is already the name of {owner!r}")
            if owner in self._protected:
                raise RegistrationError(f"{owner!r} is built in and cannot be replaced")
        if replace and definition.name in self._by_name:
            self._forget(definition.name)
        self._by_name[definition.name] = definition
        self._aliases.update((a, definition.name) for a in definition.aliases)
        self._folded.update((fold(n), definition.name) for n in names)
        return definition

    def is_built_in(self, name: str) -> bool:
        return name in self._loaded()._protected

    def protect(self) -> None:
        """Mark everything registered so far as built in."""
        self._protected.update(self._by_name)

    def _forget(self, name: str) -> None:
        old = self._by_name.pop(name)
        for a in old.aliases:
            self._aliases.pop(a, None)
        for n in (name, *old.aliases):
            self._folded.pop(fold(n), None)

    def _find(self, name: str) -> Definition | None:
        key = name.strip().lower().replace("-", "_")
        key = self._aliases.get(key, key)
        found = self._by_name.get(key)
        if found is None and (canonical := self._folded.get(fold(name))) is not None:
            found = self._by_name[canonical]
        return found

    def resolve(self, name: str) -> Definition:
        """The definition for a canonical name or an alias, in any case and with or without
        punctuation (``SiLU``, ``Hardsigmoid``, ``leaky-relu``)."""
        found = self._loaded()._find(name) or self._everything()._find(name)
        if found is None:
            key = name.strip().lower().replace("-", "_")
            raise UnknownActivationError(name, self.suggest(key))
        return found

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """The closest known names (canonical or alias) to a mistyped one: the fewest edits
        first, then a substitution before an insertion (relu7 -> relu6, then relu)."""
        known = [*self._everything()._by_name, *self._aliases]
        most = max(1, len(name) // 3)
        # the lengths differ by no more than the edits: a name further off in length is not
        # near, and is not scored (the distance is quadratic in the lengths)
        scored = sorted(
            (_edits(name, k), abs(len(k) - len(name)), k)
            for k in known
            if abs(len(k) - len(name)) <= most
        )
        near = [k for d, _, k in scored if d <= most]
        if near:
            return near[:n]
        import difflib

        return difflib.get_close_matches(name, known, n=n, cutoff=0.6)

    def aliases(self) -> dict[str, str]:
        return dict(self._everything()._aliases)

    def __getitem__(self, name: str) -> Definition:
        found = self._loaded()._by_name.get(name)
        return found if found is not None else self._everything()._by_name[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._everything()._by_name)

    def __len__(self) -> int:
        return len(self._everything()._by_name)


def _edits(a: str, b: str) -> int:
    """Levenshtein distance, with a swap of neighbours counting as one edit."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            row.append(cost)
        prev2, prev = prev, row
    return prev[-1]


def _built_ins(registry: Registry) -> None:
    # Its modules register into REGISTRY, and it protects them once all are in (also when it
    # is imported first, and this runs from its first register call).
    importlib.import_module("actplot.library")


def _plugins(registry: Registry) -> None:
    # by name, as the built-ins are: the plugins module reaches back to the registry
    importlib.import_module("actplot.plugins").discover(registry)


REGISTRY = Registry(load=_built_ins, extend=_plugins)


def register(definition: Definition, *, replace: bool = False) -> Definition:
    """Register a definition in the default registry (see :meth:`Registry.register`)."""
    return REGISTRY.register(definition, replace=replace)


def names() -> list[str]:
    """Canonical names of all registered activations, in registration order."""
    return list(REGISTRY)


def portable(definition: Definition) -> bool:
    """Whether a fresh process (a spawned worker) gets this very definition back from its spec:
    true of actplot's built-ins, and of a definition built from its ``source`` text out of
    built-ins only (an expression); not of definitions registered at run time or held in a
    registry of one's own, which a worker must not be asked to compute."""
    name = definition.name
    registered = REGISTRY._loaded()._by_name.get(name) is definition
    if definition.source:
        # rebuilt from its spec; but if registered too, a worker may be asked for it by name
        # (the gallery's are), and a fresh process has no such name
        return not registered and all(portable(p) for p in definition.parts)
    return REGISTRY.is_built_in(name) and registered
