-- delegation_by_org: how many delegates each organization, as registered, sent to each
-- meeting (Futurewei and Huawei apart), with its corporate group and share of the meeting.
CREATE OR REPLACE VIEW delegation_by_org AS
SELECT body, meeting, org, org_group,
       count(*) AS delegates,
       count(*) FILTER (WHERE onsite) AS onsite,
       count(*) FILTER (WHERE remote) AS remote,
       count(*) / sum(count(*)) OVER (PARTITION BY body, meeting) AS share
FROM participation_resolved
GROUP BY body, meeting, org, org_group;
