"""Questions about the coverage itself, on a made-up corpus with its own outlets, dates and quotes.

Three invented reports of one invented story (a port strike in Mombasa) with their own
outlets, dates, bylines and quotations; the fake embedding keeps it fast. Nothing here is in
the seed corpus, so the kinds cannot pass by knowing it.
"""

import pytest

from index.articles import Article
from index.settings import Settings
from qa import Assistant
from qa.corroboration import corroboration
from qa.coverage import Coverage
from qa.kinds import recognise
from qa.outlets import NOT_IN_CORPUS, metadata
from qa.passages import Passage
from qa.reply import Citation, Reply, Statement
from qa.timeline import NO_CALENDAR, TIMELINE
from tests.helpers import BARE_WORDS, assistant_over

HARBOUR_TIMES = """---
title: Dock workers strike at Mombasa port
outlet: The Harbour Times
author: Grace Wanjiru
date: 2023-05-13
---

Dock workers strike at Mombasa port

By Grace Wanjiru in Mombasa

Dock workers at Mombasa port walked off the job on Friday, halting the unloading of about forty ships.

The Dock Workers Union said the strike would continue until wages were raised by a fifth.

“We will not go back until our members are paid fairly,” union leader Peter Otieno told reporters.

Last month, the port authority cut overtime pay for night shifts.

Transport Minister Amina Odhiambo said talks with the union would resume next week.
"""
COAST_DAILY = """---
title: Port strike strands forty ships
outlet: Coast Daily
date: 2023-05-14
---

Port strike strands forty ships

About forty ships were left waiting outside Mombasa port after dock workers went on strike on Friday.

Union leader Peter Otieno said the workers wanted wages raised by a fifth.

“The port cannot run without us,” Otieno said.

The port authority said cargo would be diverted to Lamu if the strike lasted beyond next month.
"""
UNDATED = """Shipping lines count the cost

Shipping lines said on Friday that the delays were costing them millions of dollars a day.

Analysts expect freight rates on East African routes to rise next year.
"""


@pytest.fixture
def assistant(tmp_path, fake_model):
    return assistant_over(tmp_path, {"harbour.md": HARBOUR_TIMES, "coast.md": COAST_DAILY, "lines.txt": UNDATED},
                          fake_model)


def quoted_exactly(assistant, reply):
    """Every citation quotes its article's text exactly, or the metadata field it names."""
    for c in reply.citations:
        article = assistant.article(c.article_id)
        if c.field is None:
            assert article.text[c.start:c.end] == c.quote
        else:
            assert c.quote == c.passage.text == f"{c.field.capitalize()}: {getattr(article, c.field)}"
    return True


@pytest.mark.parametrize("question, kind", [
    ("whats the gist?", "overview"), ("tl;dr", "overview"), ("summarize the main points", "overview"),
    ("timeline of the strike", "timeline"), ("put the events in order", "timeline"),
    ("what happened on May 12?", "date"), ("who is quoted?", "quotes"), ("what did Otieno say?", "quotes"),
    ("which officials are named?", "people"), ("which outlets report the forty ships?", "corroboration"),
    ("how do the reports differ on wages?", "corroboration"), ("byline of the harbour times story?", "metadata"),
    ("who was on strike?", "answer"), ("which articles bring up the wages", "corroboration"),
    ("who reports the forty ships?", "corroboration"), ("do both papers mention the wages?", "corroboration"),
    ("who says the strike will end?", "quotes"), ("who said that?", "answer"), ("which news orgs are these from?", "metadata"),
    ("article date?", "metadata"), ("dates of the two strike stories?", "metadata"), ("strike end date?", "answer"),
    ("who are the reporters?", "metadata"), ("when did Otieno brief reporters?", "answer"),
    ("what is the harbour times story about, in short?", "overview"),
])
def test_each_kind_is_recognised_from_the_question(question, kind):
    assert recognise(question).kind == kind


@pytest.mark.parametrize("question, asked", [
    ("otieno's job title?", "who is otieno?"), ("what is otieno job title", "who is otieno?"),
    ("whats his job", "whats his job"), ("what is the job title", "what is the job title"),
])
def test_a_persons_role_is_asked_as_who_they_are(question, asked):
    assert recognise(question).asked == asked


def test_an_overview_gives_several_cited_points_with_the_shared_fact_cited_to_both(assistant):
    reply = assistant.ask("what's the gist?")
    assert reply.kind == "overview" and reply.answered and 3 <= len(reply.statements) <= 6
    assert any(len({reply.cited(n).article_id for n in s.citations}) == 1 for s in reply.statements)
    assert quoted_exactly(assistant, reply)


def test_a_digest_gives_the_ledes_where_news_says_what_happened(assistant):
    reply = assistant.ask("can u sum up these articles for me")  # "these articles" is no topic
    ledes = {"Dock workers at Mombasa port walked off the job", "About forty ships were left waiting",
             "Shipping lines said on Friday"}  # each article's first news sentence
    assert reply.kind == "overview" and all(s.text.startswith(tuple(ledes)) for s in reply.statements[:2])


def test_a_digest_on_a_topic_gives_the_sentences_about_it(assistant):
    reply = assistant.ask("sumary of the wages stuff")
    assert reply.kind == "overview" and reply.statements
    assert any("wage" in s.text for s in reply.statements) and quoted_exactly(assistant, reply)
    assert not any("forty ships" in s.text for s in reply.statements)  # the ledes are about something else


def test_an_outlet_scoped_question_cites_only_that_outlet(assistant):
    reply = assistant.ask("according to Coast Daily, where would cargo be diverted?")
    assert reply.answered and "Lamu" in reply.text
    assert {c.article_id for c in reply.citations} == {"coast"}


def test_an_outlet_misspelt_is_the_outlet_whose_name_the_corpus_holds(tmp_path, fake_model):
    ties = "---\ntitle: Port ties\noutlet: Coast Daily\n---\n\nTrade ties between the ports grew. The ties are old.\n"
    assistant = assistant_over(tmp_path, {"harbour.md": HARBOUR_TIMES, "ties.md": ties}, fake_model)
    reply = assistant.ask("per the harbour tmes, what did the union want?")  # "tmes": "ties" is as near as "times"
    assert reply.answered and {c.article_id for c in reply.citations} == {"harbour"}


def test_an_outlet_not_in_the_corpus_gets_the_list_of_outlets(assistant):
    reply = assistant.ask("what does the Nairobi Herald say about the strike?")
    assert not reply.answered and reply.text.startswith(NOT_IN_CORPUS.split("{")[0])
    assert "The Harbour Times" in reply.text and "Coast Daily" in reply.text


@pytest.mark.parametrize("question", [
    "according to the nairobi herald, who led the strike?", "what's reuters reporting on the strike",
    "how is the mombasa post covering the strike?",  # a place and more: an outlet's name
    "who wrote the cnn article?", "summarize the wsj piece",  # initials before "article"
    "what does the ot report about the strike?",  # "ot" is written inside "Otieno", not on its own
    "cnn on the strike", "wsj coverage of the strike?",  # initials, then what they report on
    "who wrote the bloomberg piece?", "what did the bbc say on the strike?",  # a name no English word
])
def test_an_outlet_typed_in_lower_case_is_recognised_by_the_words_around_it(assistant, question):
    reply = assistant.ask(question)
    assert not reply.answered and reply.text.startswith(NOT_IN_CORPUS.split("{")[0])


@pytest.mark.parametrize("question", [
    "what is in the big story about the strike?",  # a common word before "story" is no outlet
    "according to the reports, who led the strike?", "according to otieno, who is on strike?",
    "according to kenya, who led the strike?",
    "who wrote the latest article?", "what did the union say about pay?",  # English, and a source in the articles
    "do all three cover the strike?",  # the articles themselves
])
def test_according_to_the_articles_a_person_or_a_place_is_not_an_outlet(assistant, question):
    assert not assistant.ask(question).text.startswith(NOT_IN_CORPUS.split("{")[0])


def test_the_dated_and_the_undated_articles_are_pointed_at_by_having_a_date(assistant):
    assert assistant.retriever.coverage.referred("who wrote the undated one?").articles == ("lines",)
    reply = assistant.ask("per the undated article, what do analysts expect?")
    assert reply.answered and {c.article_id for c in reply.citations} == {"lines"}
    assert not assistant.ask("per the dated article, what do analysts expect?").answered  # only the undated one says


def test_an_article_is_pointed_at_by_what_it_holds(assistant):
    reply = assistant.ask("who wrote the article that quotes the union leader about going back?")
    assert reply.kind == "metadata" and "Grace Wanjiru" in reply.text  # only the Harbour Times has that quote
    reply = assistant.ask("what's the title of the story that mentions lamu")
    assert reply.kind == "metadata" and {c.article_id for c in reply.citations} == {"coast"}
    assert not assistant.ask("who wrote the one with the lamu claim").answered  # Coast Daily prints no byline
    assert assistant.ask("byline on 'dock workers strike at mombasa'?").citations[0].quote == "By Grace Wanjiru in Mombasa"
    assert assistant.retriever.coverage.referred("what's the story on the strike?") is None  # a topic


def test_people_of_a_country_the_articles_do_not_introduce_are_refused(assistant):
    assert not assistant.ask("which tanzanian officials are named?").answered  # none are
    kenyan = assistant.ask("which kenyan officials are named?")  # none is introduced as Kenyan either
    assert not kenyan.answered


@pytest.mark.parametrize("question", [
    "is the forty ships claim in all the reports?", "do the reports agree on the wages?",
    "compare how they describe the strike", "is the 'forty ships' line in more than one article",
    "how many of the stories mention the wages",
])
def test_corroboration_is_recognised_however_it_is_asked(assistant, question):
    reply = assistant.ask(question)
    assert reply.kind == "corroboration" and reply.answered and quoted_exactly(assistant, reply)


def test_a_source_the_corpus_lacks_cannot_corroborate(assistant):
    assert assistant.ask("does reuters corroborate the forty ships claim").text.startswith(NOT_IN_CORPUS.split("{")[0])
    for question in ("does anyone else mention lamu?", "does anyone besides the may 14 story mention lamu?"):
        assert not assistant.ask(question).text.startswith(NOT_IN_CORPUS.split("{")[0])
    assert assistant.ask("according to sky news, who led the strike?").text.startswith(NOT_IN_CORPUS.split("{")[0])


def test_contributors_are_the_line_that_credits_them(tmp_path, fake_model):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "h.md").write_text(HARBOUR_TIMES + "\nAdditional reporting by Musa Kamau\n")
    assistant = Assistant.load(settings=Settings(corpus_dir=corpus, data_dir=tmp_path / "data", word_prompt=BARE_WORDS),
                               embed_model=fake_model)
    for question in ("did anyone else contribute?", "who helped with reporting?"):
        reply = assistant.ask(question)
        assert reply.kind == "metadata" and reply.citations[0].quote == "Additional reporting by Musa Kamau"
    reply = assistant.ask("ok who helped her out?", history=[("who wrote the harbour times story?", "By Grace Wanjiru")])
    assert reply.citations[0].quote == "Additional reporting by Musa Kamau"
    assert assistant.ask("did the union contribute to the talks?").kind != "metadata"


def test_a_date_only_the_metadata_gives_is_cited_to_the_metadata_field(assistant):
    reply = assistant.ask("when was the harbour times story published?")  # front matter, not printed
    assert reply.answered and "13 May 2023" in reply.text and quoted_exactly(assistant, reply)
    assert [(c.article_id, c.field, c.quote) for c in reply.citations] == [("harbour", "date", "Date: 2023-05-13")]
    assert reply.to_dict()["citations"][0]["field"] == "date"
    assert not assistant.ask("date of the shipping lines story?").answered  # no date anywhere: never guessed
    assert "13 May 2023" in assistant.ask("the harbour times story's date?").text


def test_each_title_is_listed_under_its_outlet_cited_to_the_outlet_field(assistant):
    reply = assistant.ask("list the outlets please")
    fields = {(c.article_id, c.field) for c in reply.citations}
    assert {("harbour", "outlet"), ("coast", "outlet")} <= fields and ("lines", "outlet") not in fields
    assert "Outlet: Coast Daily" in reply.text and quoted_exactly(assistant, reply)


def test_an_article_named_by_its_date_is_asked_for_the_field_named_after_which(assistant):
    reply = assistant.ask("which paper ran the piece dated may 14?")
    assert reply.answered and {(c.article_id, c.field) for c in reply.citations} == {("coast", None), ("coast", "outlet")}
    assert assistant.ask("which outlet ran the shipping lines story?").answered is False  # it states none


def test_a_field_naming_the_article_is_not_the_field_asked(assistant):
    reply = assistant.ask("date of the mombasa dateline story?")
    assert reply.kind == "metadata" and "13 May 2023" in reply.text and "By Grace" not in reply.text


def test_the_outlet_of_one_article_is_its_outlet_or_said_to_be_unstated(assistant):
    reply = assistant.ask("which paper ran the wanjiru story?")  # the article named by its byline
    assert reply.kind == "metadata" and reply.answered and "The Harbour Times" in reply.text and "Coast Daily" not in reply.text
    unstated = assistant.ask("what outlet ran the 'shipping lines count the cost' piece")
    assert not unstated.answered and "does not state an outlet" in unstated.text


def test_who_said_a_thing_is_the_one_speaker_of_the_quotation_most_about_it(assistant):
    reply = assistant.ask("who said the talks would resume next week?")
    assert reply.kind == "quotes" and "Amina Odhiambo" in reply.text and "Otieno" not in reply.text
    reply = assistant.ask("who said they will not go back until members are paid fairly")
    assert "Peter Otieno" in reply.text and "Odhiambo" not in reply.text and quoted_exactly(assistant, reply)


def test_an_outlet_opening_a_question_chat_style_scopes_it(assistant):
    reply = assistant.ask("ht: who is the union leader?")
    assert reply.answered and {c.article_id for c in reply.citations} == {"harbour"}
    assert assistant.ask("Reuters - who led the strike?").text.startswith(NOT_IN_CORPUS.split("{")[0])
    assert not assistant.ask("pls: who led the strike?").text.startswith(NOT_IN_CORPUS.split("{")[0])
    digest = assistant.ask("what's the coast daily say about lamu?")
    assert digest.kind == "overview" and {c.article_id for c in digest.citations} == {"coast"}


def test_bylines_and_dates_asked_in_other_words(assistant):
    assert "Grace Wanjiru" in assistant.ask("which journalists are named on these?").text
    assert "14 May 2023" in assistant.ask("pub date of the coast daily story?").text


def test_a_caption_is_not_news_text(tmp_path, fake_model):
    captioned = HARBOUR_TIMES.replace("By Grace Wanjiru in Mombasa\n",
                                      "Dock workers gathered at the port gate in Mombasa on Friday morning. "
                                      "The union has called further strikes\n\nBy Grace Wanjiru in Mombasa\n")
    assistant = assistant_over(tmp_path, {"harbour.md": captioned}, fake_model)
    texts = [s.text for s in assistant.retriever.coverage.sentences]
    assert not any("gathered at the port gate" in t for t in texts) and any("walked off the job" in t for t in texts)
    assert assistant.ask("tl;dr").statements[0].text.startswith("Dock workers at Mombasa port walked off the job")


@pytest.mark.parametrize("question", ["recap the wages stuff", "give me the short version on the wages",
                                      "highlights of the wages row"])
def test_a_digest_asked_in_other_words_keeps_its_topic(question):
    request = recognise(question)
    assert request.kind == "overview" and "wages" in request.topic


def test_a_title_of_two_words_in_quotation_marks_names_its_article(assistant):
    reply = assistant.ask("who wrote the 'dock workers' piece?")
    assert "Grace Wanjiru" in reply.text and {c.article_id for c in reply.citations} == {"harbour"}
    assert "do not state their dateline" in assistant.ask("where was the 'strands forty' story filed?").text


def test_a_follow_up_naming_another_article_asks_it_of_that_article(assistant):
    first = assistant.ask("who wrote the harbour times story?")
    assert "Grace Wanjiru" in first.text
    other = assistant.ask("and the may 14 one?", history=[first])
    assert not other.answered and "Grace Wanjiru" not in other.text  # the Coast Daily prints no byline
    rest = assistant.ask("and who wrote the other two?", history=[first])
    assert rest.kind == "metadata" and not rest.answered and "Grace Wanjiru" not in rest.text
    titled = assistant.ask("and who wrote the 'port strike strands' one", history=[first])  # its own article, not the HT
    assert not titled.answered and "Grace Wanjiru" not in titled.text
    wages = assistant.ask("what does the harbour times say about the wages?")
    others = assistant.ask("and the others?", history=[wages])
    assert others.answered and "harbour" not in {c.article_id for c in others.citations}


def test_the_section_is_the_short_line_above_the_headline(tmp_path, fake_model):
    filed = HARBOUR_TIMES.replace("---\n\nDock workers strike", "---\n\nBusiness\n\nDock workers strike")
    assistant = assistant_over(tmp_path, {"harbour.md": filed, "coast.md": COAST_DAILY}, fake_model)
    reply = assistant.ask("what section is the harbour times story filed under?")
    assert reply.kind == "metadata" and reply.citations[0].quote == "Business"
    assert not assistant.ask("which section is the coast daily piece in?").answered  # none printed


def test_a_mistyped_field_is_the_field(assistant):
    reply = assistant.ask("bylin on the harbour times story?")
    assert reply.kind == "metadata" and "Grace Wanjiru" in reply.text


def test_the_byline_is_cited_to_the_line_that_prints_it(assistant):
    reply = assistant.ask("who wrote the Harbour Times story?")
    assert reply.kind == "metadata" and "Grace Wanjiru" in reply.text and quoted_exactly(assistant, reply)


def test_relative_dates_are_resolved_and_shown_and_undated_ones_are_not_guessed(assistant):
    reply = assistant.ask("what happened on May 12?")
    assert reply.kind == "date" and reply.answered and "walked off the job" in reply.text
    friday = next(s for s in reply.statements if "on Friday" in s.text)
    assert "on Friday (12 May 2023)" in friday.glossed
    assert not any(c.article_id == "lines" for c in reply.citations)  # its "on Friday" has no date to count from
    assert not assistant.ask("what happened on March 3?").answered


def test_a_timeline_lists_dated_events_oldest_first(assistant):
    reply = assistant.ask("timeline")
    assert reply.kind == "timeline" and reply.text.startswith(TIMELINE)
    dates = [next(r for _, r in s.dates if r) for s in reply.statements]
    assert dates == sorted(dates, key=lambda d: d.ljust(10, "~"))
    assert any("overtime" in s.text for s in reply.statements)   # "last month" → 2023-04
    assert dates[0] == "2023-04"


def test_quotes_are_attributed_to_their_speaker(assistant):
    reply = assistant.ask("what did Otieno say?")
    assert reply.kind == "quotes" and reply.answered and "Peter Otieno" in reply.intro
    assert {s.text[:20] for s in reply.statements} >= {"“We will not go back", "“The port cannot run"}
    assert not assistant.ask("what did Odhiambo say about wages?").answered  # she spoke of talks, not wages
    assert not assistant.ask("what did Ruto say?").answered


def test_corroboration_names_the_outlets_that_report_a_claim(assistant):
    reply = assistant.ask("which outlets report that forty ships were stranded?")
    assert reply.kind == "corroboration" and reply.answered
    assert "The Harbour Times" in reply.intro and "Coast Daily" in reply.intro
    assert {p.heading for p in reply.parts} >= {"According to The Harbour Times:", "According to Coast Daily:"}
    assert quoted_exactly(assistant, reply)
    unreported = assistant.ask("which outlets report the volcano eruption near the port?")
    assert not unreported.answered and "could not find" in unreported.text  # a refusal, not a claim of absence


def test_according_to_someone_in_the_articles_stays_part_of_the_question(assistant):
    reply = assistant.ask("How long will the strike go on according to the Dock Workers Union?")
    assert "according to the Dock Workers Union" in reply.question  # a source in the text, not an outlet
    assert reply.kind == "answer"


def test_every_article_is_listed_with_a_citation_even_one_without_a_title_line(assistant):
    assistant.add_article("untitled.txt", b"MOMBASA: Port officials said on Saturday that the backlog of ships waiting "
                                          b"to unload would take at least three weeks to clear once the strike ends.\n\n"
                                          b"Shipping agents said some cargo had already been diverted.")
    assert assistant.article("untitled").title.endswith("…")
    reply = assistant.ask("which outlets are in the corpus?")
    assert reply.kind == "metadata"
    assert {c.article_id for c in reply.citations} == {"harbour", "coast", "lines", "untitled"}


def test_a_question_about_what_no_article_mentions_is_refused_saying_what(assistant):
    for question, word in (("what did china say about the strike?", "china"),
                           ("how many shaheds were unloaded at the port?", "shaheds")):
        reply = assistant.ask(question)
        assert not reply.answered and reply.text.startswith(f"The articles do not say. They never mention “{word}”")
    assert "never mention" in assistant.ask("what did nairobi say about the strike?").text  # nor Kenya
    assert "never mention" not in assistant.ask("what did the unoin say about the strikes?").text  # typo, inflection



def test_corroboration_asked_after_the_claim_is_about_that_claim(assistant):
    request = recognise("is the forty ships claim in more than one report?")
    assert request.kind == "corroboration" and "forty ships" in request.topic
    assert assistant.ask("is the forty ships claim in more than one report?").kind == "corroboration"  # raised before


def test_an_article_is_named_by_its_outlet_initials_title_date_or_dateline(assistant):
    reply = assistant.ask("according to the ht, who is the union leader?")
    assert reply.answered and {c.article_id for c in reply.citations} == {"harbour"}
    quoted = assistant.ask("in the 'port strike strands forty ships' piece, who is quoted?")
    assert quoted.kind == "quotes" and {c.article_id for c in quoted.citations} == {"coast"}
    assert not assistant.ask("who wrote the may 14 story?").answered  # Coast Daily prints no byline
    filed = assistant.ask("where was the may 13 story filed?")
    assert filed.answered and filed.citations[0].quote == "By Grace Wanjiru in Mombasa"
    lamu = assistant.ask("what does the coast daily say about lamu")
    assert "Lamu" in lamu.text and {c.article_id for c in lamu.citations} == {"coast"}
    assert quoted_exactly(assistant, lamu)


def test_dates_are_read_as_people_type_them(assistant):
    reply = assistant.ask("what happened on 12 may?")
    assert reply.kind == "date" and reply.answered and "12 May 2023" in reply.intro
    assert assistant.ask("anything happen on 12th may 2023?").answered
    assert assistant.ask("anything from 12 may 2023?").kind == "date"
    after = assistant.ask("and the day before that?", history=[reply])  # not 12 May itself
    assert after.kind == "date" and not after.answered
    assert not assistant.ask("what happened on 3 mar 2023?").answered


def test_a_speaker_described_by_role_is_the_person_with_that_role(assistant):
    reply = assistant.ask("what did the union guy say?")
    assert reply.kind == "quotes" and "Peter Otieno" in reply.intro
    assert "Amina Odhiambo" in assistant.ask("what did the transport minister say about talks?").text
    assert not assistant.ask("what did the mayor say?").answered


def test_how_an_outlet_covers_a_topic_is_a_digest_of_its_articles(assistant):
    reply = assistant.ask("how does the coast daily cover the strike?")
    assert reply.kind == "overview" and reply.answered
    assert {c.article_id for c in reply.citations} == {"coast"}


def test_an_outlets_initials_on_a_topic_are_its_digest_on_it(assistant):
    reply = assistant.ask("ht on the strike")
    assert reply.kind == "overview" and reply.answered
    assert {c.article_id for c in reply.citations} == {"harbour"}


@pytest.mark.parametrize("question, kind", [
    ("summarize what chile said about the strike", "overview"), ("timeline of chile's role in the strike", "timeline"),
])
def test_a_digest_or_timeline_about_what_no_article_mentions_is_refused_saying_what(assistant, question, kind):
    reply = assistant.ask(question)
    assert (reply.kind, reply.answered) == (kind, False) and "chile" in reply.text


def test_who_is_quoted_names_each_speaker_above_their_quotation(assistant):
    reply = assistant.ask("who is quoted?")
    assert reply.kind == "quotes" and reply.answered
    assert [p.heading.split(",")[0] for p in reply.parts] == ["Peter Otieno"]
    assert reply.text.splitlines()[0].startswith("Peter Otieno") and quoted_exactly(assistant, reply)



def test_the_list_of_outlets_gives_each_title_under_its_outlet():
    text = "Ferry fares rise\n\nFerry fares rose on Monday across the lagoon."
    articles = [Article("t", "Ferry fares rise", text, outlet="Lagos Tribune"), Article("u", "Ferry fares rise", text)]
    reply = metadata("which outlets are there?", Coverage.of(articles, []), ["t", "u"], [])
    assert [p.heading for p in reply.parts] == ["Lagos Tribune:", "“Ferry fares rise” (no outlet stated):"]
    assert [c.quote for c in reply.citations] == ["Ferry fares rise", "Outlet: Lagos Tribune", "Ferry fares rise"]


UNDATED_ONLY = """Ferry fares keep rising

Since March, ferry fares across the lagoon have risen by a third.

Last month, the operators' union asked for a fuel subsidy.

The transport ministry will review the fares next year.
"""


@pytest.fixture
def undated(tmp_path, fake_model):
    return assistant_over(tmp_path, {"fares.txt": UNDATED_ONLY}, fake_model)


def test_a_timeline_of_undated_articles_keeps_their_order_and_says_it_cannot_be_dated(undated):
    reply = undated.ask("sequence of events?")
    assert reply.kind == "timeline" and reply.answered and reply.intro == NO_CALENDAR
    assert [s.text[:10] for s in reply.statements] == ["Since Marc", "Last month", "The transp"]
    assert all(r is None for s in reply.statements for _, r in s.dates) and quoted_exactly(undated, reply)


def test_a_month_asked_without_a_year_finds_it_in_an_undated_article(undated):
    reply = undated.ask("anything happen in march?")
    assert reply.kind == "date" and reply.answered and "without a year" in reply.intro
    assert [s.text[:10] for s in reply.statements] == ["Since Marc"]
    assert not undated.ask("anything happen in june?").answered
    assert not undated.ask("what happened on 3 march 2021?").answered  # a day and year no article can be said to give


def test_what_an_outlet_says_about_a_topic_is_its_digest_on_it_or_a_refusal(assistant):
    reply = assistant.ask("what does the Coast Daily say about the ships?")
    assert reply.kind == "overview" and reply.answered and {c.article_id for c in reply.citations} == {"coast"}
    assert any("forty ships" in s.text for s in reply.statements) and quoted_exactly(assistant, reply)
    assert not assistant.ask("what does the coast daily say about overtime pay?").answered  # only the Harbour Times has it
    assert assistant.ask("what did the union leader say about wages?").kind == "quotes"  # a person, not an outlet


def test_a_digest_or_timeline_of_what_the_articles_never_mention_is_refused(assistant):
    for question in ("timeline of the nuclear talks", "sum up the coverage of the protests in mombasa",
                     "tl;dr on the ferry collision"):
        reply = assistant.ask(question)
        assert not reply.answered and "never mention" in reply.text, question
    assert assistant.ask("summarize the strike stuff").answered  # a filler word names no topic
    assert assistant.ask("timeline of the strike so far").answered
    for question in ("sum up the union's reaction", "timeline of the strike's handling", "the union's role, in short?"):
        assert "never mention" not in assistant.ask(question).text, question  # words for an act or a part


def test_a_timeline_of_a_period_is_what_happened_then(assistant):
    assert recognise("timeline of events in 2019").kind == "date"
    assert recognise("timeline since april").kind == "date"
    assert not assistant.ask("timeline of events in 2019").answered
    assert assistant.ask("chronology of may 2023").answered


def test_a_person_never_described_so_is_not_quoted_as_someone_else(assistant):
    refused = assistant.ask("what did the kremlin spokesman say")
    assert refused.kind == "quotes" and not refused.answered
    asked = recognise("did otieno say anything about wages?")
    assert (asked.kind, asked.speaker, asked.topic) == ("quotes", "otieno", "wages")
    assert "Peter Otieno" in assistant.ask("did otieno say anything?").intro


def test_a_byline_or_dateline_asked_of_a_place_is_of_the_articles_filed_there(tmp_path, fake_model):
    filed_twice = {"harbour.md": HARBOUR_TIMES, "coast.md": COAST_DAILY.replace(
        "Port strike strands forty ships\n\nAbout", "Port strike strands forty ships\n\nNAIROBI: About"),
        "lines.txt": "Nairobi's traders count the cost\n\nBy Jane Mwangi in Nairobi\n\nTraders said the strike hurt them.\n"}
    assistant = assistant_over(tmp_path, filed_twice, fake_model)
    nowhere = assistant.ask("which of these was filed from accra?")
    assert not nowhere.answered and "No article here was filed from Accra" in nowhere.text
    assert not assistant.ask("who is the harbour times' nairobi correspondent?").answered
    there = assistant.ask("which articles were filed from nairobi?")  # the byline's place, not "Nairobi's traders"
    assert there.answered and sorted(c.quote for c in there.citations) == [
        "By Jane Mwangi in Nairobi",
        "NAIROBI: About forty ships were left waiting outside Mombasa port after dock workers went on strike on Friday."]
    in_country = assistant.ask("which story was filed from kenya?")  # Nairobi is Kenya's capital
    assert sorted(c.article_id for c in in_country.citations) == ["coast", "lines"]


def test_initials_of_a_body_the_articles_write_out_are_no_outlet(tmp_path, fake_model):
    with_body = HARBOUR_TIMES.replace("Last month, the port authority", "Last month, the Kenya Ports Authority")
    assistant = assistant_over(tmp_path, {"harbour.md": with_body, "coast.md": COAST_DAILY}, fake_model)
    reply = assistant.ask("according to the KPA, what was cut last month?")
    assert "There is no article from" not in reply.text and "overtime pay" in reply.text
    assert "There is no article from the BBC" in assistant.ask("according to the BBC, what was cut last month?").text


def test_corroboration_shows_what_an_article_reports_not_a_sentence_pointing_back_at_it():
    text = ("Ferry crews at Lagos went on strike on Monday. The union says the ferry board cut night pay. "
            "The board has denied the claim.")
    article = Article("t", "Ferry strike", text, outlet="Lagos Tribune")
    passage = Passage(text, "t", "Ferry strike", "Lagos Tribune", None, 0, len(text), 1.0)
    denial, claim = text.index("The board"), text.index("The union")

    def answer_in(claim_asked, ids):  # the answerer ranks the denial first: it says "the claim"
        citations = [Citation(1, passage, text[denial:], denial, len(text)),
                     Citation(2, passage, text[claim:denial - 1], claim, denial - 1)]
        return Reply(text="…", citations=citations, answered=True, question=claim_asked, passages=[passage],
                     statements=[Statement(text[denial:], (1,)), Statement(text[claim:denial - 1], (2,))], support=1.0)

    reply = corroboration("who reports the night pay claim?", "the night pay claim", Coverage.of([article], []), answer_in)
    assert [s.text for s in reply.statements] == ["The union says the ferry board cut night pay."]


def test_quotes_about_a_topic_are_those_on_it(assistant):
    assert recognise("any quotes about the pay?").topic == "the pay"
    reply = assistant.ask("any quotes about going back?")
    assert reply.kind == "quotes" and "will not go back" in reply.text and "cannot run without us" not in reply.text



def test_a_relative_date_asked_finds_the_same_words_in_an_undated_article(undated):
    reply = undated.ask("what happened last month?")
    assert reply.kind == "date" and reply.answered and "cannot be placed on a calendar" in reply.intro
    assert [s.text[:10] for s in reply.statements] == ["Last month"] and quoted_exactly(undated, reply)
    assert not undated.ask("what happened last week?").answered


def test_a_relative_date_no_dated_article_matches_is_answered_from_the_undated_one(assistant):
    reply = assistant.ask("what happens next year?")  # 2024 for the dated articles: only the undated one says it
    assert reply.answered and reply.intro.startswith("Nothing is dated 2024;")
    assert [c.article_id for c in reply.citations] == ["lines"]


@pytest.mark.parametrize("question", ["who wrote the mombasa post story?", "what does the lamu gazette say about the strike?"])
def test_a_newspaper_named_in_lower_case_that_the_corpus_lacks_gets_the_list_of_outlets(assistant, question):
    reply = assistant.ask(question)
    assert not reply.answered and "There is no article from" in reply.text and "The Harbour Times" in reply.text


def test_two_fields_asked_at_once_are_both_answered(assistant):
    reply = assistant.ask("byline and date of the harbour times story?")
    assert reply.kind == "metadata" and reply.answered and len(reply.parts) == 2
    assert "Grace Wanjiru" in reply.parts[0].text and "2023-05-13" in reply.parts[1].text
    assert quoted_exactly(assistant, reply)
