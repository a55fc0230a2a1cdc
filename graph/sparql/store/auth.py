"""Credentials for endpoints that need them, and answers to their HTTP challenges.

Writes to a real triple store need authentication (Virtuoso asks for HTTP Digest on
``/sparql-auth`` and ``/sparql-graph-crud-auth``; Fuseki and GraphDB usually for
Basic). Credentials never come from the command line, where other users of the
machine can read them: they come from ``GOVGRAPH_ENDPOINT_USER`` and
``GOVGRAPH_ENDPOINT_PASSWORD``, or else from a ``netrc`` entry for the endpoint's host
(``$NETRC`` or ``~/.netrc``). They are sent only when the server asks for them, in
the scheme it asks for.

>>> answer = Answerer(Credentials("Mufasa", "Circle of Life"))
>>> answer.learn('Digest realm="http-auth@example.org", qop="auth", algorithm=MD5, '
...              'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"')
True
>>> answer.header("GET", "http://www.example.org/dir/index.html", cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
... # doctest: +ELLIPSIS
'Digest username="Mufasa", realm="http-auth@example.org", nonce="...", uri="/dir/index.html", response="8ca523f5e9506fed4657c9700eebdbec", ...'
"""

from __future__ import annotations

import base64
import hashlib
import netrc
import os
import re
import secrets
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError, Place

USER_VARIABLE = "GOVGRAPH_ENDPOINT_USER"
PASSWORD_VARIABLE = "GOVGRAPH_ENDPOINT_PASSWORD"
_PARAM = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))')
_HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}


@dataclass(frozen=True)
class Credentials:
    """A user name and password for one endpoint, and where they came from."""

    user: str
    password: str
    origin: str = "given"

    def __repr__(self) -> str:  # never print the password
        return f"Credentials(user={self.user!r}, origin={self.origin!r})"


def find_credentials(url: str, environ: dict[str, str] | None = None) -> Credentials | None:
    """Credentials for ``url``: from the environment, else from netrc, else None."""
    env = os.environ if environ is None else environ
    user, password = env.get(USER_VARIABLE), env.get(PASSWORD_VARIABLE)
    if user or password:
        if not (user and password):
            missing = PASSWORD_VARIABLE if user else USER_VARIABLE
            raise InputError(f"{missing} is not set (set both, or neither and use netrc)", rule="credentials")
        return Credentials(user, password, f"${USER_VARIABLE}")
    path = Path(env["NETRC"]) if env.get("NETRC") else Path(env.get("HOME", "~")).expanduser() / ".netrc"
    if not path.is_file():
        return None
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except netrc.NetrcParseError as exc:
        raise InputError(
            f"unreadable netrc: {exc.msg}", place=Place(str(path), exc.lineno), rule="credentials"
        ) from None
    except OSError as exc:
        raise InputError(f"unreadable netrc: {exc.strerror}", place=Place(str(path)), rule="credentials") from None
    if entry is None or not entry[0] or entry[2] is None:
        return None
    return Credentials(entry[0], entry[2], f"netrc entry for {host}")


class Answerer:
    """Answers one server's Basic or Digest (RFC 7616: MD5 or SHA-256, qop=auth) challenge.

    Digest needs the server's nonce before the first request, and a server may close
    the connection on an unauthorised request before reading its body; so the caller
    first learns the challenge (from a bodiless request), then sends each request
    with :meth:`header`, counting the nonce's uses as the scheme requires.
    """

    def __init__(self, credentials: Credentials):
        self.credentials = credentials
        self.scheme = ""
        self.params: dict[str, str] = {}
        self.count = 0

    def learn(self, challenge: str) -> bool:
        """Read a ``WWW-Authenticate`` value; False if no scheme in it can be answered."""
        for scheme in ("Digest", "Basic"):
            match = re.search(rf"(?:^|,\s*){scheme}\s+(.*)", challenge, re.I)
            if not match:
                continue
            params = {
                m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
                for m in _PARAM.finditer(match.group(1))
            }
            if scheme == "Digest" and (
                params.get("algorithm", "MD5").upper() not in _HASHES
                or "nonce" not in params
                or ("qop" in params and "auth" not in [q.strip() for q in params["qop"].split(",")])
            ):
                continue
            self.scheme, self.params, self.count = scheme, params, 0
            return True
        return False

    @property
    def stale(self) -> bool:
        return self.params.get("stale", "").lower() == "true"

    def header(self, method: str, url: str, cnonce: str | None = None) -> str | None:
        """The ``Authorization`` value for one request, or None before a challenge."""
        user, password = self.credentials.user, self.credentials.password
        if self.scheme == "Basic":
            return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        if self.scheme != "Digest":
            return None
        parts = urllib.parse.urlsplit(url)
        uri = parts.path + (f"?{parts.query}" if parts.query else "")
        algorithm = self.params.get("algorithm", "MD5").upper()

        def h(text: str) -> str:
            return _HASHES[algorithm](text.encode("utf-8")).hexdigest()

        realm, nonce = self.params.get("realm", ""), self.params["nonce"]
        ha1, ha2 = h(f"{user}:{realm}:{password}"), h(f"{method}:{uri}")
        fields = {"username": user, "realm": realm, "nonce": nonce, "uri": uri}
        if "qop" in self.params:
            self.count += 1
            nc, cnonce = f"{self.count:08x}", cnonce or secrets.token_hex(8)
            fields["response"] = h(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
            quoted = ", ".join(f'{k}="{v}"' for k, v in fields.items())
            tail = f', qop=auth, nc={nc}, cnonce="{cnonce}", algorithm={algorithm}'
        else:
            fields["response"] = h(f"{ha1}:{nonce}:{ha2}")
            quoted = ", ".join(f'{k}="{v}"' for k, v in fields.items())
            tail = f", algorithm={algorithm}"
        if "opaque" in self.params:
            tail += f', opaque="{self.params["opaque"]}"'
        return f"Digest {quoted}{tail}"
