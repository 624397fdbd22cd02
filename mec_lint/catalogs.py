"""SEP catalogs shipped as data (mec_lint/data/catalogs.yaml), extendable by configuration."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

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
    text = resources.files("mec_lint.data").joinpath("catalogs.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(text, Loader=loader)  # noqa: S506 - safe loader
    return data


class Catalogs:
    """Catalog lookups by id (ids compared as the exact strings written in the XML)."""

    def __init__(self, extensions: dict[str, dict[str, str]] | None = None) -> None:
        self._data: dict[str, dict[str, str]] = {}
        self.curp_states: frozenset[str] = frozenset()
        for name, entries in _bundled().items():
            if name == "curpEntidad":
                self.curp_states = frozenset(str(code) for code in entries)
            elif isinstance(entries, dict):
                self._data[name] = {_key(key): str(value) for key, value in entries.items()}
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
