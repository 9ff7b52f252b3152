"""`python -m qa ask` as a user runs it."""

import io
import json
import subprocess
import sys

import pytest

from index.settings import PROJECT_ROOT
from qa.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "data"))


def test_ask_prints_the_reply_with_its_sources(env, capsys):
    assert main(["ask", "Who is Britain's UN ambassador?"]) == 0
    out = capsys.readouterr().out
    assert "Barbara Woodward" in out and "[1]" in out and "“" in out


def test_json_prints_the_reply_object(env):
    out = io.StringIO()
    assert main(["ask", "--json", "How much additional lethal aid will the US send to Ukraine?"], stdout=out) == 0
    reply = json.loads(out.getvalue())
    assert reply["answered"] and "$275mn" in reply["text"]
    assert reply["citations"][0]["passage"]["article_id"] == "002_68372f2c8ce85c96"


def test_interactive_mode_keeps_the_conversation(env):
    out = io.StringIO()
    main(["ask"], stdin=io.StringIO("Who is Russia's UN ambassador?\nWhat did he deny?\n"), stdout=out)
    assert "(question: What did Vassily Nebenzia deny?)" in out.getvalue()


def test_console_script_and_module_agree(tmp_path):
    script = PROJECT_ROOT / ".venv" / "bin" / "newsqa"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "qa"]
    done = subprocess.run([*command, "ask", "What is the capital of Australia?"], capture_output=True, text=True,
                          env={"QA_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("The articles do not say.")
