"""What is removed around an article body: comment threads and the next stories of a page
before extraction (``tasks.extract.html_prune``), furniture paragraphs after
(``tasks.extract.body_lines``). Pure tests on pages written here."""

from __future__ import annotations

import random

import pytest
from trafilatura.utils import load_html

from tasks.extract.body_lines import is_furniture, without_furniture, without_headline
from tasks.extract.html import NoArticleFound, extract_html
from tasks.extract.html_prune import without_other_content

STORY = [
    "The regional parliament approved a new water plan on Monday after a night of negotiations between "
    "the governing parties and the farmers' association, which had threatened to block the main roads.",
    "Under the plan, towns upstream will have to store more rain water in winter, so that farms further down "
    "the valley can count on a steady supply during the dry summer months.",
    "The opposition criticised the cost of the new reservoirs, which it put at twice the figure the "
    "government presented, and announced that it would ask the court of auditors to check the numbers.",
    "Farmers welcomed the agreement but said they would watch closely how the water is shared out once the "
    "first reservoirs are full, which is not expected before the winter after next.",
]
OTHER_STORY = [
    "A second story follows on the same page once the reader scrolls down: the city zoo has welcomed two "
    "red panda cubs, the first born there in more than twenty years, keepers said on Tuesday.",
    "The cubs will stay with their mother in a closed enclosure until the spring, when visitors should be "
    "able to see them for the first time, the zoo's director told reporters at the gate.",
    "Red pandas are endangered in the wild, where fewer than ten thousand are thought to remain, and the zoo "
    "takes part in a European breeding programme that swaps animals between parks every year.",
]
COMMENT = "I don't think this plan will work at all, the reservoirs will be empty in five years time anyway."


def _page(*articles: str, extra: str = "") -> str:
    return f"<html><head><title>Water plan approved</title></head><body>{''.join(articles)}{extra}</body></html>"


def _article(headline: str, paragraphs: list[str]) -> str:
    return f"<article><h1>{headline}</h1>{''.join(f'<p>{p}</p>' for p in paragraphs)}</article>"


# --- furniture paragraphs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Anzeige",
        "Читайте также",
        "RELATED: Looking back at the Lies of the Year, 2009-2022",
        "Read more: How the council voted on the tram line",
        "Lesen Sie auch: Wie der Landtag abgestimmt hat",
        "Lire aussi : Le plan eau adopté par le Parlement",
        "DON'T MISS: Sign up for our newsletter",
        "Watch | The minister's statement in full",
        "12 of 57",
        "3/12",
        "Get the day’s top headlines delivered to your inbox every morning by subscribing to our newsletter.",
        "Abonnieren Sie unseren Newsletter",
        "Tempo de leitura: 1 minuto",
        "All products featured on GQ are independently selected by our editors. However, when you buy something "
        "through our retail links, we may earn an affiliate commission.",
        "Us Weekly has affiliate partnerships. We receive compensation when you click on a link and make a purchase.",
        "Wenn Sie über diese Links einkaufen, erhalten wir eine Provision.",
        "Lesezeit: 3 Min.",
        "5 min read",
        "© 2019 Associated Press. All Rights Reserved. This material may not be published, broadcast, rewritten.",
        "Copyright 2023 Creators.com",
        "Zur Startseite",
        "Artikel teilen",
        "Lees ook: Kabinet stemt in met nieuw waterplan",
        "Mehr dazu: Wie der Landtag abgestimmt hat",
    ],
)
def test_furniture_paragraphs_are_recognised(paragraph: str) -> None:
    assert is_furniture(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        STORY[0],
        "More-than-expected inflation hit the markets on Tuesday.",
        "Related to the case, the judge said the hearing would resume in March.",
        "Read more carefully, the report says something else.",
        "(c) the applicant must file the form within thirty days.",
        "Share prices fell by 3% on the news.",
        "RELATED: " + " ".join(["a long paragraph that only happens to start like a label"] * 4),
        "The 3 of 57 candidates who passed were invited to a second interview.",
        "In an issue of his newsletter, The Batch, he wrote that the law lags behind the technology.",
        "The reading time for the whole report is about 45 minutes, the authors say.",
        "The Securities and Exchange Commission said the links between the two firms were under review.",
        "Teilen wollte der Minister diese Ansicht nicht.",
        "Mehr dazu sagte der Sprecher am Abend nicht.",
    ],
)
def test_article_paragraphs_are_not_furniture(paragraph: str) -> None:
    assert not is_furniture(paragraph)


def test_furniture_lines_go_and_the_paragraphs_around_them_stay() -> None:
    text = "\n".join([STORY[0], "Advertisement", STORY[1], "RELATED: Farmers block roads", STORY[2]])
    assert without_furniture(text) == "\n".join(STORY[:3])


# --- comment threads and the next stories --------------------------------------------------------


def test_a_comment_widget_trafilatura_does_not_know_is_removed() -> None:
    widget = f'<div class="forum-comment-widget"><ul class="forum-comments-list"><li><p>{COMMENT}</p></li></ul></div>'
    tree = load_html(_page(_article("Water plan approved", STORY), extra=widget))
    pruned = without_other_content(tree, ["Water plan approved"])
    assert COMMENT not in pruned.text_content()
    assert COMMENT in tree.text_content()  # the page itself is left as it was


def test_a_page_whose_root_is_named_for_comments_is_left_whole() -> None:
    tree = load_html('<section id="comments"><div>' + " ".join(STORY) + "</div><div>" + " ".join(STORY) + "</div></section>")
    assert tree is not None and tree.tag == "section"  # a fragment: the section is what is handed in
    assert without_other_content(tree, []) is tree


def test_a_wrapper_named_for_comments_around_the_article_is_kept() -> None:
    page = _page(f'<div class="has-comments">{_article("Water plan approved", STORY)}</div>')
    tree = load_html(page)
    assert without_other_content(tree, []) is tree
    assert STORY[0] in extract_html(page).body


def test_on_a_page_of_several_stories_the_titled_one_is_kept() -> None:
    page = _page(_article("Red panda cubs born at the zoo", OTHER_STORY), _article("Water plan approved", STORY))
    pruned = without_other_content(load_html(page), ["Water plan approved | The Valley Times"])
    assert STORY[0] in pruned.text_content() and OTHER_STORY[0] not in pruned.text_content()
    body = extract_html(page).body  # unpruned, the extractors take the first story
    assert STORY[0] in body and OTHER_STORY[0] not in body


def test_without_a_matching_title_the_first_story_is_kept() -> None:
    page = _page(_article("Water plan approved", STORY), _article("Red panda cubs born at the zoo", OTHER_STORY))
    pruned = without_other_content(load_html(page), ["Something else entirely"])
    assert STORY[0] in pruned.text_content() and OTHER_STORY[0] not in pruned.text_content()


def test_one_story_with_short_teasers_is_left_alone() -> None:
    teaser = "<article><h1>Red pandas</h1><p>Two cubs were born.</p></article>"
    tree = load_html(_page(_article("Water plan approved", STORY), teaser))
    assert without_other_content(tree, ["Water plan approved"]) is tree


def test_a_repeat_of_the_headline_at_the_top_of_the_body_goes() -> None:
    text = "\n".join(["Water plan approved after a night of talks", *STORY[:2]])
    assert without_headline(text, ["Water plan approved after a night of talks | The Valley Times"]) == "\n".join(STORY[:2])
    assert without_headline(text, ["Something else entirely"]) == text
    # a short first line that merely starts the title ("Water") is not the headline
    assert without_headline("Water\n" + STORY[0], ["Water plan approved after a night of talks"]) == "Water\n" + STORY[0]
    # a body that is only the headline keeps it
    assert without_headline("Water plan approved after a night of talks", ["Water plan approved after a night of talks"]) == (
        "Water plan approved after a night of talks"
    )


def test_random_fragments_of_comment_article_and_byline_markup_never_break_extraction() -> None:
    """Pieces the pruning and byline rules look at, nested at random (a fixed seed): every page
    extracts or is refused with NoArticleFound, never an unexpected error."""
    rng = random.Random(7)
    story = f"<p>{STORY[0]}</p>"
    pieces = [
        ('<div class="comment">', "</div>"), ('<section id="comments">', "</section>"), ("<article>", "</article>"),
        ('<ul class="comment-list"><li class="comment">', "</li></ul>"), ('<div class="headline__footer">', "</div>"),
        ("<h1>Water plan approved</h1>", ""), (story, ""), ('<time datetime="2024-03-05T10:00:00Z">x</time>', ""),
        ('<p>By <a href="/bio/jane">Jane Doe</a></p>', ""), ('<span itemprop="author">Ann Lee</span>', ""),
    ]
    for _ in range(300):
        chosen = [rng.choice(pieces) for _ in range(rng.randint(1, 8))]
        page = "".join(o for o, _ in chosen) + "".join(c for _, c in reversed(chosen))
        if rng.random() < 0.5:
            page = f"<html><head><title>Water plan approved</title></head><body>{page}</body></html>"
        try:
            extract_html(page, "https://news.example/a")
        except NoArticleFound:
            pass
