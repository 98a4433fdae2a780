"""Presentation: the HTML report and its charts.

Owns how figures are drawn and laid out, nothing about how they are computed: it reads
the public views through the sql/report/ queries (warehouse.store.queries) and never writes.
May import warehouse; flows may import it; it never imports flows or scrapers.
"""
