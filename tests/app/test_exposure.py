"""The running app against foreign hosts, other machines, a second writer and a restart."""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from gradio_client import Client

from index.settings import PROJECT_ROOT
from tests.app.conftest import running_app

pytestmark = pytest.mark.slow


def status_with_host(url: str, host: str) -> int:
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        return urllib.request.urlopen(request, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_foreign_host_header_is_refused(app_url):
    port = app_url.rsplit(":", 1)[1].strip("/")
    assert status_with_host(app_url, f"127.0.0.1:{port}") == 200
    assert status_with_host(app_url, f"localhost:{port}") == 200
    assert status_with_host(app_url, "attacker.example") == 400  # DNS rebinding


def test_listening_beyond_loopback_needs_auth_or_read_only(free_tcp_port):
    done = subprocess.run([sys.executable, str(PROJECT_ROOT / "app.py"), "--host", "0.0.0.0",
                           "--port", str(free_tcp_port)], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "--auth USER:PASSWORD or --read-only" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_build_from_the_command_line_while_the_app_runs_is_refused_with_what_to_do(app):
    env = {**os.environ, "QA_DATA_DIR": str(app.data)}
    done = subprocess.run([sys.executable, "-m", "index", "build", str(app.corpus)], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert "the app (python app.py)" in done.stderr and "add or remove articles through it" in done.stderr
    assert "Traceback" not in done.stderr
    reply = Client(app.url, verbose=False).predict("Who is Britain's UN ambassador?", [], api_name="/ask")
    assert reply["answered"] and "Woodward" in reply["text"]


def test_a_read_only_app_offers_no_upload_or_removal(tmp_path, free_tcp_port):
    with running_app(tmp_path, free_tcp_port, "--read-only") as app:
        config = json.loads(urllib.request.urlopen(app.url + "config", timeout=10).read())
        upload = next(c for c in config["components"] if c.get("props", {}).get("elem_id") == "upload")
        assert upload["props"]["visible"] is False
        triggers = {target[0] for d in config["dependencies"] for target in d.get("targets", [])}
        assert upload["id"] not in triggers  # not wired: no request can reach an upload
        reply = Client(app.url, verbose=False).predict("Who is Britain's UN ambassador?", [], api_name="/ask")
        assert reply["answered"]
