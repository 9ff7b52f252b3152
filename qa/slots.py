"""What a question asks for (its slot), and whether a sentence fills it.

Relevance is not an answer: "In which Iranian city were the drones built?" is close in
meaning and words to "Iran has sent drones to Russia", which names no city. So a question's
*slot* is worked out from its form, and a sentence can only answer it when it holds a
*filler* of that slot:

============  =========================================================  =================================
slot          asked as                                                   filled by
============  =========================================================  =================================
``person``    who, whom, whose name, "name?", which official/spokesman,   a person's name, or a role word
              who heads/leads/runs X
``agent``     who + a verb ("who called…", "who was sanctioned"), which     a person's, an organisation's or a
              entity; who … for/from/with/by ("who is it bought from")   country's name
``place``     where, which/what place/region/area/location               a capitalised place after in/at/from/near
``city``      which/what city/town/capital/base/site/factory/port,     a capitalised place that is not a country (nor
              "where in X"
                                                                         another country's capital)
``org``       which entity/organisation/company/unit/department…          an organisation's name (not a person's)
``country``   which/what country/nation/countries                        a country's name, demonym or capital
``time``      when, what date/day/year/month/time, "date?"             a date, day, month, year or relative time (of
                                                                         the unit asked: "which month" needs a month)
``duration``  how long, for how many days/years                          a length of time ("nine-month", "for years")
``detail``    which model/version of X, X model, X number                  a code ("Su-35", "2231") or a name
                                                                         just before X, or a code just after
``count``     how many X, how old/far/big, number of X                   a number within a few words before X
``money``     how much (money), price, cost, worth, budget               an amount of money
``reason``    why, what for, for what reason, what is the reason         because/due to/in order to/to help…
``quote``     what did X say (about Y), quotes from X, X's view            a quotation or a reported statement,
              its speaker (X) named next to the reporting verb
``yesno``     is/are/does/did/will/can/has … ? (not "… X or Y?", a choice)  the sentence that decides it
``other``     anything else ("what is…")                                 any sentence
============  =========================================================  =================================

"Which <things>" asks for the things by name: a sentence that only says the words again ("the
ministers will meet like-minded countries") names none of them, so it answers only where a name
stands beside those words ("like-minded countries such as Peru", "Peru and other partners":
`names_members`).

The words that ask (question words, "name", "date", "city") are not what the question is
about: the remaining content words are its *focus* (see `qa.evidence`). A question asking
"what is the <attribute> of X" is only answered by a sentence that states the attribute
(`Slot.attribute`: "the depth of the terminal" is not answered by when it opens), and one asking
how someone acted ("how did the council vote on it") by a sentence stating that act.

>>> slot_of("jets arrival date?").kind, slot_of("whats the nsc guys name").kind
('time', 'person')
>>> slot_of("how long had the war gone on").kind, fills("duration", "the nine-month war"), fills("duration", "next year")
('duration', True, False)
>>> fills("count", "pilots trained on Su-35 fighter jets", ("fighter", "jet"))
False
>>> slot_of("which iranian company makes the drones").kind, fills("org", "Kirby said Iran made the drones.")
('org', False)
>>> slot_of("is iran sending drones?").kind, slot_of("will the cooperation grow or shrink?").kind
('yesno', 'other')
>>> slot_of("in which iranian city were the drones built?").kind
'city'
>>> fills("city", "Iran has sent drones to Russia."), fills("city", "The drones were built in Isfahan, officials said.")
(False, True)
>>> fills("city", "Iran sent drones to Moscow.", exclude=frozenset({"iranian"}))  # Moscow is no Iranian city
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.text import MONTHS, WEEKDAYS, content_terms, lemma, numbers, person_name, stem
from qa.wording import capitals, countries_in, country_names, demonyms

CONTEXT = re.compile(r"\s*\(after: .*\)$")
"""The previous question added to a follow-up as context (`qa.followup`)."""

SLOTS = ("person", "agent", "org", "place", "city", "country", "time", "duration", "detail", "count", "money", "reason",
         "quote", "yesno", "other")

_MODAL_MONTHS = ("may", "march")
"""Months that are English words in lower case ("Russia may be providing"): months only as names."""
_TIME_WORDS = "|".join(("today|yesterday|tomorrow|tonight|year|years|month|months|week|weeks|day|days|summer"
                        "|winter|spring|autumn|since|ago|earlier|later|soon|recently|previously|decade",
                        *WEEKDAYS, *(m for m in MONTHS if m not in _MODAL_MONTHS), r"(?-i:May|March)", r"\d{4}"))
_QUANTITY = (r"\d[\d,.]*\w*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty"
             r"|fifty|sixty|seventy|eighty|ninety|dozens?|hundreds?"
             r"|thousands?|millions?|billions?|several|many|few")
_NOT_AUXILIARY = r"(?!(did|does|do|is|are|was|were|has|have|had|will|would|can|could)\b)"
"""A word that is no auxiliary verb: "which kenyan official" describes a person, "what did the minister" asks what."""
_SAYS = r"\b(say|said|says|tell|told|warn|warned|comment|stated|claim|claimed|think|thinks)\b"
_SPEAKER = (
    re.compile(r"\b(?:did|does|do|has|have|had|will|would|is|was)\s+(?P<who>.+?)\s+" + _SAYS, re.I),
    re.compile(r"\b(?:according to|quotes? (?:from|by)|statements? (?:from|by))\s+(?P<who>[^?,]+)", re.I),
    re.compile(r"^(?:what is |whats )?(?P<who>[\w' ]+?)'?s? (?:take|view|position|stance|statement|comments?)\b", re.I),
)
"""Who a quote question asks about, first form found: "what did <the UK foreign office> say",
"according to <Kirby>", "<Kirby>'s take"."""
_ASKS = (
    ("yesno", re.compile(r"^(is|are|was|were|do|does|did|will|would|can|could|has|have|had|should|shall|may|might"
                         r"|isn'?t|aren'?t|wasn'?t|weren'?t|doesn'?t|didn'?t|won'?t|hasn'?t|haven'?t)\b"
                         r"(?!.*\b\w+ or (?!not\b|no\b)\w+)", re.I)),
    ("detail", re.compile(r"\b(which|what) (\w+ )?(models?|versions?|variants?|makes?|brands?|designations?)\b"
                          r"|\b\w+ (models?|versions?|variants?|designations?)\b|\b(?<!the )\w+ number\b(?! of)", re.I)),
    ("money", re.compile(r"\b(price|cost|costs|costing|worth|spend|spent|paid|pay|budget|how much (money|cash|aid"
                         r"|funding|financing|assistance))\b|^how much\b(?!.*\b(time|longer)\b)", re.I)),
    ("count", re.compile(r"\bhow (many|much|old|far|big|large)\b|\b(number|count|total|tally|toll) of\b"
                         r"|\b(age|ages)\s*\??\s*$|\b\w+ (count|tally|toll|total)\b", re.I)),
    ("duration", re.compile(r"\bhow long\b(?! ago)|\bfor how (long|many (days|weeks|months|years))\b", re.I)),
    ("time", re.compile(r"\bwhen\b|\bhow (soon|long ago)\b"
                        r"|\b(what|which) ((exact|precise|specific) )?(date|day|year|month|time|week)\b"
                        r"|\b(date|dates|timing|timeline|deadline|day|year|month)\s*\??\s*$|\bby when\b", re.I)),
    ("org", re.compile(r"\b(which|what|name of the|names of the) (\w+ ){0,2}(entities|entity|organi[sz]ations?|groups?"
                       r"|units?|companies|company|body|bodies|agencies|agency|institutions?|forces?|centres?|centers?|councils?"
                       r"|commands?|ministry|ministries|departments?|offices?|firms?|outfits?|manufacturers?|makers?)\b", re.I)),
    ("city", re.compile(r"\b(which|what|name the|name of the) (\w+ ){0,2}(city|town|capital|cities|towns|air ?base|base"
                        r"|site|facility|factory|plant|port|airport|province)\b"
                        r"|\b(city|town)\s*\??\s*$|\bwhere in\b", re.I)),
    ("country", re.compile(r"\b(which|what) ([\w-]+ )?(country|countries|nation|nations)\b", re.I)),
    ("place", re.compile(r"\bwhere\b|\b(which|what) (\w+ )?(place|region|area|location|site|province|base)\b"
                         r"|\b(location|place)\s*\??\s*$", re.I)),
    ("reason", re.compile(r"\bwhy\b|\b(what|which) (is |was |are )?(the )?reasons?\b|\bfor what( reason)?\b"
                          r"|\bwhat for\b|\breasons?\s*\??\s*$|\bhow come\b", re.I)),
    ("quote", re.compile(rf"^(?!(who|whom|whose)\b)(?!(which|what)\s+({_NOT_AUXILIARY}[\w’'-]+\s+){{0,3}}"
                         r"(officials?|persons?|people|spokes\w+"
                         r"|ministers?|ambassadors?|envoys?|diplomats?|leaders?)\b)"  # "which official denied …": a person
                         rf"(.*(?<!the )(?<!that )(?<!this ){_SAYS}(\s+(about|on|of|regarding|re|in)\b|\s*[?.!]?\s*$)"
                         r"|.*\b(quote|quotes|quoted|statement|statements|comments|remarks)\b"
                         r"|\w+'?s? (take|view|position|stance)\b)", re.I)),
    ("person", re.compile(r"^who\s+(heads|leads|runs|chairs|directs|commands|founded|owns|manages)\b", re.I)),
    ("agent", re.compile(r"^(who|whom)\b.*\b(for|to|against|from|with|by)\s*\??\s*$"  # "who is it bad for?", "… buying from?"
                         r"|^who\s+(does|do|did|will|would|could|might)\s+.+\s+(hurt|harm|threaten|affect|help|benefit"
                         r"|target|hit|endanger|worry|concern)\b", re.I)),
    ("agent", re.compile(r"^(who|whom)\s+(was|were|is|are|has been|have been|got|gets|will be|would be|is getting"
                         r"|are getting|getting|being|is being|are being)\s+(\w+ )?(?P<participle>\w+(ed|en))\b"
                         r"|\bwho\s+(is|are|was|were)\s+\w+ing\b|^who\s+(?!is\b|was\b|are\b|were\b|'s\b|s\b)\w+"
                         r"|\bwho\s+(has|have|had|did|will|would|can|could)\b", re.I)),
    ("person", re.compile(r"^(who|whom)\b|\bwho('?s| is| was)\b|\bwhose\b|\bnames?\s*\??\s*$|\bname of\b"
                          r"|\b(his|her|their|guy'?s?|person'?s?|official'?s?|man'?s?|woman'?s?) names?\b"
                          rf"|\b(which|what) ({_NOT_AUXILIARY}[\w’'-]+ ){{0,2}}"
                          r"(official|officials|person|people|man|woman|spokes\w+|ambassador"
                          r"|envoy|minister|secretary|leader|presidents?|guy|diplomat)\b"
                          r"|^what(?:'?s| is| was)\b(?=.*\b(?:official|spokes\w+|ambassador|envoy|minister|secretary"
                          r"|leader|president|diplomat|chief|chairman|chairwoman)\b).*\b(?:called|named)\s*\??$", re.I)),
)
"""Slots by how questions ask for them, first match wins (so "how much aid" is money, not a count).
A time, duration, count, amount or place must stand in a clause with the question's focus
(`clauses`, `bound`)."""
_ASKING_WORDS = re.compile(
    r"\b((which|what) (exact )?(month|year|week)|exact|exactly"
    r"|who|whom|whose|what|which|when|where|why|how( (many|much|long|soon|come))?|name|named|date|dates|day"
    r"|city|cities|town|country|countries|place|location|reason|reasons|quote|quotes|number|count|total|timing"
    r"|guy|guys|dude|fella|bloke|get|gets|getting|got)\b|\bcalled(?=\s*\??\s*$)"
    r"|\bat (?:this|that|the) (?:point|stage|moment|time)(?: of (?:the|this|these|those) (?:stor(?:y|ies)|articles?|reports?"
    r"|pieces?|writing))?\b|\bso far\b|\bright now\b|\bas of now\b|\bthese days\b"
    r"|\b(?:according to|acc(?:ording)? to|per|in|from) (?:the|these|those|all the|all) (?:articles?|reports?|stories"
    r"|coverage|sources|texts)\b",
    re.I)
"""Words that say what kind of answer is wanted, not what it is about ("at that point", "at the
time of the story", "so far" say when the answer should hold, "according to the articles" where
it comes from)."""
_TIME_UNIT = re.compile(r"\b(?:which|what|exact|exactly which|on which|on what)\s+(?:exact\s+)?(day|date|month|year)\b", re.I)
_MONTH_NAMES = "|".join(m.capitalize() for m in MONTHS)
_UNIT_FILLERS = {
    "day": re.compile(rf"\b({'|'.join(d.capitalize() for d in WEEKDAYS)}|\d{{4}}-\d{{2}}-\d{{2}})\b"
                      r"|\b(?i:yesterday|today|tomorrow|tonight)\b"
                      rf"|\b\d{{1,2}}(st|nd|rd|th)?\s+(of\s+)?({_MONTH_NAMES})\b|\b({_MONTH_NAMES})\s+\d{{1,2}}\b"),
    "month": re.compile(rf"\b({_MONTH_NAMES})\b|\b(?i:(last|this|next) month)\b|\b\d{{4}}-\d{{2}}\b"),
    "year": re.compile(r"\b(1[89]|20)\d{2}\b|\b(?i:(last|this|next|the) year)\b"),
}
_UNIT_FILLERS["date"] = _UNIT_FILLERS["day"]
"""What fills a time asked for by its unit: a day (a date), a month, a year."""
_CLAUSE = re.compile(r"(?:,\s*|\s+)(?:while|whereas|but|although|though|and then)\s+|;\s*|\s+[—–]\s+"
                     r"|,\s*(?:adding|saying|noting|warning)\s+(?:that\s+)?|(?<!ed)\s+and\s+(?=[a-z]{3,}ed\s)", re.I)
"""Where a sentence's clauses part ("…, while the union was training pilots …", "…, adding that …",
"… to discuss the fares and fined two firms on Friday": a second thing done)."""
_BOUND_KINDS = frozenset(("time", "duration", "count", "money", "place", "city", "country"))
"""Slots whose filler must stand in a clause about the question's focus (`clauses`)."""
_COUNTED_WITHIN = 4
"""Words after a number within which the counted thing must come ("300 new container ships")."""
_BREAK = re.compile(r"[,;:]|and|or|but|which|that|who|while|whereas", re.I)
"""Where the phrase a number begins ends."""
_COUNTED = re.compile(r"\bhow many\s+(.*?)(?=\s+(?:will|would|did|does|do|are|were|was|is|has|have|had|can|could"
                      r"|should|may|might)\b|[?.,]|$)|\b(?:number|count|total) of\s+(.*?)(?=[?.,]|$)"
                      r"|\b(\w+) (?:count|tally|toll|total)\b", re.I)
_DETAIL_OF = (re.compile(r"\b(?:models?|versions?|variants?|makes?|brands?|designations?) of (?:the |an? )?(\w+)", re.I),
              re.compile(r"\b(?:which|what) (?:models?|versions?|variants?|makes?|brands?|designations?) (?!of\b)(\w+)", re.I),
              re.compile(r"\b(\w+) (?:models?|versions?|variants?|designations?|number)\b", re.I))
"""The thing whose detail is asked, first form found: "which model of <drone>", "what model
<helicopters>", "<helicopter> model"."""
_ATTRIBUTE = re.compile(r"^(?:what|whats|what'?s|what (?:is|was|are|were))\s+(?:the\s+|its\s+|their\s+)?(?:\w+\s+)?"
                        r"(?P<attribute>[a-z]+)\s+of\b", re.I)
"""An attribute asked of something: "what's the <range> of the jets", "what is the total <value> of the deals"."""
_MANNER = re.compile(r"^(?:(?:and|so|ok|okay|well|then|but),?\s+)?how (?:did|does|do|will|would|has|have|had) "
                     r"(?:the )?(?:[\w'-]+ ){1,3}?(?P<attribute>[a-z]+)"
                     r"(?= (?:to|on|at|with|about|in|over|against|for)\b|\s*\??$)", re.I)
"""How someone acted: "how did the council <vote> on it", "how did the union <respond> to the fines"."""
_ANY_ANSWER = frozenset(("size", "amount", "purpose", "aim", "goal", "point", "nature", "content", "contents", "gist",
                         "details", "detail", "substance", "extent", "scale", "outcome", "result", "meaning", "status",
                         "state", "role", "kind", "sort", "type", "rest", "story", "context", "background"))
"""Words that ask for anything said about the thing ("what is the purpose of the fee"), not an attribute
a sentence must name."""
_DETAIL_WITHIN = 3
"""Words before the thing within which its code stands ("the Su-35 fighter"); after it, only
the next word ("resolution 2231")."""
_CODE = re.compile(r"^(?=.*\d)[\w-]+$")
"""A model code or number: "Su-35", "S-400", "2231"."""
_ORG_KIND_WORDS = ("entity", "entities", "organisation", "organisations", "organization", "organizations", "group",
                   "groups", "unit", "units", "body", "bodies", "outfit", "outfits", "org", "orgs", "institution",
                   "institutions", "department", "departments", "ministry", "ministries", "agency", "agencies",
                   "office", "offices")
ORG_KINDS = "|".join(sorted(_ORG_KIND_WORDS, key=len, reverse=True))
"""Words for an organisation of any kind: "how many groups" counts what "three entities" does."""
_ORG_KIND_TERMS = frozenset(stem(w) for w in _ORG_KIND_WORDS)
_ROLES = (r"spokesm[ae]n|spokesperson|spokeswoman|minister|secretary|ambassador|envoy|president|official|diplomat"
          r"|general|commander|leader")
"""Words for a person by their post."""
_FILLERS = {
    "money": re.compile(r"[$£€¥]\s?\d|\b\d[\d,.]*\s?(mn|bn|m|million|billion|trillion|dollars?|euros?|pounds?"
                        r"|rubles?|roubles?|rials?)\b", re.I),
    "time": re.compile(rf"\b({_TIME_WORDS})\b", re.I),
    "duration": re.compile(rf"\b({_QUANTITY})[- ](days?|weeks?|months?|years?|decades?|hours?)\b|\bsince\b"
                           r"|\bfor (the )?(past |last )?(\w+ )?(days|weeks|months|years|decades)\b", re.I),
    "reason": re.compile(r"\b(because|due to|in order to|so that|so as to|in response to|in a bid to|aimed at"
                         r"|as part of|in exchange for|in return for|to help|to support|to boost|to strengthen"
                         r"|to disrupt|to hit|to attack|to counter|to punish|for (its|their|the) (war|invasion)"
                         r"|reason|since|after|amid|over (its|their|the)"
                         r"|(?:called|convened|held|summoned|requested|organi[sz]ed)(?: by [\w’' -]{2,30}?)? to [a-z]+)\b", re.I),
    "quote": re.compile(r"[“”\"]|(?<![\w’'])‘|\b(said|says|say|told|tells|warned|added|stated|according to"
                        r"|noted|wrote|insisted|claimed|accused|denied|described|called)\b", re.I),
    "person": re.compile(rf"\b(he|she|{_ROLES})\b", re.I),
}
_ROLE = _FILLERS["person"]
_ROLE_ASKED = re.compile(rf"\b({_ROLES}|advis[eo]r)(?:s|['’]s)?\b", re.I)
_ORGANISATION = re.compile(
    r"\b[A-Z][\w’'-]*(?:\s+(?:of|for|and|the|on)?\s*[A-Z][\w’'-]*)*\s+(?:Forces|Force|Council|Centre|Center"
    r"|Command|Ministry|Department|Agency|Office|Corps|Guard|Committee|Company|Corporation|Group|Organi[sz]ation"
    r"|Union|Nations|Aviation|Army|Navy|Bank|Institute|Administration|Service|Services|Authority)\b"
    r"|\b[a-z]+,?\s+(?:and\s+)?[a-z]+\s+(?:office|ministry|department|agency|authority|commission|council)\b"
    r"|\b[A-Z]{3,}\b")
_PLACE = re.compile(r"\b(?:in|at|from|near|to|outside|inside|(?:city|town|village|port|capital|region|province)"
                    r"\s+of)\s+(?:the\s+)?([A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)*)")
_TO = re.compile(r"(?<!according )(?<!acc )(?<!due )(?<!thanks )(?<!next )(?<!close )(?<!prior )"
                 r"\b(?:to|into)\s+(?:the\s+)?([A-Za-z][\w’'-]+(?:\s(?-i:[A-Z])[\w’'-]+)?)", re.I)
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?([A-Za-z][\w’'-]+(?:\s(?-i:[A-Z])[\w’'-]+)?)", re.I)
"""A place something goes to or comes from (not "according to the UK")."""
_BENEFICIARY = re.compile(r"\b([A-Za-z][\w’'-]+)['’]s\s+(?:[a-z]+\s+){0,3}?(?:backers?|supporters?|suppliers?"
                          r"|allies|ally|sponsors?|patrons?|benefactors?)\b", re.I)
"""A country whose backer, supplier or ally something is ("Kenya's top fuel supplier"): what that
one gives goes to the country."""
_SUPPLIED = re.compile(r"\b(?:provid|suppl|equip|arm|furnish)\w*\s+(?:the\s+)?([A-Za-z][\w’'-]+)\s+with\b", re.I)
"""A country supplied with something ("providing Kenya with fuel"): it goes to that country."""
_GIVEN = re.compile(r"\b(?:giv|gave|send|sent|sell|sold|offer|hand|lend|lent|promis|pay|paid|ship)\w*\s+(?:the\s+)?"
                    r"([A-Za-z][\w-]+)\b(?!['’])", re.I)
"""A country given something ("is Peru selling Kenya ferries?"): it goes to that country."""
_NOT_PLACE = re.compile(r"\b(Forces|Force|Council|Centre|Center|Command|Ministry|Department|Agency|Office|Corps"
                        r"|Committee|Company|Group|Union|Nations|Aviation|Army|Navy|Administration|House"
                        rf"|{'|'.join(w.capitalize() for w in (*MONTHS, *WEEKDAYS))})\b")
"""Words that make a capitalised name after "in"/"to" an organisation or a time ("in August"), not a place."""


@dataclass(frozen=True)
class Slot:
    """What a question asks for."""

    kind: str
    """One of `SLOTS`."""
    counted: tuple[str, ...] = ()
    """For a count: the terms of what is counted, which the number must count; for a detail: the
    terms of the thing whose model or number is asked."""
    speaker: tuple[str, ...] = ()
    """For a quote: the terms of who is asked about ("the UK foreign office")."""
    unit: str = ""
    """For a time asked as "which day/month/year": that unit; a time of another unit does not
    fill it ("which month" is not answered by "next year")."""
    attribute: str = ""
    """For an ``other`` question asking "what is the <attribute> of X" or "how did X <act>": the
    attribute's or act's term, which an answer must state ("the speed of the ferry" is not
    answered by where the ferry sails)."""


def slot_of(question: str) -> Slot:
    """The slot of ``question`` (see the module docstring)."""
    text = " ".join(question.strip().split())
    kind = next((kind for kind, asks in _ASKS if (m := asks.search(text)) and _participle(m)), "other")
    counted: tuple[str, ...] = ()
    if kind == "count" and (m := _COUNTED.search(text)):
        counted = tuple(content_terms(m[1] or m[2] or m[3])[:2])
    if kind == "detail" and (m := next((m for form in _DETAIL_OF if (m := form.search(text))), None)):
        counted = tuple(content_terms(asking_words(m[1])))
    phrase = speaker_phrase(text) if kind == "quote" else None
    unit = m[1].lower() if kind == "time" and (m := _TIME_UNIT.search(text)) else ""
    attribute = ""
    m = (_ATTRIBUTE.search(text) or _MANNER.search(text)) if kind == "other" else None
    if m and not _ASKING_WORDS.fullmatch(m["attribute"]) and m["attribute"].lower() not in _ANY_ANSWER:
        attribute = next(iter(content_terms(m["attribute"])), "")
    return Slot(kind, counted, tuple(content_terms(phrase)) if phrase else (), unit, attribute)


def _participle(m: re.Match) -> bool:
    """Whether the participle a form matched, if any, is one ("who was *chosen*", not "who is
    *biden*'s adviser"): a form of another word."""
    word = m.groupdict().get("participle")
    return word is None or lemma(word) != word.lower()


def speaker_phrase(question: str) -> str | None:
    """Who a quote question asks about, as typed: "what did <the brit UN envoy> say about…".

    >>> speaker_phrase("what did russia's envoy say about western firms?")
    "russia's envoy"
    """
    text = " ".join(question.strip().split())
    m = next((m for form in _SPEAKER if (m := form.search(text))), None)
    return m["who"] if m else None


def asking_words(question: str) -> str:
    """``question`` without the words that ask (what is left is what it is about)."""
    return _ASKING_WORDS.sub(" ", question)


def clauses(sentence: str) -> list[str]:
    """The clauses of ``sentence`` that may hold different facts.

    >>> clauses("Kirby said a line was planned, while pilots trained and jets may come next year.")
    ['Kirby said a line was planned', 'pilots trained and jets may come next year.']
    >>> clauses("Since May, ships waited, Otieno said, adding that the war hurt trade.")
    ['Since May, ships waited, Otieno said', 'the war hurt trade.']
    >>> clauses("The port is set to meet the unions and fined two firms on Friday.")
    ['The port is set to meet the unions', 'fined two firms on Friday.']
    """
    return [c for c in _CLAUSE.split(sentence) if c.strip()]


def bound(kind: str) -> bool:
    """Whether a filler of ``kind`` must share its clause with the question's focus (a time, an
    amount, a count, a place: "when will the line open?" is not answered by a "next year" that
    belongs to the jets in the same sentence)."""
    return kind in _BOUND_KINDS


def fills(kind: str, sentence: str, counted: tuple[str, ...] = (), exclude: frozenset[str] = frozenset(),
          unit: str = "") -> bool:
    """Whether ``sentence`` holds an answer of the slot ``kind``.

    ``counted`` are the terms a count must count; ``exclude`` the words of the question, which
    never fill its own slot (a question about Iran is not answered by "Iran" as a country);
    ``unit`` the unit a time is asked in (`Slot.unit`).

    >>> fills("time", "Jets may come next year.", unit="month"), fills("time", "It opens in March.", unit="month")
    (False, True)
    """
    if kind in ("other", "yesno"):
        return True
    if kind == "count":
        return _counts(sentence, counted, exclude={n for n in exclude if n[:1].isdigit()})
    if kind == "detail":
        return _detailed(sentence, counted, exclude)
    if kind == "time" and unit:
        return bool(_UNIT_FILLERS[unit].search(sentence))
    if kind in _FILLERS and _FILLERS[kind].search(sentence):
        return True
    if kind == "person":
        return person_name(sentence) is not None
    if kind == "org":
        return any(not set(content_terms(m[0])) <= exclude for m in _ORGANISATION.finditer(sentence))
    if kind == "agent":
        return (person_name(sentence) is not None or bool(_ORGANISATION.search(sentence))
                or any(_is_country(c) and not set(content_terms(c)) <= exclude for c in _capitalised(sentence)))
    places = [p for p in _PLACE.findall(sentence) if not set(content_terms(p)) <= exclude and not _NOT_PLACE.search(p)]
    if kind == "place":
        return bool(places)
    if kind == "country":
        return any(_is_country(p) and not set(content_terms(p)) <= exclude for p in _capitalised(sentence))
    if kind == "city":  # a capital of another country than the one asked about is not its city
        asked = {t for t in exclude if t in country_names()}
        return any(not _is_country(p) and not (asked and capitals().get(p.lower(), asked).isdisjoint(asked))
                   for p in places)
    return False


def directions(text: str) -> tuple[set[str], set[str]]:
    """The countries ``text`` says something goes to, and those it comes from ("boats sent to
    Kenya from Peru": {Kenya}, {Peru}), by their gazetteer names, in any case.

    >>> directions("how many ships has nairobi sent to lima?"), directions("is peru kenya's top fuel supplier?")
    (({'Peru'}, set()), ({'Kenya'}, set()))
    >>> directions("what is lima giving nairobi?"), directions("missiles to Peru, with no insight into Kenyan thinking")
    (({'Kenya'}, set()), ({'Peru'}, set()))
    """
    def places(pattern: re.Pattern) -> set[str]:  # "to Kenya", "to the Kenyan navy"; not "to provide Kenya"
        return {c for m in pattern.finditer(text) if countries_in(m[1].split()[0])
                and not (m[0][:4].lower() == "into" and m[1].split()[0].lower() in demonyms())  # "into Kenyan thinking"
                for c in countries_in(m[1])}
    return places(_TO) | places(_BENEFICIARY) | places(_SUPPLIED) | places(_GIVEN), places(_FROM)


def reversed_direction(asked: set[str], wanted: tuple[set[str], set[str]], sentence: str) -> bool:
    """Whether ``sentence`` has what a question says goes to (or comes from) one of its
    countries going to (coming from) another of them instead: "how many boats has Kenya sent
    to Peru?" is not answered by "Peru sent 40 boats to Kenya". ``asked`` are the question's
    countries (`qa.wording.countries_in`), ``wanted`` its `directions`, found once per question.

    >>> q = "how many boats has kenya sent to peru?"
    >>> reversed_direction(countries_in(q), directions(q), "Peru sent 40 boats to Kenya.")
    True
    """
    to, from_ = wanted
    if not (to and asked - to) and not (from_ and asked - from_):
        return False  # no other country of the question to go to or come from: not worth reading the sentence
    stated_to, stated_from = directions(sentence)
    for wanted, stated, opposite in ((to, stated_to, stated_from), (from_, stated_from, stated_to)):
        others = asked - wanted
        # "boats from Peru in return for fees paid to Lima" goes both ways: not reversed
        if wanted and stated & others and not stated & wanted and not opposite & others:
            return True
    return False


_GROUP_ASKED = re.compile(r"\bwhich\s+(?:of\s+)?(?:(?:the|its|their|his|her|[\w’'-]+['’]s?)\s+)?"
                          r"(?:(?!(?:is|are|was|were|do|does|did|will|would|has|have|had|can|could|got|get|gets)\b)"
                          r"[\w’'-]+\s+){0,2}?(?P<group>(?!\w+ed\b)[a-z][a-z-]+[a-z])\b(?!['’])"
                          r"(?=\s*(?:[?,.]|$|(?:is|are|was|were|do|does|did|will|would|has|have|had|can|could|should|may"
                          r"|might|r|he|she|they|we|you|i)\b))", re.I)
_GROUP_NAMED = re.compile(r"\bwhat\s+(?:are|were|r)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?(?P<group>[a-z][a-z-]+[^s\W]s)\s+called\b"
                          r"|\bnames?\s+(?:of\s+)?(?:the\s+)?(?:[\w’'-]+\s+){0,2}?(?P<named>[a-z][a-z-]+[^s\W]s)\b(?!['’])", re.I)
"""A question asking for several things by name: "which like-minded countries", "which of kenya's
neighbours are …" (a plural noun, then what is asked of them), "what are the 3 firms called",
"names of the firms"."""
_MEMBER_AFTER = re.compile(r"^(?:\s+(?:in|of|from|across|around|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?"
                           r"\s*(?:[,:(—–-]\s*)?(?:such as|including|like|namely|notably|especially|among them)?\s*"
                           r"(?:the\s+)?(?P<name>[A-Z][\w’'-]*)")
_MEMBER_BEFORE = re.compile(r"(?P<name>[A-Z][\w’'-]*)\s*(?:,\s*(?:and\s+)?|\s+(?:and|or)\s+)(?:(?:other|fellow|the|its|their"
                            r"|both|these|two|three|four|several)\s+)*(?:[\w’'-]+\s+){0,2}$"
                            r"|(?P<compound>[A-Z][\w’'-]*)\s+(?:[a-z][\w-]*\s+){0,2}$")
"""Members named before the group's word: "Ghana, Peru and other partners", or a name or code a
word or two before it ("the Security Council resolutions", "the Su-35 fighter jet")."""


def asked_group(question: str) -> str | None:
    """The noun of "which <things>" (the things asked for by name: "which system is …" too), or
    None; "what weapons" also asks for kinds ("ballistic missiles"), which need no name.

    >>> asked_group("which like-minded countries will meet"), asked_group("which of peru's neighbours are for it?")
    ('countries', 'neighbours')
    >>> asked_group("which city hosts the talks?") is None, asked_group("what are the 3 firms called")
    (True, 'firms')
    """
    m = _GROUP_ASKED.search(question) or _GROUP_NAMED.search(question)
    return (m["group"] or m["named"]).lower() if m else None


def names_members(sentence: str, group: str, exclude: frozenset[str] | set[str] = frozenset()) -> bool | None:
    """Whether ``sentence`` names members of the ``group`` it mentions (a name just before or
    after its word, not one of ``exclude``); None when it does not mention the group.

    >>> names_members("Kenya will meet like-minded countries to discuss Peru.", "countries")
    False
    >>> names_members("Kenya will meet like-minded countries such as Peru.", "countries")
    True
    >>> names_members("Ghana, Peru and other partners in West Africa agreed.", "partners")
    True
    """
    head = stem(group.lower())
    found = None
    for word in re.finditer(r"[A-Za-z][\w’'-]*", sentence):
        if stem(word[0].lower()) != head:
            continue
        found = False
        if word[0][0].isupper() and word.start() > 0:  # "the Aerospace Forces": a name itself
            return True
        for m in (_MEMBER_AFTER.match(sentence[word.end():]), _MEMBER_BEFORE.search(sentence[:word.start()])):
            member = m and (m["name"] or m.groupdict().get("compound"))
            if member and not set(content_terms(member)) <= set(exclude) \
                    and not (member == m.groupdict().get("compound") and not re.search(r"\d", member)
                             and countries_in(member.split("-")[0])):
                return True  # not "Peruvian firms", which says whose they are
    return found


_REPORTED = re.compile(r"\b(said|says|told|warned|added|stated|noted|announced|alleged|accused|cited|reiterated|claimed"
                       r"|insisted|denied|described|called|urged|acknowledged)\b", re.I)
_REPORT_ASKED = re.compile(r"\b(say|says|said|tell|told|warn\w*|announce\w*|state|stated|statements?|alleg\w*|accus\w+"
                           r"|cite|cited|claim\w*|den(?:y|ied|ies)|remarks?|comments?|brief\w*|spoke|speak\w*|react\w*"
                           r"|respon\w+|reiterat\w+|insist\w*|urge\w*)\b", re.I)


def asks_report(question: str) -> bool:
    """Whether ``question`` asks about something said ("when did Otieno warn …", "the claim")."""
    return bool(_REPORT_ASKED.search(question))


def dated_by_report(sentence: str) -> bool:
    """Whether every time ``sentence`` gives is when something was said ("Otieno said on Friday
    …", "the minister on Friday accused …"), not when what it reports happened: "when did the
    terminal open?" is not answered by the day someone spoke of it.

    >>> dated_by_report("The minister on Friday accused Peru of delays."), dated_by_report("It opened on Friday, he said.")
    (True, False)
    """
    def beside(t: re.Match) -> str:  # two words either side, within the clause
        before = re.split(r"[,;:—–]", sentence[:t.start()])[-1]
        after = re.split(r"[,;:—–]", sentence[t.end():])[0]
        return " ".join(re.findall(r"[\w’'-]+", before)[-2:] + re.findall(r"[\w’'-]+", after)[:2])

    times = list(_FILLERS["time"].finditer(sentence))
    return bool(times) and all(_REPORTED.search(beside(t)) for t in times)


def role_words(sentence: str) -> list[re.Match]:
    """The words of ``sentence`` that stand for a person ("he", "the spokesman", "the minister")."""
    return list(_ROLE.finditer(sentence))


def asked_roles(question: str) -> list[re.Match]:
    """The posts ``question`` asks a person by, plural or possessive too ("the ministers name",
    "kenya's envoy's remarks"); "he" and "she" are none.

    >>> [m[1] for m in asked_roles("whats the kenyan foreign ministers name? or his advisers?")]
    ['minister', 'adviser']
    """
    return list(_ROLE_ASKED.finditer(question))


def _capitalised(sentence: str) -> list[str]:
    return re.findall(r"\b[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?", sentence)


def _is_country(name: str) -> bool:
    return name.lower() in country_names() or name.split()[0].lower() in country_names()


def _counts(sentence: str, counted: tuple[str, ...], exclude: set[str]) -> bool:
    """A quantity in ``sentence`` that is not one of the question's own numbers, within a few
    words before one of the ``counted`` terms (anywhere, when nothing in particular is counted);
    a quantity of another country's than the one counted by ("how many Kenyan firms": "three
    Peruvian firms") counts nothing asked."""
    # "nine-month" is "nine" before "month"; a model code ("Su-35") counts nothing
    words = re.findall(r"[$£€]?[\w’']+|[,;:]", re.sub(r"\b[A-Za-z]+-\d[\w-]*", "code", sentence))
    whose = countries_in(counted[0]) if len(counted) > 1 else set()  # "kenyan firms", not "ships kenya"
    for i, word in enumerate(words):
        if re.fullmatch(rf"[$£€]?({_QUANTITY})", word, re.I) and not set(numbers(word)) & exclude:
            following: list[str] = []
            for w in words[i + 1:i + 1 + _COUNTED_WITHIN]:
                if _BREAK.fullmatch(w):
                    break
                following += content_terms(w)
            stated = countries_in(" ".join(following))
            if whose and stated and not stated & whose:
                continue
            if not counted or any(t in counted for t in following) \
                    or (set(counted) & _ORG_KIND_TERMS and set(following) & _ORG_KIND_TERMS):
                return True  # "how many groups": "three entities"
    return False



def _detailed(sentence: str, described: tuple[str, ...], exclude: frozenset[str]) -> bool:
    """A code a few words before the thing ``described`` ("the Su-35 fighter") or just after it
    ("resolution 2231"), or a name just before it ("Shahed drones"), that is not one of the
    question's words nor a country's name ("Iranian drones" says whose, not which model)."""
    words = re.findall(r"[\w’'-]+", sentence)
    if not described:
        return any(_CODE.match(w) and not set(content_terms(w)) & exclude for w in words)
    for i, word in enumerate(words):
        if not set(content_terms(word)) & set(described):
            continue
        for j in range(max(0, i - _DETAIL_WITHIN), min(len(words), i + 2)):
            other = words[j]
            if j == i or set(content_terms(other)) & exclude or other.lower() in country_names():
                continue
            named = 0 < j < i and i - j <= 2 and other[:1].isupper() and not _NOT_PLACE.fullmatch(words[i - 1])
            if _CODE.match(other) or named:
                return True  # "Shahed drones", not "Security Council resolutions" (an organisation's)
    return False
