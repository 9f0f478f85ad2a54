-- The partner registry (DESIGN.md §6). Written for PostgreSQL and H2 alike.
create table partner (
    partner_key        varchar(40)   not null primary key,
    name               varchar(200)  not null,
    partner_type       varchar(40)   not null,
    capabilities       varchar(2000) not null default '',
    regions            varchar(1000) not null default '',
    domains            varchar(1000) not null default '',
    status             varchar(20)   not null,
    risk_tier          varchar(10),
    api_base_url       varchar(500)  not null,
    credential_ref     varchar(200),
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    version            bigint        not null default 0
);

create index partner_status_idx on partner (status);
