"""Credentials for endpoints: from the environment or netrc, never printed (graph/sparql/store/auth.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InputError
from graph.sparql.store.auth import Answerer, Credentials, find_credentials

URL = "http://triples.example:8890/sparql-auth"


def test_environment_first(tmp_path: Path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine triples.example login n password p\n", encoding="utf-8")
    env = {"GOVGRAPH_ENDPOINT_USER": "u", "GOVGRAPH_ENDPOINT_PASSWORD": "s3cret", "NETRC": str(netrc)}
    found = find_credentials(URL, env)
    assert found is not None and (found.user, found.password) == ("u", "s3cret")
    assert "s3cret" not in repr(found)
    found = find_credentials(URL, {"NETRC": str(netrc)})
    assert found is not None and (found.user, found.password) == ("n", "p") and "netrc" in found.origin
    assert find_credentials("http://elsewhere.example/sparql", {"NETRC": str(netrc)}) is None
    assert find_credentials(URL, {"NETRC": str(tmp_path / "none"), "HOME": str(tmp_path)}) is None


def test_half_set_environment_is_an_error() -> None:
    with pytest.raises(InputError, match="GOVGRAPH_ENDPOINT_PASSWORD is not set"):
        find_credentials(URL, {"GOVGRAPH_ENDPOINT_USER": "u"})


def test_broken_netrc_names_file_and_line(tmp_path: Path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine a login b password c\nmachine\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        find_credentials(URL, {"NETRC": str(netrc)})
    assert str(netrc) in str(caught.value) and "unreadable netrc" in str(caught.value)


def test_challenges() -> None:
    answer = Answerer(Credentials("u", "p"))
    assert answer.header("GET", URL) is None  # nothing is sent before the server asks
    assert not answer.learn('Negotiate abc, Digest realm="r", nonce="n", qop="auth-int"')
    assert answer.learn('Basic realm="x"') and answer.header("GET", URL) == "Basic dTpw"
    assert answer.learn('Digest realm="SPARQL", nonce="abc", qop="auth", algorithm="SHA-256", stale="true"')
    assert answer.stale
    first, second = answer.header("POST", URL, cnonce="c"), answer.header("POST", URL, cnonce="c")
    assert first and second and "nc=00000001" in first and "nc=00000002" in second and first != second
    assert 'uri="/sparql-auth"' in first and "algorithm=SHA-256" in first
