"""What news pages call their metadata: schema.org types, meta-tag names, the class names of
bylines, the separators of decorated titles, the date patterns of URLs. Data only.

Kept apart from the code that reads them (``tasks.extract.meta_*``) so that supporting one
more site usually means one more word here, and the decisions stay short. Byline words
(jobs, "By", agencies) are in :mod:`tasks.extract.byline_vocabulary_data`.
"""

from __future__ import annotations

import re

# --- JSON-LD ------------------------------------------------------------------------------------

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle", "blogposting", "liveblogposting",
    "socialmediaposting", "scholarlyarticle", "medicalscholarlyarticle", "techarticle", "report",
    "satiricalarticle", "advertisercontentarticle", "discussionforumposting", "posting", "creativework",
})
PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "aboutpage", "medicalwebpage"})
ORGANIZATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "website", "brand", "localbusiness"})
# JSON-LD branches that describe other things than the page's article
JSON_LD_SKIP = frozenset({
    "author", "creator", "publisher", "itemlistelement", "breadcrumb", "image", "video", "associatedmedia",
    "ispartof", "about", "mentions", "citation", "comment", "review", "relatedlink", "significantlink",
    "potentialaction", "logo", "thumbnail", "thumbnailurl", "contributor", "editor", "copyrightholder",
    "sourceorganization", "recipeingredient", "offers", "speakable", "hasmap", "location",
})

# --- meta tags (lower-cased property, name or itemprop), best first ----------------------------

TITLE_META = ("title", "headline", "parsely-title", "sailthru.title", "dc.title", "dcterms.title", "citation_title", "fb_title")
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "article.published", "published_time", "published-date", "publish-date", "publishdate", "pubdate",
    "pub_date", "publication_date", "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date.created",
    "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime", "article_date_original",
    "original-publish-date", "date", "dc.date", "dcterms.date", "citation_publication_date", "citation_date",
)
MODIFIED_META = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified", "modified_time",
    "article.updated", "last-modified", "lastmod", "dcterms.modified", "dc.date.modified",
)
AUTHOR_META = (
    "author", "article:author", "og:article:author", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "byl", "citation_author", "authors", "cxenseparse:author", "article.author",
)
SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title", "publisher", "dc.publisher", "cxenseparse:site")
COPYRIGHT_NOTICE = re.compile(
    r"copyright|\(c\)|©|\b(?:19|20)\d{2}\b|all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|-",
    re.IGNORECASE,
)

# --- titles -------------------------------------------------------------------------------------

# separators of decorated titles; a colon only separates when followed by a space
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
TITLE_SEPARATOR = re.compile(
    r"\s+[|–—\-·•»«~/:›‹⁄*]{1,2}\s+|\s*[|｜│]\s*|\s+::\s+|(?<=\w):\s+|(?<=\w)：\s*|(?<=\S)_(?=\S)"
    rf"|(?<=[{_CJK}])(?:-{{1,2}}|—{{1,2}}|－)(?=[{_CJK}])"  # "政府发布新措施-新华网": CJK writes no spaces
)

# --- class, id and link marks of the DOM --------------------------------------------------------

# any element whose class or id has one of these may hold the byline (a cheap first filter)
BYLINE_MARK = re.compile(r"byline|author|auth[-_]?name|writer|autor|auteur|firma|signature|journalist|creator")
BYLINE_CLASS = re.compile(r"byline|author|auth[-_]?name|writer|autor|auteur|firma|signature|journalist|reporter|creator", re.IGNORECASE)
# a byline element holding just the name (not "By ... | Updated ...")
NAME_CLASS = re.compile(r"name|author__?link|author-link|byline__?author|author__?name", re.IGNORECASE)
# byline-like marks of elements that are not the article's byline (bios, share bars, teasers)
SKIP_CLASS = re.compile(
    r"comment|footer|related|sidebar|widget|recommend|promo|newsletter|share|social|popular|trending|"
    r"more-|teaser|card|outbrain|taboola|nav|menu|bio\b|author-bio|avatar|photo|image|img|caption|credit",
    re.IGNORECASE,
)
# parts of the page that are not the article: related stories, comments, sidebars
SKIPPED_AREA = re.compile(
    r"comment|related|recommend|sidebar|widget|promo|popular|trending|outbrain|taboola|footer|newsletter|recirc|"
    r"summary-item|teaser",
    re.IGNORECASE,
)
# a class that says nothing of the area an element is in: a modifier (what it has, how it is
# shown: "has-right-sidebar-300", "with-comments", "sidebar-active", "nav-open") or a part of
# the headline's block
MODIFIER_CLASS = re.compile(
    r"^(?:has|with|no|is|show|hide)[-_]|[-_](?:active|open|enabled|visible|left|right)$"
    # a part of the headline's block ("headline__footer" holds the byline and the date)
    r"|^(?:headline|header|hero|heading|masthead)(?:__|--)",
    re.IGNORECASE,
)
NOT_BYLINE_TAGS = frozenset({"meta", "script", "style", "body", "html", "article", "link", "main", "img", "noscript", "svg"})
# links to an author's page
AUTHOR_LINK = re.compile(
    r"/(?:author|authors|autor|autoren|auteur|auteurs|autore|autori|journalist|journalists|reporter|"
    r"reporters|writer|writers|profile|profiles|bios?|redaktion/autoren|columnists?|contributors?)/",
    re.IGNORECASE,
)
# marks of an <h1> that is the story's headline rather than the site's logo
# marks of a headline's kicker, the label above or inside it ("Kultur", "Minderheit in Syrien")
KICKER_WORDS = (
    "kicker", "overline", "dachzeile", "spitzmarke", "topline", "eyebrow", "roofline", "supertitle", "super-title",
    "surtitre", "antetitulo", "occhiello", "pretitle", "pre-title", "headline-label", "title-label", "flag", "rubric",
)
# (matched against lower-cased class names: a case-blind search is ten times slower)
KICKER_MARK = re.compile("|".join(w if w != "flag" else r"flag\b" for w in KICKER_WORDS))
# labels that head or tail a title as a section or genre, not as its words ("Opinion | ...",
# "... | Editorial", "Kommentar: ..."); the page's own sections count too
TITLE_LABELS = frozenset({
    "opinion", "opinions", "editorial", "editorials", "analysis", "commentary", "column", "columns", "op-ed",
    "oped", "review", "reviews", "explainer", "letters", "letter", "obituary", "obituaries", "perspective",
    "perspectives", "guest essay", "essay", "podcast", "video", "watch", "live", "live updates", "news",
    "breaking news", "world", "politics", "business", "sport", "sports", "culture", "entertainment", "tech",
    "technology", "science", "health", "lifestyle", "travel", "local", "national", "us", "u.s.", "uk",
    "kommentar", "meinung", "analyse", "leitartikel", "kolumne", "gastbeitrag", "gastkommentar", "glosse",
    "kultur", "politik", "wirtschaft", "panorama", "wissen", "feuilleton", "gesellschaft", "inland", "ausland",
    "ticker", "liveticker", "éditorial", "editorial:", "chronique", "tribune", "point de vue", "débat",
    "opinión", "tribuna", "editoriale", "commento", "opinie", "commentaar", "mening", "ledare", "kronikk",
    "kommentaari", "мнение", "колонка", "观点", "社论", "社説", "オピニオン", "राय", "संपादकीय",
})
# words a headline may mean ("Exclusive: Guardian editor resigns"), and so labels only when a
# pipe sets them apart ("Exclusive | Council approves tram extension")
PIPE_LABELS = frozenset({
    "exclusive", "breaking", "update", "updated", "gallery", "photos", "listen", "sponsored", "advertorial",
    "exklusiv", "eilmeldung", "anzeige", "exclusif", "exclusiva", "esclusiva", "exclusief",
})
HEADLINE_MARK = re.compile(r"headline|title|heading|entry|story|article|post", re.IGNORECASE)
# marks of a <time> element: when the article was updated, or published
UPDATED_MARK = re.compile(r"updat|modif|aktualisiert|actualiz|mis-a-jour|maj\b", re.IGNORECASE)
# marks of an element showing readers a date ("post-date", "timestamp", "article__time")
DATELINE_MARK = re.compile(r"date|time|publish|posted|datum|fecha")  # against lower-cased class names
# a dateline's update label: what follows it is not the publication time
UPDATE_WORDS = re.compile(
    r"\b(?:last\s+)?(?:updated|modified|aktualisiert|mis\s+à\s+jour|actualizado|actualisé|aggiornato|bijgewerkt|обновлено)\b",
    re.IGNORECASE,
)
PUBLISHED_MARK = re.compile(r"publi|posted|created|pubdate|veroeffentlicht", re.IGNORECASE)
# marks of the block around a byline, where a <time> is the article's own
BYLINE_AREA = re.compile(r"byline|meta|date|time|info|author|header", re.IGNORECASE)

# articles before a site's name, which its domain leaves out ("la Repubblica", "The Hindu")
SITE_ARTICLES = ("the", "la", "le", "les", "l'", "il", "lo", "el", "los", "las", "die", "der", "das", "de", "het", "o")

# --- dates ----------------------------------------------------------------------------------------

URL_DATE = (
    re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"),
    re.compile(r"/((?:19|20)\d{2})/([a-z]{3})/(0?[1-9]|[12]\d|3[01])/", re.IGNORECASE),
)
URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/")
MONTH_ABBR = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
# month names of other languages (as a date writes them: Polish and Russian in the genitive),
# by month number, so that a visible dateline reads as dateutil's English
MONTHS_ELSEWHERE = {
    1: "januar jänner janvier janv enero gennaio janeiro januari stycznia января ocak",
    2: "februar feber février févr febrero febbraio fevereiro februari lutego февраля şubat",
    3: "märz mär mrz mars marzo março maart marca марта mart",
    4: "avril abril aprile kwietnia апреля nisan",
    5: "mai mayo maggio maio mei maja мая maj mayıs",
    6: "juni juin junio giugno junho czerwca июня haziran",
    7: "juli juillet juil julio luglio julho lipca июля temmuz",
    8: "août agosto augustus augusti sierpnia августа ağustos",
    9: "septembre septiembre setiembre settembre setembro września сентября eylül",
    10: "oktober okt octobre octubre ottobre outubro października октября ekim",
    11: "novembre noviembre novembro listopada ноября kasım",
    12: "dezember dez décembre déc diciembre dicembre dezembro grudnia декабря aralık",
}
# zone abbreviations of news pages that tasks.extract.normalize does not know
ZONES = {
    "IST": "+0530", "PKT": "+0500", "WIB": "+0700", "ICT": "+0700", "SGT": "+0800", "HKT": "+0800",
    "PHT": "+0800", "MYT": "+0800", "AWST": "+0800", "WAT": "+0100", "SAST": "+0200", "EAT": "+0300",
    "NZST": "+1200", "NZDT": "+1300", "ET": "-0500", "PT": "-0800", "BRT": "-0300", "ART": "-0300",
}
ZONE_NAMES = re.compile(r"(?<=[\d\s])(" + "|".join(ZONES) + r")\b")
