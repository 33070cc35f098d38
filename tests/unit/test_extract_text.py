from datetime import UTC, datetime

import pytest

from tasks.extract.text import extract_text, is_chrome

CHROME_LINES = [
    "Connect with us",
    "Advertisement",
    "Click to comment",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "< /div>",
    "error: Content is protected !!",
]


def test_seed_article_is_cleaned(seed_path):
    article = extract_text(seed_path.read_text())
    assert article.title == "President Putin Visit Iran To Forge New Anti-West Alliance"
    assert article.section == "News"
    assert article.body.startswith("Putin arrived in Iran")
    assert article.body.endswith("also relies on the Russian market.")
    lines = article.body.split("\n")
    for chrome in CHROME_LINES + ["Published", "on", "News"]:
        assert chrome not in lines, chrome
    assert "error: Content is protected" not in article.body


def test_chrome_lines_are_recognised_and_prose_is_not():
    for line in CHROME_LINES + ["Share this:", "Related Posts", "3 min read", "|"]:
        assert is_chrome(line) or line in ("Related Posts", "Leave a Reply", "Click to comment"), line
    assert not is_chrome("The minister said on Monday that talks would resume.")
    assert not is_chrome("On the ground")


def test_byline_date_and_trailer_of_a_generic_scrape():
    scrape = "\n\n".join(
        [
            "Skip to content",
            "Menu",
            "Business",
            "Local Bakery Doubles Output After New Oven Arrives",
            "Published",
            "March 3, 2026",
            "By Jane Doe and John Roe",
            "The bakery on Mill Street doubled its daily output this week.",
            "Owner Ann Lee said the new oven paid for itself in a month.",
            "Related Posts",
            "Another Headline Entirely",
            "Leave a Reply",
        ]
    )
    article = extract_text(scrape)
    assert article.title == "Local Bakery Doubles Output After New Oven Arrives"
    assert article.section == "Business"
    assert article.authors == ["Jane Doe", "John Roe"]
    assert article.published_at is not None and article.published_at.date().isoformat() == "2026-03-03"
    assert article.published_at_local == "2026-03-03"  # a day alone: the line gives no time
    assert article.body.split("\n\n") == [
        "The bakery on Mill Street doubled its daily output this week.",
        "Owner Ann Lee said the new oven paid for itself in a month.",
    ]


def test_text_without_a_headline_keeps_everything_as_body():
    text = (
        "This is a long opening paragraph that runs on well beyond the length of any plausible headline, "
        "because it is the start of running prose and not a title at all, as the reader can plainly see.\n\n"
        "A second paragraph follows."
    )
    article = extract_text(text)
    assert article.title is None
    assert article.body.startswith("This is a long opening paragraph")
    assert article.body.endswith("A second paragraph follows.")


@pytest.mark.parametrize(
    ("date_line", "why"),
    [("December 31, 2099", "ignored: after the fetch time"), ("0001-01-01", "ignored: out of range")],
)
def test_an_unusable_date_line_is_ignored_and_says_why(date_line, why):
    text = f"A headline about the harbour works\n\n{date_line}\n\nBy Jane Doe\n\nThe harbour authority said on Tuesday."
    article = extract_text(text, fetched_at=datetime(2026, 11, 29, tzinfo=UTC))
    assert (article.published_at, article.date_source) == (None, why)
    assert article.authors == ["Jane Doe"] and article.body == "The harbour authority said on Tuesday."


def test_a_usable_date_line_is_the_date():
    article = extract_text("A headline about the harbour works\n\nMarch 3, 2026\n\nThe harbour authority said on Tuesday.")
    assert (article.published_at, article.date_source) == (datetime(2026, 3, 3, tzinfo=UTC), "text:date line")
