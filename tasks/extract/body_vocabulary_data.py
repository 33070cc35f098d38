"""The vocabulary of what surrounds an article body on a page, in the sources' languages. Data
only: :mod:`tasks.extract.html_prune` and :mod:`tasks.extract.body_lines` compile it.

Extractors keep a page's furniture when it sits inside the article's container: the label of
an ad slot, a cross-link to another story ("RELATED: …", "Lire aussi : …"), a gallery's
"3 of 57", the copyright line of a wire story, a reader comment thread whose markup the
extractor does not recognise. These words are the same on thousands of sites, so they are
recognised by phrase, as jusText recognises boilerplate.
"""

from __future__ import annotations

# A paragraph that is only one of these (any case, optional trailing colon) is page furniture.
FURNITURE_LINES = (
    "advertisement", "advertisements", "advert", "sponsored", "sponsored content", "ad",
    "share", "share this", "share this article", "share this story", "share this post",
    "recommended", "recommended for you", "related", "related articles", "related stories",
    "related posts", "related news", "read more", "read next", "see more", "show more",
    "continue reading", "story continues below", "story continues below advertisement",
    # de, fr, es, it, pt, nl, ru
    "anzeige", "werbung", "publicité", "publicidad", "pubblicità", "publicidade", "advertentie",
    "реклама", "lesen sie auch", "mehr zum thema", "lire aussi", "à lire aussi", "a lire aussi",
    "voir aussi", "lee también", "leer más", "leia também", "leggi anche", "читайте также",
    "zur startseite", "artikel teilen", "artikel vorlesen", "audio abspielen", "drucken", "teilen",
    "merken", "weiterlesen", "mehr lesen", "das könnte sie auch interessieren", "lire la suite",
    "lire plus tard", "partager", "compartir", "condividi", "delen", "lees ook", "lees meer",
)

# A paragraph starting with one of these labels and a colon (or a spaced dash or bar) is a link to
# another story, when it is short: "RELATED: Looking back at …", "Lesen Sie auch: …".
CROSS_LINK_LABELS = (
    "related", "related story", "related article", "related content", "read more", "read next",
    "read also", "also read", "see also", "more", "required reading", "recommended", "don't miss",
    "dont miss", "trending", "watch", "click here", "more from",
    "lesen sie auch", "mehr zum thema", "auch interessant", "lire aussi", "à lire aussi",
    "a lire aussi", "voir aussi", "lee también", "leer más", "te puede interesar", "leia também",
    "leia mais", "leggi anche", "читайте также", "смотрите также", "по теме", "lees ook",
    "lees meer", "mehr dazu", "zum thema", "lire également", "lea también",
)
# longer than this (words) and a labelled paragraph is text that happens to start like a label
CROSS_LINK_MAX_WORDS = 30

# A short paragraph (at most NEWSLETTER_MAX_WORDS) naming a newsletter or an inbox and asking
# to sign up is a newsletter box: "Get the day's top headlines delivered to your inbox".
NEWSLETTER_WORDS = ("newsletter", "newsletters", "inbox", "infolettre", "boletín", "рассылку", "рассылка")
SIGN_UP_WORDS = (
    "sign up", "signing up", "sign-up", "subscribe", "subscribing", "delivered", "get", "join",
    "abonnieren", "anmelden", "abonnez-vous", "inscrivez-vous", "suscríbete", "suscribete",
    "iscriviti", "assine", "inscreva-se", "подпишитесь",
)
NEWSLETTER_MAX_WORDS = 40

# "Reading time: 4 minutes", "Lesezeit: 3 Min.", "5 min read": a paragraph that is only this
READING_TIME_LABELS = (
    "reading time", "read time", "estimated reading time", "lesezeit", "lesedauer", "temps de lecture",
    "tiempo de lectura", "tempo de leitura", "tempo di lettura", "leestijd", "время чтения",
)
READING_TIME_UNITS = (
    "min", "mins", "minute", "minutes", "minuten", "minuto", "minutos", "minuti", "minuut", "минута", "минут", "минуты", "мин",
)

# An affiliate disclosure ("when you buy something through our links, we may earn a
# commission"): a paragraph of at most AFFILIATE_MAX_WORDS with one of these (regex) phrases.
AFFILIATE_PHRASES = (
    r"\bwe (?:may |might |can )?(?:earn|receive|get|make)\b.{0,40}\b(?:commissions?|compensation|revenue|fees?)\b",
    r"\bmay earn (?:an? )?(?:affiliate )?(?:commissions?|fees?)\b",
    r"\baffiliate(?:[- ])(?:partnerships?|links?|programs?|programmes?|commissions?)\b",
    r"\b(?:erhalten|bekommen)\b.{0,40}\bprovision\b",  # de
    r"\bperce(?:voir|vons|vra)\b.{0,40}\bcommission\b",  # fr
    r"\brecib\w*\b.{0,40}\bcomisi[oó]n\b",  # es
)
AFFILIATE_MAX_WORDS = 60

# class / id words of a page's reader-comment section (each a whole part of a hyphen- or
# underscore-separated token: "xenforo-comment-widget", "article_comments", "kommentare").
COMMENT_WORDS = (
    "comment", "comments", "disqus", "kommentar", "kommentare", "commentaire", "commentaires",
    "comentario", "comentarios", "commento", "commenti", "reactions",
)
