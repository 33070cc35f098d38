import random

import numpy as np
import pytest

from tasks.enrich.dedup import assign_clusters, distance, simhash, within_reach
from tasks.enrich.keywords import keywords
from tasks.enrich.lede import lede
from tasks.enrich.readability import flesch_reading_ease, lix, syllables
from tasks.enrich.tone import tone

STORY = (
    "The city council approved a new budget on Tuesday after a long debate about school funding. "
    "Members voted nine to four in favour of the plan, which raises spending on libraries and parks. "
    "The mayor said the decision would help families across the region and praised the council."
)


def test_simhash_is_close_for_near_duplicates_and_far_otherwise():
    syndicated = STORY.replace("Tuesday", "Tuesday evening") + " Reporting by the wire desk."
    unrelated = "Heavy rain flooded the valley road and closed the mountain pass for three days running. " * 3
    assert distance(simhash(STORY), simhash(syndicated)) <= 8
    assert distance(simhash(STORY), simhash(unrelated)) > 16
    assert simhash("") == 0


def test_clusters_follow_the_earliest_near_duplicate():
    base = simhash(STORY)
    near = base ^ 0b101  # two bits apart
    far = base ^ 0xFFFF_FFFF
    clusters = assign_clusters([("b", near), ("c", far), ("d", near)], [("a", base, "a")])
    assert clusters == {"b": "a", "c": "c", "d": "a"}


def test_tone_is_signed_in_english():
    happy = tone("What a wonderful, joyful success. Everyone is delighted and grateful.", "en")
    sad = tone("A terrible, tragic disaster. Many were killed and the people are grieving.", "en")
    assert happy.score > 0.5 and sad.score < -0.5
    assert happy.method.startswith("vader/")


@pytest.mark.parametrize(
    ("language", "good", "bad"),
    [
        ("fr", "Une excellente nouvelle, magnifique et heureuse pour la ville.", "Une catastrophe terrible et triste pour la ville."),
        ("de", "Ein wunderbarer, schöner und guter Tag für die Stadt.", "Das war nicht gut für die Stadt, sondern schrecklich."),
        ("nl", "Een prachtige, goede en mooie dag voor de stad.", "Een dag die niet goed was voor de stad."),
    ],
)
def test_tone_from_lexicons_beyond_english(language, good, bad):
    happy, sad = tone(good, language), tone(bad, language)
    assert happy.score > 0 > sad.score, (happy, sad)
    assert happy.method.startswith(f"pattern-lexicon/{language} ")
    assert happy.positive > 0 and sad.negative > 0


def test_tone_says_why_there_is_none():
    spanish = tone("Una noticia excelente para la ciudad.", "es")
    assert spanish.score is None and "es" in spanish.method and spanish.method.startswith("none:")


def test_readability_measures():
    assert syllables("table") == 2 and syllables("cat") == 1 and syllables("education") == 4
    easy = "The cat sat. The dog ran. We had fun."
    hard = STORY
    assert flesch_reading_ease(easy, "en") > flesch_reading_ease(hard, "en")
    assert flesch_reading_ease(easy, "de") is None
    assert lix(easy) < lix(hard)


def test_lede_keeps_whole_opening_sentences():
    summary = lede(STORY + "\n\nSecond paragraph.", max_chars=200)
    assert summary == (
        "The city council approved a new budget on Tuesday after a long debate about school funding. "
        "Members voted nine to four in favour of the plan, which raises spending on libraries and parks."
    )


def test_keywords_name_the_subject():
    found = [k.lower() for k in keywords(STORY, "en")]
    assert any("council" in k for k in found)
    assert any("budget" in k for k in found)
    assert len(found) <= 10


def test_narrowing_the_lake_to_articles_within_reach_changes_no_cluster():
    """The commit compares a batch only with stored articles within a few bits of one of its
    signatures (``within_reach``); the clusters must be those of a comparison with every
    article."""
    rng = random.Random(7)
    stored = []
    for n in range(3000):
        if stored and rng.random() < 0.2:  # a near-copy of an earlier article
            _, origin, cluster = rng.choice(stored)
            signature = origin ^ (1 << rng.randrange(63)) ^ (1 << rng.randrange(63))
        else:
            signature, cluster = rng.getrandbits(63) - rng.getrandbits(62), f"c{n}"
        stored.append((f"s{n}", signature, cluster))
    new = [(f"n{n}", stored[rng.randrange(len(stored))][1] ^ (1 << rng.randrange(63)) if n % 2 else rng.getrandbits(63))
           for n in range(200)]
    mask = within_reach(np.array([s for _, s, _ in stored], dtype=np.int64), [s for _, s in new])
    narrowed = [row for row, keep in zip(stored, mask) if keep]
    assert 0 < len(narrowed) < len(stored) / 5
    assert all(any(distance(s, n) <= 3 for _, n in new) for _, s, _ in narrowed)
    assert assign_clusters(new, narrowed) == assign_clusters(new, stored)
    assert sum(cluster.startswith("c") for cluster in assign_clusters(new, stored).values()) >= 90
