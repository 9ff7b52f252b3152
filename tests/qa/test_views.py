"""The whole-corpus views kept on disk: read back while the chunks and the code are the same, rebuilt otherwise."""

import logging

from index.articles import Article
from qa.coverage import Coverage
from qa.passages import Passage
from qa.views import CorpusViews, cached_views, code_version
from qa.wording import Vocabulary

TEXT = "The harbour board said on Monday that the ferry strike had ended after talks with the union."


def made_up_views() -> CorpusViews:
    article = Article("ferry", "Ferry strike ends", TEXT, outlet="Harbour News")
    passage = Passage(text=TEXT, article_id="ferry", title="Ferry strike ends", outlet="Harbour News", date=None,
                      start=0, end=len(TEXT), score=0.0)
    return CorpusViews(Coverage.of([article], [passage]), Vocabulary.of([TEXT]))


class Builds:
    def __init__(self):
        self.count = 0

    def __call__(self) -> CorpusViews:
        self.count += 1
        return made_up_views()


def test_views_are_built_once_then_read_back_whole(tmp_path):
    builds = Builds()
    first = cached_views(tmp_path, "abc123", builds)
    again = cached_views(tmp_path, "abc123", builds)
    assert builds.count == 1 and again is not first
    assert [s.text for s in again.coverage.sentences] == [TEXT]
    assert "sentences" in vars(again.coverage)  # computed before it was kept, not on first use
    assert again.coverage.outlets == {"Harbour News": ["ferry"]} and again.vocabulary.counts["ferry"] == 1


def test_other_chunks_build_new_views_and_the_old_file_goes(tmp_path):
    builds = Builds()
    cached_views(tmp_path, "abc123", builds)
    cached_views(tmp_path, "def456", builds)
    assert builds.count == 2
    assert [p.name for p in tmp_path.iterdir()] == [f"def456-{code_version()}.pickle"]


def test_a_damaged_cache_is_rebuilt_with_a_notice(tmp_path, caplog):
    builds = Builds()
    cached_views(tmp_path, "abc123", builds)
    next(tmp_path.iterdir()).write_bytes(b"\x80\x05garbage")
    with caplog.at_level(logging.WARNING):
        views = cached_views(tmp_path, "abc123", builds)
    assert builds.count == 2 and "is damaged" in caplog.text
    assert [s.text for s in views.coverage.sentences] == [TEXT]
    assert cached_views(tmp_path, "abc123", builds) and builds.count == 2


def test_views_kept_by_code_without_a_part_are_rebuilt(tmp_path, caplog):
    """A process still running code from before an update, which keeps views without a part the new
    code reads: those views are damaged to the new code, not an error on every question."""
    import pickle

    builds = Builds()
    old = made_up_views()
    del old.said
    (tmp_path / f"abc123-{code_version()}.pickle").write_bytes(pickle.dumps(old))
    with caplog.at_level(logging.WARNING):
        views = cached_views(tmp_path, "abc123", builds)
    assert builds.count == 1 and "lacks said" in caplog.text and views.said.get(TEXT) is None


def test_a_cache_that_cannot_be_written_still_answers(tmp_path, caplog, monkeypatch):
    def full_disk(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("qa.views.os.replace", full_disk)
    with caplog.at_level(logging.WARNING):
        views = cached_views(tmp_path, "abc123", Builds())
    assert [s.text for s in views.coverage.sentences] == [TEXT]
    assert "could not keep the corpus views" in caplog.text and list(tmp_path.iterdir()) == []


def test_views_built_while_the_chunks_changed_are_used_but_not_kept(tmp_path):
    builds = Builds()
    cached_views(tmp_path, "abc123", builds, current=lambda: "abc123-and-an-upload")
    assert list(tmp_path.iterdir()) == []
    cached_views(tmp_path, "abc123", builds, current=lambda: "abc123")
    assert builds.count == 2 and len(list(tmp_path.iterdir())) == 1


SPOKEN = ("Title: Harbour talks resume\n\n"
          "Harbour master Ines Varga said the cranes would restart on Monday after the repairs. "
          "Varga said the night shift would return in June once the new lights were fitted. "
          "“We will not cut anybody's pay this year,” Varga told reporters at the quay. "
          "Varga added that the ferry timetable would stay as it is for the whole summer.")


def test_what_speakers_say_is_ranked_with_the_vectors_kept_in_the_views(tmp_path, monkeypatch):
    """A question about what someone said ranks all their statements by meaning (`qa.assistant.ABOUT_AT_MOST`):
    their stored vectors come with the views, not from the store at question time."""
    import qa.assistant
    from index.store import Store
    from tests.fakes import HashEmbedding
    from tests.helpers import assistant_over

    assistant = assistant_over(tmp_path, {"talks.txt": SPOKEN}, HashEmbedding())
    said = {q.sentence.text for q in assistant.retriever.coverage.statements}
    assert len(said) >= 3 and all(assistant.retriever.views().said.get(t) is not None for t in said)
    monkeypatch.setattr(qa.assistant, "ABOUT_AT_MOST", 2)
    asked: list[str] = []
    read = Store.text_vectors
    monkeypatch.setattr(Store, "text_vectors", lambda store, pairs: asked.extend(t for _, t in pairs) or read(store, pairs))
    reply = assistant.ask("what did varga say about the night shift?")
    assert reply.kind == "quotes" and reply.answered and "night shift" in reply.text
    assert not said & set(asked)
