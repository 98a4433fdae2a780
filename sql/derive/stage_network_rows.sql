-- Stage the rows of every co-signature network once (cosignature_network_rows joins the
-- organization tables), for the node, edge and document counts read from it next.
CREATE OR REPLACE TEMP TABLE network_rows AS
SELECT * FROM cosignature_network_rows($min_documents)
