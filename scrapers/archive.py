"""Content-addressed store of every response body fetched, and its replay.

Layout of an archive folder::

    index.jsonl                  one JSON object per fetch: url, fetched_at, status,
                                 content_type, sha256, bytes; a file read by `sdo import`
                                 also has "options" (kind, name, meeting, as_of) so an
                                 offline rebuild can read it again exactly as it was read
    objects/ab/abcdef….gz        the body, gzip-compressed, named by the sha256 of
                                 the uncompressed bytes
    objects/ab/abcdef…           a body that is already compressed (xlsx, docx, zip,
                                 gzip, images), stored as it came

Text is gzipped at level 1 (GZIP_LEVEL): on the generated 1x IETF history (551 pages,
135.5 MB) level 9 spends 3.35 s of CPU for 8.1 MB, level 1 0.42 s for 10.3 MB. The 59
real RAN1 TDoc lists (28.7 MB of xlsx) gzip to 25.0 MB in 0.91 s: stored as they came.
Archives written with any level, or before compressed bodies were stored as they came,
read the same: an object is looked up as ``.gz`` first, then as stored.

The index is plain text so an archive can be shipped in a repository (samples/),
diffed, and replayed without a database. Identical bodies are stored once.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import threading
import zlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapers.errors import FetchError


def canonical_url(url: str, params: dict[str, str | int] | None = None) -> str:
    """The URL with its query parameters merged and sorted, so equal requests share one key."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if params:
        query += [(k, str(v)) for k, v in params.items()]
    merged = dict(query)  # later values win, as a server would read them
    return urlunsplit(
        (parts.scheme, parts.netloc, parts.path, urlencode(sorted(merged.items())), "")
    )


def _path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


@dataclass(frozen=True)
class ArchiveEntry:
    url: str
    fetched_at: str  # ISO 8601, UTC
    status: int
    content_type: str
    sha256: str
    bytes: int
    options: dict[str, str] | None = None  # how an imported file was read; None for fetches


@dataclass(frozen=True)
class Fetched:
    """One response as the scrapers see it, live or replayed."""

    url: str
    status: int
    content_type: str
    body: bytes
    entry: ArchiveEntry


class ArchiveMiss(LookupError):
    """The archive holds no response for a URL that offline replay asked for."""


class ArchiveCorrupt(RuntimeError):
    """An archived object is not what its name says: unreadable, or other bytes."""


_CHUNK = 1 << 20


GZIP_LEVEL = 1
# Leading bytes of formats that are compressed already: gzip would spend CPU to gain nothing
_COMPRESSED_MAGIC = (
    b"PK\x03\x04",  # zip: xlsx, docx, pptx, zip
    b"\x1f\x8b",  # gzip
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"7z\xbc\xaf\x27\x1c",
    b"\xfd7zXZ\x00",  # xz
    b"\x28\xb5\x2f\xfd",  # zstd
)


def is_compressed(body: bytes) -> bool:
    """Whether ``body`` is in a compressed format, judged by its first bytes."""
    return body.startswith(_COMPRESSED_MAGIC)


class RawArchive:
    """Append-only archive of response bodies. Safe to share between threads."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._lock = threading.Lock()

    @property
    def index_path(self) -> Path:
        return self.root / "index.jsonl"

    def object_path(self, sha256: str) -> Path:
        """Where the body under ``sha256`` is stored: gzipped, or as it came; for a body not
        stored yet, where a text body would go."""
        gzipped = self._gzip_path(sha256)
        stored = self._stored_path(sha256)
        return stored if not gzipped.exists() and stored.exists() else gzipped

    def _gzip_path(self, sha256: str) -> Path:
        return self.root / "objects" / sha256[:2] / f"{sha256}.gz"

    def _stored_path(self, sha256: str) -> Path:
        return self.root / "objects" / sha256[:2] / sha256

    def put(
        self,
        url: str,
        status: int,
        content_type: str,
        body: bytes,
        fetched_at: datetime | None = None,
        options: dict[str, str] | None = None,
    ) -> ArchiveEntry:
        sha = hashlib.sha256(body).hexdigest()
        when = (fetched_at or datetime.now(UTC)).isoformat(timespec="seconds")
        entry = ArchiveEntry(url, when, status, content_type, sha, len(body), options)
        with self._lock:
            if not self._gzip_path(sha).exists() and not self._stored_path(sha).exists():
                stored = is_compressed(body)
                path = self._stored_path(sha) if stored else self._gzip_path(sha)
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
                # mtime=0 keeps the compressed file byte-identical across runs.
                tmp.write_bytes(body if stored else gzip.compress(body, GZIP_LEVEL, mtime=0))
                tmp.replace(path)
            self.root.mkdir(parents=True, exist_ok=True)
            with self.index_path.open("a", encoding="utf-8") as index:
                record = asdict(entry)
                if entry.options is None:
                    del record["options"]  # fetched responses keep the index's first format
                index.write(json.dumps(record, sort_keys=True) + "\n")
        return entry

    def read_body(self, sha256: str, url: str | None = None, size: int | None = None) -> bytes:
        """The body stored under ``sha256``, checked against it.

        ``size`` (the index's byte count) bounds the inflation, so a damaged or planted
        object cannot expand without limit. Raises ArchiveCorrupt naming the object and, when
        given, the URL it answers, on a missing, unreadable or substituted object.
        """
        path = self.object_path(sha256)
        what = f"archive object {path}" + (f" (the response to {url})" if url else "")
        try:
            data = path.read_bytes()
            body = _inflate(data, None if size is None else size + 1) if path.suffix else data
        except FileNotFoundError as exc:
            raise ArchiveCorrupt(f"{what} is missing from the archive") from exc
        except (OSError, EOFError, zlib.error) as exc:
            raise ArchiveCorrupt(f"{what} is not a readable gzip file ({exc})") from exc
        if size is not None and len(body) != size:
            raise ArchiveCorrupt(
                f"{what} holds {'more than ' if len(body) > size else ''}{len(body):,} bytes "
                f"where the index recorded {size:,}"
            )
        found = hashlib.sha256(body).hexdigest()
        if found != sha256:
            raise ArchiveCorrupt(
                f"{what} holds other bytes than were archived (their sha256 is {found}); "
                "the archive was altered or damaged"
            )
        return body

    def entries(self) -> list[ArchiveEntry]:
        if not self.index_path.exists():
            return []
        out = []
        with self.index_path.open(encoding="utf-8") as index:
            for line_no, line in enumerate(index, 1):
                if not line.strip():
                    continue
                try:
                    out.append(ArchiveEntry(**json.loads(line)))
                except (json.JSONDecodeError, TypeError) as exc:
                    raise ValueError(
                        f"{self.index_path}:{line_no}: not an archive index record ({exc})"
                    ) from exc
        return out


class ArchiveReplay:
    """Answers requests from an archive instead of the network (``--offline``).

    The newest successful response for a URL wins, so an archive that holds
    several refreshes replays the latest state. A request for a URL recorded under
    another host (the archive was made against the datatracker, the replay is asked
    for a mirror's URL) is answered by path and query.
    """

    def __init__(self, archive: RawArchive) -> None:
        self.archive = archive
        if not archive.index_path.exists():
            raise FileNotFoundError(
                f"{archive.index_path}: no archive index here; expected a folder written by "
                "a live refresh (data/raw) or the bundled samples/ archive"
            )
        latest: dict[str, ArchiveEntry] = {}
        failed: dict[str, ArchiveEntry] = {}
        for entry in archive.entries():
            chosen = latest if 200 <= entry.status < 300 else failed
            prev = chosen.get(entry.url)
            if prev is None or entry.fetched_at >= prev.fetched_at:
                chosen[entry.url] = entry
        self._latest = latest
        # a URL that only ever failed (a page the server could not serve) fails again
        self._failed = {u: e for u, e in failed.items() if u not in latest}
        self._by_path = {
            _path_and_query(url): entry
            for url, entry in sorted(latest.items(), key=lambda kv: kv[1].fetched_at)
        }
        self.requests = 0
        self.entries: list[ArchiveEntry] = []

    def urls(self) -> list[str]:
        """Every URL the archive can answer, for finding what an offline run can cover."""
        return sorted(self._latest)

    def get(self, url: str, params: dict[str, str | int] | None = None) -> Fetched:
        key = canonical_url(url, params)
        entry = self._latest.get(key) or self._by_path.get(_path_and_query(key))
        if entry is None and key in self._failed:
            status = self._failed[key].status
            raise FetchError(key, f"HTTP {status} (as the archive recorded it)", status)
        if entry is None:
            raise ArchiveMiss(f"{key}: not in the archive at {self.archive.root}")
        body = self.archive.read_body(entry.sha256, key, entry.bytes)
        self.requests += 1
        self.entries.append(entry)
        return Fetched(key, entry.status, entry.content_type, body, entry)

    def close(self) -> None:
        pass


def _inflate(data: bytes, limit: int | None) -> bytes:
    """gunzip ``data``, stopping once past ``limit`` bytes (None: no limit)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip framing
    out = bytearray()
    pending = data
    while not inflater.eof:
        room = 0 if limit is None else limit - len(out)  # 0 asks zlib for everything
        chunk = inflater.decompress(pending, room)
        pending = inflater.unconsumed_tail
        if not chunk and not pending and not inflater.eof:
            raise EOFError("the gzip stream ends before its end marker")
        out += chunk
        if limit is not None and len(out) >= limit:
            break
    return bytes(out)
