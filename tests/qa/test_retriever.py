"""The Retriever on the seed corpus: fast checks with the fake model, end-to-end ones with the real one."""

import pytest

from index.build import Indexer
from index.store import Store
from qa import RETRIEVAL_MODES, QuestionError, Retriever
from qa.retriever import check_question
from tests.conftest import SEED_IDS
from tests.fakes import HashEmbedding
from tests.helpers import assistant_over


@pytest.fixture
def fake_retriever(settings, fake_model):
    return Retriever.load(settings=settings, embed_model=fake_model)


@pytest.fixture(scope="module")
def retriever(tmp_path_factory, real_model):
    from index.settings import PROJECT_ROOT, Settings

    settings = Settings(corpus_dir=PROJECT_ROOT / "corpus", data_dir=tmp_path_factory.mktemp("data"))
    return Retriever.load(settings=settings, embed_model=real_model)


def test_every_passage_is_its_span_of_the_cleaned_article(fake_retriever):
    for passage in fake_retriever.retrieve("Russia Iran drones sanctions", k=10):
        for copy in passage.copies:
            assert fake_retriever.article(copy.article_id).text[copy.start:copy.end] == copy.text
        assert passage.article_ids[0] == passage.article_id


@pytest.mark.parametrize("mode", RETRIEVAL_MODES)
def test_every_mode_returns_k_distinct_passages_best_first(fake_retriever, mode):
    passages = fake_retriever.retrieve("Kirby intelligence assessments", k=4, retrieval=mode)
    assert len(passages) == 4
    assert len({(p.article_id, p.start) for p in passages}) == 4
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)


@pytest.mark.parametrize("question, reason", [("", "empty"), ("  ?! ", "empty"), ("x" * 2001, "2,001 characters"),
                                              (None, "must be text")])
def test_bad_questions_are_refused_with_the_reason(fake_retriever, question, reason):
    with pytest.raises(QuestionError, match=reason):
        fake_retriever.retrieve(question)


def test_bad_k_and_mode_are_refused(fake_retriever):
    with pytest.raises(ValueError, match="k must be"):
        fake_retriever.retrieve("drones", k=0)
    with pytest.raises(ValueError, match="retrieval mode"):
        fake_retriever.retrieve("drones", retrieval="magic")


def test_another_corpus_gets_a_store_of_its_own(settings, fake_model, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "volcano.txt").write_text("Volcano erupts in Iceland\n\nLava reached the town of Grindavik on Sunday.")
    theirs = Retriever.load(corpus=other, settings=settings, embed_model=fake_model)
    ours = Retriever.load(settings=settings, embed_model=fake_model)
    assert [a.id for a in theirs.articles()] == ["volcano"]
    assert [a.id for a in ours.articles()] == SEED_IDS
    assert theirs.retrieve("Where did the lava reach?")[0].article_id == "volcano"


def test_added_article_is_found_after_refresh(settings, fake_model):
    retriever = Retriever.load(settings=settings, embed_model=fake_model)
    Indexer.open(settings, embed_model=fake_model).add_file(
        "volcano.txt", b"Volcano erupts in Iceland\n\nLava reached the town of Grindavik on Sunday.")
    retriever.refresh()
    assert retriever.retrieve("lava Grindavik", k=1)[0].article_id == "volcano"


@pytest.mark.slow
@pytest.mark.parametrize("question, article_id, words", [
    ("How much additional lethal aid will the US send to Ukraine?", "002_68372f2c8ce85c96", "$275mn"),
    ("What did Britain's UN ambassador accuse Russia of?", "001_1c6d0d9f51e251dc", "Barbara Woodward"),
    ("Which drone centre was sanctioned?", "000_488262e5be326c47", "924th State Centre"),
])
def test_a_fact_only_one_article_has_is_ranked_first_from_that_article(retriever, question, article_id, words):
    best = retriever.retrieve(question, k=3)[0]
    assert best.article_id == article_id and words in best.text, best.text


@pytest.mark.slow
def test_the_same_quote_in_several_articles_is_one_hit_listing_them_all(retriever):
    passages = retriever.retrieve("What did John Kirby cite about Russia and Iran?", k=5)
    kirby = [p for p in passages if "intelligence assessments" in p.text]
    assert len(kirby) == 1
    assert len(kirby[0].article_ids) >= 2
    for copy in kirby[0].copies:
        assert "intelligence" in retriever.article(copy.article_id).text[copy.start:copy.end]


@pytest.mark.slow
def test_hybrid_is_at_least_as_good_as_either_alone_on_single_article_facts(retriever):
    """Fusion keeps what each retriever finds: every fact found at rank 1 by one mode is in hybrid's top 2."""
    facts = [("Who is Britain's UN ambassador?", "Barbara Woodward"),
             ("How much lethal aid will be sent to Ukraine?", "$275mn"),
             ("Which Russian forces and units were sanctioned?", "924th"),
             ("Who is the White House National Security Council spokesman?", "Kirby")]
    for question, words in facts:
        found = {m: any(words in p.text for p in retriever.retrieve(question, k=1, retrieval=m)) for m in ("dense", "bm25")}
        if any(found.values()):
            assert any(words in p.text for p in retriever.retrieve(question, k=2)), (question, found)


@pytest.mark.slow
@pytest.mark.parametrize("question, words, rrf_loses", [("What was pumped into Ukraine?", "pumped", True),
                                                        ("What grinds on?", "grinds on", False),
                                                        ("Where does Moscow batter the country?", "batters", True)])
def test_a_passage_far_ahead_in_bm25_stays_first_in_hybrid(retriever, question, words, rrf_loses):
    """Relative score fusion keeps BM25's clear winner (a rare word of the question) on top even
    where the embedding ranks it low; reciprocal rank fusion, which sees only ranks, may not.
    For "What grinds on?" every other BM25 hit scores 0, so where RRF puts it depends only on
    the order of those ties (it changed when the BM25 corpus took chunk-id order): not asserted."""
    assert words in retriever.retrieve(question, k=1, retrieval="bm25")[0].text
    assert words in retriever.retrieve(question, k=1)[0].text
    if rrf_loses:
        assert words not in retriever.retrieve(question, k=1, retrieval="hybrid-rrf")[0].text


def test_invalid_code_points_are_dropped_from_a_question():
    assert check_question("Who is \ud800Britain's\x00 UN ambassador?") == "Who is Britain's UN ambassador?"


RAIL = {"a.md": "---\ntitle: Rail strike\noutlet: The Valley Herald\n---\nTrain drivers walked out on Monday over pay.",
        "b.md": "---\ntitle: Rail talks\noutlet: Coast FM\n---\nUnion leaders met the rail operator on Tuesday."}


def counting(monkeypatch, method: str) -> list[int]:
    """Count the calls of ``Store.<method>`` (one element per call)."""
    calls: list[int] = []
    original = getattr(Store, method)

    def counted(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, method, counted)
    return calls


def test_loading_an_up_to_date_index_reads_the_chunk_ids_and_the_articles_once(tmp_path, monkeypatch):
    """Each whole read of a 100k-chunk store takes most of a second: start-up makes one of each."""
    settings = assistant_over(tmp_path, RAIL, HashEmbedding()).retriever.settings
    id_reads, article_reads = counting(monkeypatch, "chunk_ids"), counting(monkeypatch, "all_articles")
    retriever = Retriever.load(settings=settings, embed_model=HashEmbedding())
    for _ in range(3):  # what a UI asks for at start-up: a table, a dropdown, the outlets
        assert [a.id for a in retriever.articles()] == ["a", "b"]
        assert retriever.chunk_counts() == {"a": 1, "b": 1}
    assert (len(id_reads), len(article_reads)) == (1, 1)


def test_the_articles_are_read_again_after_a_refresh(tmp_path):
    assistant = assistant_over(tmp_path, RAIL, HashEmbedding())
    assert [a.id for a in assistant.articles()] == ["a", "b"]
    assistant.add_article("c.md", b"---\ntitle: Depot\n---\nThe depot stayed closed all week.")
    assert [a.id for a in assistant.articles()] == ["a", "b", "c"]
    assert assistant.chunk_counts() == {"a": 1, "b": 1, "c": 1}
    assistant.remove_article("a")
    assert [a.id for a in assistant.articles()] == ["b", "c"]
    assert assistant.chunk_counts() == {"b": 1, "c": 1}
