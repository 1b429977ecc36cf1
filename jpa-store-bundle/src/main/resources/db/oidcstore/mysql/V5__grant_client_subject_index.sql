-- oidc-store durable tier, schema version 5: the index that serves GrantStore.listSubjects (the
-- distinct subjects holding a live grant with a client, ascending, a keyset page of limit + 1 rows)
-- and GrantStore.revokeByClient. It leads with client_id, so it replaces the client_id index of
-- version 1. Prefixes as oidc_grant_subject_client_ix (InnoDB's 3072-byte key limit for two
-- utf8mb4 VARCHAR(512) columns). Indexes only; no table or row changes.
CREATE INDEX oidc_grant_client_subject_ix ON oidc_grant (client_id(255), subject(255));
DROP INDEX oidc_grant_client_ix ON oidc_grant;
