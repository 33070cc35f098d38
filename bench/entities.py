"""Entity precision and recall per language on the hand-checked set in tests/fixtures/entities/.

    .venv/bin/python bench/entities.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from tasks.enrich.entity_score import load_articles, score

    root = Path(__file__).resolve().parents[1]
    articles = load_articles(root / "tests" / "fixtures" / "entities" / "articles.json")
    print(f"{'language':<9}{'articles':>9}{'precision':>11}{'recall':>8}")
    counts = {lang: sum(a["lang"] == lang for a in articles) for lang in {a["lang"] for a in articles}}
    for language, s in sorted(score(articles).items()):
        print(f"{language:<9}{counts[language]:>9}{s.precision:>11.3f}{s.recall:>8.3f}")


if __name__ == "__main__":
    main()
