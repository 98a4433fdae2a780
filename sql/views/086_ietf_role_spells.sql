-- ietf_role_spells: every role a person held in an IETF group and when. A group-history
-- snapshot records the group's state (and the roles attached to it) from its time until the
-- next snapshot, or until the group's current state began; current roles run from the
-- group's time to now (until NULL). The datatracker keeps no other dates for roles.
CREATE OR REPLACE VIEW ietf_role_spells AS
WITH snapshots AS (
    SELECT h.history_id, h.group_id, h.acronym, h.group_type, h.state, h.time AS since,
           coalesce(
               lead(h.time) OVER (PARTITION BY h.group_id ORDER BY h.time, h.history_id),
               g.time
           ) AS until
    FROM ietf_group_history AS h
    LEFT JOIN ietf_groups AS g USING (group_id)
)
SELECT r.person_key, r.role, s.group_id,
       coalesce(s.acronym, g.acronym) AS group_acronym,
       coalesce(s.group_type, g.group_type) AS group_type,
       s.state AS group_state,
       s.since, s.until, false AS current
FROM ietf_role_history AS r
JOIN snapshots AS s USING (history_id)
LEFT JOIN ietf_groups AS g USING (group_id)
UNION ALL
SELECT r.person_key, r.role, g.group_id, g.acronym, g.group_type, g.state,
       g.time AS since, NULL::TIMESTAMPTZ AS until, true AS current
FROM ietf_roles AS r
JOIN ietf_groups AS g USING (group_id);
