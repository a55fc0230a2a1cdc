"""Plain HTTP for the SPARQL 1.1 Protocol and Graph Store Protocol (urllib only).

Remote servers fail in ordinary ways (refused, slow, restarting), so every request
has a timeout and a bounded number of retries with backoff, and every failure ends
as one clear EndpointError. Only requests that are safe to repeat are retried.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from graph.errors import EndpointError, InputError

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
) -> Response:
    """Send one request, retrying connection failures, timeouts and 5xx/429 answers."""
    check_url(url)
    opener = _opener(url)
    problem = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        try:
            with opener.open(req, timeout=timeout) as reply:
                body = reply.read()
                return Response(reply.status, reply.headers.get_content_type(), body)
        except urllib.error.HTTPError as exc:
            detail = _first_line(exc.read())
            if exc.code not in RETRY_STATUS:
                raise Refused(
                    f"{method} {url} refused: HTTP {exc.code} {exc.reason}: {detail}", exc.code, detail
                ) from None
            problem = f"HTTP {exc.code} {exc.reason}: {detail}"
        except TimeoutError:
            problem = f"no answer within {timeout:g} s"
        except urllib.error.URLError as exc:
            reason = exc.reason
            problem = (
                "timed out" if isinstance(reason, TimeoutError) else str(getattr(reason, "strerror", None) or reason)
            )
        except (ConnectionError, OSError) as exc:
            problem = str(exc) or type(exc).__name__
        except http.client.HTTPException as exc:  # a garbled status line, a reply cut short
            problem = f"bad reply ({type(exc).__name__})"
    tries = f" (after {retries + 1} attempts)" if retries else ""
    raise EndpointError(f"{method} {url} failed: {problem}{tries}")


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    line = text.splitlines()[0] if text else "(no message)"
    return line[:300]
