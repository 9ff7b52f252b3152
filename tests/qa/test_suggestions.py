"""Suggested next questions: from the articles themselves, never one the assistant then refuses."""

from eval.suggestions import check_suggestions
from tests.qa.test_news_kinds import assistant  # noqa: F401  (the made-up port-strike corpus)


def test_every_suggestion_shown_in_fifty_conversations_is_answered(assistant):  # noqa: F811
    check = check_suggestions(assistant, conversations=50, turns=3)
    assert check.shown >= 100
    assert check.unanswered == [] and check.answered == check.shown


def test_the_empty_chat_suggests_from_the_corpus_and_changes_with_it(assistant):  # noqa: F811
    first = assistant.suggest([])
    assert first and any("Otieno" in q for q in first)
    assistant.add_article("volcano.txt", b"Volcano erupts\n\nVolcanologist Maria Keller said the ash cloud "
                                         b"would reach the coast by Sunday, according to the survey.\n\n"
                                         b"\"The eruption is the largest in a century,\" Keller told reporters.")
    assert assistant.suggest([]) != first


def test_a_suggestion_is_not_about_what_the_conversation_asked(assistant):  # noqa: F811
    turns = assistant.replay(["What did Peter Otieno say?"])
    assert all("Otieno" not in q for q in assistant.suggest(turns))
