-- Idempotency-Key records of POST /v1/jobs (IETF draft-ietf-httpapi-idempotency-key-header).
-- Ingest keeps its tables in its own schema, with its own Flyway history, so it can share one
-- database with the results service without either migration touching the other's tables.
create table idempotency_key (
    -- the API key id of the caller; '' when access control is off (keys are scoped per API key)
    owner           text        not null,
    idempotency_key text        not null,
    -- SHA-256 (hex) of the request payload: the JSON body, or the uploaded bytes plus the form parameters
    request_hash    char(64)    not null,
    -- IN_PROGRESS while the first request is being accepted, COMPLETED once it was
    state           varchar(16) not null,
    -- the 202 answer (AcceptedJob JSON) replayed for a repeated request
    response_body   text,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    primary key (owner, idempotency_key)
);

create index idempotency_key_expiry on idempotency_key (expires_at);
