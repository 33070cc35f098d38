"""Who may do what (pure, but for reading a request's headers).

Served on this machine only (``local``, the default of ``newslake web``):

* every page can be read by whoever reaches the port — the machine's own users — and
  the ``Host`` header must name a loopback address, so a web page elsewhere cannot reach
  the app through a DNS name re-pointed at 127.0.0.1 (DNS rebinding);
* a POST (re-running rejects) needs either ``Authorization: Bearer <token>`` — the
  service's token — or the form token of a page this app served: an HMAC, under the
  token, of a random value kept in a ``SameSite=Strict``, ``HttpOnly`` cookie. Another
  site can make a browser send the cookie with a form (not with ``Strict``), but cannot
  read the page that holds the form token, so it cannot forge the POST (CSRF). A POST
  whose ``Origin`` is another site is refused as well.

Served beyond this machine (``local=False``: ``newslake serve`` mounting the app on a
public address): every request but ``/login`` and ``/health`` needs the bearer token, or
the session cookie ``/login`` sets once the token is typed in (the cookie holds an HMAC
of the token, not the token); POSTs from a session also need the form token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping

from newslake.web.params import WebError

CSRF_COOKIE = "newslake_csrf"
SESSION_COOKIE = "newslake_session"


def host_name(host_header: str | None) -> str:
    """The host of a ``Host`` header, without the port: ``[::1]:8788`` → ``[::1]``."""
    host = (host_header or "").strip().lower()
    if host.startswith("["):
        return host[: host.index("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def is_loopback(host: str) -> bool:
    """Whether ``host`` (``localhost`` or an address, as given to ``--host`` or in a ``Host``
    header) is this machine only: ``localhost``, 127.0.0.0/8, ``::1``."""
    import ipaddress

    host = host.strip().lower().strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Guard:
    """The app's checks. ``token`` is the service's bearer token; without one (a local app
    only), a random key signs the form tokens and only the form can POST."""

    def __init__(self, token: str | None, *, local: bool = True) -> None:
        if not local and not token:
            raise ValueError("served beyond localhost, the web app needs the service's token (newslake.service.api_token)")
        self.local = local
        self.token = token
        self._key = (token or secrets.token_urlsafe(32)).encode("utf-8")

    def _sign(self, text: str) -> str:
        return hmac.new(self._key, text.encode("utf-8"), hashlib.sha256).hexdigest()

    # ------------------------------------------------------------------ reading

    def host_allowed(self, host_header: str | None) -> bool:
        if not self.local:
            return True
        return is_loopback(host_name(host_header))

    def bearer_ok(self, authorization: str | None) -> bool:
        if not self.token or not authorization:
            return False
        scheme, _, credentials = authorization.strip().partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(credentials.strip().encode("utf-8"), self.token.encode("utf-8"))

    def session_value(self) -> str:
        return self._sign("session")

    def session_ok(self, cookies: Mapping[str, str]) -> bool:
        value = cookies.get(SESSION_COOKIE)
        return bool(value) and hmac.compare_digest(value.encode("utf-8"), self.session_value().encode("utf-8"))

    def may_read(self, headers: Mapping[str, str], cookies: Mapping[str, str]) -> bool:
        return self.local or self.bearer_ok(headers.get("authorization")) or self.session_ok(cookies)

    def login_ok(self, typed: str | None) -> bool:
        return bool(self.token and typed) and hmac.compare_digest(typed.strip().encode("utf-8"), self.token.encode("utf-8"))

    # ------------------------------------------------------------------ forms

    @staticmethod
    def new_nonce() -> str:
        return secrets.token_urlsafe(18)

    def form_token(self, nonce: str) -> str:
        return self._sign("form:" + nonce)

    def check_post(self, headers: Mapping[str, str], cookies: Mapping[str, str], form: Mapping[str, str],
                   origin_expected: str) -> None:
        """Nothing if the POST may change something; a 401/403 :class:`WebError` otherwise."""
        if self.bearer_ok(headers.get("authorization")):
            return
        origin = headers.get("origin")
        if origin is not None and origin.rstrip("/").lower() != origin_expected.rstrip("/").lower():
            raise WebError(403, f"refused: this form was sent from another site ({origin[:100]})")
        if not self.local and not self.session_ok(cookies):
            raise WebError(401, "log in first (the service's token), or send Authorization: Bearer <token>", "Log in")
        nonce, sent = cookies.get(CSRF_COOKIE), form.get("csrf")
        if not nonce or not sent or not hmac.compare_digest(sent.encode("utf-8"), self.form_token(nonce).encode("utf-8")):
            raise WebError(403, "the form has expired or did not come from this app: reload the page and send it again; "
                                "scripts send Authorization: Bearer <token> (the service's token)")
