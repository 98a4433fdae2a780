-- The co-signature networks the warehouse holds blocs for, with the fingerprints of their
-- records and parameters: a rebuild recomputes only the networks whose fingerprints moved.
SELECT meeting, agenda_item, fingerprint, settings_fingerprint
FROM bloc_networks
ORDER BY meeting, agenda_item NULLS FIRST
