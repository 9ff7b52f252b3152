"""A running app (``python app.py``) on a free loopback port, on a private copy of the seed corpus."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from index.settings import PROJECT_ROOT
from tests.conftest import SEED_CORPUS


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("app")
    corpus = root / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(root / "app.log", "w")
    server = subprocess.Popen([sys.executable, str(PROJECT_ROOT / "app.py"), "--port", str(port), "--corpus", str(corpus)],
                              env={**os.environ, "QA_DATA_DIR": str(root / "data")}, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                assert server.poll() is None, (root / "app.log").read_text()
                assert time.monotonic() < deadline, "the app did not start in 180 s"
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
