-- oidc-store durable tier, schema version 9: fewer index writes on the hot path (issue #19).
-- Every insert writes one entry into each secondary index of its table. oidc_authorization_code
-- had two indexes no statement of the store reads: grant_id and client_id (codes are found by
-- digest, swept by expiry, erased by subject; none is looked up by grant or client). Dropping them
-- takes two index writes off every authorization code issued. Nothing in the store needs this
-- version (it runs on a version 7 schema, with the two extra writes), and the code of earlier
-- versions never read these indexes either: nodes of either version run on either schema.
DROP INDEX oidc_authorization_code_grant_ix;
DROP INDEX oidc_authorization_code_client_ix;
