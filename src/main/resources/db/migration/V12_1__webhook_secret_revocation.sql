-- A revoked webhook secret leaves a tombstone (no secret, generation + 1) instead of no row: a partner's first secret
-- is derived from the secrets key, the partner key and this generation, so a revoked one is never derived again.
-- Written for PostgreSQL and H2 alike.
alter table partner_webhook_secret add column revocation_generation integer default 0 not null;
alter table partner_webhook_secret alter column secret_encrypted drop not null;
