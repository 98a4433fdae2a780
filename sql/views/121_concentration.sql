-- concentration: how concentrated each meeting's delegation is among corporate groups —
-- the Herfindahl-Hirschman index (sum of squared shares, 0 to 1; 0.25 and above is highly
-- concentrated by the usual antitrust reading) and the share of the four largest groups.
-- Unspecified delegates (nothing typed) are left out: they are not one organization.
-- Computed as exact decimal sums (sum of squares over the square of the sum), so the
-- figures do not depend on the order groups are added in.
CREATE OR REPLACE VIEW concentration AS
WITH named AS (
    SELECT body, meeting, org_group, delegates AS d,
           row_number() OVER (PARTITION BY body, meeting ORDER BY delegates DESC, org_group)
               AS position
    FROM delegation_by_group
    WHERE org_group <> 'Unspecified'
)
SELECT body, meeting,
       sum(d * d)::DOUBLE / (sum(d)::DOUBLE * sum(d)::DOUBLE) AS hhi,
       (sum(d) FILTER (WHERE position <= 4))::DOUBLE / sum(d)::DOUBLE AS top4_share,
       count(*) AS groups,
       sum(d) AS delegates
FROM named
GROUP BY body, meeting;
