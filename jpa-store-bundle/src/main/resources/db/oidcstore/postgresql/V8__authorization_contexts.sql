-- oidc-store durable tier, schema version 8: authorization contexts (StoreKind.AUTHORIZATION_CONTEXTS).
-- One row per grant: the provider's opaque context of the authorization (principal, original request,
-- token claims), sealed at rest (AES-256-GCM under a key derived from the secret pepper, bound to the
-- grant id: SecretDigest.sealBytes), so the column holds at most 65536 + 28 bytes. id_token_digest is
-- the HMAC-SHA-256 digest of the ID token last issued under the grant (NULL when none is bound): its
-- unique index serves RP-initiated logout (findByIdToken) and marks this version for the schema check.
-- subject: erasure (DELETE ... WHERE subject = ?); expires_at: the GC sweep.
CREATE TABLE oidc_authorization_context (
    grant_id        VARCHAR(512) COLLATE "C" NOT NULL,
    subject         VARCHAR(512) COLLATE "C" NOT NULL,
    client_id       VARCHAR(512) COLLATE "C" NOT NULL,
    context         BYTEA NOT NULL,
    id_token_digest VARCHAR(64) COLLATE "C",
    created_at      TIMESTAMP(6) NOT NULL,
    expires_at      TIMESTAMP(6) NOT NULL,
    CONSTRAINT oidc_authorization_context_pk PRIMARY KEY (grant_id)
);
CREATE UNIQUE INDEX oidc_authorization_context_id_token_ux ON oidc_authorization_context (id_token_digest);
CREATE INDEX oidc_authorization_context_expires_ix ON oidc_authorization_context (expires_at);
CREATE INDEX oidc_authorization_context_subject_ix ON oidc_authorization_context (subject);
