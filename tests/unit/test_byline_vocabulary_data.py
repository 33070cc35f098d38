"""The one byline vocabulary shared by split_authors (feeds, files, records) and the page
reader (tasks.extract.meta_authors): the page reader's sets extend the base ones."""

from tasks.extract.byline_vocabulary_data import BY_PREFIX, BY_WORDS, BYLINE_PREFIX, BYLINE_TAIL_WORDS, JOB_WORDS, PAGE_BY_WORDS


def test_the_page_reader_strips_everything_split_authors_strips():
    assert JOB_WORDS <= BYLINE_TAIL_WORDS
    assert set(BY_WORDS) <= set(PAGE_BY_WORDS)


def test_by_prefixes_cover_the_sources_languages():
    for byline in ("By Jane Doe", "von Max Muster", "Par: Jean Dupont", "por Juan Pérez", "door Jan de Vries"):
        assert BY_PREFIX.sub("", byline) == BYLINE_PREFIX.sub("", byline) != byline
    assert BYLINE_PREFIX.sub("", "Przez Jan Kowalski") == "Jan Kowalski"
    assert BYLINE_PREFIX.sub("", "Analysis by Chris Cillizza") == "Chris Cillizza"
