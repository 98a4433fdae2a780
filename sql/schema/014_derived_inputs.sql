-- 014_derived_inputs: what each derived step was last computed from, so a load that changed
-- nothing a step reads skips it (a no-op refresh then costs its requests and a comparison).
-- derived_input_digests: one digest per record table (count and an order-free sum of row
-- hashes), kept for tables a load did not touch. derived_steps: each step's fingerprint
-- over its inputs, its settings and the code that computes it, with what it last reported.
CREATE TABLE derived_input_digests (
    name        VARCHAR PRIMARY KEY,               -- a record table, or affiliation_resolution
    digest      VARCHAR NOT NULL,
    row_count   BIGINT NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE derived_steps (
    step        VARCHAR PRIMARY KEY,               -- resolution | nomcom | blocs
    basis       VARCHAR NOT NULL,                  -- code, reference, settings: a change recomputes all
    fingerprint VARCHAR NOT NULL,                  -- the basis and every input digest
    summary     VARCHAR NOT NULL,                  -- JSON: what the step reported when it ran
    computed_at TIMESTAMPTZ NOT NULL
);

-- A NomCom year's seat odds are drawn again only when its pool (who, under which group, the
-- seed and the draw parameters) changed: the pool's digest and the sampler that drew them.
ALTER TABLE ietf_nomcom_rules ADD COLUMN pool_digest VARCHAR;
ALTER TABLE ietf_nomcom_rules ADD COLUMN sampler VARCHAR;
