"""The running app through gradio_client: the /ask endpoint, streaming chat, and 20 sessions at once."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from gradio_client import Client

pytestmark = pytest.mark.slow

CONVERSATIONS = [
    ("Who is Britain's UN ambassador?", "What did she accuse Russia of?", "obtain more weapons from Iran"),
    ("Who is Russia's UN ambassador?", "What did he deny?", "Iran is supplying weapons"),
    ("How much additional lethal aid will the US send to Ukraine?", "What will it include?", "ammunition"),
]


def test_ask_returns_the_reply_with_its_citations(app_url):
    reply = Client(app_url, verbose=False).predict("How much additional lethal aid will the US send to Ukraine?",
                                                   api_name="/ask")
    assert reply["answered"] and "$275mn" in reply["text"]
    c = reply["citations"][0]
    assert c["article_id"] == "002_68372f2c8ce85c96" and c["outlet"] == "The Financial Times"
    assert "$275mn" in c["quote"] and c["quote"] in c["passage"]["text"] and c["end"] - c["start"] == len(c["quote"])


def test_ask_takes_the_earlier_questions_of_a_conversation(app_url):
    reply = Client(app_url, verbose=False).predict("What did she accuse Russia of?",
                                                   ["Who is Britain's UN ambassador?"], api_name="/ask")
    assert reply["question"] == "What did Barbara Woodward accuse Russia of?"


def test_ask_answers_a_bad_question_with_a_message(app_url):
    reply = Client(app_url, verbose=False).predict("   ", api_name="/ask")
    assert not reply["answered"] and "empty" in reply["text"]


def test_chat_streams_the_reply(app_url):
    job = Client(app_url, verbose=False).submit("When could Iran receive deliveries of the Su-35?", [], 5,
                                                "extractive", False, api_name="/chat")
    job.result()
    texts = [_last_text(chat) for chat, _ in job.outputs()]
    assert len(texts) >= 3, "the reply came in one piece"
    assert len(texts[0]) < len(texts[-1]) and "next year" in texts[-1]


def _session(n: int, url: str) -> tuple[int, str]:
    first, follow_up, _ = CONVERSATIONS[n % len(CONVERSATIONS)]
    client = Client(url, verbose=False)
    chat, _ = client.predict(first, [], 5, "extractive", False, api_name="/chat")
    chat, _ = client.predict(follow_up, chat, 5, "extractive", False, api_name="/chat")
    return n, _last_text(chat)


def test_twenty_sessions_at_once_each_get_answers_about_their_own_history(app_url):
    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(lambda n: _session(n, app_url), range(20)))
    for n, text in results:
        expected = CONVERSATIONS[n % len(CONVERSATIONS)][2]
        others = [c[2] for c in CONVERSATIONS if c[2] != expected]
        assert expected in text, (n, text)
        assert not any(o in text for o in others), (n, text)


def _last_text(chat: list[dict]) -> str:
    content = chat[-1]["content"]
    return content if isinstance(content, str) else "".join(part.get("text", "") for part in content)
