-- delegation_by_group: delegates per corporate group per meeting (Futurewei, HiSilicon and
-- Huawei together as Huawei), with the group's HQ country and share of the meeting. basis
-- and the row of a 3GPP meeting without a readable participant list as in delegation_by_org.
-- people: whole persons, each counted once, under the group of the first organization
-- they listed (delegates: a joint affiliation's person split between the groups).
CREATE OR REPLACE VIEW delegation_by_group AS
SELECT body, meeting, org_group, any_value(hq_country) AS hq_country,
       sum(weight) AS delegates,
       coalesce(sum(weight) FILTER (WHERE onsite), 0) AS onsite,
       coalesce(sum(weight) FILTER (WHERE remote), 0) AS remote,
       sum(weight) / sum(sum(weight)) OVER (PARTITION BY body, meeting) AS share,
       basis,
       count(*) FILTER (WHERE part = 1) AS people
FROM participation_resolved
GROUP BY body, meeting, org_group, basis
UNION ALL
SELECT '3gpp', meeting, NULL, NULL, NULL, NULL, NULL, NULL, basis, NULL
FROM threegpp_participant_list_state
WHERE state <> 'loaded';
