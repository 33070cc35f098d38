"""Title, authors and dates of HTML pages: pure tests on page styles written here (no network)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from lxml import etree
from trafilatura.utils import load_html

from tasks.extract.html import extract_html
from tasks.extract.html_meta import collect_metadata, decide_metadata, extract_metadata

FETCHED = datetime(2024, 3, 10, tzinfo=UTC)
UTC = UTC

PARAGRAPHS = "".join(
    f"<p>{p}</p>"
    for p in (
        "The city council voted on Tuesday to expand the northern tram line by four kilometres, ending a debate "
        "that has divided residents for almost a decade.",
        "Supporters of the plan argued that the extension would cut commuting times for thousands of families "
        "living in the new housing estates beyond the river.",
        "Opponents, led by a coalition of shop owners on the high street, warned that two years of construction "
        "work would drive away customers and force closures.",
        "Construction is expected to begin next spring, and the first trams should run on the new section before "
        "the end of the following year, officials said.",
    )
)


def meta(html: str, url: str | None = None, fetched_at: datetime | None = FETCHED):
    return extract_metadata(load_html(html), url, fetched_at=fetched_at)


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# --- page styles --------------------------------------------------------------------------

WORDPRESS = f"""<!doctype html><html lang="en-US"><head>
<title>Council approves tram extension &#8211; Riverside Notes</title>
<meta property="og:site_name" content="Riverside Notes">
<meta property="og:title" content="Council approves tram extension &#8211; Riverside Notes">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
<meta property="article:modified_time" content="2024-03-06T10:00:00+01:00">
<meta property="article:author" content="https://www.facebook.com/janedoe">
</head><body>
<header class="site-header"><p class="site-title"><a href="/">Riverside Notes</a></p></header>
<article class="post type-post"><header class="entry-header">
<h1 class="entry-title">Council approves tram extension</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="2024-03-05T09:30:00+01:00">
March 5, 2024</time><time class="updated" datetime="2024-03-06T10:00:00+01:00">March 6, 2024</time></span>
<span class="byline"> by <span class="author vcard"><a class="url fn n" href="https://riverside.example/author/jane/">Jane Doe</a>
</span></span></div></header><div class="entry-content">{PARAGRAPHS}</div></article>
<aside class="widget"><h2>Recent posts</h2><ul><li><a href="/b">Bridge repairs delayed again</a>
<span class="post-author"><a href="/author/tom/">Tom Baker</a></span></li></ul></aside>
</body></html>"""

NEWSPAPER_GRAPH = f"""<html lang="en-GB"><head>
<title>Council approves tram extension | The Daily Example</title>
<meta property="og:title" content="Council approves tram extension | The Daily Example">
{json_ld({"@context": "https://schema.org", "@graph": [
    {"@type": "Organization", "@id": "https://daily.example/#org", "name": "The Daily Example"},
    {"@type": "WebSite", "@id": "https://daily.example/#website", "name": "The Daily Example"},
    {"@type": "WebPage", "@id": "https://daily.example/news/tram#webpage", "name": "Council approves tram extension | The Daily Example",
     "datePublished": "2024-03-04T08:00:00+00:00"},
    {"@type": "NewsArticle", "@id": "https://daily.example/news/tram#article",
     "mainEntityOfPage": {"@id": "https://daily.example/news/tram#webpage"},
     "headline": "Council approves tram extension", "datePublished": "2024-03-05T07:15:00+00:00",
     "dateModified": "2024-03-05T12:00:00+00:00",
     "author": {"@id": "https://daily.example/#/schema/person/42"}, "publisher": {"@id": "https://daily.example/#org"}},
    {"@type": "Person", "@id": "https://daily.example/#/schema/person/42", "name": "Priya Natarajan"},
    {"@type": "ItemList", "itemListElement": [
        {"@type": "NewsArticle", "headline": "Bus drivers announce a new strike", "datePublished": "2024-02-01T08:00:00Z"}]},
]})}
</head><body><div class="masthead"><a href="/">The Daily Example</a></div>
<main><h1>Council approves tram extension</h1>{PARAGRAPHS}</main></body></html>"""

SUFFIXED_OG = """<html><head><title>City to build 4km of new tram line, council decides | Metro Herald</title>
<meta property="og:title" content="City to build 4km of new tram line, council decides | Metro Herald">
<meta name="twitter:title" content="City to build 4km of new tram line, council decides">
<meta name="author" content="Sam O'Neill">
</head><body><div class="logo">Metro Herald</div>
<article><h1 class="headline">Council approves tram extension after decade of debate</h1>
<p>The city council voted on Tuesday to expand the northern tram line by four kilometres.</p></article>
</body></html>"""

TIME_ONLY = """<html><head><title>Tram line to grow by four kilometres</title></head><body>
<nav><a href="/">Home</a></nav>
<aside class="sidebar"><ul><li><a href="/old">Older story</a><time datetime="2023-12-01T10:00:00Z">Dec 1</time></li></ul></aside>
<article><h1>Tram line to grow by four kilometres</h1>
<div class="meta"><time datetime="2024-03-05T14:20:00+02:00">5 March 2024, 14:20</time></div>
<p>The city council voted on Tuesday to expand the northern tram line by four kilometres.</p></article>
</body></html>"""

MULTI_AUTHOR = f"""<html><head><title>Tram extension approved - Valley Times</title>
<meta property="og:site_name" content="Valley Times">
<meta name="author" content="Ana Lima">
{json_ld({"@context": "http://schema.org", "@type": "ReportageNewsArticle", "headline": "Tram extension approved",
          "datePublished": "2024-03-05", "author": [
              {"@type": "Person", "name": "Ana Lima"}, {"@type": "Person", "name": "Bruce Y. Lee"},
              {"@type": "Person", "givenName": "Chen", "familyName": "Wei"},
              {"@type": "Organization", "name": "Valley Times"}]})}
</head><body><h1>Tram extension approved</h1></body></html>"""

ORGANIZATION_AND_BYLINE = f"""<html><head><title>Tram extension approved | Coast News</title>
<meta property="og:site_name" content="Coast News">
{json_ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Tram extension approved",
          "datePublished": "2024-03-05T06:00:00Z",
          "author": {"@type": "Organization", "name": "Coast News"},
          "publisher": {"@type": "NewsMediaOrganization", "name": "Coast News"}})}
</head><body><article><h1>Tram extension approved</h1>
<p class="article-byline">By MARIA GARCIA and Tom Krisher, AP Auto Writer</p>
<p>The city council voted on Tuesday to expand the northern tram line by four kilometres.</p></article>
</body></html>"""

GERMAN = """<html lang="de"><head><title>Stadtrat beschließt Verlängerung der Straßenbahn | Rheinische Post-Beispiel</title>
<meta property="og:site_name" content="Rheinische Post-Beispiel">
<meta property="og:title" content="Stadtrat beschließt Verlängerung der Straßenbahn">
<meta name="date" content="2024-03-05T18:45:00+01:00">
</head><body><article><header><h1>Stadtrat beschließt Verlängerung der Straßenbahn</h1>
<div class="autor">Von Max Mustermann und Erika Musterfrau, Düsseldorf</div></header>
<p>Der Stadtrat hat am Dienstag beschlossen, die nördliche Straßenbahnlinie um vier Kilometer zu verlängern.</p>
</article></body></html>"""


# --- titles -------------------------------------------------------------------------------


def test_wordpress_page_with_og_tags():
    found = meta(WORDPRESS, "https://riverside.example/2024/03/05/council-approves-tram-extension/")
    assert found.title == "Council approves tram extension"
    assert found.title_source == "h1"
    assert found.authors == ("Jane Doe",)  # not the sidebar's author, not the Facebook URL
    assert found.published_at == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)
    assert found.date_source == "html:meta article:published_time"
    assert found.modified_at == datetime(2024, 3, 6, 9, 0, tzinfo=UTC)
    assert found.site_name == "Riverside Notes"


def test_newspaper_with_json_ld_graph():
    found = meta(NEWSPAPER_GRAPH, "https://daily.example/news/tram")
    assert found.title == "Council approves tram extension"
    assert found.authors == ("Priya Natarajan",)  # the Person the article refers to by @id
    assert found.author_source == "json-ld"
    # the article's date, not the web page's nor the listed article's
    assert found.published_at == datetime(2024, 3, 5, 7, 15, tzinfo=UTC)
    assert found.date_source == "html:json-ld"
    assert found.modified_at == datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
    assert found.site_name == "The Daily Example"


def test_visible_headline_wins_over_a_rewritten_og_title():
    found = meta(SUFFIXED_OG, "https://metroherald.example/news/tram")
    assert found.title == "Council approves tram extension after decade of debate"
    assert found.title_source == "h1"
    assert found.authors == ("Sam O'Neill",)


def test_og_title_loses_its_site_suffix_when_it_is_the_headline():
    html = SUFFIXED_OG.replace("Council approves tram extension after decade of debate", "City to build 4km of new tram line, council decides")
    assert meta(html).title == "City to build 4km of new tram line, council decides"
    no_h1 = SUFFIXED_OG.replace('<h1 class="headline">Council approves tram extension after decade of debate</h1>', "")
    assert meta(no_h1, "https://www.metroherald.example/a").title == "City to build 4km of new tram line, council decides"


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Headline of the day | Example News", "Example News", None, "Headline of the day"),
        ("Headline of the day - Example News", None, "https://www.examplenews.com/a", "Headline of the day"),
        ("Example: Headline of the day", "Example", None, "Headline of the day"),
        ("Headline of the day — The Example Times", "Example Times", None, "Headline of the day"),
        ("Headline of the day | News | Example", "Example", None, "Headline of the day"),
        ("Exclusive: Guardian editor resigns", "Guardian", None, "Exclusive: Guardian editor resigns"),
        ("About bugs – Vortex Cannon Entertainment", None, "https://vortexcannon.org/about-bugs/", "About bugs"),
        ("Headline of the day - Sport - examplenews.co.uk", None, "https://examplenews.co.uk/s", "Headline of the day"),
        ("标题新闻内容_新浪新闻", "新浪新闻", None, "标题新闻内容"),
        ("La riforma arriva tardi - la Repubblica", None, "https://www.repubblica.it/politica/x", "La riforma arriva tardi"),
        # CJK writes its separators without spaces; a section may follow or precede the site
        ("政府发布新措施-新华网", "新华网", None, "政府发布新措施"),
        ("政府发布新措施--时政--人民网", "人民网", None, "政府发布新措施"),
        ("政府が新たな対策を発表 | NHK | 政治", "NHKニュース", "https://www3.nhk.or.jp/news/x.html", "政府が新たな対策を発表"),
        ("Die Reform kommt zu spät - Politik - Example", "Example", None, "Die Reform kommt zu spät"),
        ("Brexit: May wins vote - but the fight goes on - Example", "Example", None, "Brexit: May wins vote - but the fight goes on"),
        ("Die Reform kommt zu spät - DER SPIEGEL", None, "https://www.spiegel.de/politik/x", "Die Reform kommt zu spät"),
        ("Headline of the day | CNN Politics", "CNN", None, "Headline of the day"),  # the site and its section
        # dashes and colons inside real titles stay
        ("Star Wars Jedi: Fallen Order review - shoots for the moon", "VG247", None, "Star Wars Jedi: Fallen Order review - shoots for the moon"),
        ("Brexit: May wins vote - but the fight goes on", "Example", None, "Brexit: May wins vote - but the fight goes on"),
        ("Example Gazette editor resigns", "Example Gazette", None, "Example Gazette editor resigns"),
    ],
)
def test_site_decorations_are_stripped_and_real_titles_kept(title, site, url, expected):
    site_tag = f'<meta property="og:site_name" content="{site}">' if site else ""
    html = f'<html><head><title>{title}</title><meta property="og:title" content="{title}">{site_tag}</head><body><p>x</p></body></html>'
    assert meta(html, url).title == expected


def test_a_title_that_is_the_sites_name_alone_leaves_the_headline_to_og_title():
    html = """<html><head><title>Example News</title><meta property="og:site_name" content="Example News">
    <meta property="og:title" content="Council approves tram extension"></head><body><article>
    <h1>Example News</h1><p>x</p></article></body></html>"""
    assert meta(html).title == "Council approves tram extension"


def test_a_label_before_the_headlines_text_in_one_heading_goes_when_a_title_confirms_it():
    html = """<html><head><title>Council approves tram extension</title></head><body><article>
    <h1><span class="badge">LIVE</span> Council approves tram extension</h1><p>x</p></article></body></html>"""
    assert meta(html).title == "Council approves tram extension"
    unconfirmed = html.replace("<title>Council approves tram extension</title>", "<title>LIVE Council approves tram extension</title>")
    assert meta(unconfirmed).title == "LIVE Council approves tram extension"


def test_site_logo_h1_is_not_the_title():
    html = """<html><head><title>Council approves tram extension | The Example Gazette</title></head><body>
    <header><h1 class="site-title">The Example Gazette</h1></header><div><p>Text.</p></div></body></html>"""
    assert meta(html, "https://gazette-online.example/story").title == "Council approves tram extension"


def test_title_entities_whitespace_and_truncation():
    headline = json_ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Tom &amp;amp; Jerry\n  return   to the big screen"})
    html = f"""<html><head>{headline}
    <meta property="og:title" content="Tom &amp; Jerry return to the big screen in a film that nobody asked...">
    </head><body><h1>Tom &amp; Jerry return to the big screen in a film that nobody asked for</h1></body></html>"""
    found = meta(html)
    assert found.title == "Tom & Jerry return to the big screen in a film that nobody asked for"
    no_h1 = html.split("<body>")[0] + "<body></body></html>"
    assert meta(no_h1).title == "Tom & Jerry return to the big screen"


def test_headline_kicker_is_left_out_wherever_it_sits():
    html = """<html><head><meta property="og:title" content="Council approves tram extension">
    <title>Council approves tram extension - Example</title></head><body>
    <h1><span class="kicker">Exclusive:</span> Council approves tram extension</h1></body></html>"""
    assert meta(html).title == "Council approves tram extension"
    # the kicker above the heading, repeated in the meta title: "Kicker - Headline"
    html = """<html><head><meta property="og:title" content="Minderheit in Syrien - Die Drusen wehren sich">
    </head><body><article><div class="article-kicker">Minderheit in Syrien</div>
    <h2>Die Drusen wehren sich</h2></article></body></html>"""
    assert meta(html).title == "Die Drusen wehren sich"
    # a heading split into kicker and title spans, joined by a colon
    html = """<html><head><meta property="og:title" content="Kultur : Ein Buch über Liebe und Tod"></head>
    <body><article><h1><span class="headline-kicker">Kultur</span><span>:</span>
    <span class="headline-title">Ein Buch über Liebe und Tod</span></h1></article></body></html>"""
    assert meta(html).title == "Ein Buch über Liebe und Tod"


@pytest.mark.parametrize(
    "heading",
    [
        # the label in its own element, unmarked, and the headline an <h2>
        '<h2><span class="text-primary">Minderheit in Syrien</span> <span class="align-middle">Die Drusen wehren sich</span></h2>',
        '<h2><span class="article__kicker">Minderheit in Syrien</span> <span class="article__headline">Die Drusen wehren sich</span></h2>',
        '<h1><span data-manual="kicker">Minderheit in Syrien</span> <span data-manual="title">Die Drusen wehren sich</span></h1>',
    ],
)
def test_a_heading_split_into_label_and_headline_loses_the_label(heading):
    """The stated title reads "label: headline" and the page shows the two apart."""
    html = f"""<html><head><meta property="og:title" content="Minderheit in Syrien: Die Drusen wehren sich"></head>
    <body><article><header>{heading}</header><p>x</p></article></body></html>"""
    assert meta(html).title == "Die Drusen wehren sich"


def test_a_split_heading_no_stated_title_confirms_keeps_its_words():
    """Two spans are not enough: without a stated title reading "label: headline" the
    heading's first element may be the headline's own first words."""
    html = """<html><head><meta property="og:title" content="Council approves tram extension after long debate"></head>
    <body><article><h1><span>Council approves</span> <span>tram extension after long debate</span></h1><p>x</p></article></body></html>"""
    assert meta(html).title == "Council approves tram extension after long debate"
    written = """<html><head><meta property="og:title" content="Dear Abby: My co-worker keeps texting my wife"></head>
    <body><article><h1>Dear Abby: My co-worker keeps texting my wife</h1><p>x</p></article></body></html>"""
    assert meta(written).title == "Dear Abby: My co-worker keeps texting my wife"


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        ("Opinion | Let kids be kids and leave child labor laws alone | Editorial", "Let kids be kids and leave child labor laws alone"),
        ("Kommentar: Die Rente braucht eine Reform", "Die Rente braucht eine Reform"),
        ("GOTY: Kotaku's Top 12 Games Of 2023, Ranked", "GOTY: Kotaku's Top 12 Games Of 2023, Ranked"),
        ("Live: Updates", "Live: Updates"),  # no headline would remain
        ("Exclusive | Council approves tram extension", "Council approves tram extension"),
        ("Exclusive: Council approves tram extension", "Exclusive: Council approves tram extension"),
    ],
)
def test_section_and_genre_labels_leave_meta_titles(stated, expected):
    assert meta(f'<html><head><meta property="og:title" content="{stated}"></head><body><p>x</p></body></html>').title == expected


def test_inline_markup_in_a_headline_adds_no_spaces():
    html = """<html><head><meta property="og:title" content="GOTY: Kotaku's Top 12 Games Of 2023, Ranked"></head>
    <body><article><h1>GOTY: <em>Kotaku</em>'s Top 12 Games Of 2023, Ranked</h1></article></body></html>"""
    assert meta(html).title == "GOTY: Kotaku's Top 12 Games Of 2023, Ranked"


# --- dates --------------------------------------------------------------------------------


def test_time_element_inside_the_article_is_used_when_nothing_else_is_stated():
    found = meta(TIME_ONLY, "https://tram.example/news/tram-line")
    assert found.published_at == datetime(2024, 3, 5, 12, 20, tzinfo=UTC)
    assert found.date_source == "html:time"
    assert found.title == "Tram line to grow by four kilometres"


def test_date_agreeing_with_the_url_is_preferred():
    html = f"""<html><head><meta property="article:published_time" content="2024-03-08T10:00:00Z">
    {json_ld({"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2024-03-05T10:00:00Z"})}
    </head><body><h1>Headline here today</h1></body></html>"""
    found = meta(html, "https://news.example/2024/03/05/headline-here")
    assert found.published_at == datetime(2024, 3, 5, 10, 0, tzinfo=UTC)
    assert found.date_source == "html:json-ld"


def test_time_zone_difference_with_the_url_is_not_a_disagreement():
    html = '<html><head><meta property="article:published_time" content="2024-03-05T22:30:00-05:00"></head><body></body></html>'
    found = meta(html, "https://news.example/2024/03/05/late-story")
    assert found.published_at == datetime(2024, 3, 6, 3, 30, tzinfo=UTC)
    assert found.date_source == "html:meta article:published_time"


def test_url_date_replaces_a_statement_days_away_from_it():
    html = '<html><head><meta property="article:published_time" content="2024-03-09T10:00:00Z"></head><body></body></html>'
    found = meta(html, "https://news.example/2019/11/18/old-story")
    assert found.published_at == datetime(2019, 11, 18, tzinfo=UTC)
    assert found.date_source == "html:url"


def test_dates_after_the_fetch_and_placeholder_dates_are_ignored():
    html = f"""<html><head>{json_ld({"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z"})}
    <meta property="article:published_time" content="2031-01-01T00:00:00Z">
    <meta name="parsely-pub-date" content="2024-03-04T16:00:00Z"></head><body></body></html>"""
    found = meta(html)
    assert found.published_at == datetime(2024, 3, 4, 16, 0, tzinfo=UTC)
    assert found.date_source == "html:meta parsely-pub-date"


def test_htmldate_and_url_are_the_last_resort():
    statements = collect_metadata(load_html("<html><body><p>x</p></body></html>"), "https://news.example/2024/03/05/x")
    guessed = decide_metadata(statements, fetched_at=FETCHED, guessed_date="2024-03-05")
    assert (guessed.published_at, guessed.date_source) == (datetime(2024, 3, 5, tzinfo=UTC), "html:htmldate")
    wrong = decide_metadata(statements, fetched_at=FETCHED, guessed_date="2023-10-13")  # a date from a sidebar
    assert (wrong.published_at, wrong.date_source) == (datetime(2024, 3, 5, tzinfo=UTC), "html:url")
    nothing = decide_metadata(collect_metadata(load_html("<html><body><p>x</p></body></html>"), None))
    assert nothing.published_at is None and nothing.date_source is None


def test_zone_abbreviations_and_epoch_seconds():
    html = '<html><head><meta name="pubdate" content="01:38 PM IST Mar 5, 2024"></head><body></body></html>'
    assert meta(html).published_at == datetime(2024, 3, 5, 8, 8, tzinfo=UTC)
    html = '<html><head><meta name="sailthru.date" content="1709630000"></head><body></body></html>'
    assert meta(html).published_at == datetime.fromtimestamp(1709630000, tz=UTC)


# --- authors ------------------------------------------------------------------------------


def test_multiple_json_ld_authors_keep_persons_and_drop_the_organization():
    found = meta(MULTI_AUTHOR)
    assert found.authors == ("Ana Lima", "Bruce Y. Lee", "Chen Wei")
    assert found.author_source == "json-ld"
    assert found.published_at == datetime(2024, 3, 5, tzinfo=UTC)


def test_byline_person_beats_an_organization_author():
    found = meta(ORGANIZATION_AND_BYLINE)
    assert found.authors == ("Maria Garcia", "Tom Krisher")
    assert found.author_source == "byline text"


def test_organization_author_is_kept_only_when_no_person_is_named():
    html = ORGANIZATION_AND_BYLINE.replace("By MARIA GARCIA and Tom Krisher, AP Auto Writer", "")
    assert meta(html).authors == ()  # the site itself is not an author
    agency = html.replace('"author": {"@type": "Organization", "name": "Coast News"}', '"author": {"@type": "Organization", "name": "Reuters"}')
    assert meta(agency).authors == ("Reuters",)


def test_german_page_with_von_byline():
    found = meta(GERMAN, "https://rp-beispiel.example/politik/strassenbahn")
    assert found.title == "Stadtrat beschließt Verlängerung der Straßenbahn"
    assert found.authors == ("Max Mustermann", "Erika Musterfrau")
    assert found.published_at == datetime(2024, 3, 5, 17, 45, tzinfo=UTC)
    assert found.date_source == "html:meta date"


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Por Juan Pérez y María López", ("Juan Pérez", "María López")),
        ("Par Jean Dupont et Marie Curie", ("Jean Dupont", "Marie Curie")),
        ("Di Mario Rossi", ("Mario Rossi",)),
        ("Analysis by Chris Cillizza, CNN Editor-at-large", ("Chris Cillizza",)),
        ("By Jeff Foust Monday, November 18, 2019", ("Jeff Foust",)),
        ("Tom Gillespie News reporter @tomgillespie", ("Tom Gillespie",)),
        ("By LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKER Associated Press", ("Lisa Mascaro", "Mary Clare Jalonick", "Eric Tucker")),
        ("Ilana Muhlstein, MS, RDN", ("Ilana Muhlstein",)),
        ("Jane Smith in Washington | Updated 5 hours ago", ("Jane Smith",)),
        ("Текст: Венера Ерофеева", ("Венера Ерофеева",)),
        ("By JEAN-PIERRE O'NEILL", ("Jean-Pierre O'Neill",)),
    ],
)
def test_bylines_are_cleaned(byline, expected):
    html = f'<html><head></head><body><article><div class="byline">{byline}</div><p>x</p></article></body></html>'
    assert meta(html).authors == expected


def test_author_names_are_deduplicated_case_insensitively():
    html = """<html><head><meta name="author" content="Jane Doe, JANE DOE, jane doe"></head><body></body></html>"""
    assert meta(html).authors == ("Jane Doe",)


def test_meta_author_naming_one_of_several_gives_way_to_the_full_list():
    html = """<html><head><meta name="author" content="Lia Eustachewich">
    </head><body><article><span itemprop="author" itemscope><span itemprop="name">Lia Eustachewich</span></span>
    <span itemprop="author" itemscope><span itemprop="name">Yaron Steinbuch</span></span><p>x</p></article></body></html>"""
    assert meta(html).authors == ("Lia Eustachewich", "Yaron Steinbuch")


def test_authors_marked_in_a_teaser_further_down_do_not_join_the_byline():
    html = """<html><head><meta name="author" content="Cassidy George"></head><body><article>
    <header><div class="byline"><span itemprop="author" itemscope><span itemprop="name">Cassidy George</span></span></div></header>
    <p>x</p><div class="body"><div class="embed"><div class="card"><div class="card-meta">
    <span itemprop="author" itemscope><span itemprop="name">Alex Nino Gheciu</span></span></div></div></div></div>
    </article></body></html>"""
    assert meta(html).authors == ("Cassidy George",)


def test_a_short_paragraph_reading_by_and_an_author_link_is_a_byline():
    html = """<html><body><main><h1>Let's embrace the creative possibilities of AI</h1>
    <p>By <a href="/author/goldberg">Ken Goldberg</a></p><p>Text of the post.</p>
    <ul><li><span>By</span><a href="/content/author/saima-sidik">Saima Sidik</a></li></ul></main></body></html>"""
    assert meta(html).authors == ("Ken Goldberg", "Saima Sidik")


@pytest.mark.parametrize("classes", ["single-content has-right-sidebar-300", "site-main sidebar-active"])
def test_a_main_column_with_a_sidebar_modifier_class_is_not_a_sidebar(classes):
    html = f"""<html><body><div class="{classes}"><h1>Turnovers costly in Hoquiam loss</h1>
    <div class="entry-meta"><div class="latest-by">By <a href="https://example.com/author/ryan-sparks/">Ryan Sparks</a></div></div>
    <p>Text of the story.</p></div><div class="sidebar"><div class="latest-by">By
    <a href="https://example.com/author/other-writer/">Other Writer</a></div></div></body></html>"""
    assert meta(html).authors == ("Ryan Sparks",)


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ('<span class="ArticleHeader--authName--2GjjR"><a href="/bios/news/2018-10-25-simone-scully">Simone M. Scully</a></span>', ("Simone M. Scully",)),
        ('<span class="ArticleHeader--authName--2GjjR">Associated Press</span>', ("Associated Press",)),
        ('<a href="/bio/jane-doe">Jane Doe</a>', ("Jane Doe",)),
    ],
)
def test_an_auth_name_class_and_a_link_to_a_bio_page_are_bylines(byline, expected):
    html = f"""<html><body><div class="Article"><h1>Ten ways to get rid of your tree</h1>
    <div class="ArticleHeader--header"><h4>By {byline}</h4></div><p>Text of the story.</p></div></body></html>"""
    assert meta(html).authors == expected


def test_the_page_template_classes_on_body_do_not_hide_the_byline():
    html = """<html><body class="single react-widget widget"><h1>Jenelle Evans chose Ashley</h1>
    <div>By <span itemprop="author" itemscope><a href="https://example.com/author/alexis/" rel="author">
    <span itemprop="name">Lexi G</span></a></span></div><p>Text.</p></body></html>"""
    assert meta(html).authors == ("Lexi G",)


def test_links_to_people_in_the_text_are_not_bylines():
    html = """<html><body><article><h1>Helicopter crash</h1>
    <p>President <a href="https://news.example/topics/people/donald-trump.html">Donald Trump</a> said...</p>
    <p>More from <a href="https://news.example/author/ana-lima">Ana Lima</a> in the text.</p></article></body></html>"""
    assert meta(html).authors == ()


def test_trafilatura_author_is_the_last_resort():
    statements = collect_metadata(load_html("<html><body><p>x</p></body></html>"), None)
    assert decide_metadata(statements, guessed_author="Jane Doe; Staff Writer").authors == ("Jane Doe",)
    assert decide_metadata(statements, guessed_author="admin").authors == ()


# --- reading the page -----------------------------------------------------------------------


def test_collecting_leaves_the_tree_unchanged():
    tree = load_html(NEWSPAPER_GRAPH)
    before = etree.tostring(tree)
    collect_metadata(tree, "https://daily.example/news/tram")
    assert etree.tostring(tree) == before


def test_broken_json_ld_still_yields_the_date():
    html = """<html><head><script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-05T10:00:00Z",
    "headline": "Broken "quotes" here"}</script></head><body></body></html>"""
    assert meta(html).published_at == datetime(2024, 3, 5, 10, 0, tzinfo=UTC)


def test_extract_html_uses_the_page_metadata():
    html = NEWSPAPER_GRAPH.replace('"author": {"@id": "https://daily.example/#/schema/person/42"}', '"author": [{"@id": "https://daily.example/#/schema/person/42"}]')
    article = extract_html(html, "https://daily.example/news/tram", fetched_at=FETCHED)
    assert article.title == "Council approves tram extension"
    assert article.authors == ["Priya Natarajan"]
    assert article.published_at == datetime(2024, 3, 5, 7, 15, tzinfo=UTC)
    assert article.modified_at == datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
    assert article.date_source == "html:json-ld"
    assert article.site_name == "The Daily Example"


def test_extract_html_falls_back_to_trafilatura_guesses():
    html = f"<html><head></head><body><article><h2>x</h2>{PARAGRAPHS}</article></body></html>"
    article = extract_html(html, "https://news.example/2024/03/05/tram", fetched_at=FETCHED)
    assert article.published_at is not None and article.published_at.date().isoformat() == "2024-03-05"
    assert article.date_source in {"html:htmldate", "html:url"}
    assert article.authors == []


def test_publisher_company_in_the_author_tag_is_not_a_co_author():
    html = f"""<html><head><meta name="author" content="Condé Nast">
    <meta name="copyright" content="Copyright (c) Condé Nast 2019. All rights reserved.">
    {json_ld({"@context": "https://schema.org", "@type": "NewsArticle", "author": [{"@type": "Person", "name": "Molly Wood"}]})}
    </head><body></body></html>"""
    statements = collect_metadata(load_html(html), "https://www.wired.example/story/banking")
    assert decide_metadata(statements, guessed_author="Condé Nast; Molly Wood").authors == ("Molly Wood",)


# --- publisher-local time, names in any script, byline junk ---------------------------------


def _article(authors: list[str] | None = None, byline: str = "", published: str = "2024-03-05T23:30:00+01:00", extra: str = "") -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council approves tram extension", "datePublished": published}
    if authors is not None:
        data["author"] = [{"@type": "Person", "name": a} for a in authors]
    line = f'<div class="byline">{byline}</div>' if byline else ""
    return f"<html><head>{json_ld(data)}</head><body><article><h1>Council approves tram extension</h1>{line}{extra}<p>x</p></article></body></html>"


def test_publication_time_is_kept_in_the_publishers_clock():
    found = meta(_article())
    assert found.published_at == datetime(2024, 3, 5, 22, 30, tzinfo=UTC)
    assert found.published_local == "2024-03-05T23:30:00+01:00"


@pytest.mark.parametrize(
    ("shown", "local"),
    [
        ('<time datetime="2024-03-05T17:30:00-0500">March 5</time>', "2024-03-05T17:30:00-05:00"),
        ('<span class="post-date">Published 5:30 PM EST, Tue March 5, 2024</span>', "2024-03-05T17:30:00-05:00"),
        ('<span class="post-date">March 6, 2024</span>', "2024-03-06"),  # a day only, a time zone east of UTC
        ('<span class="post-date">Updated 9:00 PM EST, March 5, 2024</span>', "2024-03-05T22:30:00+00:00"),  # an update is no publication
        ('<time datetime="2024-03-01T10:00:00-0500">March 1</time>', "2024-03-05T22:30:00+00:00"),  # another moment
        # the headline block's footer holds the byline and the date: not a page footer
        ('<div class="headline__footer"><div class="timestamp">Published 5:30 PM EST, Tue March 5, 2024</div></div>', "2024-03-05T17:30:00-05:00"),
        ('<div class="site-footer"><div class="timestamp">Published 5:30 PM EST, Tue March 5, 2024</div></div>', "2024-03-05T22:30:00+00:00"),
    ],
)
def test_a_utc_statement_takes_the_clock_the_page_shows_readers(shown, local):
    assert meta(_article(published="2024-03-05T22:30:00Z", extra=shown)).published_local == local


@pytest.mark.parametrize(
    ("shown", "local"),
    [
        # 23:30 UTC on 4 December is past midnight in Berlin, Paris and Madrid: the page says the 5th
        ('<span class="post-date">05.12.2023, 00:30 Uhr</span>', "2023-12-05T00:30:00+01:00"),
        ('<span class="post-date">05.12.2023, 00.30 Uhr</span>', "2023-12-05T00:30:00+01:00"),
        ('<span class="post-date">5. Dezember 2023, 0:30 Uhr</span>', "2023-12-05T00:30:00+01:00"),
        ('<span class="post-date">Publié le 5 décembre 2023 à 00h30</span>', "2023-12-05T00:30:00+01:00"),
        ('<span class="post-date">5 de diciembre de 2023, 00:30</span>', "2023-12-05T00:30:00+01:00"),
        ('<span class="post-date">5 декабря 2023, 02:30</span>', "2023-12-05T02:30:00+03:00"),
        # day first or month first: the reading that is the stated moment
        ('<span class="post-date">05/12/2023 00:30</span>', "2023-12-05T00:30:00+01:00"),
        ('<span class="post-date">12/04/2023 6:30 PM</span>', "2023-12-04T18:30:00-05:00"),
        ('<span class="post-date">5. Dezember 2023</span>', "2023-12-05"),
    ],
)
def test_a_dateline_in_another_language_or_order_gives_the_publishers_day(shown, local):
    found = meta(_article(published="2023-12-04T23:30:00Z", extra=shown))
    assert found.published_local == local


def test_a_number_after_the_month_in_the_url_is_no_day():
    html = _article(published="2023-12-22T18:54:30Z")
    found = meta(html, "https://news.example/hudson/2023/12/16-new-officers-join-the-police.html", fetched_at=None)
    assert found.published_local.startswith("2023-12-22")


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        (["王小明", "李华"], ("王小明", "李华")),
        (["山田太郎"], ("山田太郎",)),
        (["राहुल शर्मा"], ("राहुल शर्मा",)),
        (["Иван Петров", "Themen bearbeiten"], ("Иван Петров",)),
        (["By"], ()),
    ],
)
def test_names_in_any_script_and_no_ui_labels(authors, expected):
    assert meta(_article(authors)).authors == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Von Max Muster, dpa", ("Max Muster", "dpa")),
        ("Von Max Muster und Erika Beispiel, SDA", ("Max Muster", "Erika Beispiel", "SDA")),
        ("By Jane Doe and John Roe, Reuters", ("Jane Doe", "John Roe", "Reuters")),
        ("By The Associated Press", ("The Associated Press",)),
        ("By Jane Doe, Massachusetts", ("Jane Doe",)),
        ("By Andrew Bosworth, Chief Technology Officer and Head of Reality Labs", ("Andrew Bosworth",)),
        ("Photo provided by Jane Doe", ("Jane Doe",)),
        ("Published on 11 December 2023", ()),
        ("Themen bearbeiten", ()),
        # agencies credited with an editor's initials, after the date
        ("SRF 4 News, 22.12.2023, 18:54 Uhr; sda/dpa/heis", ("sda", "dpa")),
        ("Von Max Muster, dpa/AFP", ("Max Muster", "dpa", "AFP")),
        ("Von Anna Osius, ARD-Studio Kairo", ("Anna Osius",)),
        ("Von Anna Osius, ARD Kairo", ("Anna Osius",)),
        ("Robert E. Moffit, Ph.D.", ("Robert E. Moffit",)),
        ("Von unserem Korrespondenten Max Muster, Brüssel", ("Max Muster",)),
        ("Par notre envoyée spéciale Marie Curie", ("Marie Curie",)),
        ("Von Max Muster mit Material von dpa", ("Max Muster", "dpa")),
        ("Reporting by Pavel Polityuk; Editing by Kirsten Donovan", ("Pavel Polityuk",)),
        ("By Matthew Digby, Minh Do on Monday, November 18th, 2019 at 11:08 a.m.", ("Matthew Digby", "Minh Do")),
        ("Quelle: dpa", ("dpa",)),
        ("dpa-infocom", ("dpa-infocom",)),
        ("red", ()),
        # scripts that write the role, not "by", beside the name
        ("记者 王小明", ("王小明",)),
        ("本报记者 王小明、李华", ("王小明", "李华")),
        ("文/王小明", ("王小明",)),
        ("责任编辑：李华", ()),
        ("(서울=연합뉴스) 홍길동 기자", ("홍길동",)),
        ("홍길동 김철수 기자", ("홍길동", "김철수")),
        ("山田太郎記者", ("山田太郎",)),
        ("राहुल शर्मा, नई दिल्ली", ("राहुल शर्मा",)),
        ("Yazar: Ahmet Yılmaz", ("Ahmet Yılmaz",)),
        ("Redakcja", ()),
        # a genre with its article before the "by"
        ("Eine Analyse von Max Muster, Washington", ("Max Muster",)),
        ("An analysis by Jane Doe", ("Jane Doe",)),
        ("Une analyse de Marie Curie", ("Marie Curie",)),
        ("Interview: Max Muster", ("Max Muster",)),
        # an agency credited alone beside the names
        ("Max Muster (mit dpa)", ("Max Muster", "dpa")),
        ("By Jane Doe, with AP", ("Jane Doe", "AP")),
        ("Por Juan García | EFE", ("Juan García", "EFE")),
        ("Quelle: SZ/dpa-AFX", ("dpa-AFX",)),
        ("Jane Doe | AP Photo", ("Jane Doe",)),
        # names between slashes; a photographer after the writer
        ("Max Muster / Erika Beispiel", ("Max Muster", "Erika Beispiel")),
        ("Text: Max Muster; Fotos: Erika Beispiel", ("Max Muster",)),
        ("Text und Fotos: Max Muster", ("Max Muster",)),
        ("A photo by Jane Doe", ()),
        ("Una foto de Juan Pérez", ()),
        # desks and logins, which name nobody
        ("Redaktion Politik", ()),
        ("Online-Redaktion", ()),
        ("La Rédaction", ()),
        ("jdadmin", ()),
        # labels without their colon
        ("Autor Max Muster", ("Max Muster",)),
        ("Quelle dpa", ("dpa",)),
        # what stands beside the names in English bylines
        ("Jane Doe / CNN", ("Jane Doe", "CNN")),
        ("Jane Doe - Senior Reporter", ("Jane Doe",)),
        ("By Jane Doe with additional reporting by John Roe", ("Jane Doe", "John Roe")),
        ("By Jane Doe In New York", ("Jane Doe",)),
        ("Special to The Times", ()),
        ("Jane Doe, for The Example", ("Jane Doe",)),
        ("Jane Doe via AP", ("Jane Doe", "AP")),
        ("Words: Jane Doe", ("Jane Doe",)),
        ("Posted by Jane Doe on Dec 5, 2023", ("Jane Doe",)),
        ("Jane Doe 2 hours ago", ("Jane Doe",)),
        ("Jane Doe5 min read", ("Jane Doe",)),
        ("Jane DoeDecember 5, 2023", ("Jane Doe",)),
        ("Jane Doe - The Hill", ("Jane Doe",)),
        ("Jane Doe — For the Daily News", ("Jane Doe",)),
        ("By Jane Doe Special to the Example", ("Jane Doe",)),
        ("By Jane Doe, USA TODAY", ("Jane Doe",)),
        ("Jane Doe, Sr. Editor", ("Jane Doe",)),
        ("Guest column by Jane Doe", ("Jane Doe",)),
        ("About the author: Jane Doe", ("Jane Doe",)),
        ("Jane Doe CNN", ("Jane Doe",)),
        ("Jane Doe Reporter, Business Insider", ("Jane Doe",)),
        ("Marino - Brad Lynch", ("Marino - Brad Lynch",)),  # a dash between two names is kept as written
        # "and" in Italian, Portuguese and Dutch; an initial "E." is no "and"
        ("Di Mario Rossi e Luigi Bianchi", ("Mario Rossi", "Luigi Bianchi")),
        ("Door Jan Jansen en Piet de Vries", ("Jan Jansen", "Piet de Vries")),
    ],
)
def test_byline_agencies_stay_and_junk_goes(byline, expected):
    assert meta(_article(byline=byline)).authors == expected


def test_the_site_and_its_desk_are_no_authors():
    html = _article().replace('"@type": "NewsArticle"', '"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Tram Times"}')
    assert meta(html.replace("<article>", '<article><div class="byline">Tram Times Staff</div>')).authors == ()
    assert meta(html.replace("<article>", '<article><div class="byline">Tram Times Editorial Board</div>')).authors == ("Tram Times Editorial Board",)


def test_microdata_authors_of_related_stories_are_not_the_articles():
    html = """<html><head><meta name="author" content="Lia Eustachewich"></head><body>
    <article><span itemprop="author"><span itemprop="name">Lia Eustachewich</span></span><p>x</p></article>
    <div class="story-teaser"><span itemprop="author"><span itemprop="name">Yaron Steinbuch</span></span></div></body></html>"""
    assert meta(html).authors == ("Lia Eustachewich",)


def _head_and_text(head: str, tail: str = "") -> str:
    text = "".join(f"<p>{'Der Stadtrat hat am Freitag die Verlängerung der Straßenbahn beschlossen. ' * 3}</p>" for _ in range(3))
    return f"""<html lang="de"><head><title>Stadtrat beschließt Verlängerung</title></head><body><main><article>
    <h1>Stadtrat beschließt Verlängerung</h1>{head}{text}{tail}</article></main></body></html>"""


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<p class="meta">Ein Kommentar von Max Muster</p>', ("Max Muster",)),
        ("<div><span>Par Jean Dupont et Marie Curie</span></div>", ("Jean Dupont", "Marie Curie")),
        ('<p class="meta">Von unserem Korrespondenten Max Muster, Brüssel</p>', ("Max Muster",)),
        # a headline-like teaser and a photo credit are no bylines
        ('<p class="teaser">Von der Leyen will neue Schulden</p>', ()),
        ('<p class="credit">Foto: Max Muster</p>', ()),
        ('<p class="meta">Eine Analyse von Max Muster</p>', ("Max Muster",)),
        # "a <word> of" is a genre only when the word is one: not a team or a group
        ('<p class="teaser">Une équipe de Médecins Sans Frontières</p>', ()),
        ('<p class="credit">Una foto de Juan Pérez</p>', ()),
    ],
)
def test_a_line_that_reads_as_a_byline_at_the_head_of_the_article_names_its_author(head, expected):
    """Pages whose byline has no byline class: the words "Von"/"Par"/"By" and a name say it."""
    assert meta(_head_and_text(head)).authors == expected


def test_a_credit_line_after_the_text_is_not_read_as_the_byline():
    assert meta(_head_and_text("", tail="<p>Von Max Muster</p>")).authors == ()


def test_an_agency_in_the_byline_joins_the_person_named_by_json_ld():
    """JSON-LD names the reporter; the visible byline credits the agency beside them."""
    assert meta(_article(["Max Muster"], byline="Von Max Muster, dpa")).authors == ("Max Muster", "dpa")
    # a byline naming somebody else (a teaser's) lends no agency
    assert meta(_article(["Max Muster"], byline="Von Erika Beispiel, dpa")).authors == ("Max Muster",)


def test_bylines_of_teaser_cards_are_not_the_articles():
    """Lists of other stories show a linked headline and its byline in a small card."""
    card = """<div class="module"><h3 class="entry-title"><a href="https://example.com/other-{n}">Another story about
    the city council {n}</a></h3><div class="meta"><span class="author-name"><a href="/author/w-{n}">Writer Number{n}</a>
    </span></div></div>"""
    html = f"""<html><head><meta name="author" content="Example Staff"></head><body><article>
    {"".join(card.format(n=n) for n in ("One", "Two", "Three"))}</article><main><h1>Council approves tram extension</h1>
    <p>{"The council voted on Tuesday. " * 20}</p></main></body></html>"""
    assert meta(html, "https://example.com/tram").authors == ()


@pytest.mark.parametrize(
    "header",
    [
        '<h4>By <span class="author-name"><a href="/bios/jane-doe">Jane Doe</a></span></h4>',
        '<h3 class="section"><a href="/politics">Politics</a></h3><span class="author-name"><a href="/author/jane-doe">Jane Doe</a></span>',
    ],
)
def test_a_byline_in_a_heading_or_under_a_linked_section_label_is_the_articles(header):
    html = f"""<html><head></head><body><div class="header">{header}</div><article><h2>Council approves tram extension</h2>
    <p>{"The council voted on Tuesday. " * 20}</p></article></body></html>"""
    assert meta(html, "https://example.com/tram").authors == ("Jane Doe",)
