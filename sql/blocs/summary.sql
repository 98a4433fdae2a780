-- `sdo blocs`: one meeting's (or agenda item's) rows of bloc_summary of one kind, blocs
-- first by votes, the unattached last.
SELECT bloc, members, votes, vote_share, can_block, can_carry, cohesion, member_groups
FROM bloc_summary
WHERE meeting = $meeting AND kind = $kind AND agenda_item IS NOT DISTINCT FROM $agenda_item
ORDER BY bloc = 'unattached', votes DESC NULLS LAST, bloc
