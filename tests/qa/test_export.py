"""A conversation exported: every footnote quotes exactly the sentence at its cited span."""

import json
import re

from qa.cli import export
from qa.export import to_json, to_markdown
from tests.qa.test_news_kinds import assistant  # noqa: F401  (the made-up port-strike corpus)


def test_markdown_footnotes_quote_the_exact_cited_sentences(assistant):  # noqa: F811
    turns = assistant.replay(["Who is the union leader?", "What did he say?", "What is the price of tea in Lima?"])
    assert turns[0].answered and turns[1].answered and not turns[2].answered
    markdown = to_markdown(turns)
    footnotes = re.findall(r"^\[\^(\d+)-(\d+)\]: .*?, “.*?”: “(.*)”$", markdown, re.MULTILINE)
    expected = [(t, c) for t, reply in enumerate(turns, 1) for c in reply.citations]
    assert len(footnotes) == len(expected) > 0
    for (turn, number, quote), (t, citation) in zip(footnotes, expected, strict=True):
        assert (int(turn), int(number)) == (t, citation.number)
        assert quote == assistant.article(citation.article_id).text[citation.start:citation.end]
        assert f"[^{turn}-{number}]" in markdown.split(f"## {turn}.", 1)[1]
    assert "## 3. What is the price of tea in Lima?" in markdown
    assert json.loads(to_json(turns)) == [r.to_dict() for r in turns]


def test_the_cli_export_writes_the_format_its_suffix_names_and_refuses_others(assistant, tmp_path):  # noqa: F811
    turns = assistant.replay(["Who is the union leader?"])
    assert export(turns, str(tmp_path / "talk.md")) == f"exported 1 replies to {tmp_path / 'talk.md'}"
    assert (tmp_path / "talk.md").read_text(encoding="utf-8") == to_markdown(turns)
    export(turns, str(tmp_path / "talk.JSON"))
    assert json.loads((tmp_path / "talk.JSON").read_text(encoding="utf-8")) == [r.to_dict() for r in turns]
    refused = export(turns, str(tmp_path / "talk.txt"))
    assert refused.startswith("usage: /export FILE.md or /export FILE.json") and "talk.txt" in refused
    assert not (tmp_path / "talk.txt").exists()
