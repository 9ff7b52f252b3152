"""What kind of question this is: a fact, or a question about the coverage itself.

People reading coverage of a story ask about the coverage: "tl;dr", "what does the FT say
about the sanctions?", "byline of the FT story?", "what happened on Friday?", "timeline",
"who is quoted?", "which outlets report the drone claims?". Each kind is answered by its own
module, every statement still a sentence of an article (or a field of its metadata, quoted
where the article prints it) with its citation:

=================  ==================================================  =====================
kind               asked as                                            answered by
=================  ==================================================  =====================
``overview``       gist, summary, summarize, main points, tl;dr         `qa.overview`
``timeline``       timeline, sequence of events, in order               `qa.timeline`
``date``           what happened on/in/since <a date>; its timeline      `qa.timeline`
``quotes``         who is quoted (on Y), what did X say (about Y)       `qa.quotes`
``people``         which officials/people are named                     `qa.quotes`
``corroboration``  which outlets report X, how do the reports differ    `qa.corroboration`
``metadata``       byline, who wrote, where filed, which outlets         `qa.outlets`
``answer``         anything else: a fact (`qa.extractive`)               `qa.extractive`
=================  ==================================================  =====================

A question of any kind may name an outlet ("according to the FT", "in the FT story"): its
answer then comes from that outlet's articles only; an outlet the corpus does not have gets a
reply listing the outlets it has.

>>> recognise("tl;dr").kind, recognise("put the events in order").kind, recognise("who is quoted?").kind
('overview', 'timeline', 'quotes')
>>> r = recognise("according to the BBC, who was sanctioned?")
>>> r.kind, r.outlet_asked
('answer', 'the BBC')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from wordfreq import zipf_frequency

from index.dates import question_dates, without_dates
from index.text import content_terms
from qa.coverage import MASTHEAD
from qa.followup import CONTEXT
from qa.outlets import ARTICLE_DATE_ASKED, BYLINE_ASKED, CONTRIBUTORS_ASKED

KINDS = ("answer", "overview", "timeline", "date", "quotes", "people", "corroboration", "metadata")

_OVERVIEW = re.compile(
    r"\b(gist|summar(y|ise|ize|ised|ized)|main points?|key points?|tl;?\s?dr|overview|in a nutshell|recap|brief me"
    r"|sum (it |this |that )?up|(main |key )?takeaways?|rundown|run-down|catch me up|bottom line|short version"
    r"|what'?s? (is )?(this|the story|it|this story|the news|the coverage|these (articles|reports)"
    r"|the( [\w.&'’-]+){1,3} (story|article|piece|report)) (all )?(about|abt)"
    r"|what is going on|what'?s going on|what happened\s*\??$|the story so far|big picture|highlights"
    r"|how (does|did) .+ (cover|report on|describe|frame))\b", re.I)
_TIMELINE = re.compile(r"\b(timeline|chronolog\w*|sequence of events|order of events|in (chronological |date )?order"
                       r"|what happened when|when did (each|everything)|dates? of (each|the) events?)\b", re.I)
_HAPPENED = re.compile(r"\b(what|which events?|anything)\b.*"
                       r"\b(happened|happens?|happening|took place|occurred|was reported|events?)\b"
                       r"|^(?:any(?:thing)?|something|news)\s+(?:from|on|dated|for|since)\b"
                       r"|\bevents\b|\bwhat (did|does|do) .+ do\b|\bwhat went on\b", re.I)
_ROLE_ASKED = re.compile(r"^(?:what(?:'?s| is| was)\s+)?(?:the\s+)?(?P<who>(?!(?:the|his|her|their|its|what|whats|who)\b)[\w-]+"
                         r"(?:\s+[\w-]+)?)(?:['’]s|(?<!\bjob)(?<!\btitle)(?<!\brole)(?<!\bposition)(?<!\bpost))\s+"
                         r"(?:job(?: title)?|title|role|position|post)\s*\??$", re.I)
"""A question for a person's role: "otieno's job title?", "what is odhiambo's role", "what is
otieno job title" (the possessive dropped in typing)."""
_NOT_TOPIC = re.compile(r"\b(what|which|anything|events?|happen\w*|took place|occurred|was reported|went on|did|does|do"
                        r"|on|in|at|since|during|around|the|that|this|day|date)\b|[?.,!]", re.I)
"""Words of a date question that are neither its date nor what it is about."""
_ON = r"(?:\s+(?:about|abt|on|of|re|regarding|concerning|over|at|during|in)\s+(?P<{}>.+?))?\s*\??$"
_SHIFTED = re.compile(r"\b(before|after|earlier|later|previous|prior|next|following)\b", re.I)
"""A date asked relative to the one before ("the day before that"), which is not that date."""
_QUOTES = re.compile(r"\bwho('?s| is| are| was| were| gets?)? (quoted|cited)\b(?:\s+(?:about|on|re|over)\s+(?P<t4>.+?)\s*\??$)?"
                     r"|\bquotes? (?:from|by|of) (?P<who5>.+?)" + _ON.format("t5")
                     + r"|\b(?:quotes?|quotations?)\s+(?:about|abt|on|re|regarding|concerning|over)\s+(?P<t0>.+?)\s*\??$"
                     r"|\bquotes?\b|\bquotations?\b"
                     r"|\bwho (said|says) what\b|\bwhat did (?P<who>.+?) (say|tell|warn)" + _ON.format("t1")
                     + r"|^(?:any\s+)?(?P<who3>(?!any\b|some\b|the\b|all\b|key\b|main\b|best\b|direct\b|give\b|show\b|list\b)"
                     r"[\w’'-]+(?:\s+[\w’'-]+)?)(?:['’]s)?\s+quotes?\b(?:\s+(?:about|abt|on|re|over)\s+(?P<t3>.+?)\s*\??$)?"
                     r"|\bwhat (has|have) (?P<who2>.+?) said" + _ON.format("t2")
                     + r"|^(?:did|does|has|have) (?P<who8>.+?) (?:say|said|says) anything\b"
                     r"(?:\s+(?:about|abt|on|re|regarding|concerning)\s+(?P<t8>[^?]+))?"
                     + r"|^(?!(?:who|what|which|when|where|why|how|is|are|was|were|do|does|did|has|have|any|the)\b)"
                     r"(?P<who6>[A-Za-z][\w’'.-]+(?:\s+[A-Za-z][\w’'.-]+)?)\s+on\s+(?P<t6>.+?)\s*\??$"
                     r"|^who\s+(?:said|says|made)\s+(?:the\s+)?(?:line|quote|remark|comment|words|statement|claim)s?\s+"
                     r"(?:about|that|on|saying)\s+(?P<t7>.+?)\s*\??$"
                     r"|^who\s+(?:said|says|told \w+|warned|claimed|stated)\s+(?:that\s+)?"
                     r"(?P<t9>(?!(?:what|so|it|this|that|these|those)\s*\??$)(?!what\b).+?)\s*\??$", re.I)
"""Questions for quotations: who is quoted (on a topic), what one person said (about a topic:
"what did Otieno say about the wages?", "eze on the fines?", "did eze say anything?"), who said a line
("who said the strike would spread?")."""
_SPEAKER_GROUPS = tuple(g for g in _QUOTES.groupindex if g.startswith("who"))
_TOPIC_GROUPS = tuple(g for g in _QUOTES.groupindex if re.fullmatch(r"t\d", g))
"""The groups of `_QUOTES` holding who is asked about and the topic (one of each per form)."""
_PEOPLE = re.compile(r"\b(which|what|who are the) ([\w’'-]+ ){0,3}?(officials|people|persons|names|politicians|diplomats)\b"
                     r".*\b(named|mentioned|quoted|appear|cited|involved)\b|\bwho('?s| is| are) (named|mentioned)\b"
                     r"|\bname(s)? (of )?(the )?(officials|people)\b"
                     r"|\b(list|name) (every|all|the) (\w+ )?(officials?|people|persons|politicians|diplomats)\b", re.I)
_PEOPLE_OF = re.compile(r"\b(?:which|what|who are the|list (?:every|all|the)|name (?:every|all|the))\s+(?P<of>.+?)\s+"
                        r"(?:officials?|people|persons|politicians|diplomats)\b", re.I)
_REPORTING = (r"report|reports|reported|carry|carries|carried|say|says|mention|mentions|mentioned|cover|covers|covered"
              r"|confirm|confirms|confirmed|bring up|brings up|brought up|talk about|talks about|discuss|discusses"
              r"|discussed|note|notes|noted|touch on|touches on|refer to|refers to|cite|cites|include|includes")
"""The verbs of an article telling something: "which stories bring up the fines?"."""
_CORROBORATION = re.compile(
    r"\b(which|what|how many)( of)?( the| these| those)? (outlets?|sources?|papers?|publications?|articles?|reports?"
    r"|news ?outlets?|stories|pieces)\b"
    rf".*\b({_REPORTING})\b"
    r"|^who (else )?(reports?|reported|carr(y|ies|ied)|covers?|covered|brings? up|brought up)\b"
    rf"|^(do|does|did) (all|both|each|every one) (of )?(the |these |them )?(\w+ )?({_REPORTING})\b"
    r"|\bmore than one (outlet|source|article|report|paper)\b|\b(multiple|several|other) (outlets|sources|reports)\b"
    r"|\bhow do (the )?(reports|outlets|articles|sources|papers|stories) (differ|compare|disagree|agree)\b"
    r"|\b(reports|outlets|articles|sources|papers|stories) (differ|disagree|agree)\b|^compare\b"
    r"|\b(in|by|across) (all|both|each|every one of) (the |these |those )?(reports|outlets|articles|sources|papers|stories)\b"
    r"|\b(differ|disagree|agree|compare)\b.*\b(reports|outlets|articles|sources)\b"
    r"|\bwhat does each (outlet|article|source|report|paper)\b|\beach (outlet|source|article|report)\b"
    r"|\b(corroborat\w*|confirmed by|reported by (more|both|all|other))\b", re.I)
_METADATA = re.compile(
    rf"\b({BYLINE_ASKED}|filed|datelines?|publish\w*|headlines?"
    r"|pub date|(?:which|what) (?:section|category)|filed under"
    r"|publication date|when was (the |this )?\w* ?(story|article|piece|report) (written|published|out)"
    r"|(?:which|what) (?:news |media )?(?:outlets?|sources|papers?|newspapers?|publications?|publishers?|orgs"
    r"|organi[sz]ations)"
    r"|list (the )?(outlets|sources|articles)|what (articles|stories) (are|do you have)|how many articles"
    rf"|{ARTICLE_DATE_ASKED}|dates? (?:of|on) (?:the|this|that|each|all) (?:\w+ ){{0,3}}"
    r"(?:articles?|story|stories|pieces?|reports?))\b"
    rf"|{CONTRIBUTORS_ASKED.pattern}", re.I)
_OUTLET_ASKED = re.compile(
    r"\baccording to (?P<a>(the )?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})"
    r"|\bwhat (does|did) (?P<b>(the )?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}) (say|report|write)"
    r"|\bhow (does|did) (?P<c>(the )?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}) (cover|report|describe)"
    r"|\b(in|from) (?P<d>(the )?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})(?:'s)? (story|article|report|piece|coverage)"
    r"|\b(?P<e>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})(?:'s|’s) (story|article|report|piece|coverage|byline)\b")
_NAME = r"(?:the\s+)?[a-z][\w&.'’-]*(?:\s+[a-z][\w&.'’-]*){0,2}?"
_OUTLET_TYPED = re.compile(
    rf"\baccording to (?P<a>{_NAME})(?=\s*(?:[,?]|$|\s(?:what|who|whom|when|where|why|how|which|is|are|was|were|did|does|do)\b))"
    rf"|\bwhat(?:'?s| is| are) (?P<b>{_NAME}) (?:saying|reporting|writing)\b"
    rf"|\bhow (?:is|are|does|did) (?P<c>{_NAME}) (?:cover|covering|report|reporting)\b"
    rf"|\b(?:in|from) (?P<d>{_NAME})(?:'s|’s) (?:story|article|report|piece|coverage)\b"
    rf"|^(?P<e>{_NAME})(?:'s|’s) (?:story|article|report|piece|coverage|byline)\b"
    rf"|^(?:does|did|do|has|have) (?P<f>{_NAME}) (?:corroborate|confirm|report|carry|cover|mention)s?\b"
    r"|\bthe (?P<g>[a-z]{2,12}) (?:story|article|report|piece|coverage)\b"
    rf"|\bwhat (?:does|did|do) (?P<h>{_NAME}) (?:report|write)s?\b"
    r"|\bwhat (?:does|did|do) (?P<i>the [a-z]{2,12}) (?:say|said)\b"
    rf"|\b(?P<j>the (?:[a-z]+\s+){{0,2}}(?:{'|'.join(MASTHEAD)}))(?:'s|’s)?\s+(?:story|article|report|piece|coverage|say|said"
    r"|says|report|reported|byline)\b", re.I)
"""An outlet typed in lower case ("according to the nairobi herald, …", "how is sky news covering …"):
only where the words around it say it is a source, since a lower-case name could be anything; a
word before "article" or "say" ("the bbc article", "the reuters piece", "what did the bbc say")
unless a common English word ("the big story", "the latest piece"), or a newspaper's name before
it ("the lagos post story", "what does the new york times say": `qa.coverage.MASTHEAD`)."""
_OUTLET_ON = re.compile(r"^(?P<outlet>[a-z]{2,5})(?:'s|’s)? (?:(?:coverage|reporting) (?:of|on)|on) (?P<topic>.+?)\s*\??$", re.I)
"""An outlet's initials and what it reports on, chat-style ("nyt on the strike", "bbc coverage of
the fares"): a digest of its statements on the topic. Initials are written in capitals or have no
vowel ("cnn", "wsj"): "fares on the lagoon?" asks about fares."""
_OUTLET_FIRST = re.compile(r"^(?P<outlet>[a-z]{2,5}|(?:the )?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s*(?::|\s[-–—])\s+",
                           re.I)
"""An outlet opening a question chat-style: "ht: who led the strike?", "HT - anything on fares?"."""
_CHAT = frozenset(("pls", "plz", "btw", "imo", "imho", "fyi", "tbh", "idk", "nb", "ps", "thx", "ty", "np", "wtf", "lol", "omg",
                   "ok"))
"""Chat words that open a question as initials do ("pls: who led it"), naming no outlet."""
_COMMON_WORD = 5.0
"""Zipf frequency (wordfreq) from which a short word before "article" is English, not an outlet's initials."""
_COMMON_NAME = 4.5
"""The same for a longer word: "the latest article" is English, "the reuters piece" an outlet (3.9)."""
_THE_STORY = {"this", "it", "the story", "this story", "the news", "these events", "that"}
"""What "which outlets covered this?" asks about: the corpus itself, not a claim."""
_TOPIC = re.compile(r"\b(?:about|on|of|regarding|re|concerning|covering|for)\s+(?P<topic>.+?)\s*\??$", re.I)


@dataclass(frozen=True)
class Request:
    """A question as the assistant will answer it."""

    kind: str
    """One of `KINDS`."""
    question: str
    topic: str = ""
    """What the question is about, when it narrows a kind ("summarize what the UK said")."""
    outlet_asked: str | None = None
    """An outlet the question names (as typed), whether or not the corpus has it."""
    asked: str = ""
    """The question without the words that name the outlet ("according to the FT, who …" → "who …")."""
    speaker: str = ""
    """For quotes: who ("what did Kirby say" → "Kirby")."""
    one_speaker: bool = False
    """For quotes: the question asks who said one thing ("who said the strike would spread?"), which
    the speaker of the quotation most about it answers, not everyone quoted on it."""


def recognise(question: str, speaks: Callable[[str], bool] | None = None) -> Request:
    """The kind of ``question`` and what it names (see the module docstring).

    ``speaks`` says whether words a question asks the quotations of name someone who can be
    quoted (a person of the articles, or a description of one); a question about what anything
    else "said" ("what did the UK say?", "main takeaways on …") is then recognised as the other
    kinds are. Without it, any words can.
    """
    request = _recognise(" ".join(question.split()), speaks)
    asked = request.asked or request.question
    if request.outlet_asked:
        m = _OUTLET_ASKED.search(asked) or _OUTLET_TYPED.search(asked)
        if m and m.group(0).lower().startswith(("according to", "in ", "from ")):
            asked = (asked[:m.start()] + asked[m.end():]).strip(" ,;:")
        elif (lead := _OUTLET_FIRST.match(asked)) and lead["outlet"] == request.outlet_asked:
            asked = asked[lead.end():]
    return replace(request, asked=asked or request.question)


def _recognise(text: str, speaks: Callable[[str], bool] | None) -> Request:
    outlet = _outlet_asked(text)
    if role := _ROLE_ASKED.search(text):  # "otieno's job title?" is "who is otieno?"
        return Request("answer", text, outlet_asked=outlet, asked=f"who is {role['who']}?")
    topic_match = _TOPIC.search(text)
    topic = topic_match["topic"] if topic_match else ""
    claim = _corroborated_topic(text) if _CORROBORATION.search(text) else ""
    if claim and claim.lower().strip(" ?.") not in _THE_STORY:
        return Request("corroboration", text, claim, outlet)
    if _METADATA.search(text):
        return Request("metadata", text, topic, outlet)
    timeline_asked = bool(_TIMELINE.search(text))
    dates = question_dates(text, None)
    if timeline_asked and not dates:  # "timeline of 2021" asks what happened in 2021
        return Request("timeline", text, topic, outlet)
    if _PEOPLE.search(text):
        who = _PEOPLE_OF.search(text)  # "which north korean officials are quoted?": of North Korea
        return Request("people", text, who["of"] if who else "", outlet)
    quotes = _QUOTES.search(text)
    speaker = next((quotes[g] for g in _SPEAKER_GROUPS if quotes[g]), "") if quotes else ""
    speaker = re.sub(r"\s+(?:himself|herself|themselves)$", "", speaker.strip())  # "what did otieno himself say"
    if quotes and (not speaker or speaks is None or speaks(speaker)):
        on = CONTEXT.sub("", next((quotes[g] for g in _TOPIC_GROUPS if quotes[g]), ""))
        on = on.strip() if content_terms(on) else ""  # "what did he say about it?": about what was asked before
        return Request("quotes", text, on, outlet, speaker=speaker, one_speaker=bool(quotes["t7"] or quotes["t9"]))
    if (on := _outlet_on(text)) and not (speaks and speaks(on[0])):  # "kirby on the drones" is a quote question
        return Request("overview", text, on[1], outlet)
    if _OVERVIEW.search(text):
        summary_topic = re.sub(r"^.*?\b(summar\w*|gist|main points|key points|overview|tl;?\s?dr|cover|report on"
                               r"|sum (?:it |this |that )?up|takeaways?|rundown|run-down|angle|recap|highlights|short version"
                               r"|bottom line|big picture|in a nutshell|brief me|catch me up"
                               r"|describe|frame)\b\s*(of|on|about)?\s*", "", text, flags=re.I).strip(" ?.")
        return Request("overview", text, summary_topic if summary_topic != text.strip(" ?.") else "", outlet)
    if (_HAPPENED.search(text) or timeline_asked) and dates:
        own = CONTEXT.sub("", text)
        if not question_dates(own, None) and _SHIFTED.search(own):  # "and the day before that?": not the day before
            return Request("date", text, "", outlet, asked=own)
        rest = _NOT_TOPIC.sub(" ", _TIMELINE.sub(" ", without_dates(text, dates)))
        return Request("date", text, " ".join(rest.split()).strip(" ?.,"), outlet)
    return Request("answer", text, topic, outlet)


def _outlet_on(text: str) -> tuple[str, str] | None:
    """The outlet and topic of "nyt on the strike" (`_OUTLET_ON`), when the first word is initials."""
    m = _OUTLET_ON.match(text)
    return (m["outlet"], m["topic"]) if m and _initials(m["outlet"]) else None


def _english(word: str) -> bool:
    """Whether ``word`` before "article" or "say" is an English word, not an outlet's name."""
    return zipf_frequency(word, "en") >= (_COMMON_WORD if len(word) <= 5 else _COMMON_NAME)


def _initials(word: str) -> bool:
    """Whether ``word`` can be an outlet's initials: written in capitals or without a vowel ("cnn",
    "wsj"), and not a digest's word ("tldr")."""
    return (word.isupper() or not re.search(r"[aeiouy]", word, re.I)) and not _OVERVIEW.search(word)


def source_topic(text: str) -> tuple[str, str] | None:
    """Who ``text`` asks for what they report about what: "what does the HT say about the
    strike?" → ("the HT", "the strike"); when the source is an outlet, a digest of its statements
    on the topic answers it. None for any other form.

    >>> source_topic("what does the ht say about the strike?"), source_topic("who wrote the ht story?")
    (('the ht', 'the strike'), None)
    """
    m = re.match(r"\s*what(?:['’]?s\s+|\s+(?:does|did|do|has|have|is)\s+)(?P<source>.+?)"
                 r" (?:say|said|report|reported|write|wrote)s?\s+(?:about|on|regarding|re|of)\s+(?P<topic>.+?)\s*\??\s*$",
                 text, re.I)
    return (m["source"], m["topic"]) if m and content_terms(m["topic"]) else None


def _outlet_asked(text: str) -> str | None:
    m = _OUTLET_ASKED.search(text) or _OUTLET_TYPED.search(text)
    if not m:
        on = _outlet_on(text)
        lead = _OUTLET_FIRST.match(text)
        if on is None and lead and lead["outlet"].lower() not in _CHAT \
                and (_initials(lead["outlet"]) or lead["outlet"][:1].isupper()):
            return lead["outlet"]
        return on[0] if on else None
    name = next(g for g in (m[n] for n in "abcdefghij" if n in m.re.groupindex) if g)
    if m.re is _OUTLET_TYPED and (word := m["g"] or m["i"]) and _english(word.removeprefix("the ")):
        return None  # "the big story", "the latest article", "what did the west say"
    return name.strip()


_CLAIM_WRAPPING = re.compile(r"^\s*(?:is|are|was|were|does|do|did|has|have)\b"
                             r"|^\s*how (?:they|the \w+) (?:describe|cover|report|portray|present)s?\b"
                             r"|\b(?:claims?|lines?|quotes?|reports?|story|allegations?|bit|stuff)\b(?=\s*(?:in|by)?\s*$)"
                             r"|\b(?:in|by|on)\s*$", re.I)
"""Words around a claim that ask about its reporting: "is <the forty ships> claim in …"."""


def _corroborated_topic(text: str) -> str:
    """The claim whose reporting is asked about ("which outlets report the drone claims" → "the drone claims")."""
    m = re.search(rf"(?<!\bthe )\b(?:{_REPORTING}|differ|disagree|agree)\b\s*(?:on|about|over|that|the claim that)?"
                  r"\s*(?P<topic>.+?)\s*\??$", text, re.I)
    if m and any(c.isalnum() for c in m["topic"]):
        return m["topic"]
    rest = _CORROBORATION.sub(" ", text)  # "is the ships claim in more than one report?" → "the ships"
    for _ in range(2):  # "… claim in": "in", then "claim"
        rest = _CLAIM_WRAPPING.sub(" ", rest.strip(" ?."))
    rest = re.sub(r"(?:(?<=\s)|^)[‘'\"“]|[’'\"”](?=\s|$)", "", rest.strip())  # "the 'forty ships' line": the words
    return " ".join(rest.split()).strip(" ?.") if any(c.isalnum() for c in rest) else text
