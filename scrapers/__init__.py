"""Fetching and parsing: bytes in, polars frames with declared schemas out.

errors (the error a fetch ends with), archive (the content-addressed raw archive and its
offline replay), http (the one polite client; it archives every body it receives), staging
(parsed pages staged as Parquet), shares (exact fractional shares), zip_guard (zip bombs
and DOCTYPEs refused), and one package per body: ietf/ (the datatracker) and threegpp/.

The bottom layer of the project: imports nothing from warehouse/, report/ or flows/. Inside
it the client stands on the archive, never the reverse.
"""
