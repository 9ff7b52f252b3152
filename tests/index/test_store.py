"""The store reads whole collections a page at a time: Chroma cannot return more than about 32k
rows in one call (SQLite's limit on query variables), which a 100k-chunk corpus passes."""

import chromadb
import pytest

import index.store
from index.build import Indexer
from index.store import Store
from tests.fakes import HashEmbedding


@pytest.mark.slow
def test_more_records_than_one_chroma_call_can_return_are_all_read(tmp_path):
    store = Store(chromadb.PersistentClient(path=str(tmp_path / "chroma")), "big")
    n = 33_000
    for start in range(0, n, 5_000):
        ids = [f"article-{i:05d}" for i in range(start, min(n, start + 5_000))]
        store.articles.add(ids=ids, embeddings=[[1.0, 0.0]] * len(ids), documents=["Text."] * len(ids),
                           metadatas=[{"content_hash": f"h{i}", "chunking": "6", "n_chunks": 1} for i in ids])
    records = store.article_records()
    assert len(records) == n and records["article-32999"].content_hash == "harticle-32999"
    assert len(store.all_articles()) == n


def test_whole_collections_and_many_ids_are_read_in_pages(settings, tmp_path, monkeypatch):
    corpus = tmp_path / "made_up"
    corpus.mkdir()
    for name, town in (("ferry", "Port Vell"), ("bridge", "Amsel"), ("market", "Lindau")):
        (corpus / f"{name}.txt").write_text(f"News from {town}\n\nThe {name} in {town} reopened on Monday. "
                                            f"Crowds came to the {name} on Tuesday.\n\nThe mayor of {town} spoke.\n")
    indexer = Indexer.open(settings.replace(corpus_dir=corpus), embed_model=HashEmbedding())
    indexer.build()
    store = indexer.store
    whole = {n.node_id: n.get_content() for n in store.chunk_nodes()}
    sentences = store.sentences.get(include=["documents", "metadatas"])
    pairs = [(m["article_id"], t) for t, m in zip(sentences["documents"], sentences["metadatas"], strict=True)]
    monkeypatch.setattr(index.store, "READ_BATCH", 2)
    monkeypatch.setattr(index.store, "WRITE_BATCH", 2)
    assert {n.node_id: n.get_content() for n in store.chunk_nodes()} == whole and len(whole) >= 3
    assert sorted(store.article_records()) == ["bridge", "ferry", "market"]
    assert [a.id for a in store.all_articles()] == ["bridge", "ferry", "market"]
    assert set(store.text_vectors(pairs)) == {t for _, t in pairs} and len(pairs) > 2
