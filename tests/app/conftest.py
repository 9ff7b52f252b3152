"""A running app (``python app.py``) on a free loopback port, on a private copy of the seed corpus."""

import os
import shutil
import subprocess
import sys
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from index.settings import PROJECT_ROOT
from tests.conftest import SEED_CORPUS
from tests.helpers import wait_until_serving


@dataclass(frozen=True)
class RunningApp:
    url: str
    corpus: Path
    data: Path


@contextmanager
def running_app(root: Path, port: int, *options: str):
    """``python app.py`` on ``port`` over a copy of the seed corpus in ``root``; stopped on exit."""
    corpus, data = root / "corpus", root / "data"
    if not corpus.exists():
        shutil.copytree(SEED_CORPUS, corpus)
    url = f"http://127.0.0.1:{port}/"
    with open(root / "app.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, str(PROJECT_ROOT / "app.py"), "--port", str(port), "--corpus", str(corpus), *options],
            env={**os.environ, "QA_DATA_DIR": str(data)}, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_serving(server, lambda: urllib.request.urlopen(url, timeout=2), 180, "the app", root / "app.log")
            yield RunningApp(url, corpus, data)
        finally:
            server.terminate()
            server.wait(timeout=30)


@pytest.fixture(scope="module")
def app(tmp_path_factory, free_tcp_port_factory):
    with running_app(tmp_path_factory.mktemp("app"), free_tcp_port_factory()) as running:
        yield running


@pytest.fixture(scope="module")
def app_url(app):
    return app.url
