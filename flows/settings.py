"""Where things are and how to reach them, from the environment (the public contract).

SDO_DB          the DuckDB file                      (./data/sdo.duckdb)
SDO_RAW         the raw archive of live responses    (./data/raw)
SDO_PUBLISHED   the published snapshot's link        (published/ beside SDO_DB)
SDO_IETF_URL    the IETF datatracker                 (https://datatracker.ietf.org)
SDO_HTTP_PAUSE  seconds between requests to one host (1.0)
SDO_ORG_OVERRIDES  a CSV of your own affiliation mappings, winning over the shipped ones
SDO_REFRESH_WAIT   seconds a refresh waits for another refresh of the same database (0)
SDO_PARTICIPANT_HEADERS  a CSV (header,column) of your own participant-list header synonyms
SDO_SQL_MEMORY_LIMIT, SDO_SQL_TEMP_LIMIT, SDO_SQL_TIMEOUT   what one `sdo sql` query may use:
                memory (2GB), disk it spills to (4GB), seconds (120; 0 for none)
SDO_3GPP_URL, SDO_3GPP_PORTAL_URL, SDO_ETSI_URL   the 3GPP site, portal and ETSI
                registration hosts (https://www.3gpp.org, https://portal.3gpp.org,
                https://webapp.etsi.org)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from warehouse.store.db import db_path

if TYPE_CHECKING:
    from scrapers.threegpp.participants import ParticipantHeaders

SOURCES = ("ietf", "3gpp")  # what `sdo refresh` with no argument refreshes, in order
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ARCHIVE = PROJECT_ROOT / "samples" / "archive"
SAMPLE_IMPORTS = PROJECT_ROOT / "samples" / "imports"  # files the sample loads by import


@dataclass(frozen=True)
class Settings:
    db: Path
    raw_dir: Path
    ietf_url: str
    http_pause: float
    threegpp_url: str = "https://www.3gpp.org"
    threegpp_portal_url: str = "https://portal.3gpp.org"
    etsi_url: str = "https://webapp.etsi.org"
    org_overrides: Path | None = None
    refresh_wait: float = 0.0  # seconds a refresh waits for another one to finish
    participant_headers: Path | None = None  # a user's header synonyms for participant lists
    sql_memory_limit: str = "2GB"
    # DuckDB's memory while a refresh or import loads (its default, 80 % of RAM, is
    # filled with cached pages): 1 GB took 0.46 GB off the IETF 10x refresh's peak
    load_memory_limit: str = "1GB"
    sql_temp_limit: str = "4GB"
    sql_timeout: float = 120.0

    @classmethod
    def from_env(cls, db: str | Path | None = None) -> Settings:
        pause = os.environ.get("SDO_HTTP_PAUSE", "1.0")
        try:
            http_pause = float(pause)
        except ValueError as exc:
            raise ValueError(f"SDO_HTTP_PAUSE={pause!r}: expected seconds, e.g. 1.0") from exc
        return cls(
            db=db_path(db),
            raw_dir=Path(os.environ.get("SDO_RAW") or "data/raw"),
            ietf_url=os.environ.get("SDO_IETF_URL") or "https://datatracker.ietf.org",
            http_pause=http_pause,
            threegpp_url=os.environ.get("SDO_3GPP_URL") or cls.threegpp_url,
            threegpp_portal_url=os.environ.get("SDO_3GPP_PORTAL_URL") or cls.threegpp_portal_url,
            etsi_url=os.environ.get("SDO_ETSI_URL") or cls.etsi_url,
            refresh_wait=_seconds("SDO_REFRESH_WAIT", "0"),
            org_overrides=Path(os.environ["SDO_ORG_OVERRIDES"])
            if os.environ.get("SDO_ORG_OVERRIDES")
            else None,
            participant_headers=Path(os.environ["SDO_PARTICIPANT_HEADERS"])
            if os.environ.get("SDO_PARTICIPANT_HEADERS")
            else None,
            sql_memory_limit=os.environ.get("SDO_SQL_MEMORY_LIMIT") or cls.sql_memory_limit,
            load_memory_limit=os.environ.get("SDO_LOAD_MEMORY_LIMIT") or cls.load_memory_limit,
            sql_temp_limit=os.environ.get("SDO_SQL_TEMP_LIMIT") or cls.sql_temp_limit,
            sql_timeout=_seconds("SDO_SQL_TIMEOUT", str(cls.sql_timeout)),
        )

    @property
    def published(self) -> Path:
        """Where readers find the published snapshot (a link to its current folder)."""
        configured = os.environ.get("SDO_PUBLISHED")
        return Path(configured) if configured else self.db.parent / "published"

    def participant_header_synonyms(self) -> ParticipantHeaders:
        """The shipped participant-list header synonyms plus the user's file, if one is set.
        Raises ValueError naming the file when it cannot be read or is malformed."""
        from scrapers.threegpp.participants import DEFAULT_HEADERS, header_synonyms_from_csv

        if self.participant_headers is None:
            return DEFAULT_HEADERS
        path = self.participant_headers
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise ValueError(
                f"SDO_PARTICIPANT_HEADERS={str(path)!r}: cannot read it ({exc})"
            ) from exc
        return DEFAULT_HEADERS.with_user(header_synonyms_from_csv(text, str(path)))


def _seconds(name: str, default: str) -> float:
    value = os.environ.get(name, default)
    try:
        return float(value)
    except ValueError as exc:
        raise ValueError(f"{name}={value!r}: expected seconds, e.g. 30") from exc


def prepare_prefect_environment() -> None:
    """Defaults for running flows without a Prefect server, unless the user set them.

    The ephemeral API Prefect starts for a flow run needs more than its default 20 s
    on a cold machine (first start migrates its database); and a local tool has no
    business sending analytics.
    """
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
