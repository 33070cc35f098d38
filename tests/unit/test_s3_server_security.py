"""What the local stack is started with (newslake/stack/s3_server.py), without starting it:
the S3 identities, SeaweedFS's security.toml and the certificates."""

from __future__ import annotations

import os
import stat
import tomllib

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from newslake.core.settings import Settings
from newslake.core.state import StackState
from newslake.stack import s3_server


def test_identities_give_the_query_key_read_and_list_only():
    state = StackState(s3_port=1, access_key="w", secret_key="ws", read_access_key="r", read_secret_key="rs")
    writer, reader = s3_server.identities_config(state)["identities"]
    assert writer["credentials"] == [{"accessKey": "w", "secretKey": "ws"}] and "Write" in writer["actions"]
    assert reader["credentials"] == [{"accessKey": "r", "secretKey": "rs"}] and sorted(reader["actions"]) == ["List", "Read"]
    older = StackState(s3_port=1, access_key="w", secret_key="ws")
    assert [i["name"] for i in s3_server.identities_config(older)["identities"]] == ["newslake"]
    assert all("anonymous" not in i["name"] for i in s3_server.identities_config(state)["identities"])


def test_security_toml_requires_client_certificates_everywhere_and_tokens(tmp_path):
    keys = {s: f"key-of-{s}" for s in ("jwt.signing", "jwt.signing.read", "jwt.filer_signing", "jwt.filer_signing.read")}
    config = tomllib.loads(s3_server.security_toml(tmp_path, keys))
    assert config["jwt"]["signing"]["key"] == "key-of-jwt.signing"
    assert config["jwt"]["signing"]["read"]["key"] == "key-of-jwt.signing.read"
    assert config["jwt"]["filer_signing"]["key"] == "key-of-jwt.filer_signing"
    assert config["jwt"]["filer_signing"]["read"]["key"] == "key-of-jwt.filer_signing.read"
    assert config["access"]["ui"] is False
    assert config["grpc"]["ca"] == str(tmp_path / "ca.crt")
    for component in ("master", "volume", "filer", "s3", "admin", "worker", "client"):
        assert config["grpc"][component] == {"cert": str(tmp_path / "stack.crt"), "key": str(tmp_path / "stack.key")}
    for component in ("master", "volume", "filer", "admin"):  # a `ca` makes the HTTPS port require a client certificate
        assert config["https"][component]["ca"] == str(tmp_path / "ca.crt")
    assert config["https"]["client"]["enabled"] is True


def test_security_config_is_fresh_private_and_signed_by_its_ca(tmp_path):
    settings = Settings(state_dir=tmp_path)
    folder = s3_server._write_security_config(settings)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in folder.iterdir()) == ["ca.crt", "security.toml", "stack.crt", "stack.key"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())
    ca = x509.load_pem_x509_certificate((folder / "ca.crt").read_bytes())
    cert = x509.load_pem_x509_certificate((folder / "stack.crt").read_bytes())
    cert.verify_directly_issued_by(ca)
    usages = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert {ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH} <= set(usages)
    first = (folder / "security.toml").read_text()
    s3_server._write_security_config(settings)
    assert (folder / "security.toml").read_text() != first  # new token keys at each start
    assert x509.load_pem_x509_certificate((folder / "ca.crt").read_bytes()) != ca


def test_the_server_environment_drops_aws_keys_and_weed_overrides(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "someone")
    monkeypatch.setenv("WEED_JWT_SIGNING_KEY", "")
    monkeypatch.setenv("KEEP_ME", "yes")
    environment = s3_server._server_environment()
    assert "AWS_ACCESS_KEY_ID" not in environment and "WEED_JWT_SIGNING_KEY" not in environment
    assert environment["KEEP_ME"] == "yes" and environment["PATH"] == os.environ["PATH"]
