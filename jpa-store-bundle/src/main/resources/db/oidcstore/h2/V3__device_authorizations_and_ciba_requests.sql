-- oidc-store durable tier, schema version 3, H2 2.x.
-- Two kinds that are volatile by default and may be routed durable: device authorizations
-- (RFC 8628) and backchannel authentication requests (OpenID CIBA). Both are polled by the client
-- and move PENDING -> APPROVED | DENIED, APPROVED -> CONSUMED (state column); every transition is
-- one conditional UPDATE on the state. Bearer secrets (device code, user code, auth_req_id) only
-- as digests; the CIBA client notification token, which the provider must send back, only sealed
-- (AES-GCM under a key derived from the secret pepper). An expired row is absent for every
-- operation and deleted by the GC.
--
-- interval_seconds grows by 5 with each slow_down (capped at one day, the longest interval a
-- record can carry); last_poll_slow_down is the answer of the last recorded poll, written by the
-- same UPDATE that records the poll so that the poll's answer is read from the row it changed.
-- strikes and poll_violations are counters incremented in the engine (n = n + 1).
--
-- A user code is unique among rows (unique index on its digest); a save first deletes an
-- expired holder of its codes in the same transaction, so an expired user code is free at once.
CREATE TABLE oidc_device_authorization (
    device_code_digest  VARCHAR(64) NOT NULL,
    user_code_digest    VARCHAR(64) NOT NULL,
    client_id           VARCHAR(512) NOT NULL,
    scopes              CHARACTER VARYING NOT NULL,
    parameters          CHARACTER VARYING NOT NULL,
    created_at          TIMESTAMP(6) NOT NULL,
    expires_at          TIMESTAMP(6) NOT NULL,
    interval_seconds    INTEGER NOT NULL,
    state               VARCHAR(16) NOT NULL,
    approval_subject    VARCHAR(512),
    approval_acr        CHARACTER VARYING,
    approval_amr        CHARACTER VARYING,
    approval_auth_time  TIMESTAMP(6),
    last_polled_at      TIMESTAMP(6),
    last_poll_slow_down BOOLEAN NOT NULL,
    strikes             INTEGER NOT NULL,
    poll_violations     INTEGER NOT NULL,
    CONSTRAINT oidc_device_authorization_pk PRIMARY KEY (device_code_digest)
);
CREATE UNIQUE INDEX oidc_device_authorization_user_code_ux ON oidc_device_authorization (user_code_digest);
CREATE INDEX oidc_device_authorization_expires_ix ON oidc_device_authorization (expires_at);
CREATE INDEX oidc_device_authorization_client_ix ON oidc_device_authorization (client_id);

CREATE TABLE oidc_ciba_request (
    auth_req_id_digest  VARCHAR(64) NOT NULL,
    client_id           VARCHAR(512) NOT NULL,
    subject             VARCHAR(512) NOT NULL,
    scopes              CHARACTER VARYING NOT NULL,
    acr_values          CHARACTER VARYING NOT NULL,
    binding_message     CHARACTER VARYING,
    delivery_mode       VARCHAR(8) NOT NULL,
    notification_token_sealed CHARACTER VARYING,
    created_at          TIMESTAMP(6) NOT NULL,
    expires_at          TIMESTAMP(6) NOT NULL,
    interval_seconds    INTEGER NOT NULL,
    state               VARCHAR(16) NOT NULL,
    approval_subject    VARCHAR(512),
    approval_acr        CHARACTER VARYING,
    approval_amr        CHARACTER VARYING,
    approval_auth_time  TIMESTAMP(6),
    last_polled_at      TIMESTAMP(6),
    last_poll_slow_down BOOLEAN NOT NULL,
    CONSTRAINT oidc_ciba_request_pk PRIMARY KEY (auth_req_id_digest)
);
CREATE INDEX oidc_ciba_request_expires_ix ON oidc_ciba_request (expires_at);
CREATE INDEX oidc_ciba_request_client_ix ON oidc_ciba_request (client_id);
