"""The error a fetch ends with, shared by the live client (scrapers/http.py) and the raw
archive's offline replay (scrapers/archive.py), so that neither imports the other for it.
Imports nothing of the project."""

from __future__ import annotations


class FetchError(RuntimeError):
    """A request that failed for good (after retries), naming the URL and why."""

    def __init__(
        self, url: str, reason: str, status: int | None = None, transient: bool = False
    ) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status  # the HTTP status that ended it, if one did
        # True when reading the whole source again can succeed where this read failed (a
        # collection that changed while it was paged). A host that is down or erring has had
        # the client's own retries already: trying the whole fetch again would only hold the
        # refresh lock longer.
        self.transient = transient


def is_transient(exc: BaseException) -> bool:
    """Whether retrying the work that raised ``exc`` later could succeed."""
    return isinstance(exc, FetchError) and exc.transient
