"""The plugin's own tests, written with mec-lint's exported harness (mec_lint.testing)."""

from __future__ import annotations

import os

import pytest
from mec_lint_ejemplo_folio import folio

from mec_lint.testing import (
    FixtureCase,
    fixture_cases,
    make_certificate,
    registry_with,
    run_fixture_case,
)

FIXTURES = os.path.join(os.path.dirname(__file__), os.pardir, "fixtures")
CASES = fixture_cases(FIXTURES)
REGISTRY = registry_with(folio)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture(case: FixtureCase) -> None:
    run_fixture_case(case, registry=REGISTRY)


def test_both_kinds_of_fixture_exist() -> None:
    assert {c.must_fire for c in CASES} == {True, False}


def test_option_changes_the_prefix() -> None:
    from mec_lint.config import Config
    from mec_lint.engine import Linter
    from mec_lint.testing import DEFAULT_UPLOAD_DATE

    raw = make_certificate(overrides={"Dec": {"folioControl": "CDMX-0001"}})
    config = Config(upload_date=DEFAULT_UPLOAD_DATE, rule_options={"EXA001": {"prefijo": "CDMX-"}})
    findings = Linter(config, registry=REGISTRY).lint_xml("a.xml", raw).findings
    assert "EXA001" not in {f.code for f in findings}


def test_default_certificate_is_clean() -> None:
    from mec_lint.config import Config
    from mec_lint.engine import Linter
    from mec_lint.testing import DEFAULT_UPLOAD_DATE

    linter = Linter(Config(upload_date=DEFAULT_UPLOAD_DATE), registry=REGISTRY)
    findings = linter.lint_xml("a.xml", make_certificate()).findings
    assert "EXA001" not in {f.code for f in findings}
