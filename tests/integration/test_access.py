"""Who can reach what: the local stack answers nobody without credentials, and analysis
connections only read the lake.

Part one finds every TCP port the SeaweedFS process group listens on (from /proc, as
`ss -ltnp` would) and knocks on each without credentials: plain HTTP and TLS without a
client certificate on the internal ports, unsigned requests on the S3 port. Part two runs
the statements an analyst could use to write, read local files, attach, or change settings
through `connect()`, exports, and `newslake sql` (argument and prompt), and checks they are
refused while ordinary analysis still works.

The synthetic lake lives in a bucket of its own.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import ssl
import stat
import subprocess
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from botocore.exceptions import ClientError

from newslake.core import lake
from newslake.core.lake import open_table, table_uri
from newslake.core.query import connect, refresh_views
from newslake.core.state import STACK, StackState, read_state
from newslake.core.storage import query_access, query_s3_client, s3_access, s3_client
from newslake.stack import s3_server
from newslake.stack.processes import free_port
from schemas import TABLES
from tests.integration.helpers import NEWSLAKE, lake_in_bucket
from tests.unit.test_views_sql import _article, article_id, corpus, utc

BUCKET = "newslake-access"
LOG = "lake/articles/_delta_log/00000000000000000000.json"
PLANTED = "landing/planted/2026/03/10/planted.json"


@pytest.fixture(scope="module")
def news(settings, local_stack):
    isolated = lake_in_bucket(settings, BUCKET)
    for name, table in corpus("Putin arrived in Iran on Tuesday to talk about drones and oil.").items():
        lake.merge(isolated, name, table)
    return isolated


# --- what listens -------------------------------------------------------------------------------


def _process_group(leader: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == leader:  # state, ppid, pgrp
                members.append(int(entry.name))
    return members


def _socket_inodes(pids: list[int]) -> set[int]:
    inodes = set()
    for pid in pids:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(int(target[8:-1]))
        except OSError:
            continue
    return inodes


def _listening_tcp(inodes: set[int]) -> dict[int, str]:
    """Port → local address of each listening TCP socket among ``inodes`` (IPv4 and IPv6)."""
    found = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            columns = line.split()
            local, state, inode = columns[1], columns[3], int(columns[9])
            if state == "0A" and inode in inodes:  # 0A: LISTEN
                address, port = local.split(":")
                raw = bytes.fromhex(address)
                if len(raw) == 4:
                    text = socket.inet_ntop(socket.AF_INET, raw[::-1])
                else:
                    text = socket.inet_ntop(socket.AF_INET6, b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4)))
                found[int(port, 16)] = text
    return found


def _listening_unix(inodes: set[int]) -> list[str]:
    paths = []
    for line in Path("/proc/net/unix").read_text().splitlines()[1:]:
        columns = line.split()
        if len(columns) >= 8 and int(columns[6]) in inodes and columns[5] == "01" and columns[7].startswith("/"):
            paths.append(columns[7])  # 01: listening
    return paths


@pytest.fixture(scope="module")
def listeners(local_stack) -> dict[int, str]:
    """Every listening TCP port of the server's process group, once all it was given listen
    (`up` returns when S3 answers; the admin server starts a moment later)."""
    expected = {local_stack.s3_port, *local_stack.ports.values()}
    deadline = time.monotonic() + 30
    while True:
        found = _listening_tcp(_socket_inodes(_process_group(local_stack.pid)))
        if expected <= set(found) or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def test_every_listening_port_is_known_and_on_loopback(local_stack, listeners):
    assert set(listeners) == {local_stack.s3_port, *local_stack.ports.values()}, listeners
    assert set(listeners.values()) == {"127.0.0.1"}
    assert local_stack.secured and local_stack.read_access_key


# --- knocking without credentials ---------------------------------------------------------------


def _requests(bucket: str) -> list[tuple[str, str, bytes | None]]:
    """What an intruder tries on any port: list the lake, read the Delta log, plant an object
    in landing, delete, and the master's, volume server's and admin's own APIs."""
    return [
        ("GET", f"/buckets/{bucket}/?pretty=y", None),
        ("GET", f"/buckets/{bucket}/lake/articles/", None),
        ("GET", f"/buckets/{bucket}/{LOG}", None),
        ("PUT", f"/buckets/{bucket}/{PLANTED}", b'{"title": "planted"}'),
        ("POST", f"/buckets/{bucket}/landing/planted/", b'{"title": "planted"}'),
        ("DELETE", f"/buckets/{bucket}/{LOG}", None),
        ("GET", "/dir/assign", None),
        ("GET", "/dir/status", None),
        ("GET", "/cluster/status", None),
        ("GET", "/status", None),
        ("GET", "/metrics", None),
        ("GET", "/health", None),
        ("GET", "/", None),
    ]


def _plain_http(port: int, method: str, path: str, body: bytes | None) -> int | None:
    """The status code, or None when the port closed the connection or did not speak HTTP."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request(method, path, body=body)
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def _tls_without_certificate(port: int, method: str, path: str, body: bytes | None) -> int | None:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=5, context=context)
    try:
        connection.request(method, path, body=body)
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):  # ssl.SSLError is an OSError
        return None
    finally:
        connection.close()


def _lake_untouched(news) -> None:
    writer = s3_client(news)
    assert writer.get_object(Bucket=BUCKET, Key=LOG)["Body"].read().startswith(b"{")
    with pytest.raises(ClientError):
        writer.head_object(Bucket=BUCKET, Key=PLANTED)


def test_no_internal_port_answers_without_credentials(news, local_stack, listeners):
    internal = sorted(set(listeners) - {local_stack.s3_port})
    assert len(internal) >= 8  # master, volume, filer (HTTP and gRPC each), S3 gRPC, admin (HTTP and gRPC)
    for port in internal:
        for method, path, body in _requests(BUCKET):
            plain = _plain_http(port, method, path, body)
            # 400: "Client sent an HTTP request to an HTTPS server"; None: closed, or not HTTP (gRPC over TLS)
            assert plain in (None, 400), (port, method, path, plain)
            assert _tls_without_certificate(port, method, path, body) is None, (port, method, path)
    _lake_untouched(news)


def test_the_stack_certificate_opens_tls_and_the_filer_still_wants_a_token(settings, news, local_stack):
    """The positive control: the refusals above are about credentials. With the stack's own
    client certificate the filer completes the handshake, and still answers 401 without a JWT."""
    folder = settings.state_dir / s3_server.SECURITY_DIR
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    context = ssl.create_default_context(cafile=str(folder / "ca.crt"))
    context.load_cert_chain(str(folder / "stack.crt"), str(folder / "stack.key"))
    filer = local_stack.ports["filer.port"]
    for method, path, body in _requests(BUCKET)[:6]:
        connection = http.client.HTTPSConnection("127.0.0.1", filer, timeout=5, context=context)
        connection.request(method, path, body=body)
        response = connection.getresponse()
        assert response.status == 401, (method, path, response.status, response.read()[:200])
        connection.close()
    _lake_untouched(news)


def test_s3_refuses_unsigned_requests(news, local_stack):
    for method, path, body in [
        ("GET", f"/{BUCKET}?list-type=2", None),
        ("GET", f"/{BUCKET}/{LOG}", None),
        ("PUT", f"/{BUCKET}/{PLANTED}", b'{"title": "planted"}'),
        ("DELETE", f"/{BUCKET}/{LOG}", None),
        ("GET", "/", None),
    ]:
        assert _plain_http(local_stack.s3_port, method, path, body) == 403, (method, path)
    _lake_untouched(news)


def test_the_read_only_key_reads_and_lists_but_cannot_write(news, local_stack):
    assert query_access(news).access_key == local_stack.read_access_key != s3_access(news).access_key
    reader = query_s3_client(news)
    assert reader.get_object(Bucket=BUCKET, Key=LOG)["Body"].read().startswith(b"{")
    assert any(o["Key"] == LOG for o in reader.list_objects_v2(Bucket=BUCKET, Prefix="lake/articles/")["Contents"])
    attempts = [
        lambda: reader.put_object(Bucket=BUCKET, Key=PLANTED, Body=b"{}"),
        lambda: reader.put_object(Bucket=BUCKET, Key=LOG, Body=b"{}"),
        lambda: reader.delete_object(Bucket=BUCKET, Key=LOG),
        lambda: reader.copy_object(Bucket=BUCKET, Key=PLANTED, CopySource={"Bucket": BUCKET, "Key": LOG}),
        lambda: reader.create_bucket(Bucket="newslake-access-intruder"),
    ]
    for attempt in attempts:
        with pytest.raises(ClientError) as refused:
            attempt()
        assert refused.value.response["Error"]["Code"] == "AccessDenied"
    _lake_untouched(news)


def test_local_sockets_belong_to_the_owner_only(local_stack):
    paths = _listening_unix(_socket_inodes(_process_group(local_stack.pid)))
    assert paths, "weed mini listens on local sockets too (/tmp/seaweedfs-*.sock)"
    for path in paths:
        assert stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0, path


def test_up_teaches_a_running_server_the_read_only_key(settings, tmp_path):
    """A stack.json written before the read-only key existed: `up` on the running server adds
    the key, and SeaweedFS takes it without a restart (it re-reads -s3.config on SIGHUP)."""
    other = settings.model_copy(update={"state_dir": tmp_path / "state", "local_s3_port": free_port()})
    started = s3_server.up(other)
    try:
        old = read_state(other, STACK, StackState)
        old.read_access_key = old.read_secret_key = None  # as an older newslake left it
        (other.state_dir / STACK).write_text(json.dumps({k: v for k, v in vars(old).items() if not k.startswith("read_")}))
        s3_server._write_s3_identities(other, old)  # the server forgets the key…
        os.kill(started.pid, signal.SIGHUP)
        assert read_state(other, STACK, StackState).read_access_key is None
        again = s3_server.up(other)  # …and learns a new one
        assert again.pid == started.pid and again.read_access_key and again.read_access_key != started.read_access_key
        assert query_access(other).access_key == again.read_access_key
        query_s3_client(other).head_bucket(Bucket=other.bucket)
        with pytest.raises(ClientError):
            query_s3_client(other).put_object(Bucket=other.bucket, Key="landing/x", Body=b"x")
    finally:
        s3_server.down(other)


# --- analysis connections -----------------------------------------------------------------------


def _refused_statements(settings, stack_json: Path, tmp: Path) -> dict[str, tuple[str, str]]:
    """name → (statement, what the error says)."""
    data_file = open_table(settings, "articles").file_uris()[0]
    landing = f"s3://{settings.bucket}/{PLANTED}"
    return {
        "COPY TO a lake data file": (f"COPY (SELECT 1 AS a) TO '{data_file}' (FORMAT parquet)", "403"),
        "COPY TO a new lake file": (f"COPY (SELECT 1 AS a) TO 's3://{settings.bucket}/lake/articles/x.parquet'", "403"),
        "COPY TO landing": (f"COPY (SELECT 'planted' AS title) TO '{landing}' (FORMAT json)", "disabled by configuration"),
        "COPY TO a local file": (f"COPY (SELECT 1 AS a) TO '{tmp / 'out.csv'}'", "disabled by configuration"),
        "EXPORT DATABASE": (f"EXPORT DATABASE '{tmp / 'dump'}'", "disabled by configuration"),
        "read_text of stack.json": (f"SELECT * FROM read_text('{stack_json}')", "disabled by configuration"),
        "read_csv of stack.json": (f"SELECT * FROM read_csv('{stack_json}')", "disabled by configuration"),
        "read_blob of stack.json": (f"SELECT * FROM read_blob('{stack_json}')", "disabled by configuration"),
        "read_parquet of a local file": (f"SELECT * FROM read_parquet('{tmp / 'any.parquet'}')", "disabled by configuration"),
        "glob of the state folder": (f"SELECT * FROM glob('{stack_json.parent}/*')", "disabled by configuration"),
        "read of a landing object": (f"SELECT * FROM read_text('{landing}')", "disabled by configuration"),
        "read of another bucket": ("SELECT * FROM read_text('s3://some-other-bucket/x')", "disabled by configuration"),
        "read over http": (f"SELECT * FROM read_text('http://127.0.0.1:{settings.local_s3_port}/')", "disabled by configuration"),
        "ATTACH a database file": (f"ATTACH '{tmp / 'other.duckdb'}' AS other", "disabled by configuration"),
        "SET a setting": ("SET threads = 1", "locked"),
        "SET external access back on": ("SET enable_external_access = true", "locked"),
        "RESET the lock": ("RESET lock_configuration", "locked"),
        "INSTALL": ("INSTALL fts", "disabled by configuration"),
        "LOAD": ("LOAD fts", "disabled"),
        "CREATE PERSISTENT SECRET": ("CREATE PERSISTENT SECRET stolen (TYPE s3, KEY_ID 'a', SECRET 'b')", "disabled"),
    }


def test_analysis_connections_refuse_writes_local_files_attach_and_settings(news, settings, tmp_path):
    con = connect(news)
    stack_json = settings.state_dir / STACK
    before = con.sql("SELECT count(*) FROM articles").fetchone()[0]
    for name, (statement, says) in _refused_statements(news, stack_json, tmp_path).items():
        with pytest.raises(duckdb.Error) as refused:
            con.execute(statement)
        assert says in str(refused.value), (name, str(refused.value))
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "other.duckdb").exists()
    _lake_untouched(news)
    assert connect(news).sql("SELECT count(*) FROM articles").fetchone()[0] == before
    assert con.sql("SELECT count(*) FROM articles").fetchone()[0] == before


def test_the_connection_holds_only_the_read_only_key(news, local_stack):
    con = connect(news)
    [(name, described)] = con.sql("SELECT name, secret_string FROM duckdb_secrets()").fetchall()
    assert name == "newslake_s3" and local_stack.read_access_key in described
    assert local_stack.access_key not in described and local_stack.secret_key not in described
    assert local_stack.read_secret_key not in described  # redacted, and it cannot be un-redacted
    with pytest.raises(duckdb.Error):
        con.execute("SET allow_unredacted_secrets = true")


def test_in_memory_objects_are_the_sessions_own(news):
    """CREATE of tables, views, macros and temporary secrets, and ATTACH ':memory:', stay allowed:
    they live in this connection's memory, reach nothing outside it and vanish with it."""
    con = connect(news)
    total = con.sql("SELECT count(*) FROM articles").fetchone()[0]
    con.execute("CREATE TEMP VIEW french AS SELECT title FROM articles WHERE language = 'fr'")
    assert con.sql("SELECT count(*) FROM french").fetchone()[0] == 1
    con.execute("CREATE TABLE scratch AS SELECT 1 AS n")
    con.execute("CREATE MACRO twice(x) AS 2 * x")
    con.execute("ATTACH ':memory:' AS notes")
    con.execute("CREATE OR REPLACE VIEW articles AS SELECT 'shadowed' AS title")
    assert con.sql("SELECT title FROM articles").fetchall() == [("shadowed",)]
    fresh = connect(news)
    assert fresh.sql("SELECT count(*) FROM articles").fetchone()[0] == total
    with pytest.raises(duckdb.CatalogException):
        fresh.sql("SELECT * FROM scratch")


def test_ordinary_analysis_still_works(news, tmp_path):
    from newslake.analysis.export import export_database
    from newslake.analysis.search import search

    con = connect(news, config={"threads": 1})
    assert con.sql("SELECT current_setting('threads')").fetchone()[0] == 1
    assert con.sql("SELECT count(*) FROM articles").fetchone()[0] == 7
    assert con.sql("SELECT sum(articles) FROM daily_coverage").fetchone()[0] == 7
    assert con.sql("SELECT count(*) FROM entity_cooccurrence").fetchone()[0] > 0
    frame = pa.table({"domain": ["eurasia.example"]})
    con.register("wanted", frame)  # registered Arrow/pandas data works; replacement scans do not
    assert con.sql("SELECT count(*) FROM articles JOIN wanted USING (domain)").fetchone()[0] == 2

    extra = _article(article_id("access-zeppelin"), "Zeppelin over the harbour", "A zeppelin crossed the harbour at dawn today.",
                     domain="harbour.example", published_at=utc(2026, 3, 13, 10))
    lake.merge(news, "articles", pa.Table.from_pylist([extra], schema=TABLES["articles"].schema))
    refresh_views(con, news)  # on the locked connection
    assert con.sql("SELECT count(*) FROM articles").fetchone()[0] == 8
    assert [hit.title for hit in search(news, "zeppelin")] == ["Zeppelin over the harbour"]

    for materialize in (True, False):
        path = tmp_path / f"export-{materialize}.duckdb"
        export_database(news, path, materialize=materialize)
        written = path.read_bytes()
        for key in (s3_access(news).secret_key, query_access(news).secret_key):
            assert key.encode() not in written
        with duckdb.connect(str(path), read_only=True) as opened:
            views = {name for (name,) in opened.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
            assert "daily_coverage" in views
            if materialize:
                assert opened.sql("SELECT count(*) FROM articles").fetchone()[0] == 8
            else:
                assert "<secret access key>" in opened.sql("SELECT setup_sql FROM newslake_export").fetchone()[0]


# --- the same through `newslake sql` ------------------------------------------------------------


def _sql_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWSLAKE_BUCKET": BUCKET}
    return subprocess.run([NEWSLAKE, "sql", *args], input=stdin, capture_output=True, text=True, timeout=300, env=env)


def test_newslake_sql_refuses_with_a_one_line_message(news, settings, tmp_path):
    ok = _sql_cli("SELECT 'total ' || count(*) AS n FROM articles")
    assert ok.returncode == 0 and f"total {connect(news).sql('SELECT count(*) FROM articles').fetchone()[0]}" in ok.stdout
    statements = _refused_statements(news, settings.state_dir / STACK, tmp_path)
    for name, (statement, says) in statements.items():
        result = _sql_cli(statement)
        assert result.returncode == 1, (name, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and says in result.stderr, (name, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert lines[0].startswith("error: ") and says in result.stderr
        if says != "403":  # the store's refusal: DuckDB's message adds the S3 error code on a line of its own
            assert len(lines) == 1, (name, result.stderr)
    _lake_untouched(news)


def test_the_prompt_refuses_and_still_refreshes(news, settings):
    script = (
        f"SELECT * FROM read_text('{settings.state_dir / STACK}');\n"
        f"COPY (SELECT 1 AS a) TO 's3://{BUCKET}/{PLANTED}';\n"
        "SET threads = 1;\n"
        ".refresh\n"
        "SELECT 'total ' || count(*) AS total FROM articles;\n"
        ".quit\n"
    )
    result = _sql_cli(stdin=script)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert result.stderr.count("error: ") == 3 and "disabled by configuration" in result.stderr and "locked" in result.stderr
    after_refresh = result.stdout.split("views now show the latest commit", 1)[1]
    assert f"total {connect(news).sql('SELECT count(*) FROM articles').fetchone()[0]}" in after_refresh
    stack = read_state(settings, STACK, StackState)
    assert stack.secret_key not in result.stdout + result.stderr
    _lake_untouched(news)


def test_table_uris_stay_inside_the_allowed_prefix(news):
    """refresh_views relies on delta-rs naming data files under the table's own prefix."""
    for name in TABLES:
        prefix = table_uri(news, name) + "/"
        assert all(uri.startswith(prefix) for uri in open_table(news, name).file_uris()), name
