-- Per 3GPP meeting with co-signatures by companies, a digest of what its co-signature
-- networks are built from: the row count and an order-free sum of row hashes of its
-- cosignature_documents rows. A meeting's networks depend on its own rows only.
SELECT meeting,
       count(*) || ':' || coalesce(sum(hash(agenda_item, document, org_group)), 0) AS digest
FROM cosignature_documents
GROUP BY meeting
ORDER BY meeting
