"""What leaves the warehouse for its readers: the public views' list and meanings (catalog),
the published Parquet snapshot (publish), the weekly summary (exports) and its CSV safety
(csv_cells), `sdo status` (status), and SQL a user typed, confined to reading (user_sql).

May import warehouse.store; nothing above.
"""
