"""Plain HTTP for the SPARQL 1.1 Protocol and Graph Store Protocol (urllib only).

Remote servers fail in ordinary ways (refused, slow, restarting), so every request
has a timeout and a bounded number of retries with backoff, and every failure ends
as one clear EndpointError. Only requests that are safe to repeat are retried. An
answer that is not HTTP at all (a garbled status line, a reply cut short) is
:class:`Garbled`: bad input from the server, never retried, never a traceback.
With credentials, the server's challenge is learnt first by a request without a
body, so a large upload is never refused half-sent (see ``auth``).
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from graph.errors import EndpointError, InputError
from graph.sparql.store.auth import Answerer

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
RETRY_STATUS = (429, 500, 502, 503, 504)


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes


class Refused(EndpointError):
    """The endpoint answered, but with an error status that retrying will not fix."""

    def __init__(self, message: str, status: int, detail: str):
        super().__init__(message)
        self.status = status
        self.detail = detail


class Failed(EndpointError):
    """No usable answer after every attempt; ``status`` is the last HTTP status, if any."""

    def __init__(self, message: str, status: int | None):
        super().__init__(message)
        self.status = status


class Garbled(EndpointError):
    """The endpoint's answer is not valid HTTP: bad input from the server (exit 2)."""

    exit_code = 2


def check_url(url: str) -> str:
    """An http(s) URL with a host (and a valid port), else InputError (exit 2)."""
    try:
        parts = urllib.parse.urlsplit(url)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError:
        ok = False
    if not ok or any(ch in url for ch in "\x00\r\n\t "):
        raise InputError(f"not an http(s) URL: {url!r}", rule="endpoint-url")
    return url


def _opener(url: str) -> urllib.request.OpenerDirector:
    """No proxy for loopback, so a proxy set in the environment cannot intercept it."""
    host = urllib.parse.urlsplit(url).hostname or ""
    if host in LOOPBACK or host.startswith("127."):
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def request(
    method: str,
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30.0,
    retries: int = 2,
    backoff: float = 0.25,
    auth: Answerer | None = None,
) -> Response:
    """Send one request, retrying connection failures, timeouts and 5xx/429 answers.

    With ``auth``, the request carries the answer to the server's challenge (learnt
    first if need be); a stale nonce is renewed once, without counting as a retry.
    """
    check_url(url)
    opener = _opener(url)
    if auth is not None and not auth.scheme:
        _learn_challenge(opener, url, timeout, auth)
    problem, status = "", None
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            return _send(opener, method, url, data, headers or {}, timeout, auth)
        except urllib.error.HTTPError as exc:
            detail = _first_line(exc.read())
            if exc.code not in RETRY_STATUS:
                raise Refused(
                    f"{method} {url} refused: HTTP {exc.code} {exc.reason}: {detail}{_credentials_hint(exc.code, auth)}",
                    exc.code,
                    detail,
                ) from None
            problem, status = f"HTTP {exc.code} {exc.reason}: {detail}", exc.code
        except TimeoutError:
            problem, status = f"no answer within {timeout:g} s", None
        except urllib.error.URLError as exc:
            reason = exc.reason
            problem = (
                "timed out" if isinstance(reason, TimeoutError) else str(getattr(reason, "strerror", None) or reason)
            )
            status = None
        except http.client.RemoteDisconnected:
            problem, status = "the connection was closed without an answer", None
        except http.client.HTTPException as exc:
            raise Garbled(f"{method} {url}: the answer is not valid HTTP ({_describe(exc)})") from None
        except (ConnectionError, OSError) as exc:
            problem, status = str(exc) or type(exc).__name__, None
    tries = f" (after {retries + 1} attempts)" if retries else ""
    raise Failed(f"{method} {url} failed: {problem}{tries}", status)


def _send(
    opener: urllib.request.OpenerDirector,
    method: str,
    url: str,
    data: bytes | None,
    headers: dict[str, str],
    timeout: float,
    auth: Answerer | None,
) -> Response:
    """One exchange (two when a stale Digest nonce has to be renewed)."""
    for renewal in (False, True):
        sent = dict(headers)
        if auth is not None and (answer := auth.header(method, url)):
            sent["Authorization"] = answer
        req = urllib.request.Request(url, data=data, headers=sent, method=method)
        try:
            with opener.open(req, timeout=timeout) as reply:
                body = reply.read()
                return Response(reply.status, reply.headers.get_content_type(), body)
        except urllib.error.HTTPError as exc:
            challenge = exc.headers.get("WWW-Authenticate", "") if exc.code == 401 else ""
            if renewal or auth is None or not challenge or not (auth.learn(challenge) and auth.stale):
                raise
            exc.close()
    raise AssertionError("unreachable")  # pragma: no cover


def _learn_challenge(opener: urllib.request.OpenerDirector, url: str, timeout: float, auth: Answerer) -> None:
    """Ask the server, with a bodiless GET, how it wants to be authenticated.

    A server that does not ask (any answer but 401) is sent no credentials at all.
    Failures here are left to the real request to meet and report.
    """
    try:
        with opener.open(urllib.request.Request(url, method="GET"), timeout=timeout):
            return
    except urllib.error.HTTPError as exc:
        if exc.code == 401:
            auth.learn(exc.headers.get("WWW-Authenticate", ""))
        exc.close()
    except (OSError, http.client.HTTPException):
        return


def _credentials_hint(status: int, auth: Answerer | None) -> str:
    if status not in (401, 403):
        return ""
    if auth is None:
        return " (the server wants credentials: set GOVGRAPH_ENDPOINT_USER and GOVGRAPH_ENDPOINT_PASSWORD, or a netrc entry)"
    return f" (with the credentials of {auth.credentials.origin}, user {auth.credentials.user!r})"


def _describe(exc: http.client.HTTPException) -> str:
    """A short, printable account of a protocol error (the garbled text is repr'd)."""
    if isinstance(exc, http.client.IncompleteRead):
        return f"the reply was cut off after {len(exc.partial)} bytes"
    text = " ".join(repr(a) for a in exc.args)[:120]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    line = text.splitlines()[0] if text else "(no message)"
    return line[:300]
