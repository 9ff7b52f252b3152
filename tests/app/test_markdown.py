"""The chat markdown of a reply (no server): sources marked, article text inert."""

from app import reply_markdown
from qa import UPLOADED_MARK, Citation, Passage, Reply, Statement


def reply_citing(passage: Passage) -> Reply:
    return Reply(passage.text + " [1]", [Citation(1, passage, passage.text, 0, len(passage.text))], True, "Q?",
                 [passage], [Statement(passage.text, (1,))])


def test_a_citation_of_an_uploaded_article_says_so():
    uploaded = Passage("The ferry left at noon.", "harbour", "Harbour news", None, None, 0, 23, 1.0, uploaded=True)
    vetted = Passage("The ferry left at noon.", "harbour", "Harbour news", "Port Times", None, 0, 23, 1.0)
    assert UPLOADED_MARK in reply_markdown(reply_citing(uploaded), 0)
    assert UPLOADED_MARK not in reply_markdown(reply_citing(vetted), 0)


def test_markup_in_an_article_is_shown_as_text_not_rendered():
    sneaky = Passage("See ![x](http://e.vil/p.png) <img src=x onerror=alert(1)>.", "a", "T",
                     "![logo](http://e.vil/track.png)", None, 0, 60, 1.0)
    markdown = reply_markdown(reply_citing(sneaky), 0)
    assert "![" not in markdown and "<img" not in markdown
    assert "\\!\\[logo\\]" in markdown and "&lt;img" in markdown
