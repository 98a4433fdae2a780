-- concentration: how concentrated each meeting's delegation is among corporate groups —
-- the Herfindahl-Hirschman index (sum of squared shares, 0 to 1; 0.25 and above is highly
-- concentrated by the usual antitrust reading) and the share of the four largest groups.
-- Unspecified delegates (nothing typed) are left out: they are not one organization.
CREATE OR REPLACE VIEW concentration AS
WITH named AS (
    SELECT body, meeting, org_group, delegates,
           delegates / sum(delegates) OVER (PARTITION BY body, meeting) AS share
    FROM delegation_by_group
    WHERE org_group <> 'Unspecified'
),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY body, meeting ORDER BY delegates DESC, org_group)
               AS position
    FROM named
)
SELECT body, meeting,
       sum(share * share) AS hhi,
       sum(share) FILTER (WHERE position <= 4) AS top4_share,
       count(*) AS groups,
       sum(delegates) AS delegates
FROM ranked
GROUP BY body, meeting;
