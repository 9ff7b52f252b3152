"""Damage, concurrency and a second writer: every case repaired or reported, never a traceback."""

import logging
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from index.build import Indexer
from index.locks import IndexBusy, claim_owner, write_lock
from index.settings import PROJECT_ROOT
from tests.fakes import HashEmbedding
from tests.helpers import upload_at_once
from tests.index.test_build import assert_consistent


def cache_files(settings) -> list[Path]:
    return [p for p in (settings.data_dir / "bm25").rglob("*") if p.is_file() and ".staging-" not in str(p)]


@pytest.mark.parametrize("name, damage", [("corpus.jsonl", b""), ("corpus.jsonl", None), ("params.index.json", b"{"),
                                          ("vocab.index.json", None), ("data.csc.index.npy", b"\x00garbage"),
                                          ("retriever.json", b"[]")])
def test_a_damaged_bm25_cache_is_rebuilt_from_chroma_with_a_notice(settings, corpus, name, damage, caplog):
    indexer = Indexer.open(settings, embed_model=HashEmbedding())
    indexer.build()
    size = indexer.lexical().size
    victim = next(p for p in cache_files(settings) if p.name == name)
    if damage is None:
        victim.unlink()
    else:
        victim.write_bytes(damage)
    indexer = Indexer.open(settings, embed_model=HashEmbedding())  # the next process: it reads the cache
    with caplog.at_level(logging.WARNING):
        assert indexer.lexical().size == size
    assert "is damaged" in caplog.text and "rebuilding it from Chroma" in caplog.text
    assert_consistent(indexer, corpus)


def test_build_repair_rebuilds_the_cache(settings, corpus):
    indexer = Indexer.open(settings, embed_model=HashEmbedding())
    indexer.build()
    before = {p.name: p.stat().st_mtime_ns for p in cache_files(settings)}
    report = indexer.build(repair=True)
    assert report.skipped == 3 and report.embedded == 0
    after = {p.name: p.stat().st_mtime_ns for p in cache_files(settings)}
    assert after.keys() == before.keys() and all(after[n] != before[n] for n in after)
    assert_consistent(indexer, corpus)


def test_twenty_simultaneous_uploads_all_succeed_and_are_all_searchable(settings, corpus):
    indexer = Indexer.open(settings, embed_model=HashEmbedding())
    indexer.build()

    added = upload_at_once(indexer.add_file)
    assert sorted(a.id for a in added) == [f"upload_{i:02d}" for i in range(20)]
    assert_consistent(indexer, corpus)
    hits = indexer.lexical().retrieve("the ferry Vellmar13")
    assert hits[0].node.metadata["article_id"] == "upload_13"


def test_one_writer_at_a_time_across_threads(tmp_path):
    events = []

    def write(i: int):
        with write_lock(tmp_path):
            events.append(("in", i))
            events.append(("out", i))

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(16)))
    assert all(events[j][1] == events[j + 1][1] for j in range(0, len(events), 2))


def test_a_build_while_another_process_serves_the_folder_is_refused_with_what_to_do(settings, corpus):
    owner = claim_owner(settings.data_dir, "the app (python app.py)").acquire()
    try:
        done = subprocess.run([sys.executable, "-m", "index", "build", str(corpus)], cwd=PROJECT_ROOT,
                              env={**os.environ, "QA_DATA_DIR": str(settings.data_dir)},
                              capture_output=True, text=True, timeout=300)
    finally:
        owner.release()
    assert done.returncode == 1
    assert "is held by the app (python app.py)" in done.stderr
    assert "add or remove articles through it, or stop it first" in done.stderr
    assert "Traceback" not in done.stderr
    with claim_owner(settings.data_dir, "the app"), pytest.raises(IndexBusy):  # a second server: refused
        claim_owner(settings.data_dir, "another app").acquire()


def test_a_damaged_chroma_store_ends_every_command_with_a_message_saying_what_to_do(settings, corpus):
    Indexer.open(settings, embed_model=HashEmbedding()).build()
    (settings.data_dir / "chroma" / "chroma.sqlite3").write_bytes(b"garbage" * 2000)
    env = {**os.environ, "QA_DATA_DIR": str(settings.data_dir)}
    for command in (["-m", "index", "build", str(corpus)], ["-m", "qa", "ask", "--corpus", str(corpus), "Who?"]):
        done = subprocess.run([sys.executable, *command], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode != 0
        assert "Traceback" not in done.stderr
        assert "the Chroma store could not be read" in done.stderr and "delete the data folder's chroma/" in done.stderr


def test_a_build_against_a_server_that_is_down_ends_with_a_message(corpus, tmp_path, free_tcp_port):
    done = subprocess.run([sys.executable, "-m", "index", "build", str(corpus), "--chroma-url",
                           f"http://127.0.0.1:{free_tcp_port}", "--chroma-timeout", "2"], cwd=PROJECT_ROOT,
                          env={**os.environ, "QA_DATA_DIR": str(tmp_path / "data")},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert f"the index server at http://127.0.0.1:{free_tcp_port} is not reachable" in done.stderr
    assert "Traceback" not in done.stderr
