"""Wiring: the `sdo` commands (cli), the Prefect flows (refresh, schedule) and the plain
pipeline they share (pipeline), with what a command prints (output, progress). Thin: no
parsing, no SQL of its own, no drawing (report/ draws).

The top layer: may import report, warehouse and scrapers; nothing imports flows.
"""
