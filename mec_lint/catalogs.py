"""SEP catalogs shipped as data (mec_lint/data/catalogs.yaml), extendable by configuration.

At run time the catalogs come from `mec_lint/catalog_data.py`, generated from catalogs.yaml
(`python -m mec_lint.catalogs` rewrites it; tests/test_catalog_data.py keeps the two in sync),
so a run never imports or parses YAML for them.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any

# Catalog name in catalogs.yaml -> (element, attribute) pairs that use it.
CATALOG_ATTRIBUTES: dict[str, tuple[tuple[str, str], ...]] = {
    "tipoCertificado": (("Dec", "tipoCertificado"),),
    "idCargo": (("Responsable", "idCargo"),),
    "idGenero": (("Alumno", "idGenero"),),
    "idTipoPeriodo": (("Carrera", "idTipoPeriodo"),),
    "idNivelEstudios": (("Carrera", "idNivelEstudios"),),
    "idTipoCertificacion": (("Expedicion", "idTipoCertificacion"),),
    "idTipoAsignatura": (("Asignatura", "idTipoAsignatura"),),
    "idObservaciones": (("Asignatura", "idObservaciones"),),
    "entidadFederativa": (("Ipes", "idEntidadFederativa"), ("Expedicion", "idLugarExpedicion")),
}


@lru_cache(maxsize=1)
def _bundled() -> dict[str, Any]:
    """catalogs.yaml as YAML reads it (for generating catalog_data.py and its sync test)."""
    from importlib import resources

    import yaml

    text = resources.files("mec_lint.data").joinpath("catalogs.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(text, Loader=loader)  # noqa: S506 - safe loader
    return data


def normalised(data: dict[str, Any]) -> tuple[dict[str, dict[str, str]], tuple[str, ...]]:
    """(catalog -> {id: text}, CURP state codes) as lookups use them: every id and text a string."""
    catalogs: dict[str, dict[str, str]] = {}
    curp_states: tuple[str, ...] = ()
    for name, entries in data.items():
        if name == "curpEntidad":
            curp_states = tuple(str(code) for code in entries)
        elif isinstance(entries, dict):
            catalogs[name] = {_key(key): str(value) for key, value in entries.items()}
    return catalogs, curp_states


def _quoted(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # a double-quoted Python literal, as ruff writes it


def generated_source() -> str:
    """The text of mec_lint/catalog_data.py for the catalogs.yaml shipped now."""
    catalogs, curp_states = normalised(_bundled())
    lines = [
        '"""Generated from mec_lint/data/catalogs.yaml by `python -m mec_lint.catalogs`: do not edit."""',
        "",
        "CATALOGS: dict[str, dict[str, str]] = {",
    ]
    for name, entries in catalogs.items():
        lines.append(f"    {_quoted(name)}: {{")
        lines.extend(f"        {_quoted(key)}: {_quoted(value)}," for key, value in entries.items())
        lines.append("    },")
    lines.append("}")
    lines.append("CURP_STATES: tuple[str, ...] = (")
    lines.extend(f"    {_quoted(code)}," for code in curp_states)
    lines.append(")")
    return "\n".join(lines) + "\n"


class Catalogs:
    """Catalog lookups by id (ids compared as the exact strings written in the XML)."""

    def __init__(self, extensions: dict[str, dict[str, str]] | None = None) -> None:
        from mec_lint.catalog_data import CATALOGS, CURP_STATES

        self._data: dict[str, dict[str, str]] = {name: dict(entries) for name, entries in CATALOGS.items()}
        self.curp_states: frozenset[str] = frozenset(CURP_STATES)
        for name, entries in (extensions or {}).items():
            self._data.setdefault(name, {}).update({_key(k): str(v) for k, v in entries.items()})

    def names(self) -> list[str]:
        return sorted(self._data)

    def get(self, name: str) -> dict[str, str]:
        return self._data.get(name, {})

    def disputed(self, name: str) -> dict[str, str]:
        return self._data.get(f"{name}_disputed", {})

    def lookup(self, name: str, value: str) -> str | None:
        return self.get(name).get(value)

    def periods_per_year(self, id_tipo_periodo: str) -> int | None:
        """Cycles per year for idTipoPeriodo (catalogs.yaml comments; an observation, not a SEP rule)."""
        return PERIODS_PER_YEAR.get(id_tipo_periodo)


def _key(key: Any) -> str:
    return str(key)


# dec-3.0.md 2.4, "cycles per year used in ciclo" (medium confidence: configurable in rule CIC002).
PERIODS_PER_YEAR: dict[str, int] = {"91": 2, "92": 6, "93": 3, "94": 3, "260": 4, "262": 1}


if __name__ == "__main__":  # python -m mec_lint.catalogs: regenerate catalog_data.py
    import os

    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalog_data.py")
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(generated_source())
    print(f"{target} escrito", file=sys.stderr)
