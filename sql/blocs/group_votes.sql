-- Each corporate group's votes at $meeting (votes_by_group: eligible, present, capped).
SELECT org_group, votes FROM votes_by_group WHERE meeting = $meeting ORDER BY org_group
