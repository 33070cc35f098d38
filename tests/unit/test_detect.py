import gzip
import random
import re
import time
import zlib

import pytest

from tasks.extract.detect import Format, UnsupportedInput, binary_format, decode_bytes, detect_format, gunzip, markup_problem
from tasks.extract.encoding import decode_text
from tasks.extract.plausible import not_text_reason


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("page.html", b"<p>hi</p>", Format.HTML),
        ("page.txt", b"<!DOCTYPE html><html><body>x</body></html>", Format.HTML),
        ("noext", b"  <html lang='en'><body>x</body></html>", Format.HTML),
        ("a.json", b'{"title": "x"}', Format.JSON),
        ("a.jsonl", b'{"title": "x"}\n{"title": "y"}\n', Format.JSONL),
        ("a.data", b'{"title": "x"}\n{"title": "y"}\n', Format.JSONL),
        ("a.data", b'[{"title": "x"}]', Format.JSON),
        ("scrape.txt", b"Connect with us\n\nNews\n\nA headline", Format.TEXT),
        ("page.html.gz", b"<html></html>", Format.HTML),
    ],
)
def test_detect_format(name, data, expected):
    assert detect_format(name, data) is expected


def test_gzip_is_undone_whatever_the_name():
    assert decode_bytes("x.txt", gzip.compress(b"hello")) == b"hello"


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty"), (b"  \n ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"), (b"\x1f\x8bnot gzip", "gzip")],
)
def test_unreadable_inputs_are_refused_with_a_reason(data, message):
    with pytest.raises(UnsupportedInput, match=message):
        decode_bytes("obj", data)


# --- gzip: bounded, and every failure named ----------------------------------------------------

ARTICLE = (
    "The harbour authority said on Tuesday that the new breakwater would be finished before the winter "
    "storms, after two years of delays caused by rising costs and a shortage of granite. Fishermen who use "
    "the port welcomed the news but said the works had already cost them a season.\n\n"
) * 3


def _bomb(size: int) -> bytes:
    inflater = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\x00" * 1_000_000
    return b"".join(inflater.compress(chunk) for _ in range(size // len(chunk))) + inflater.flush()


def test_a_gzip_bomb_is_refused_quickly_without_inflating_it_whole():
    bomb = _bomb(300_000_000)
    assert len(bomb) < 400_000
    started = time.process_time()
    with pytest.raises(UnsupportedInput, match="expands to over 50 MB.*gzip bomb"):
        decode_bytes("bomb.txt.gz", bomb)
    assert time.process_time() - started < 2


def test_gunzip_stops_at_its_bound():
    with pytest.raises(UnsupportedInput, match="over 1 MB"):
        gunzip("x.gz", gzip.compress(b"a" * 3_000_000), limit=1024 * 1024)
    assert gunzip("x.gz", gzip.compress(b"a" * 1000), limit=1000) == b"a" * 1000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (gzip.compress(ARTICLE.encode())[:60], "truncated gzip"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", "truncated gzip"),
        (b"\x1f\x8b\x08\x00garbage that is not deflate data" * 10, "corrupt gzip"),
        (gzip.compress(ARTICLE.encode()) + b"trailing!", "garbage after the compressed stream"),
        (gzip.compress(ARTICLE.encode())[:-8] + b"\x00\x00\x00\x00" + gzip.compress(ARTICLE.encode())[-4:], "corrupt gzip"),
        (gzip.compress(b""), "empty once decompressed"),
        (gzip.compress(gzip.compress(gzip.compress(gzip.compress(b"four layers")))), "more than 3 layers"),
    ],
)
def test_broken_gzip_is_refused_with_a_reason(data, message):
    with pytest.raises(UnsupportedInput, match=message):
        decode_bytes("obj.gz", data)


def test_gzip_in_gzip_multi_member_and_padded_gzip_are_undone():
    text = ARTICLE.encode()
    assert decode_bytes("x.gz", gzip.compress(gzip.compress(text))) == text
    assert decode_bytes("x.gz", gzip.compress(text[:100]) + gzip.compress(text[100:])) == text
    assert decode_bytes("x.gz", gzip.compress(text) + b"\x00" * 64) == text


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 50, "a PDF document"),
        (b"PK\x03\x04\x14\x00" + b"story.txt" * 20, "a ZIP archive"),
        (b"GIF89a" + bytes(range(1, 200)), "a GIF image"),
        (b"\xff\xd8\xff\xe0" + bytes(range(1, 200)), "a JPEG image"),
        (b"BZh91AY&SY" + bytes(range(1, 200)), "bzip2"),
        (b"{\\rtf1\\ansi Hello}", "an RTF document"),
    ],
)
def test_known_binary_formats_are_named(data, what):
    with pytest.raises(UnsupportedInput, match="binary content") as refused:
        decode_bytes("obj", data)
    assert what in str(refused.value)
    assert binary_format(b"BZh is a text that starts like bzip2") is None


# --- XML that is not HTML ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', "an SVG image, not an HTML page"),
        ('<svg xmlns="http://www.w3.org/2000/svg" width="10"><circle r="4"/></svg>', "an SVG image"),
        ('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>', "an RSS feed, not an article: add"),
        ('<?xml version="1.0" encoding="utf-8"?>\n<!-- feed --><feed xmlns="http://www.w3.org/2005/Atom"/>', "an Atom feed"),
        ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', "RSS 1.0"),
        ('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>', "a sitemap"),
        ('<?xml version="1.0"?><catalog><book/></catalog>', "an XML document (root element <catalog>)"),
        ('<?xml version="1.0"?>', "no document after it"),
        ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><html><body>&lol;</body></html>', "declares XML entities"),
        ('<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><p>&xxe;</p></html>', "declares XML entities"),
    ],
)
def test_xml_that_is_no_html_page_says_what_it_is(text, reason):
    problem = markup_problem(text)
    assert problem and reason in problem


@pytest.mark.parametrize(
    "text",
    [
        "<!doctype html><html><body><p>x</p></body></html>",
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd"><html xmlns="http://www.w3.org/1999/xhtml"/>',
        "<div><p>A fragment of a page</p></div>",
        '<svg class="logo"><path d="M0 0"/></svg><div><p>A page that opens with its logo</p></div>',
        "Plain text < with a bracket",
        '{"json": "<svg>"}',
    ],
)
def test_html_and_non_markup_pass(text):
    assert markup_problem(text) is None


def test_runs_of_html_comments_take_linear_time():
    # an unclosed comment after many closed ones made the start-of-HTML pattern backtrack exponentially
    text = "<!--a-->" * 20_000 + "<!--x"
    started = time.process_time()
    detect_format("page.txt", text.encode())
    markup_problem(text)
    assert time.process_time() - started < 1


def test_format_is_detected_on_decoded_text():
    assert detect_format("page.txt", "<!DOCTYPE html><html><body>x</body></html>") is Format.HTML
    assert detect_format("a.data", '{"title": "x"}\n{"title": "y"}\n') is Format.JSONL
    assert detect_format("story.html", '{"title": "a JSON record named .html"}') is Format.JSON
    assert detect_format("scrape.txt", "[Reuters] A story that starts with a bracket") is Format.TEXT


# --- decoding: UTF-16/32, legacy encodings, and what is no text ------------------------------

RNG = random.Random(20261129)
FRENCH = (
    "Le conseil municipal a voté mardi soir le budget de l'année prochaine, après un débat animé sur la "
    "rénovation des écoles et le prix des cantines. « Nous avons fait des choix difficiles », a déclaré la "
    "maire, qui a rappelé que la dette de la ville avait été réduite de moitié en cinq ans.\n\n"
) * 2
RUSSIAN = (
    "Городской совет во вторник вечером утвердил бюджет на следующий год после оживлённых споров о ремонте "
    "школ и ценах на питание. «Мы сделали трудный выбор», — заявила мэр, напомнив, что долг города за пять "
    "лет сократился вдвое. Оппозиция назвала это скрытым повышением налогов.\n\n"
) * 2
CHINESE = (
    "市议会周二晚上在就学校翻新和学校餐费进行激烈辩论后，通过了明年的预算。市长表示：“我们做出了艰难的选择。”"
    "她提醒说，该市的债务在五年内减少了一半。反对派则批评这是变相加税。\n\n"
) * 2
ARABIC = (
    "صوت المجلس البلدي مساء الثلاثاء على ميزانية العام المقبل بعد نقاش حاد حول ترميم المدارس وأسعار الوجبات "
    "المدرسية. وقالت رئيسة البلدية إن المجلس اتخذ خيارات صعبة.\n\n"
) * 2


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", [ARTICLE, RUSSIAN, "<!doctype html><html><body><p>" + ARTICLE + "</p></body></html>"])
def test_utf16_and_utf32_are_decoded_with_or_without_a_bom(codec, text):
    assert decode_text("obj", text.encode(codec)).text == text


def test_utf16_cut_in_the_middle_of_a_character_still_decodes():
    assert decode_text("obj", ARTICLE.encode("utf-16-le")[:-1]).text == ARTICLE[:-1]


@pytest.mark.parametrize(
    ("text", "codec"),
    [(FRENCH, "latin-1"), (FRENCH, "cp1252"), (RUSSIAN, "cp1251"), (CHINESE, "gb18030"), (ARABIC, "cp1256"), (ARTICLE, "utf-8")],
)
def test_real_text_in_legacy_encodings_is_decoded(text, codec):
    assert decode_text("obj", text.encode(codec)).text == text


def test_a_declared_charset_is_used_for_markup():
    page = '<html><head><meta charset="windows-1251"></head><body><p>' + RUSSIAN + "</p></body></html>"
    assert decode_text("p.html", page.encode("cp1251"), markup=True).text == page


def test_utf8_with_a_few_broken_bytes_stays_utf8():
    decoded = decode_text("obj", RUSSIAN.encode() + b"\xff")
    assert decoded.text == RUSSIAN + "\ufffd"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (bytes(RNG.randrange(0x80, 0x100) for _ in range(30_000)), "no character encoding fits"),
        (bytes(RNG.getrandbits(8) for _ in range(20_000)), "binary content (NUL bytes)"),
        (b"\x00" * 2048, "NUL bytes"),
        (("\x01\x02\x03\x1b[31m" * 500).encode(), "control characters"),
        (("\u200b\u200c\u200d\ufeff" * 5000).encode(), "invisible"),
        (("\ue000\ue001\uf8ff" * 3000 + ARTICLE).encode(), "private-use"),
    ],
)
def test_what_is_no_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(UnsupportedInput, match=re.escape(reason)):
        decode_text("obj", data)


# --- is it text? (bodies) ----------------------------------------------------------------------


@pytest.mark.parametrize("text", [ARTICLE, FRENCH, RUSSIAN, CHINESE, ARABIC, "Appleは火曜日、新しいiPhoneを発表した。" * 20])
def test_real_text_in_any_script_is_text(text):
    assert not_text_reason(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("!?.,;:" * 5000, "letters"),
        ("0123456789 " * 3000, "letters"),
        ("".join(RNG.choice("abcdefghijklmnopqrstuvwxyz0123456789+/=!#") for _ in range(20_000)), "spaces"),
        (" ".join("".join(RNG.choice("abcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(76)) for _ in range(200)), "base64"),
        (" ".join(f"{RNG.getrandbits(48):012x}" for _ in range(4000)), "look like words"),
        ("word " * 10_000, "the same 1 word over and over"),
        ("祝" * 5000, "the same 1 word over and over"),
        ("".join(chr(RNG.choice([0x430, 0x4E00, 0x627, 0x915, 0x10D0, 0x5D0, 0x3B1, 0xE01]) + RNG.randrange(20)) for _ in range(3000)), "writing systems"),
    ],
)
def test_what_is_no_prose_is_named(text, reason):
    problem = not_text_reason(text)
    assert problem and reason in problem


@pytest.mark.parametrize(
    "text",
    [b"ID3 tags are what MP3 players read", b"RIFF is a container format", b"Review: WEBP beats JPEG", b"BZh is not bzip2", b"fLaCking text"],
)
def test_texts_that_start_like_a_magic_number_are_text(text):
    assert binary_format(text) is None
    assert decode_bytes("t.txt", text) == text
