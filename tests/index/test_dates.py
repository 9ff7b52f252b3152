"""Relative dates resolved against the article's own date (made-up sentences)."""

import pytest

from index.dates import date_mentions, question_dates


def resolved(text, published):
    return [(m.text, m.resolved) for m in date_mentions(text, published)]


@pytest.mark.parametrize("text, published, expected", [
    ("The port opened on Friday.", "2023-05-13", [("on Friday", "2023-05-12")]),          # a Saturday
    ("The port opened on Saturday.", "2023-05-13", [("on Saturday", "2023-05-13")]),
    ("The port will open on Monday.", "2023-05-13", [("on Monday", "2023-05-15")]),
    ("Floods hit the coast yesterday.", "2023-03-01", [("yesterday", "2023-02-28")]),
    ("Prices rose last month.", "2023-01-15", [("last month", "2022-12")]),
    ("The plant closes next year.", "2023-01-15", [("next year", "2024")]),
    ("Exports grew in August.", "2023-05-13", [("in August", "2022-08")]),
    ("Exports grew in April.", "2023-05-13", [("in April", "2023-04")]),
    ("Talks began over the summer.", "2023-11-02", [("over the summer", "2023-06")]),
    ("The deal was signed on 4 January 2023.", None, [("4 January 2023", "2023-01-04")]),
    ("The deal was signed in 2021.", None, [("in 2021", "2021")]),
    ("It has grown for the past several months.", "2023-05-13", [("the past several months", None)]),
])
def test_each_phrase_resolves_against_the_article_date(text, published, expected):
    assert resolved(text, published) == expected


def test_an_undated_article_resolves_nothing_relative():
    found = resolved("On Friday the minister said exports fell last month and would recover next year.", None)
    assert [m for m, _ in found] == ["On Friday", "last month", "next year"]
    assert all(r is None for _, r in found)


def test_spans_point_at_the_phrase():
    text = "Ships left Mombasa on Tuesday and returned yesterday."
    for m in date_mentions(text, "2023-05-13"):
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("question, newest, expected", [
    ("what happened on 9/12/2023?", "2023-12-10", "2023-12-09"),   # both readings valid: the one nearer the articles
    ("what happened on 9/12/2023?", "2023-09-13", "2023-09-12"),
    ("what happened on 9/12/23?", None, "2023-12-09"),             # no article date: day first
    ("anything on 25/5/2023", "2023-12-10", "2023-05-25"),          # only one reading is a date
    ("anything on 5/25/2023", "2023-12-10", "2023-05-25"),
])
def test_a_date_typed_in_digits_is_read_as_the_day_it_can_be(question, newest, expected):
    assert [d.resolved for d in question_dates(question, newest)] == [expected]
