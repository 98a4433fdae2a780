"""The database itself: opening it (path, the single-writer lock, migrations, views: db),
set-based upserts of polars frames (load), lineage of every load (lineage), the refresh
audit (runs), and the named queries of sql/ with small facts about a database (queries).

The bottom layer: imports nothing of the warehouse; may import scrapers (staging).
"""
