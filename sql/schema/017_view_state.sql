-- 017_view_state: the digest of the sql/views files last applied, so a refresh re-creates
-- the ~40 views only when their SQL changed (re-creating them cost ~0.15 s of each no-op
-- refresh, twice).
CREATE TABLE view_state (
    digest     VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
);
