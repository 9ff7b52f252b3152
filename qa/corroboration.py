"""Which outlets report a claim, and how their reports compare.

"Which outlets report the drone claims?", "Is it reported by more than one source?", "How do
the reports differ on when Iran gets the jets?", "What does each outlet say about the
sanctions?". For every article, the sentence that best answers the claim is found with the
extractive answerer's own evidence scores (so what counts as "reporting it" is what would
count as answering it); each article whose best sentence passes the refusal threshold reports
it. The reply names the outlets that do and do not, then gives each one's statement under its
name (the best one that does not only point back at another: "… has denied the claim");
statements that say the same thing are one statement cited to each.
"""

from __future__ import annotations

from collections.abc import Callable

from qa.coverage import Coverage
from qa.evidence import refers_back
from qa.parts import join_parts
from qa.passages import Passage
from qa.reply import Reply, refusal

REPORTED_BY = "Reported by {n} of {total} articles: {names}."
NOT_REPORTED = "Not found in: {names}."
ACCORDING_TO = "According to {label}"


def corroboration(question: str, claim: str, coverage: Coverage,
                  answer_in: Callable[[str, list[str]], Reply]) -> Reply:
    """Each article's statement of ``claim``; ``answer_in(claim, article_ids)`` answers from those articles only."""
    per_article = {a: answer_in(claim, [a]) for a in coverage.articles}
    reporting = {a: r for a, r in per_article.items() if r.answered}
    names = [coverage.label(a) for a in reporting]
    missing = [coverage.label(a) for a in per_article if a not in reporting]
    if not reporting:
        passages: list[Passage] = [p for r in per_article.values() for p in r.passages][:5]
        return refusal(question, passages, kind="corroboration",
                       reason=f"I could not find that in any of the {len(per_article)} articles.")
    parts = []
    for article_id, reply in reporting.items():
        label = ACCORDING_TO.format(label=coverage.label(article_id))
        # A statement pointing back ("X has denied the claim") does not say what the article reports.
        first = next((s for s in reply.statements if not refers_back(s.text)), reply.statements[0])
        parts.append(Reply(text=reply.text, citations=[reply.cited(n) for n in first.citations], answered=True,
                           question=label, passages=reply.passages, statements=[first], support=reply.support))
    joined = join_parts(question, parts, heading="{question}:")
    summary = REPORTED_BY.format(n=len(reporting), total=len(per_article), names=", ".join(names))
    if missing:
        summary += " " + NOT_REPORTED.format(names=", ".join(missing))
    return Reply(text=f"{summary}\n{joined.text}", citations=joined.citations, answered=True, question=question,
                 passages=joined.passages, statements=joined.statements, support=joined.support,
                 notes=joined.notes, intro=summary, kind="corroboration", parts=joined.parts)
