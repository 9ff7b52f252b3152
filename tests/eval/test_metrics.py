"""Every metric on small hand-made replies whose right values are known."""

import pytest

from eval.metrics import judge, summarise
from eval.questions import Question
from qa.passages import Passage
from qa.reply import Citation, Reply, Statement


def passage(text, article_id="a", also=()):
    p = Passage(text, article_id, "T", None, None, 0, len(text), 1.0)
    return Passage(text, article_id, "T", None, None, 0, len(text), 1.0,
                   also_in=tuple(Passage(text, other, "T", None, None, 0, len(text), 1.0) for other in also)) if also else p


def reply(statements, passages, answered=True):
    citations, out = [], []
    for text, cited in statements:
        numbers = []
        for p in cited:
            citations.append(Citation(len(citations) + 1, p, p.text, 0, len(p.text)))
            numbers.append(len(citations))
        out.append(Statement(text, tuple(numbers)))
    return Reply(" ".join(t for t, _ in statements) or "The articles do not say.", citations, answered, "q",
                 passages, out)


KIRBY = passage("John Kirby is the spokesman of the council.", "a")
DRONES = passage("Iran sent hundreds of drones to Russia.", "b", also=("c",))
OTHER = passage("The weather was fine in Paris on the day.", "d")
WHO = Question("who", "Who is the spokesman?", answers=("John Kirby",), sources=("a",))


def test_a_right_answer_cited_to_the_passage_that_says_it():
    v = judge(WHO, reply([(KIRBY.text, [KIRBY])], [OTHER, KIRBY]), [OTHER, KIRBY])
    assert (v.correct, v.supported, v.citation_precision, v.hit, v.reciprocal_rank, v.refusal_correct) == \
        (True, True, 1.0, True, 0.5, True)


def test_a_right_answer_cited_to_the_wrong_passage_is_correct_but_not_supported():
    v = judge(WHO, reply([("John Kirby said so.", [OTHER])], [OTHER]), [OTHER])
    assert v.correct and not v.supported and v.citation_precision == 0.0
    assert (v.hit, v.reciprocal_rank) == (False, 0.0)


def test_citation_precision_counts_each_citation():
    r = reply([(KIRBY.text, [KIRBY]), ("Iran sent hundreds of drones to Russia.", [DRONES]),
               ("Something unrelated entirely.", [OTHER])], [KIRBY, DRONES, OTHER])
    v = judge(WHO, r, [KIRBY, DRONES, OTHER])
    # KIRBY holds the answer; DRONES supports its own statement; OTHER neither.
    assert v.citation_precision == pytest.approx(2 / 3)


def test_a_cited_metadata_field_supports_the_statement_stating_its_value():
    field = Passage("Date: 2024-03-05", "a", "Port strike ends", None, "2024-03-05", 0, 0, 1.0)
    when = Question("when", "when was the port strike story dated?", answers=("5 Mar 2024",))
    for stated, expected in (("“Port strike ends”: 5 Mar 2024 (2024-03-05), from the article's metadata", 1.0),
                             ("“Port strike ends”: from the article's metadata", 0.0)):
        r = Reply(stated, [Citation(1, field, field.text, 0, 0, "date")], True, "q", [], [Statement(stated, (1,))])
        assert judge(when, r, []).citation_precision == expected


def test_a_copy_in_another_article_counts_as_a_source_hit():
    q = Question("d", "How many drones?", answers=("hundreds",), sources=("c",))
    v = judge(q, reply([(DRONES.text, [DRONES])], [OTHER, DRONES]), [OTHER, DRONES])
    assert v.hit and v.reciprocal_rank == 0.5


def test_refusals_are_right_only_for_unanswerable_questions():
    refused = reply([], [OTHER], answered=False)
    unanswerable = Question("u", "Who won?", unanswerable=True)
    assert judge(unanswerable, refused, [OTHER]).refusal_correct
    assert judge(unanswerable, refused, [OTHER]).correct is None
    v = judge(WHO, refused, [OTHER])
    assert not v.refusal_correct and v.correct is False and v.supported is False and v.citation_precision is None
    answered = judge(unanswerable, reply([(OTHER.text, [OTHER])], [OTHER]), [OTHER])
    assert not answered.refusal_correct


def test_summary_means_over_the_questions_each_metric_applies_to():
    verdicts = [
        judge(WHO, reply([(KIRBY.text, [KIRBY])], [KIRBY]), [KIRBY]),                 # right, rr 1
        judge(WHO, reply([("John Kirby.", [OTHER])], [OTHER]), [OTHER]),              # unsupported, miss
        judge(Question("u", "?", unanswerable=True), reply([], [], answered=False), []),  # refused right
    ]
    m = summarise(verdicts, [0.010, 0.020, 0.030], [0.1, 0.2, 0.3])
    assert m["questions"] == 3
    assert m["answer_accuracy"] == 1.0 and m["supported_accuracy"] == 0.5
    assert m["citation_precision"] == 0.5 and m["hit_at_k"] == 0.5 and m["mrr"] == 0.5
    assert m["refusal_accuracy"] == 1.0
    assert m["retrieval_p50_ms"] == 20.0 and m["answer_p50_ms"] == 200.0 and m["answer_p95_ms"] == 290.0


def test_each_part_of_a_question_in_parts_may_be_supported_by_its_own_cited_passage():
    both = Question("both", "Who is the spokesman and what did Iran send?", answers=("John Kirby",),
                    parts=(("hundreds of drones",),))
    v = judge(both, reply([(KIRBY.text, [KIRBY]), (DRONES.text, [DRONES])], [KIRBY, DRONES]), [KIRBY, DRONES])
    assert v.correct and v.supported
    v = judge(both, reply([(KIRBY.text, [KIRBY]), (DRONES.text, [OTHER])], [KIRBY, OTHER]), [KIRBY, OTHER])
    assert v.correct and not v.supported
