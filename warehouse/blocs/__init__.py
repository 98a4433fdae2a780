"""Voting power and estimated voting blocs at 3GPP meetings.

Owns: who holds a vote (voting), the co-signature networks (network), community detection
(detection) and its consensus over many seeds (consensus), bloc labels that mean the same
camp from one meeting to the next (camps), the sensitivity of a partition to its parameters
(sensitivity), what the bloc model predicts for a recorded election (elections), records
with planted blocs to validate the method on (planted), and the edge that reads the
warehouse and writes the bloc tables (build).

May import: numpy, polars, igraph, scrapers.staging (the rebuild stages its rows as
Parquet), and from the warehouse only warehouse.store. Never flows/ or report/.
Every module but build, sensitivity and elections is pure (no database).
"""
