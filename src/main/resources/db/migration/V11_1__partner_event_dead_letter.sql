-- Partner-event inbox: failed deliveries are counted and an event that no process takes becomes a dead letter
-- (status DEAD_LETTER) that the governance office sees. Written for PostgreSQL and H2 alike.
alter table partner_event add column attempts integer not null default 0;
alter table partner_event add column last_error varchar(500);

-- the commit trigger looks up one partner's undelivered events
create index partner_event_partner_status_idx on partner_event (partner_key, status);
