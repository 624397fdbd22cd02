"""Every rule has fixtures that trigger it and fixtures that must not (fixtures/rules/<CODE>/)."""

from __future__ import annotations

import os

import pytest

from mec_lint.registry import load_registry
from mec_lint.rule import Scope
from mec_lint.testing import FixtureCase, fixture_cases, run_fixture_case

ROOT = os.path.join(os.path.dirname(__file__), os.pardir, "fixtures", "rules")
CASES = fixture_cases(ROOT)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture(case: FixtureCase) -> None:
    run_fixture_case(case)


def test_every_rule_has_failing_and_passing_fixtures() -> None:
    registry = load_registry()
    have_fail = {c.code for c in CASES if c.must_fire}
    have_pass = {c.code for c in CASES if not c.must_fire}
    missing = []
    for code, checker in sorted(registry.checker_of.items()):
        if checker.source != "builtin":
            continue
        if checker.scope is Scope.INTERNAL and code in ("MEC900",):
            continue  # an internal crash cannot be triggered by a file; tested in test_crash_isolation
        if code not in have_fail or code not in have_pass:
            missing.append(code)
    assert not missing, f"reglas sin fixtures fail-/pass- en fixtures/rules/: {missing}"
