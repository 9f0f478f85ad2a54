-- A partner known at one API base URL is onboarded at another only after an administrator confirmed the new one.
-- Written for PostgreSQL and H2 alike.
alter table partner add column confirmed_api_base_url varchar(500);
