-- The user index (PushAuth.History.IUserIndex): one row per (tenant, user), added when the user's first method is
-- paired or enrolled. The primary key is a btree in "C" collation, so a user-id prefix is a key range and the cursor
-- ("user_id > last") continues it: a page reads only its own rows, whatever the tenant's size.
CREATE TABLE pushauth_user_index
(
    tenant_id     text        NOT NULL,
    user_id       text COLLATE "C" NOT NULL,
    first_seen_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
