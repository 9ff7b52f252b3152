"""The same indexing and retrieval against a real `chroma run` server on 127.0.0.1."""

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import chromadb
import pytest

from index.build import Indexer
from index.store import StoreUnavailable
from qa import Retriever
from tests.conftest import SEED_IDS
from tests.helpers import wait_until_serving

pytestmark = pytest.mark.slow


@pytest.fixture
def chroma_server(tmp_path, free_tcp_port):
    """A `chroma run` process on a free loopback port, and its URL."""
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    server = subprocess.Popen([chroma, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                               "--port", str(free_tcp_port)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        wait_until_serving(server, lambda: chromadb.HttpClient(host="127.0.0.1", port=free_tcp_port).heartbeat(),
                           60, "chroma run")
        yield server, f"http://127.0.0.1:{free_tcp_port}"
    finally:
        server.send_signal(signal.SIGCONT)
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def chroma_url(chroma_server):
    return chroma_server[1]


def test_index_and_retrieve_through_a_chroma_server(settings, chroma_url, real_model):
    settings = settings.replace(chroma_url=chroma_url)
    first = Indexer.open(settings, embed_model=real_model).build()
    assert first.added == 3 and first.chunks > 0
    again = Indexer.open(settings, embed_model=real_model).build()
    assert again.embedded == 0 and again.skipped == 3
    # Nothing went to the embedded store: the data is on the server.
    assert not (settings.data_dir / "chroma").exists()
    retriever = Retriever.load(settings=settings, embed_model=real_model)
    assert sorted(a.id for a in retriever.articles()) == SEED_IDS
    best = retriever.retrieve("Who is Britain's UN ambassador?", k=3)
    assert any("Barbara Woodward" in p.text for p in best)


def test_a_hung_server_is_reported_within_the_timeout(settings, chroma_server, real_model):
    server, url = chroma_server
    settings = settings.replace(chroma_url=url, chroma_timeout=2.0)
    Indexer.open(settings, embed_model=real_model).build()
    retriever = Retriever.load(settings=settings, embed_model=real_model)
    server.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="did not answer within 2 s"):
            retriever.retrieve("Who is Britain's UN ambassador?")
        assert time.monotonic() - started < 10
    finally:
        server.send_signal(signal.SIGCONT)
    assert retriever.retrieve("Who is Britain's UN ambassador?")  # and it recovers by itself
