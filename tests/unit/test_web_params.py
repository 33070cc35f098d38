"""Reading requests for the web app: strict query strings, typed values, search URLs, pages."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qsl, urlsplit

import pytest

from newslake.web.params import (
    MAX_QUERY_STRING,
    Pagination,
    SearchParams,
    WebError,
    article_id_param,
    country_param,
    day_param,
    entity_type_param,
    int_param,
    language_param,
    parse_query_string,
    text_param,
)


def test_query_string_is_read_strictly():
    assert parse_query_string(b"q=putin+iran&lang=en&empty=") == {"q": "putin iran", "lang": "en", "empty": ""}
    assert parse_query_string(b"q=%C3%A9t%C3%A9") == {"q": "été"}
    assert parse_query_string(b"") == {}
    assert parse_query_string(b"q=SELECT%201%0A--%20x%09y") == {"q": "SELECT 1\n-- x\ty"}  # newlines and tabs are fine


@pytest.mark.parametrize(
    ("raw", "status", "words"),
    [
        (b"q=%ff", 400, "UTF-8"),
        (b"q=\xff", 400, "UTF-8"),
        (b"q=a&q=b", 400, "more than once"),
        (b"q=a%00b", 400, "control characters"),
        (b"q%01=a", 400, "control characters"),
        (b"q=" + b"a" * (MAX_QUERY_STRING + 1), 413, "query string"),
        (b"&".join(b"p%d=1" % i for i in range(150)), 400, "cannot be read"),
    ],
)
def test_malformed_query_strings_are_refused_with_a_reason(raw, status, words):
    with pytest.raises(WebError) as caught:
        parse_query_string(raw)
    assert caught.value.status == status
    assert words in caught.value.message


def test_typed_values():
    values = {"from": "2026-03-01", "n": "42", "lang": "EN", "country": "ir", "type": "person", "blank": "  "}
    assert day_param(values, "from") == date(2026, 3, 1)
    assert day_param(values, "missing") is None and day_param(values, "blank") is None
    assert int_param(values, "n", 1, maximum=100) == 42
    assert int_param(values, "missing", 7) == 7
    assert language_param(values) == "en"
    assert country_param(values) == "IR"
    assert entity_type_param(values) == "PERSON"
    assert text_param({"q": "  words  "}, "q") == "words"


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: day_param({"d": "2026-13-01"}, "d"), "not a day"),
        (lambda: day_param({"d": "yesterday"}, "d"), "not a day"),
        (lambda: int_param({"n": "1.5"}, "n", 1), "not a whole number"),
        (lambda: int_param({"n": "0"}, "n", 1), "between 1"),
        (lambda: int_param({"n": "99999999999999999999"}, "n", 1), "between 1"),
        (lambda: language_param({"lang": "english!"}), "not a language code"),
        (lambda: country_param({"country": "IRN"}), "not a country code"),
        (lambda: entity_type_param({"type": "ANIMAL"}), "not an entity type"),
        (lambda: text_param({"q": "x" * 501}, "q"), "at most 500"),
    ],
)
def test_bad_values_are_400s_that_say_why(call, words):
    with pytest.raises(WebError) as caught:
        call()
    assert caught.value.status == 400
    assert words in caught.value.message


def test_an_article_id_that_cannot_exist_is_a_404():
    assert article_id_param("7464b7d062fbf1eac461890434599275") == "7464b7d062fbf1eac461890434599275"
    for bad in ("x", "7464B7D062FBF1EAC461890434599275", "../../etc/passwd", "7464b7d062fbf1eac46189043459927"):
        with pytest.raises(WebError) as caught:
            article_id_param(bad)
        assert caught.value.status == 404


def test_search_parameters_round_trip_through_their_url():
    values = {"q": "drones", "from": "2026-03-01", "to": "2026-03-09", "lang": "en", "domain": "harbour.example",
              "entity": "Vladimir Putin", "type": "PERSON", "country": "RU", "page": "3"}
    params = SearchParams.from_query(values)
    assert params.page == 3 and params.filtered
    link = params.link("/search")
    assert SearchParams.from_query(dict(parse_qsl(urlsplit(link).query))) == params
    # a changed filter starts again at page 1; None removes a filter
    narrower = SearchParams.from_query(dict(parse_qsl(urlsplit(params.link("/search", lang="fr")).query)))
    assert narrower.lang == "fr" and narrower.page == 1
    assert "lang=" not in params.link("/search", lang=None)
    assert params.link("/search", page=4).endswith("page=4")
    assert SearchParams().link("/search") == "/search"
    assert not SearchParams(q="x").filtered


def test_a_reversed_date_range_is_refused():
    with pytest.raises(WebError, match="after"):
        SearchParams.from_query({"from": "2026-03-09", "to": "2026-03-01"})


def test_pagination():
    page = Pagination(page=3, per_page=20, total=95)
    assert (page.pages, page.offset, page.first_item, page.last_item) == (5, 40, 41, 60)
    assert page.has_previous and page.has_next and not page.beyond_last
    last = Pagination(5, 20, 95)
    assert (last.first_item, last.last_item, last.has_next) == (81, 95, False)
    assert Pagination(6, 20, 95).beyond_last
    assert not Pagination(1, 20, 0).beyond_last and Pagination(1, 20, 0).pages == 1
    assert Pagination(1, 20, 100).window() == [1, 2, 3, 4, 5]
    assert Pagination(10, 20, 400).window() == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert Pagination(1, 20, 400).window() == [1, 2, 3, None, 20]
    assert Pagination(20, 20, 400).window() == [1, None, 18, 19, 20]
