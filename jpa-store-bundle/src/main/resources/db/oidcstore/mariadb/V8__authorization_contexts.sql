-- oidc-store durable tier, schema version 8: authorization contexts (StoreKind.AUTHORIZATION_CONTEXTS).
-- One row per grant: the provider's opaque context of the authorization (principal, original request,
-- token claims), sealed at rest (AES-256-GCM under a key derived from the secret pepper, bound to the
-- grant id: SecretDigest.sealBytes), so the column holds at most 65536 + 28 bytes. id_token_digest is
-- the HMAC-SHA-256 digest of the ID token last issued under the grant (NULL when none is bound): its
-- unique index serves RP-initiated logout (findByIdToken) and marks this version for the schema check.
-- subject: erasure (DELETE ... WHERE subject = ?); expires_at: the GC sweep.
CREATE TABLE oidc_authorization_context (
    grant_id        VARCHAR(512) NOT NULL,
    subject         VARCHAR(512) NOT NULL,
    client_id       VARCHAR(512) NOT NULL,
    context         MEDIUMBLOB NOT NULL,
    id_token_digest VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    created_at      DATETIME(6) NOT NULL,
    expires_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (grant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE UNIQUE INDEX oidc_authorization_context_id_token_ux ON oidc_authorization_context (id_token_digest);
CREATE INDEX oidc_authorization_context_expires_ix ON oidc_authorization_context (expires_at);
CREATE INDEX oidc_authorization_context_subject_ix ON oidc_authorization_context (subject);
