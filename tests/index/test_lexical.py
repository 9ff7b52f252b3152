"""The BM25 index after a change: updated from the previous one, equal to a build from scratch."""

import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from index.build import Indexer
from index.lexical import TOKENS_FILE, LexicalIndex, Tokens, cache_folder
from index.settings import Settings
from index.store import Store
from tests.fakes import HashEmbedding
from tests.helpers import BARE_WORDS
from tests.index.test_build import assert_consistent

HARBOUR = ("Title: Harbour cranes idle\nOutlet: The Coastal Post\n\n"
           "Dock workers in Port Vella stopped the cranes on Monday over a pay dispute. "
           "The harbour authority said talks would resume on Thursday.")
FERRY = ("Title: Ferry timetable cut\nOutlet: Island Courier\n\n"
         "The island ferry will sail twice a day instead of four times from March, the operator said. "
         "Commuters called the cut a blow to the harbour towns.")
BRIDGE = ("Title: Bridge repairs delayed\nOutlet: The Coastal Post\n\n"
          "Repairs to the Vella bridge will not start before autumn, engineers said on Tuesday. "
          "The council blamed a shortage of steel.")
QUERIES = ["harbour cranes pay dispute", "ferry sails twice a day", "steel shortage bridge", "talks thursday"]


@pytest.fixture
def made_up(tmp_path: Path) -> Settings:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "harbour.txt").write_text(HARBOUR)
    (folder / "ferry.txt").write_text(FERRY)
    return Settings(corpus_dir=folder, data_dir=tmp_path / "data", word_prompt=BARE_WORDS)


def hits(index: LexicalIndex) -> list[list[tuple[str, float]]]:
    return [[(n.node.node_id, round(n.score, 9)) for n in index.retrieve(q)] for q in QUERIES]


def from_scratch(settings: Settings, tmp_path: Path) -> LexicalIndex:
    """The BM25 index a fresh data folder builds for the same articles."""
    fresh = Settings(corpus_dir=settings.corpus_dir, data_dir=tmp_path / "fresh", word_prompt=BARE_WORDS)
    indexer = Indexer.open(fresh, embed_model=HashEmbedding())
    indexer.build()
    return indexer.lexical()


def read_chunk_ids(monkeypatch) -> list[list[str] | None]:
    """Record which chunks each `Store.chunk_nodes` call reads (None: every chunk)."""
    calls: list[list[str] | None] = []
    original = Store.chunk_nodes

    def recording(self, ids=None):
        calls.append(None if ids is None else sorted(ids))
        return original(self, ids)

    monkeypatch.setattr(Store, "chunk_nodes", recording)
    return calls


def change_articles(folder: Path) -> None:
    (folder / "bridge.txt").write_text(BRIDGE)
    (folder / "ferry.txt").write_text(FERRY.replace("twice a day", "three times a day"))


def test_an_update_reads_only_the_new_chunks_and_equals_a_build_from_scratch(made_up, tmp_path, monkeypatch):
    indexer = Indexer.open(made_up, embed_model=HashEmbedding())
    indexer.build()
    before = set(indexer.store.chunk_ids())
    change_articles(made_up.corpus_dir)
    calls = read_chunk_ids(monkeypatch)
    indexer.build()
    new = sorted(set(indexer.store.chunk_ids()) - before)
    assert calls == [new]
    assert_consistent(indexer, made_up.corpus_dir)
    monkeypatch.undo()
    scratch = from_scratch(made_up, tmp_path)
    updated = indexer.lexical()
    assert [e["node_id"] for e in updated.retriever.corpus] == [e["node_id"] for e in scratch.retriever.corpus]
    assert hits(updated) == hits(scratch)
    assert any(hits(updated))


def test_the_next_process_updates_the_index_kept_on_disk(made_up, tmp_path, monkeypatch):
    Indexer.open(made_up, embed_model=HashEmbedding()).build()
    change_articles(made_up.corpus_dir)
    calls = read_chunk_ids(monkeypatch)
    indexer = Indexer.open(made_up, embed_model=HashEmbedding())  # a new process: only the cache on disk
    indexer.build()
    assert len(calls) == 1 and calls[0] is not None
    assert set(calls[0]) == {i for i in indexer.store.chunk_ids() if i.split(":")[0] in ("bridge", "ferry")}
    assert len(list(cache_folder(indexer.store, made_up.data_dir).iterdir())) == 1  # the old one removed
    monkeypatch.undo()
    assert hits(indexer.lexical()) == hits(from_scratch(made_up, tmp_path))


@pytest.mark.parametrize("damage", [None, b"garbage", "other chunks"])
def test_missing_or_damaged_tokens_mean_reading_every_chunk_again(made_up, tmp_path, monkeypatch, damage):
    first = Indexer.open(made_up, embed_model=HashEmbedding())
    first.build()
    tokens = first.lexical()._folder / TOKENS_FILE
    if damage is None:
        tokens.unlink()
    elif damage == "other chunks":  # well-formed, but the tokens of a one-chunk corpus
        kept = first.lexical().tokens()
        Tokens(kept.vocab, kept.ids[:1], np.array([0, 1]), kept.chunk_ids[:1]).save(tokens)
    else:
        tokens.write_bytes(damage)
    change_articles(made_up.corpus_dir)
    calls = read_chunk_ids(monkeypatch)
    indexer = Indexer.open(made_up, embed_model=HashEmbedding())
    indexer.build()
    assert calls == [sorted(indexer.store.chunk_ids())]
    monkeypatch.undo()
    assert hits(indexer.lexical()) == hits(from_scratch(made_up, tmp_path))


def test_a_cached_index_answers_concurrent_queries_each_with_its_own_chunks(tmp_path):
    """The cache's nodes are memory-mapped (read as a query returns them); sessions querying at
    once must not read each other's (bm25s's own reader moves one shared position in the file)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    towns = ["Vella", "Orran", "Kest", "Dunmore", "Liss", "Brae", "Tolle", "Marn"]
    for n, town in enumerate(towns):
        for m, thing in enumerate(["ferry", "bridge", "market", "school", "harbour"]):
            (folder / f"{town}-{thing}.txt").write_text(
                f"Title: {town} {thing}\n\nThe {thing} of {town} closed on day {n * 5 + m} of the storm. "
                f"{town} officials said the {thing} would reopen after repairs.")
    settings = Settings(corpus_dir=folder, data_dir=tmp_path / "data", word_prompt=BARE_WORDS)
    Indexer.open(settings, embed_model=HashEmbedding()).build()
    index = Indexer.open(settings, embed_model=HashEmbedding()).lexical()  # from the cache
    queries = [f"{town} {thing}" for town in towns for thing in ["ferry", "market", "harbour"]]
    expected = {q: [n.node.node_id for n in index.retrieve(q)] for q in queries}
    wrong: list[str] = []

    def ask_all(offset: int) -> None:
        for q in (queries[offset:] + queries[:offset]) * 4:
            if [n.node.node_id for n in index.retrieve(q)] != expected[q]:
                wrong.append(q)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: a race shows at once
    try:
        threads = [threading.Thread(target=ask_all, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert wrong == []


def test_scores_are_bm25s_own_bit_for_bit():
    """`scored` computes bm25s's scores for all chunks at once: the same model as ``bm25s.BM25().index``
    makes chunk by chunk (words repeated within a chunk, chunks of different lengths, an empty one)."""
    import bm25s
    from bm25s.tokenization import Tokenized

    from index.lexical import scored

    rng = np.random.default_rng(5)
    vocab = np.array([f"w{i}" for i in range(300)])
    chunks = [rng.integers(0, 300, size=rng.integers(1, 80)).tolist() for _ in range(400)] + [[]]
    chunks[7] = [3, 3, 3, 3, 9]
    used = sorted({w for c in chunks for w in c})
    renumber = {w: i for i, w in enumerate(used)}  # as `_index` keeps only words in use
    chunks = [[renumber[w] for w in c] for c in chunks]
    tokens = Tokens(vocab[used], np.array([w for c in chunks for w in c], np.int32),
                    np.array([0, *np.cumsum([len(c) for c in chunks])]), np.array([f"c{i:03d}" for i in range(len(chunks))]))
    theirs = bm25s.BM25()
    theirs.index(Tokenized(chunks, {w: i for i, w in enumerate(tokens.vocab.tolist())}), show_progress=False)
    ours = scored(tokens)
    for part in ("data", "indices", "indptr"):
        assert ours.scores[part].dtype == theirs.scores[part].dtype
        assert ours.scores[part].tobytes() == theirs.scores[part].tobytes(), part
    assert set(vars(ours)) == set(vars(theirs))  # every attribute `index` sets (`save` reads them)
    assert ours.scores["num_docs"] == theirs.scores["num_docs"] and ours.nonoccurrence_array is None
    assert ours.vocab_dict == theirs.vocab_dict
    assert ours.unique_token_ids_set == theirs.unique_token_ids_set
    query = [[renumber[3], renumber[9], 0]]
    assert ours.retrieve(query, k=10, show_progress=False)[1].tobytes() == \
        theirs.retrieve(query, k=10, show_progress=False)[1].tobytes()
