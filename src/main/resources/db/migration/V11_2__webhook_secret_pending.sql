-- Webhook-secret rotation stores the new secret before it is sent to the partner (accepted from then on), and makes
-- it current once the partner took it. Written for PostgreSQL and H2 alike.
alter table partner_webhook_secret add column pending_encrypted varchar(500);
