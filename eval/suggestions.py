"""Are suggested questions answered? Generated conversations that follow the suggestions.

Each conversation starts on the empty chat and, for a few turns, asks one of the questions the
assistant suggested (chosen at random, seeded); every suggestion shown on the way is asked in
its conversation and counted as answered when the reply answers with citations.
``python -m eval suggestions --conversations 50 [--corpus DIR]`` prints the figures.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from qa import Assistant, Reply


@dataclass
class SuggestionCheck:
    conversations: int = 0
    shown: int = 0
    answered: int = 0
    unanswered: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    """(the conversation's questions so far, the suggestion) for each suggestion not answered."""

    @property
    def answered_share(self) -> float:
        return self.answered / self.shown if self.shown else 0.0


def check_suggestions(assistant: Assistant, conversations: int = 50, turns: int = 3, seed: int = 0) -> SuggestionCheck:
    """Walk ``conversations`` conversations of up to ``turns`` suggested questions; count what is answered."""
    pick = random.Random(seed)
    check = SuggestionCheck()
    for _ in range(conversations):
        history: list[Reply] = []
        check.conversations += 1
        for _ in range(turns + 1):
            shown = assistant.suggest(history)
            replies = {q: assistant.ask(q, history=history) for q in shown}
            for question, reply in replies.items():
                check.shown += 1
                if reply.answered and reply.citations:
                    check.answered += 1
                else:
                    check.unanswered.append((tuple(r.question for r in history), question))
            if not shown or len(history) == turns:
                break
            history.append(replies[pick.choice(shown)])
    return check
