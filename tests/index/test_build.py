"""Incremental indexing against a real embedded Chroma, with a fake (counting) embedding model."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.build import Indexer
from index.lexical import fingerprint
from index.settings import Settings
from index.store import sentence_id
from tests.fakes import HashEmbedding


def open_indexer(settings: Settings, model=None) -> Indexer:
    return Indexer.open(settings, embed_model=model or HashEmbedding())


def chunk_ids_by_article(indexer: Indexer) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for chunk_id in indexer.store.chunk_ids():
        ids.setdefault(chunk_id.split(":")[0], set()).add(chunk_id)
    return ids


def assert_consistent(indexer: Indexer, corpus: Path) -> None:
    """Chroma holds exactly the corpus's articles, each whole, and BM25 holds exactly Chroma's chunks."""
    chroma_ids = indexer.store.chunk_ids()
    lexical = indexer.lexical()
    assert lexical.fingerprint == fingerprint(chroma_ids)
    assert sorted(n["node_id"] for n in lexical.retriever.corpus) == sorted(chroma_ids)
    records = indexer.store.article_records()
    assert set(records) == {p.stem for p in corpus.iterdir() if not p.name.startswith(".")}
    by_article = chunk_ids_by_article(indexer)
    for article_id, record in records.items():
        assert len(by_article[article_id]) == record.n_chunks


def test_first_build_indexes_everything_and_a_second_embeds_nothing(settings, corpus):
    model = HashEmbedding()
    indexer = open_indexer(settings, model)
    first = indexer.build()
    assert (first.articles, first.added, first.skipped) == (3, 3, 0)
    assert first.embedded == first.chunks > 20
    assert first.sentences > first.chunks and first.words > 100
    assert model.texts_embedded == first.embedded + first.sentences + first.words
    again = open_indexer(settings, model).build()
    assert (again.added, again.updated, again.removed, again.skipped, again.embedded) == (0, 0, 0, 3, 0)
    assert model.texts_embedded == first.embedded + first.sentences + first.words
    assert_consistent(indexer, corpus)


def test_corpus_words_are_embedded_in_the_settings_frame_and_a_new_frame_rebuilds(settings):
    model = HashEmbedding()
    open_indexer(settings.replace(word_prompt="the word {}"), model).build()
    framed = [t for t in model.texts if t.startswith("the word ")]
    assert len(framed) > 100 and "the word ambassador" in framed
    indexer = open_indexer(settings.replace(word_prompt="meaning {}"), model)
    again = indexer.build()
    assert again.updated == 3 and "meaning ambassador" in model.texts
    stored = indexer.store.word_vectors(["ambassador", "not-a-corpus-word"])
    assert list(stored) == ["ambassador"]
    assert stored["ambassador"] == pytest.approx(model.get_text_embedding("meaning ambassador"), abs=1e-6)


def test_a_changed_file_replaces_only_its_own_chunks(settings, corpus):
    model = HashEmbedding()
    indexer = open_indexer(settings, model)
    indexer.build()
    before = chunk_ids_by_article(indexer)
    changed = corpus / "000_488262e5be326c47.txt"
    changed.write_text(changed.read_text() + "\n\nA new paragraph was added by the editors late on Friday.\n")
    embedded_before = model.texts_embedded
    report = indexer.build()
    after = chunk_ids_by_article(indexer)
    assert (report.updated, report.skipped, report.added) == (1, 2, 0)
    assert report.embedded == len(after["000_488262e5be326c47"])
    assert model.texts_embedded - embedded_before == report.embedded + report.sentences + report.words
    assert report.words <= 12  # only the new paragraph's words the corpus did not have
    assert after["001_1c6d0d9f51e251dc"] == before["001_1c6d0d9f51e251dc"]
    assert after["002_68372f2c8ce85c96"] == before["002_68372f2c8ce85c96"]
    assert not after["000_488262e5be326c47"] & before["000_488262e5be326c47"]
    assert_consistent(indexer, corpus)


def test_a_removed_file_takes_its_chunks_with_it(settings, corpus):
    indexer = open_indexer(settings)
    indexer.build()
    (corpus / "001_1c6d0d9f51e251dc.txt").unlink()
    report = indexer.build()
    assert (report.removed, report.skipped) == (1, 2)
    assert "001_1c6d0d9f51e251dc" not in chunk_ids_by_article(indexer)
    assert indexer.store.article("001_1c6d0d9f51e251dc") is None
    assert_consistent(indexer, corpus)


def test_bad_files_are_reported_and_the_rest_is_indexed(settings, corpus):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.md").write_bytes(b"GIF89a\x00\x01\x00")
    (corpus / "huge.txt").write_bytes(b"news " * 300_000)
    report = open_indexer(settings).build()
    assert report.added == 3
    assert sorted(p.file for p in report.problems) == ["empty.txt", "huge.txt", "image.md"]
    assert "over the limit" in next(str(p) for p in report.problems if p.file == "huge.txt")


def test_changing_chunk_settings_reindexes(settings, corpus):
    model = HashEmbedding()
    open_indexer(settings, model).build()
    report = open_indexer(settings.replace(chunk_max_tokens=60), model).build()
    assert report.updated == 3 and report.embedded == report.chunks


# Runs in a child process: builds with an embedding model that is slow and reports its progress in a file.
_CHILD = """
import sys, time
from pathlib import Path

import pytest
from index.build import Indexer
from index.settings import Settings
from tests.fakes import HashEmbedding

class Slow(HashEmbedding):
    def _get_text_embeddings(self, texts):
        time.sleep(0.05)
        Path(sys.argv[3]).write_text(str(self.texts_embedded))
        return super()._get_text_embeddings(texts)

Indexer.open(Settings(corpus_dir=Path(sys.argv[1]), data_dir=Path(sys.argv[2])), embed_model=Slow()).build()
"""


def _embedded_so_far(progress: Path) -> int:
    text = progress.read_text() if progress.exists() else ""
    return int(text) if text.isdigit() else 0


def test_a_killed_build_is_finished_by_the_next_one(settings, corpus, tmp_path):
    """Kill a build mid-way (SIGKILL: no clean-up runs), build again, compare with a clean build."""
    for i in range(60):  # enough articles that the build is surely killed half-way
        (corpus / f"extra_{i:02d}.txt").write_text(
            f"Report {i} on the talks\n\n" + " ".join(f"Delegation {i} met envoy {j} about item {i * j}." for j in range(40)))
    progress = tmp_path / "progress"
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(corpus), str(settings.data_dir), str(progress)],
                             cwd=Path(__file__).parents[2])
    deadline = time.monotonic() + 120
    while _embedded_so_far(progress) <= 150:
        assert child.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(0.03)  # let it get into the middle of writing a group
    child.send_signal(signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL

    indexer = open_indexer(settings)
    report = indexer.build()
    assert report.added + report.updated > 0, "the build was not interrupted: make the corpus larger"
    assert_consistent(indexer, corpus)

    fresh = open_indexer(settings.replace(data_dir=settings.data_dir.parent / "fresh"))
    fresh.build()
    assert sorted(indexer.store.chunk_ids()) == sorted(fresh.store.chunk_ids())


def test_every_chunk_is_stored_with_the_vector_of_its_own_text(settings):
    model = HashEmbedding()
    indexer = open_indexer(settings, model)
    indexer.build()
    found = indexer.store.chunks.get(include=["documents", "embeddings"])
    assert len(found["ids"]) > 3
    for text, vector in zip(found["documents"], found["embeddings"], strict=True):
        assert list(vector) == pytest.approx(model.get_text_embedding(text), abs=1e-5)


def test_sentence_vectors_are_stored_with_their_chunk_and_go_with_their_article(settings, corpus):
    model = HashEmbedding()
    indexer = open_indexer(settings, model)
    indexer.build()
    stored = indexer.store.sentences.get(include=["documents", "embeddings", "metadatas"])
    chunks = {(n.metadata["article_id"], n.metadata["chunk_index"]): n for n in indexer.store.chunk_nodes()}
    assert len(stored["ids"]) == indexer.build().sentences + len(stored["ids"])  # a no-op build stores none
    for found, text, vector, where in zip(stored["ids"], stored["documents"], stored["embeddings"], stored["metadatas"],
                                          strict=True):
        assert found == sentence_id(where["article_id"], text)
        assert chunks[where["article_id"], where["chunk_index"]].get_content()[where["start"]:where["end"]] == text
        assert list(vector) == pytest.approx(model.get_text_embedding(text), abs=1e-5)
    (corpus / "001_1c6d0d9f51e251dc.txt").unlink()
    indexer.build()
    left = indexer.store.sentences.get(include=["metadatas"])["metadatas"]
    assert left and all(m["article_id"] != "001_1c6d0d9f51e251dc" for m in left)


def test_a_sentence_vector_is_found_by_its_article_and_text_however_often_it_is_repeated(settings, tmp_path):
    shared = "The harbour board agreed to a new rota for the night crossings."
    corpus = tmp_path / "repeats"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text(f"Ferry strike ends\n\nThe ferry union ended its strike on Monday. {shared}\n\n"
                                      f"Crews return on Tuesday. {shared}\n")
    (corpus / "wire.txt").write_text(f"Strike over\n\nPassengers cheered at the quay. {shared}\n")
    model = HashEmbedding()
    indexer = open_indexer(settings.replace(corpus_dir=corpus), model)
    indexer.build()
    store = indexer.store
    assert len(store.sentences.get(ids=[sentence_id("ferry", shared)])["ids"]) == 1  # the repeat is stored once
    found = store.text_vectors([("ferry", shared), ("wire", shared), ("ferry", "Passengers cheered at the quay.")])
    assert list(found) == [shared]  # the quay sentence is wire's, not ferry's
    assert list(found[shared]) == pytest.approx(model.get_text_embedding(shared), abs=1e-5)
    indexer.remove("ferry")
    assert store.text_vectors([("ferry", shared)]) == {}
    assert list(store.text_vectors([("wire", shared)])) == [shared]


def made_up_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "ferry.txt").write_text("Ferry strike ends\n\nThe ferry union in Port Vell ended its strike on Monday "
                                      "after the harbour board agreed to a new rota for the night crossings.\n")
    (folder / "bridge.txt").write_text("Bridge reopens\n\nThe old toll bridge over the Amsel reopened on Friday, "
                                       "two years after a flood closed it, the city engineer said.\n")
    return folder


def count_cleanings(monkeypatch) -> list[str]:
    import index.articles

    cleaned: list[str] = []
    real = index.articles.clean
    monkeypatch.setattr(index.articles, "clean", lambda raw: cleaned.append(raw) or real(raw))
    return cleaned


def test_a_no_op_build_hashes_the_files_but_cleans_none(settings, tmp_path, monkeypatch):
    settings = settings.replace(corpus_dir=made_up_corpus(tmp_path / "made_up"))
    open_indexer(settings).build()
    cleaned = count_cleanings(monkeypatch)
    again = open_indexer(settings).build()
    assert (again.skipped, again.articles, again.chunks, cleaned) == (2, 2, 2, [])
    (settings.corpus_dir / "bridge.txt").write_text("Bridge reopens\n\nThe toll bridge reopened on Saturday.\n")
    changed = open_indexer(settings).build()
    assert (changed.updated, changed.skipped, len(cleaned)) == (1, 1, 1)


def test_a_new_file_repeating_an_unchanged_one_is_still_a_duplicate(settings, tmp_path):
    settings = settings.replace(corpus_dir=made_up_corpus(tmp_path / "made_up"))
    open_indexer(settings).build()
    (settings.corpus_dir / "ferry_copy.txt").write_bytes((settings.corpus_dir / "ferry.txt").read_bytes() + b"\n")
    report = open_indexer(settings).build()
    assert [str(p) for p in report.problems] == ["ferry_copy.txt: duplicate of ferry.txt; not indexed twice"]


def test_records_from_before_text_keys_get_them_and_are_then_not_cleaned_again(settings, tmp_path, monkeypatch):
    settings = settings.replace(corpus_dir=made_up_corpus(tmp_path / "made_up"))
    indexer = open_indexer(settings)
    indexer.build()
    indexer.store.articles.update(ids=["ferry", "bridge"], metadatas=[{"text_key": ""}] * 2)  # as an older build left them
    cleaned = count_cleanings(monkeypatch)
    assert open_indexer(settings).build().skipped == 2 and len(cleaned) == 2
    assert all(r.text_key for r in indexer.store.article_records().values())
    assert open_indexer(settings).build().skipped == 2 and len(cleaned) == 2


def test_an_unchanged_file_missing_a_chunk_is_indexed_again(settings, tmp_path):
    settings = settings.replace(corpus_dir=made_up_corpus(tmp_path / "made_up"))
    indexer = open_indexer(settings)
    indexer.build()
    indexer.store.chunks.delete(ids=[i for i in indexer.store.chunk_ids() if i.startswith("bridge:")])
    report = open_indexer(settings).build()
    assert (report.updated, report.skipped) == (1, 1)
    assert_consistent(indexer, settings.corpus_dir)


def test_chunk_counts_read_article_ids_that_hold_colons(settings, tmp_path):
    settings = settings.replace(corpus_dir=made_up_corpus(tmp_path / "made_up"))
    (settings.corpus_dir / "ferry.txt").rename(settings.corpus_dir / "2024:ferry.txt")
    indexer = open_indexer(settings)
    indexer.build()
    assert set(indexer.store.chunk_counts()) == {"2024:ferry", "bridge"}
    assert open_indexer(settings).build().skipped == 2
