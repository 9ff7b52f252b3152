"""The README's "From Python" example runs as written (against a private data folder)."""

import re

import pytest

from index.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow


def test_the_from_python_example_runs(capsys):
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("**From Python**", 1)[1]
    example = re.search(r"```python\n(.*?)```", section, re.S)[1]
    exec(compile(example, "README.md (From Python)", "exec"), {})
    out = capsys.readouterr().out
    assert "Barbara Woodward" in out or "001_1c6d0d9f51e251dc" in out
