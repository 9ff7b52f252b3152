"""The packages depend one way: index ← qa ← (eval, app). Checked in fresh interpreters."""

import subprocess
import sys

import pytest

from index.settings import PROJECT_ROOT


def loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize("statement, forbidden", [
    ("import index, index.cli, index.build, index.text, index.dates", {"qa", "eval", "app", "newsqa"}),
    ("import qa, qa.cli, qa.assistant", {"eval", "app", "newsqa"}),
])
def test_a_package_loads_nothing_from_the_packages_above_it(statement, forbidden):
    assert not loaded_after(statement) & forbidden
