-- oidc-store durable tier, schema version 4, H2 2.x: dynamic client registration (RFC 7591/7592)
-- and provider metadata. New tables only; nothing existing changes.
--
-- Initial access tokens, by digest. expires_at NULL: never expires; max_uses NULL: no limit. A use
-- is one conditional UPDATE (uses = uses + 1 WHERE uses < max_uses AND not expired). Expired rows
-- are kept (and reported as expired) for the retention the API names, then the GC deletes them.
CREATE TABLE oidc_initial_access_token (
    token_digest VARCHAR(64) NOT NULL,
    created_at   TIMESTAMP(6) NOT NULL,
    expires_at   TIMESTAMP(6),
    max_uses     INTEGER,
    uses         INTEGER NOT NULL,
    policy       CHARACTER VARYING NOT NULL,
    CONSTRAINT oidc_initial_access_token_pk PRIMARY KEY (token_digest),
    CONSTRAINT oidc_initial_access_token_uses_ck CHECK (uses >= 0 AND (max_uses IS NULL OR uses <= max_uses))
);
CREATE INDEX oidc_initial_access_token_expires_ix ON oidc_initial_access_token (expires_at);

-- Registration access tokens: one row per client (the key), its token's digest unique across
-- clients. Rotation is one conditional UPDATE of the digest.
CREATE TABLE oidc_registration_token (
    client_id    VARCHAR(512) NOT NULL,
    token_digest VARCHAR(64) NOT NULL,
    created_at   TIMESTAMP(6) NOT NULL,
    expires_at   TIMESTAMP(6),
    CONSTRAINT oidc_registration_token_pk PRIMARY KEY (client_id)
);
CREATE UNIQUE INDEX oidc_registration_token_digest_ux ON oidc_registration_token (token_digest);
CREATE INDEX oidc_registration_token_expires_ix ON oidc_registration_token (expires_at);

-- Provider-wide invariants, by key. Never expire.
CREATE TABLE oidc_provider_metadata (
    meta_key   VARCHAR(512) NOT NULL,
    meta_value CHARACTER VARYING NOT NULL,
    CONSTRAINT oidc_provider_metadata_pk PRIMARY KEY (meta_key)
);
