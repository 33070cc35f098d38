from tasks.enrich.dedup import assign_clusters, distance, simhash
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


def test_tone_is_english_only_and_signed():
    happy = tone("What a wonderful, joyful success. Everyone is delighted and grateful.", "en")
    sad = tone("A terrible, tragic disaster. Many were killed and the people are grieving.", "en")
    assert happy.score > 0.5 and sad.score < -0.5
    assert happy.method.startswith("vader/")
    french = tone("Une excellente nouvelle pour la ville.", "fr")
    assert french.score is None and "fr" in french.method


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
