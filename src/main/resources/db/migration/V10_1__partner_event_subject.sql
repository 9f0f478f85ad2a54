-- Reconciliation: whether a sandbox's final outcome is already known (by a callback or by reading the sandbox's
-- state) is looked up by partner, event type and subject, on every callback and every check.
create index partner_event_subject_idx on partner_event (partner_key, event_type, correlation_value);
