"""The lede: an article's opening sentences, which news writing makes its summary."""

from __future__ import annotations

import re

_SENTENCE = re.compile(r".+?(?:[.!?…]+[\"'”’)]*(?=\s|$)|$)", re.DOTALL)
MAX_CHARS = 320


def lede(body: str, max_chars: int = MAX_CHARS) -> str | None:
    """Whole sentences from the first paragraph, up to ``max_chars`` (at least one sentence, cut at a word)."""
    first = next((p.strip() for p in body.split("\n\n") if len(p.split()) >= 8), body.strip())
    if not first:
        return None
    summary = ""
    for match in _SENTENCE.finditer(first):
        sentence = match.group(0).strip()
        if summary and len(summary) + 1 + len(sentence) > max_chars:
            break
        summary = f"{summary} {sentence}".strip()
    if len(summary) > max_chars:
        summary = summary[:max_chars].rsplit(" ", 1)[0] + "…"
    return summary
