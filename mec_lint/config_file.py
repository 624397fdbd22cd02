"""Configuration files: `.mec-lint.yaml` / `.mec-lint.yml` or `[tool.mec-lint]` in `pyproject.toml`.

Found by searching upward from the current directory (or given with `--config`). Keys are
kebab-case; every key, rule code, rule option and type is validated, and a problem is a
`ConfigError` (exit 2) naming the file, the key path and, for YAML, the line.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from typing import Any

from mec_lint.config import Config, ConfigError, Limits, parse_upload_date
from mec_lint.findings import Severity
from mec_lint.os_errors import describe as describe_os_error

YAML_NAMES = (".mec-lint.yaml", ".mec-lint.yml")
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "mec-lint"

# file key -> Config field
FIELD_OF = {
    "select": "select",
    "ignore": "ignore",
    "per-file-ignores": "per_file_ignores",
    "severity": "severity",
    "rules": "rule_options",
    "upload-date": "upload_date",
    "layout": "layout_path",
    "schema": "schema_path",
    "baseline": "baseline",
    "catalogs": "catalogs",
    "signers": "signers",
    "header-aliases": "header_aliases",
    "limits": "limits",
    "lang": "lang",
    "jobs": "jobs",
    "expected-count": "expected_count",
    "cadena-id-entidad": "include_id_entidad",
    "batch-folders": "batch_folders",
}
KEY_OF = {field_name: key for key, field_name in FIELD_OF.items()}
PATH_KEYS = ("layout", "schema", "baseline")  # relative to the configuration file's folder
SIGNER_KEYS = ("campus", "curp", "noCertificado")
LIMIT_ALIASES = {"max-file-size": "max_file_bytes"}


class Place:
    """Where a value sits: file, key path and (for YAML) the line of each key path."""

    def __init__(self, path: str, lines: dict[tuple[str, ...], int] | None = None) -> None:
        self.path = path
        self.lines = lines or {}

    def error(self, keys: tuple[str, ...], problem: str) -> ConfigError:
        line = None
        for end in range(len(keys), -1, -1):  # the closest key path with a known line
            line = self.lines.get(keys[:end])
            if line is not None:
                break
        where = f"{self.path}:{line}" if line is not None else self.path
        key_path = ".".join(keys) if keys else "(raíz)"
        return ConfigError(f"{where}: clave {key_path}: {problem}")


# -- discovery and reading ---------------------------------------------------------------------


def find_config_file(start: str | None = None) -> str | None:
    """The closest `.mec-lint.yaml`/`.yml` or `pyproject.toml` with [tool.mec-lint], upward."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        for name in YAML_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
        candidate = os.path.join(folder, PYPROJECT)
        if os.path.isfile(candidate) and _has_tool_table(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_tool_table(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r'^\s*\[tool\.(?:mec-lint|"mec-lint")(?:\]|\.)', text, re.MULTILINE) is not None


def read_raw(path: str) -> tuple[dict[str, Any], Place]:
    """The mapping of kebab-case keys in `path` and where each key sits."""
    if not os.path.isfile(path):
        raise ConfigError(f"no existe el archivo de configuración {path}")
    if os.path.basename(path) == PYPROJECT or path.endswith(".toml"):
        return _read_toml(path)
    return _read_yaml(path)


def _read_toml(path: str) -> tuple[dict[str, Any], Place]:
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10 only
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: TOML inválido: {exc}") from exc
    table = data.get("tool", {}).get(TOOL_TABLE, {}) if os.path.basename(path) == PYPROJECT else data
    place = Place(f"{path} [tool.mec-lint]" if os.path.basename(path) == PYPROJECT else path)
    if not isinstance(table, dict):
        raise place.error((), "se espera una tabla")
    return table, place


def _read_yaml(path: str) -> tuple[dict[str, Any], Place]:
    import yaml

    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        loader = _loader()
        node = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except OSError as exc:
        raise ConfigError(f"no se pudo leer {path}: {describe_os_error(exc)}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(_not_utf8(path, exc)) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else path
        raise ConfigError(f"{where}: YAML inválido: {getattr(exc, 'problem', None) or exc}") from exc
    lines: dict[tuple[str, ...], int] = {}
    if node is not None:
        _collect_lines(node, (), lines)
    place = Place(path, lines)
    if data is None:
        return {}, place
    if not isinstance(data, dict):
        raise place.error((), "el archivo debe ser un mapeo de claves (clave: valor)")
    return data, place


def _loader() -> Any:
    """SafeLoader that leaves dates as text, so a bad date is reported with its key and line."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def _collect_lines(node: Any, keys: tuple[str, ...], lines: dict[tuple[str, ...], int]) -> None:
    import yaml

    lines.setdefault(keys, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*keys, str(key_node.value))
            lines[key] = key_node.start_mark.line + 1
            _collect_lines(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, (*keys, str(index)), lines)


# -- validation ---------------------------------------------------------------------------------


def read_config_file(path: str) -> dict[str, Any]:
    """Validated Config field values from the configuration file `path`."""
    raw, place = read_raw(path)
    base = os.path.dirname(os.path.abspath(path))
    values: dict[str, Any] = {}
    for key, value in raw.items():
        key = str(key)
        if key not in FIELD_OF:
            suggestion = key.replace("_", "-")
            hint = f" (¿quiso decir {suggestion}?)" if suggestion in FIELD_OF else ""
            raise place.error(
                (key,), f"clave desconocida{hint}; claves válidas: {', '.join(sorted(FIELD_OF))}"
            )
        if value is None:
            continue  # `key:` with no value (or null) keeps the default
        converted = CONVERTERS[key](value, (key,), place)
        if key in PATH_KEYS and converted is not None and not os.path.isabs(converted):
            converted = os.path.normpath(os.path.join(base, converted))
        values[FIELD_OF[key]] = converted
    return values


TYPE_NAMES: dict[type, str] = {
    str: "texto",
    int: "entero",
    float: "número",
    bool: "booleano",
    list: "lista",
    tuple: "lista",
    dict: "mapeo",
    type(None): "vacío",
}


def _type_name(value: Any) -> str:
    return TYPE_NAMES.get(type(value), type(value).__name__)


def _str(value: Any, keys: tuple[str, ...], place: Place) -> str:
    if not isinstance(value, str):
        raise place.error(keys, f"se espera texto, no {_type_name(value)} ({value!r})")
    return value


def _int(value: Any, keys: tuple[str, ...], place: Place, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise place.error(keys, f"se espera un entero ≥ {minimum}, no {value!r}")
    return value


def _bool(value: Any, keys: tuple[str, ...], place: Place) -> bool:
    if not isinstance(value, bool):
        raise place.error(keys, f"se espera true o false, no {value!r}")
    return value


def _mapping(value: Any, keys: tuple[str, ...], place: Place) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise place.error(keys, f"se espera un mapeo (clave: valor), no {_type_name(value)}")
    return {str(k): v for k, v in value.items()}


def _str_list(value: Any, keys: tuple[str, ...], place: Place) -> tuple[str, ...]:
    """A list of strings, or one comma-separated string."""
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if not isinstance(value, list):
        raise place.error(keys, f"se espera una lista de textos, no {_type_name(value)}")
    items: list[str] = []
    for index, item in enumerate(value):
        items.append(_str(item, (*keys, str(index)), place).strip())
    return tuple(items)


def _registry() -> Any:
    from mec_lint.registry import load_registry

    return load_registry()


def _codes(value: Any, keys: tuple[str, ...], place: Place) -> tuple[str, ...]:
    selectors = _str_list(value, keys, place)
    registry = _registry()
    for index, selector in enumerate(selectors):
        try:
            registry.expand([selector])
        except ConfigError:
            raise place.error(
                (*keys, str(index)) if not isinstance(value, str) else keys,
                f"código o prefijo de regla desconocido {selector!r} (vea `mec-lint rules`)",
            ) from None
    return selectors


def _per_file_ignores(value: Any, keys: tuple[str, ...], place: Place) -> dict[str, tuple[str, ...]]:
    return {
        pattern: _codes(codes, (*keys, pattern), place)
        for pattern, codes in _mapping(value, keys, place).items()
    }


def _severity(value: Any, keys: tuple[str, ...], place: Place) -> dict[str, Severity]:
    result: dict[str, Severity] = {}
    registry = _registry()
    for selector, level in _mapping(value, keys, place).items():
        key = (*keys, selector)
        if level not in ("error", "warning", "info"):
            raise place.error(key, f"severidad inválida {level!r}; use error, warning o info")
        try:
            codes = registry.expand([selector])
        except ConfigError:
            raise place.error(key, f"código o prefijo de regla desconocido {selector!r}") from None
        for code in sorted(codes):
            result[code] = Severity(level)
    return result


def _rule_options(value: Any, keys: tuple[str, ...], place: Place) -> dict[str, dict[str, Any]]:
    registry = _registry()
    result: dict[str, dict[str, Any]] = {}
    for code, options in _mapping(value, keys, place).items():
        key = (*keys, code)
        try:
            rule = registry.rule(code)
        except ConfigError:
            raise place.error(key, f"código de regla desconocido {code!r} (vea `mec-lint rules`)") from None
        options = _mapping(options, key, place)
        normalised: dict[str, Any] = {}
        for original, option_value in options.items():
            name = original
            for candidate in (name, name.replace("-", "_"), name.replace("_", "-")):
                if candidate in rule.options:
                    name = candidate  # `-` and `_` are interchangeable in option names
                    break
            normalised[name] = option_value
            option = rule.options.get(name)
            if option is None:
                known = ", ".join(sorted(rule.options)) or "(ninguna)"
                raise place.error(
                    (*key, original), f"la regla {rule.code} no tiene la opción {name!r}; opciones: {known}"
                )
            if not option.validate(option_value):
                types = option.type if isinstance(option.type, tuple) else (option.type,)
                expected = " o ".join(TYPE_NAMES.get(t, t.__name__) for t in types)
                raise place.error(
                    (*key, original),
                    f"tipo inválido {_type_name(option_value)} ({option_value!r}); se espera {expected}",
                )
            problem = option.problem(option_value)
            if problem is not None:
                raise place.error((*key, original), f"valor inválido {option_value!r}: {problem}")
        result.setdefault(rule.code, {}).update(normalised)
    return result


def _upload_date(value: Any, keys: tuple[str, ...], place: Place) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_upload_date(value)
        except ConfigError as exc:
            raise place.error(keys, str(exc)) from None
    raise place.error(keys, f"se espera una fecha AAAA-MM-DD, no {value!r}")


def _optional_path(value: Any, keys: tuple[str, ...], place: Place) -> str:
    return _str(value, keys, place)


def _catalogs(value: Any, keys: tuple[str, ...], place: Place) -> dict[str, dict[str, str]]:
    from difflib import get_close_matches

    from mec_lint.catalogs import Catalogs

    known = Catalogs().names()
    result: dict[str, dict[str, str]] = {}
    for name, entries in _mapping(value, keys, place).items():
        if name not in known:  # a misspelt catalog would extend nothing, silently
            close = (
                get_close_matches(name, known, n=1, cutoff=0.5)
                or [k for k in known if k.lower().endswith(str(name).lower())][:1]
            )
            hint = f" (¿quiso decir {close[0]}?)" if close else ""
            raise place.error(
                (*keys, name), f"catálogo desconocido {name!r}{hint}; catálogos: {', '.join(known)}"
            )
        table = _mapping(entries, (*keys, name), place)
        for entry_key, entry_value in table.items():
            if not isinstance(entry_value, (str, int)) or isinstance(entry_value, bool):
                raise place.error((*keys, name, entry_key), f"se espera un texto, no {entry_value!r}")
        result[name] = {str(k): str(v) for k, v in table.items()}
    return result


def _signers(value: Any, keys: tuple[str, ...], place: Place) -> tuple[dict[str, str], ...]:
    if not isinstance(value, list):
        raise place.error(keys, "se espera una lista de firmantes {campus, curp, noCertificado}")
    signers: list[dict[str, str]] = []
    for index, item in enumerate(value):
        key = (*keys, str(index))
        entry = _mapping(item, key, place)
        for name, field_value in entry.items():
            if name not in SIGNER_KEYS:
                raise place.error((*key, name), f"clave desconocida; use {', '.join(SIGNER_KEYS)}")
            if not isinstance(field_value, (str, int)) or isinstance(field_value, bool):
                raise place.error((*key, name), f"se espera texto, no {field_value!r}")
        signers.append({name: str(field_value) for name, field_value in entry.items()})
    return tuple(signers)


def _header_aliases(value: Any, keys: tuple[str, ...], place: Place) -> dict[str, tuple[str, ...]]:
    return {
        column: _str_list(aliases, (*keys, column), place)
        for column, aliases in _mapping(value, keys, place).items()
    }


def _limits(value: Any, keys: tuple[str, ...], place: Place) -> Limits:
    defaults = Limits()
    known = {name: getattr(defaults, name) for name in Limits.FIELDS}
    values: dict[str, Any] = {}
    for name, limit in _mapping(value, keys, place).items():
        field_name = LIMIT_ALIASES.get(name, name.replace("-", "_"))
        if field_name not in known or "_" in name:
            choices = ", ".join(n.replace("_", "-") for n in known)
            raise place.error((*keys, name), f"límite desconocido; límites: {choices}")
        if isinstance(limit, bool) or not isinstance(limit, (int, float)) or limit <= 0:
            raise place.error((*keys, name), f"se espera un número positivo, no {limit!r}")
        if isinstance(known[field_name], int) and not isinstance(limit, int):
            raise place.error((*keys, name), f"se espera un entero positivo, no {limit!r}")
        values[field_name] = limit
    return Limits(**values)


def _lang(value: Any, keys: tuple[str, ...], place: Place) -> str:
    if value not in ("es", "en"):
        raise place.error(keys, f"idioma desconocido {value!r}; use es o en")
    return str(value)


CONVERTERS: dict[str, Callable[[Any, tuple[str, ...], Place], Any]] = {
    "select": _codes,
    "ignore": _codes,
    "per-file-ignores": _per_file_ignores,
    "severity": _severity,
    "rules": _rule_options,
    "upload-date": _upload_date,
    "layout": _optional_path,
    "schema": _optional_path,
    "baseline": _optional_path,
    "catalogs": _catalogs,
    "signers": _signers,
    "header-aliases": _header_aliases,
    "limits": _limits,
    "lang": _lang,
    "jobs": lambda v, k, p: _int(v, k, p, minimum=1),
    "expected-count": lambda v, k, p: _int(v, k, p, minimum=1),  # no folio covers zero certificates
    "cadena-id-entidad": _bool,
    "batch-folders": _bool,
}


# -- showing the resolved configuration ---------------------------------------------------------


def dump_config(config: Config, origins: dict[str, str] | None = None) -> str:
    """The resolved configuration as YAML (kebab-case keys), with where it came from."""
    import yaml

    data: dict[str, Any] = {}
    for key, field_name in FIELD_OF.items():
        value = getattr(config, field_name, None)
        data[key] = _plain(value)
    lines = [f"# archivo de configuración: {config.source or '(ninguno; valores por omisión)'}"]
    for key in FIELD_OF:
        origin = (origins or {}).get(FIELD_OF[key])
        if origin:
            lines.append(f"# {key}: {origin}")
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return "\n".join(lines) + "\n" + body


def _plain(value: Any) -> Any:
    if isinstance(value, Severity):
        return value.value
    if isinstance(value, Limits):
        return {name.replace("_", "-"): getattr(value, name) for name in Limits.FIELDS}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _not_utf8(path: str, exc: UnicodeDecodeError) -> str:
    return (
        f"no se pudo leer {path}: no está en UTF-8 (byte 0x{exc.object[exc.start]:02X} en la posición "
        f"{exc.start}); guárdelo como UTF-8"
    )
