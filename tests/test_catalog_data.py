"""The catalogs a run reads (mec_lint/catalog_data.py, no YAML at run time) are catalogs.yaml's."""

from __future__ import annotations

import subprocess
import sys

from mec_lint import catalog_data
from mec_lint.catalogs import _bundled, generated_source, normalised

REGENERATE = "catalog_data.py no corresponde a catalogs.yaml: ejecute `python -m mec_lint.catalogs`"


def test_generated_catalogs_match_the_yaml() -> None:
    catalogs, curp_states = normalised(_bundled())
    assert catalogs == catalog_data.CATALOGS, REGENERATE
    assert curp_states == catalog_data.CURP_STATES, REGENERATE


def test_generated_file_is_what_the_generator_writes() -> None:
    with open(catalog_data.__file__, encoding="utf-8") as handle:
        assert handle.read() == generated_source(), REGENERATE


def test_a_run_reads_catalogs_without_yaml() -> None:
    code = (
        "import sys; from mec_lint.catalogs import Catalogs; "
        "c = Catalogs({'idCargo': {99: 'DIRECTORA ACADÉMICA'}}); "
        "print('yaml' in sys.modules, c.lookup('idCargo', '99'), c.lookup('idGenero', '250'), 'NE' in c.curp_states)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True
    )
    assert done.stdout.split() == ["False", "DIRECTORA", "ACADÉMICA", "MUJER", "True"]
