"""Follow-up questions become self-contained before retrieval."""

import pytest

from qa.followup import resolve

AMBASSADOR = ("Who is Russia's UN ambassador?",
              "At a UN Security Council meeting called by Russia, Russia’s UN Ambassador Vassily Nebenzia again denied it. [1]")


@pytest.mark.parametrize("question, expected", [
    ("What did he deny?", "What did Vassily Nebenzia deny?"),
    ("What was his argument?", "What was Vassily Nebenzia’s argument?"),
    ("What will it include?", "What will it include? (after: Who is Russia's UN ambassador?)"),
    ("And the UK?", "And the UK? (after: Who is Russia's UN ambassador?)"),
    ("Who is John Kirby?", "Who is John Kirby?"),
    ("How did that country vote?", "How did that country vote? (after: Who is Russia's UN ambassador?)"),
    ("Who said that Iran sent drones?", "Who said that Iran sent drones?"),
    ("Who said that the war goes on?", "Who said that the war goes on?"),
    ("What happened this year?", "What happened this year?"),
])
def test_references_to_the_previous_turn_are_resolved(question, expected):
    assert resolve(question, [AMBASSADOR]) == expected


def test_without_history_the_question_is_unchanged():
    assert resolve("What did he deny?", []) == "What did he deny?"


def test_context_does_not_pile_up_over_a_long_conversation():
    first = resolve("What will it include?", [("How much aid?", "$275mn [1]")])
    second = resolve("When will it arrive?", [(first, "Ammunition [1]")])
    assert second == "When will it arrive? (after: What will it include?)"


def test_a_refused_turn_offers_no_person_but_its_question_still_gives_context():
    assert resolve("What did she say?", [("Who is the mayor of Paris?", "")]) == \
        "What did she say? (after: Who is the mayor of Paris?)"


@pytest.mark.parametrize("question, previous, expected", [
    ("now just the fares bits", "tl;dr", "tl;dr about the fares"),
    ("only the subsidy?", "what does the Coast Daily say about the strike?", "what does the Coast Daily say about the subsidy"),
    ("who announced that", "which fares went up?", "who announced that (after: which fares went up?)"),
    ("why?", "who raised the fares?", "why? (after: who raised the fares?)"),
    ("Who said that?", "x", "Who said that? (after: x)"),
    ("how much?", "what did peru pay for the ferries?", "how much? (after: what did peru pay for the ferries?)"),
    ("when exactly", "did the ferries sail?", "when exactly (after: did the ferries sail?)"),
    ("how many?", "is peru selling kenya ferries", "how many ferries (after: is peru selling kenya ferries)"),
])
def test_narrowing_pointing_back_and_a_question_word_alone_continue_the_previous_question(question, previous, expected):
    assert resolve(question, [(previous, "")]) == expected


def test_a_follow_up_naming_another_owner_asks_the_same_of_it():
    assert resolve("and peru's?", [("who is kenya's un envoy?", "…")]) == "who is peru’s un envoy?"
    assert resolve("and the peru one?", [("who's the uk's un envoy?", "…")]) == "who's the peru’s un envoy?"


@pytest.mark.parametrize("question, expected", [
    ("and Accra? how much are they paying", "how much are Accra paying (after: How much is Lima paying Lagos?)"),
    ("what about the ghana envoy, what did she say?", "what did the ghana envoy say? (after: How much is Lima paying Lagos?)"),
    ("and the port chief, whats his name?", "whats the port chief’s name? (after: How much is Lima paying Lagos?)"),
])
def test_a_thing_named_before_the_pronoun_is_what_the_pronoun_stands_for(question, expected):
    answered = ("How much is Lima paying Lagos?", "Lima's finance minister Rosa Quispe said it pays $40mn. [1]")
    assert resolve(question, [answered]) == expected
