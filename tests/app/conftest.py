"""A running app (``python app.py``) on a free loopback port, on a private copy of the seed corpus."""

import os
import shutil
import subprocess
import sys
import urllib.request

import pytest

from index.settings import PROJECT_ROOT
from tests.conftest import SEED_CORPUS
from tests.helpers import wait_until_serving


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, free_tcp_port_factory):
    root = tmp_path_factory.mktemp("app")
    corpus = root / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    port = free_tcp_port_factory()
    url = f"http://127.0.0.1:{port}/"
    with open(root / "app.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, str(PROJECT_ROOT / "app.py"), "--port", str(port), "--corpus", str(corpus)],
            env={**os.environ, "QA_DATA_DIR": str(root / "data")}, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_serving(server, lambda: urllib.request.urlopen(url, timeout=2), 180, "the app", root / "app.log")
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)
