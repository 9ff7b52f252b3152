from pathlib import Path

from index.articles import parse_article, read_article
from tests.conftest import SEED_CORPUS


def seed(prefix: str):
    return read_article(next(SEED_CORPUS.glob(f"{prefix}_*.txt")), 10**6)


def test_headline_only_article():
    a = seed("000")
    assert a.id == "000_488262e5be326c47"
    assert a.title == "US warns of expanding Iran, Russia defence ‘partnership’"
    assert (a.outlet, a.date, a.byline, a.dateline) == (None, None, None, None)


def test_dated_article_with_dateline_and_no_headline():
    a = seed("001")
    assert a.date == "2022-12-10"
    assert a.dateline == "Washington"
    assert (a.outlet, a.byline) == (None, None)
    assert a.title.startswith("The Biden administration is accusing Russia")  # the lede stands in
    assert len(a.title) <= 91


def test_article_with_byline_and_copyright_publisher():
    a = seed("002")
    assert a.title == "US says Russia providing 'unprecedented' military support to Iran"
    assert a.outlet == "The Financial Times"
    assert a.byline == "Felicia Schwartz"
    assert a.dateline == "Washington"
    assert a.date is None  # "YESTERDAY" is no date


def test_html_metadata_from_tags():
    html = b"""<html><head><meta property="og:site_name" content="Daily Planet">
    <meta name="author" content="Lois Lane"><meta property="article:published_time" content="2023-05-01T10:00:00Z">
    </head><body><h1>City council votes on the new bridge</h1><p>The council voted 7-2.</p></body></html>"""
    a = parse_article("bridge.html", html, 10**6)
    assert (a.title, a.outlet, a.byline, a.date) == (
        "City council votes on the new bridge", "Daily Planet", "Lois Lane", "2023-05-01")
    assert a.text == "City council votes on the new bridge\n\nThe council voted 7-2."


def test_markdown_front_matter():
    md = b"---\ntitle: Storm hits coast\ndate: March 3, 2021\npublisher: Coast News\n---\n\nWinds reached 100 km/h.\n"
    a = parse_article("storm.md", md, 10**6)
    assert (a.id, a.title, a.date, a.outlet) == ("storm", "Storm hits coast", "2021-03-03", "Coast News")


def test_written_dates_in_header_lines():
    a = parse_article("x.txt", b"Ships collide off the coast at night\n\n4 January 2023\n\nTwo ships collided.", 10**6)
    assert a.date == "2023-01-04"
    body_date = parse_article("y.txt", b"The deal was signed on 4 January 2023 in Paris.", 10**6)
    assert body_date.date is None  # a date in the body is an event, not the publication date


def test_path_stem_is_the_id(tmp_path: Path):
    f = tmp_path / "my-article.md"
    f.write_text("Some news here.")
    assert read_article(f, 10**6).id == "my-article"
