"""Who may do what in the web app: loopback hosts, the bearer token, form tokens, sessions."""

from __future__ import annotations

import pytest

from newslake.web.auth import CSRF_COOKIE, SESSION_COOKIE, Guard, host_name, is_loopback
from newslake.web.params import WebError

ORIGIN = "http://127.0.0.1:8788"


def test_hosts():
    assert host_name("127.0.0.1:8788") == "127.0.0.1"
    assert host_name("[::1]:8788") == "[::1]"
    assert host_name("LOCALHOST") == "localhost"
    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.1.1"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.5", "example.com", "::"))


def test_a_local_app_answers_to_loopback_names_only():
    guard = Guard(None)
    assert guard.host_allowed("127.0.0.1:8788") and guard.host_allowed("localhost") and guard.host_allowed("[::1]:1")
    for host in ("evil.example", "evil.example:8788", "", None, "127.0.0.1.evil.example"):
        assert not guard.host_allowed(host), host
    assert Guard("t", local=False).host_allowed("news.internal:8787")


def test_a_form_token_is_bound_to_its_cookie():
    guard = Guard("secret-token")
    nonce = guard.new_nonce()
    form = {"csrf": guard.form_token(nonce)}
    guard.check_post({}, {CSRF_COOKIE: nonce}, form, ORIGIN)
    guard.check_post({"origin": ORIGIN}, {CSRF_COOKIE: nonce}, form, ORIGIN)
    for cookies, sent in [({}, form), ({CSRF_COOKIE: "other"}, form), ({CSRF_COOKIE: nonce}, {}),
                          ({CSRF_COOKIE: nonce}, {"csrf": "forged"})]:
        with pytest.raises(WebError) as caught:
            guard.check_post({}, cookies, sent, ORIGIN)
        assert caught.value.status == 403


def test_a_post_from_another_site_is_refused_even_with_a_good_form():
    guard = Guard("secret-token")
    nonce = guard.new_nonce()
    with pytest.raises(WebError, match="another site"):
        guard.check_post({"origin": "https://evil.example"}, {CSRF_COOKIE: nonce}, {"csrf": guard.form_token(nonce)}, ORIGIN)


def test_the_bearer_token_allows_a_post_without_a_form():
    guard = Guard("secret-token")
    guard.check_post({"authorization": "Bearer secret-token"}, {}, {}, ORIGIN)
    for header in ("Bearer wrong", "Basic secret-token", "secret-token", ""):
        with pytest.raises(WebError):
            guard.check_post({"authorization": header}, {}, {}, ORIGIN)


def test_without_a_token_only_the_form_can_post():
    guard = Guard(None)
    assert not guard.bearer_ok("Bearer ")
    nonce = guard.new_nonce()
    guard.check_post({}, {CSRF_COOKIE: nonce}, {"csrf": guard.form_token(nonce)}, ORIGIN)
    # another process's key signs different tokens
    assert Guard(None).form_token(nonce) != guard.form_token(nonce)


def test_served_beyond_localhost_every_page_needs_the_token():
    with pytest.raises(ValueError):
        Guard(None, local=False)
    guard = Guard("secret-token", local=False)
    assert not guard.may_read({}, {})
    assert guard.may_read({"authorization": "Bearer secret-token"}, {})
    assert guard.may_read({}, {SESSION_COOKIE: guard.session_value()})
    assert not guard.may_read({}, {SESSION_COOKIE: "forged"})
    assert guard.session_value() != "secret-token"  # the cookie never holds the token itself
    assert guard.login_ok("secret-token") and not guard.login_ok("nope") and not guard.login_ok(None)
    nonce = guard.new_nonce()
    with pytest.raises(WebError) as caught:  # a form alone, with no session
        guard.check_post({}, {CSRF_COOKIE: nonce}, {"csrf": guard.form_token(nonce)}, ORIGIN)
    assert caught.value.status == 401
    guard.check_post({}, {CSRF_COOKIE: nonce, SESSION_COOKIE: guard.session_value()}, {"csrf": guard.form_token(nonce)}, ORIGIN)
