"""Choosing the live network or an archive replay for a refresh: the one seam between them."""

from __future__ import annotations

from pathlib import Path

import httpx

from flows.settings import SAMPLE_ARCHIVE, Settings
from scrapers.archive import ArchiveReplay, RawArchive
from scrapers.http import Fetcher, HttpPolicy, PoliteClient


def make_fetcher(
    settings: Settings,
    offline: bool,
    archive: Path | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Fetcher:
    """Offline: replay ``archive`` (default: the bundled samples). Live: the polite client,
    archiving every response under ``settings.raw_dir``."""
    if offline:
        return ArchiveReplay(RawArchive(archive or SAMPLE_ARCHIVE))
    policy = HttpPolicy(pause=settings.http_pause)
    return PoliteClient(RawArchive(settings.raw_dir), policy, transport=transport)
