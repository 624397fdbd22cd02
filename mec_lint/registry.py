"""Rule registry: built-in rule modules, plugins (entry points) and code selection."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from functools import lru_cache
from types import ModuleType
from typing import Any

from mec_lint.config import ConfigError
from mec_lint.record import Record
from mec_lint.rule import Checker, Rule, Scope

PLUGIN_GROUP = "mec_lint.rules"


class Registry(Record):
    __slots__ = ("checkers", "rules", "checker_of", "aliases", "load_errors")

    def __init__(
        self,
        checkers: list[Checker] | None = None,
        rules: dict[str, Rule] | None = None,
        checker_of: dict[str, Checker] | None = None,
        aliases: dict[str, str] | None = None,
        load_errors: list[str] | None = None,
    ) -> None:
        self.checkers: list[Checker] = [] if checkers is None else checkers
        self.rules: dict[str, Rule] = {} if rules is None else rules
        self.checker_of: dict[str, Checker] = {} if checker_of is None else checker_of
        self.aliases: dict[str, str] = {} if aliases is None else aliases
        self.load_errors: list[str] = [] if load_errors is None else load_errors

    def add_module(self, module: ModuleType | Any, source: str = "builtin") -> None:
        rules = tuple(getattr(module, "RULES", ()))
        if not rules:
            raise ValueError(f"{getattr(module, '__name__', module)!r} no define RULES")
        scope = Scope(getattr(module, "SCOPE", Scope.XML))
        check = getattr(module, "check", None)
        if check is None and scope is not Scope.INTERNAL:
            raise ValueError(f"{getattr(module, '__name__', module)!r} no define check()")
        for rule in rules:
            if rule.code in self.rules:
                raise ValueError(f"código duplicado {rule.code}")
        checker = Checker(
            module=getattr(module, "__name__", str(module)),
            scope=scope,
            rules=rules,
            check=check or _no_check,
            needs_valid_schema=bool(getattr(module, "NEEDS_VALID_SCHEMA", False)),
            needs_layout=bool(getattr(module, "NEEDS_LAYOUT", False)),
            order=int(getattr(module, "ORDER", 100)),
            source=source,
            passes=getattr(module, "passes", None) if callable(getattr(module, "passes", None)) else None,
        )
        self.checkers.append(checker)
        for rule in rules:
            self.rules[rule.code] = rule
            self.checker_of[rule.code] = checker
            for alias in rule.aliases:
                self.aliases[alias] = rule.code

    def rule(self, code: str) -> Rule:
        """The rule of a code (any case), an alias or a slug (`curp-digito-verificador`)."""
        upper = self.aliases.get(code.strip().upper(), code.strip().upper())
        if upper in self.rules:
            return self.rules[upper]
        for rule in self.rules.values():
            if rule.name == code.strip().lower():
                return rule
        raise ConfigError(f"código de regla desconocido: {code} (vea `mec-lint rules`)")

    def expand(self, selectors: tuple[str, ...] | list[str]) -> set[str]:
        """Codes matched by selectors: a full code, a prefix ("CUR", "CUR00"), a slug or ALL."""
        codes: set[str] = set()
        for raw in selectors:
            selector = raw.strip()
            if not selector:
                continue
            upper = self.aliases.get(selector.upper(), selector.upper())
            if upper == "ALL":
                codes.update(self.rules)
                continue
            matched = {code for code in self.rules if code.startswith(upper)}
            matched |= {code for code, rule in self.rules.items() if rule.name == selector}
            if not matched:
                raise ConfigError(
                    f"código o prefijo de regla desconocido: {selector!r} (vea `mec-lint rules`)"
                )
            codes |= matched
        return codes

    def enabled_codes(self, select: tuple[str, ...], ignore: tuple[str, ...]) -> frozenset[str]:
        chosen = self.expand(select) if select else set(self.rules)
        return frozenset(chosen - self.expand(ignore))


def _no_check(*_args: Any) -> tuple[()]:
    return ()


def builtin_modules() -> list[str]:
    """The built-in rule modules: every public module of the `mec_lint.rules` package."""
    package = importlib.import_module("mec_lint.rules")
    return sorted(
        f"mec_lint.rules.{name}" for name in _module_names(package.__path__) if not name.startswith("_")
    )


def _module_names(path: Iterable[str]) -> set[str]:
    """The modules in the package folders `path`, as pkgutil.iter_modules names them, read without
    importing pkgutil (with functools.singledispatch and weakref, ≈ 2 million instructions of
    every run). A folder holding anything but `.py` files and `__pycache__` is left to pkgutil."""
    names: set[str] = set()
    for folder in path:
        try:
            entries = os.listdir(folder)
        except OSError:
            return _pkgutil_names(path)
        for entry in entries:
            if entry.endswith(".py"):
                if entry != "__init__.py":
                    names.add(entry[:-3])
            elif entry != "__pycache__":
                return _pkgutil_names(path)  # a subpackage, an extension module, a zip…
    return names


def _pkgutil_names(path: Iterable[str]) -> set[str]:
    import pkgutil

    return {info.name for info in pkgutil.iter_modules(list(path))}


@lru_cache(maxsize=2)
def load_registry(plugins: bool = True) -> Registry:
    registry = Registry()
    for name in builtin_modules():
        registry.add_module(importlib.import_module(name))
    if plugins:
        _load_plugins(registry)
    return registry


def _load_plugins(registry: Registry) -> None:
    if not plugins_may_be_installed():
        return  # nothing declares the group: importlib.metadata (≈ 10 ms at start-up) is not imported
    from importlib.metadata import entry_points

    for entry in sorted(entry_points(group=PLUGIN_GROUP), key=lambda ep: ep.name):
        dist = getattr(getattr(entry, "dist", None), "name", None) or entry.name
        try:
            registry.add_module(entry.load(), source=f"plugin:{dist}")
        except Exception as exc:  # a broken plugin is reported and skipped, never fatal
            registry.load_errors.append(
                f"complemento {entry.name!r} ({entry.value}) no se cargó: {type(exc).__name__}: {exc}"
            )


def plugins_may_be_installed() -> bool:
    """False only when no distribution on `sys.path` can declare a `mec_lint.rules` entry point.

    The same places `importlib.metadata` reads (`*.dist-info` and `*.egg-info` folders of each
    `sys.path` folder, their `entry_points.txt`), looked at without importing it: a run without
    plug-ins scans no entry points at all. Anything this does not read the way importlib.metadata
    does (a zip or an egg on `sys.path`, another distribution finder) answers True, and the real
    scan decides."""
    import os
    import sys

    for finder in sys.meta_path:
        if getattr(finder, "find_distributions", None) is not None and not _is_path_finder(finder):
            return True
    for entry in sys.path:
        folder = entry or "."
        if folder.lower().endswith(".egg"):
            return True  # an egg folder is itself a distribution (its EGG-INFO)
        try:
            with os.scandir(folder) as listing:
                names = [item.name for item in listing]
        except NotADirectoryError:
            return True  # a zip or an egg on sys.path
        except OSError:
            continue  # missing or unreadable: importlib.metadata finds nothing there either
        for name in names:
            if not name.lower().endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), "rb") as handle:
                    declared = handle.read()
            except (NotADirectoryError, FileNotFoundError):
                continue  # an .egg-info file, or a distribution without entry points
            except OSError:
                return True
            if PLUGIN_GROUP.encode() in declared:
                return True
    return False


def _is_path_finder(finder: Any) -> bool:
    """importlib's own PathFinder (its distributions are the sys.path folders read above)."""
    return getattr(finder, "__module__", "") in (
        "_frozen_importlib_external",
        "importlib._bootstrap_external",
    )
