"""What people said: speakers found beside their reporting verbs, quotations on a topic, and
honest refusals, on a made-up story (a ferry dispute in Lagos) that is not the seed corpus."""

import pytest

from index.articles import Article
from qa.coverage import Coverage
from qa.kinds import recognise
from qa.passages import Passage
from qa.quotes import quoted
from tests.helpers import assistant_over

BODY = """Ferry operators threaten to halt lagoon crossings

The Sanwo-Olu administration says the fare rise breaks the licence terms of every ferry company on the lagoon.

For months, the government of Governor Babajide Sanwo-Olu has said the ferries need new life jackets.

Ferry owners' chairman Tunde Bakare said on Friday that fuel costs had doubled since October.

“We cannot keep sailing at a loss while diesel costs twice what it did,” Bakare said.

Waterways commissioner Ngozi Eze warned that operators who stopped sailing would lose their licences.

Operators would be fined for every cancelled crossing, she said.
"""
LAGOS_TRIBUNE = "---\ntitle: Ferry operators threaten to halt lagoon crossings\noutlet: Lagos Tribune\n---\n\n" + BODY


@pytest.fixture
def assistant(tmp_path, fake_model):
    return assistant_over(tmp_path, {"tribune.md": LAGOS_TRIBUNE}, fake_model)


def lagos_coverage() -> Coverage:
    article = Article("a", "Ferry operators threaten to halt lagoon crossings", BODY)
    return Coverage.of([article], [Passage(BODY, "a", article.title, None, None, 0, len(BODY), 1.0)])


def speaker(text: str) -> str | None:
    coverage = lagos_coverage()
    return next(coverage.speaker_of(s) for s in coverage.sentences if s.text.startswith(text))


def test_the_speaker_is_the_person_beside_the_reporting_verb():
    assert speaker("Ferry owners' chairman") == "Ferry owners' chairman Tunde Bakare"
    assert speaker("“We cannot keep sailing") == "Ferry owners' chairman Tunde Bakare"
    assert speaker("The Sanwo-Olu administration") is None  # a name used as an adjective does not speak
    assert speaker("For months, the government of Governor") is None  # nor one after "of"
    # "she said" is the person the article last had speaking, not the last name it printed
    assert speaker("Operators would be fined").endswith("Ngozi Eze")


@pytest.mark.parametrize("question, who, topic", [
    ("what did bakare say about diesel?", "bakare", "diesel"),
    ("eze on licences?", "eze", "licences"),
    ("quotes from the waterways commissioner", "the waterways commissioner", ""),
    ("who said the line about fuel costs doubling", "", "fuel costs doubling"),
    ("what has eze said re fines", "eze", "fines"),
    ("what did bakare himself say at the meeting", "bakare", "the meeting"),
])
def test_a_quote_question_names_its_speaker_and_topic(question, who, topic):
    request = recognise(question)
    assert (request.kind, request.speaker, request.topic) == ("quotes", who, topic)


def test_words_that_cannot_speak_are_not_a_quote_question():
    people = {"bakare", "eze"}
    assert recognise("fares on the lagoon?", speaks=lambda w: w in people).kind == "answer"
    assert recognise("tldr on the lagoon?", speaks=lambda w: w in people).kind == "overview"
    assert recognise("eze on fines?", speaks=lambda w: w in people).kind == "quotes"


def test_what_someone_said_on_a_topic_is_only_what_they_said_about_it(assistant):
    reply = assistant.ask("what did bakare say about diesel?")
    assert reply.kind == "quotes" and reply.answered and "Tunde Bakare" in reply.intro
    assert all("diesel" in s.text.lower() for s in reply.statements)
    reply = assistant.ask("what did bakare say about life jackets?")
    assert not reply.answered and "quote Tunde Bakare, but not on life jackets" in reply.text


def test_a_topic_is_scored_against_at_most_the_statements_nearest_it(assistant, monkeypatch):
    import qa.assistant

    scored: list[int] = []
    real = qa.assistant.score
    monkeypatch.setattr(qa.assistant, "score", lambda query, sentences, *a: scored.append(len(sentences))
                        or real(query, sentences, *a))
    monkeypatch.setattr(qa.assistant, "ABOUT_AT_MOST", 1)  # Bakare has two statements
    reply = assistant.ask("what did bakare say about diesel?")
    assert scored == [1] and reply.answered and all("diesel" in s.text.lower() for s in reply.statements)


def test_a_typed_name_one_typo_away_is_the_person(assistant):
    reply = assistant.ask("what did tunde bakre say?")
    assert reply.answered and "Tunde Bakare" in reply.intro


def test_someone_named_but_never_quoted_or_never_named_is_refused(assistant):
    assert not assistant.ask("what did sanwo-olu say about fares?").answered  # named, never speaking
    assert not assistant.ask("what did babajide sanwo-olu himself say").answered
    assert not assistant.ask("what did sanwo-oulu say").answered  # a typo of the name: still him
    reply = assistant.ask("what did the transport minister say?")  # no one described so
    assert not reply.answered and "transport minister" in reply.text


def test_who_said_a_line_names_the_speaker_above_it(assistant):
    reply = assistant.ask("who said the line about diesel costs")
    assert reply.answered and reply.parts[0].heading.startswith("Tunde Bakare")


def test_each_part_of_a_question_is_answered_by_its_own_kind(assistant):
    reply = assistant.ask("what did bakare and eze each say")
    assert [p.kind for p in reply.parts] == ["quotes", "quotes"] and all(p.answered for p in reply.parts)
    assert "Tunde Bakare" in reply.parts[0].intro and "Ngozi Eze" in reply.parts[1].intro


def test_people_quoted_are_those_who_speak_not_everyone_named(assistant):
    reply = assistant.ask("list every official quoted")
    assert reply.kind == "people" and "Tunde Bakare" in reply.text and "Ngozi Eze" in reply.text
    assert "Sanwo-Olu" not in reply.text  # named, never speaking
    assert "Sanwo-Olu" in assistant.ask("list every official mentioned").text


def test_a_role_is_read_in_the_name_s_own_line_not_from_a_caption_above_it():
    text = "Ferries wait at the Lagos jetty\nTunde Bakare in Lagos\n\nPort chief Ngozi Eze said fares rose."
    coverage = Coverage.of([Article("a", "t", text)], [])
    assert coverage.role("Tunde Bakare") is None and coverage.role("Ngozi Eze") == "Port chief"


def test_a_quotation_that_does_not_name_its_speaker_is_cited_with_the_sentence_that_does():
    text = ("Waterways commissioner Ngozi Eze warned operators on Monday.\n\n"
            "“Every cancelled crossing will be fined,” she said.\n\n"
            "“We cannot keep sailing at a loss,” Tunde Bakare said.")
    coverage = Coverage.of([Article("a", "t", text)], [Passage(text, "a", "t", None, None, 0, len(text), 1.0)])
    reply = quoted("who is quoted?", coverage, [])
    eze, bakare = reply.parts
    assert [s.text for s in eze.statements] == ["Waterways commissioner Ngozi Eze warned operators on Monday.",
                                                "“Every cancelled crossing will be fined,” she said."]
    assert [s.text for s in bakare.statements] == ["“We cannot keep sailing at a loss,” Tunde Bakare said."]
    assert all(c.quote in text for c in reply.citations)


def test_statements_of_a_speaker_are_found_by_every_word_of_their_name():
    coverage = lagos_coverage()
    bakare = coverage.statements_of({"tunde", "bakare"})
    assert [q.sentence.text[:20] for q in bakare] == ["Ferry owners' chairm", "“We cannot keep sail"]
    assert coverage.statements_of({"bakare"}) == bakare
    assert [q.speaker for q in coverage.statements_of({"eze"})] == ["Ngozi Eze", "Ngozi Eze"]
    assert coverage.statements_of({"tunde", "eze"}) == [] and coverage.statements_of(set()) == []
