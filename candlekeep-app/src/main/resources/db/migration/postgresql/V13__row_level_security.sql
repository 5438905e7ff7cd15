-- Row-level security on the per-user tables: a second wall behind the user filter every statement already has.
-- The service runs a user's requests as the role candlekeep_user with the setting candlekeep.user_id holding that
-- user's id (store.UserTransactions: SET LOCAL ROLE and set_config(.., true), so both end with the transaction),
-- and that role sees and changes only that user's rows: a query that forgot its user filter still answers nothing
-- of anyone else's, and a row written for another user is refused.
--
-- Superusers and the owner of a table skip its policies, and the service usually connects as one of them: hence
-- the role switch. FORCE subjects the owner to the policies too, so every role is named in a policy: the role that
-- ran this migration (the service's own, or a superuser) sees every row, since authentication finds a user by token
-- and the background work (tracking priorities from every user's interest, interest expiry) reads across users;
-- candlekeep_user sees one user's rows; any other role sees none.
-- Roles belong to the server, not to one database: several Candlekeep databases on one server share the role.
DO $$
BEGIN
    CREATE ROLE candlekeep_user NOLOGIN;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN
        NULL; -- made by another Candlekeep database on this server, or by the operator
    WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'Role candlekeep_user is missing and % may not create roles', current_user
            USING HINT = format('As a superuser: CREATE ROLE candlekeep_user NOLOGIN; GRANT candlekeep_user TO %I;',
                                current_user);
END
$$;

-- the service must be able to switch to the role (superusers may switch to any)
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'candlekeep_user', 'MEMBER') THEN
        EXECUTE format('GRANT candlekeep_user TO %I', current_user);
    END IF;
EXCEPTION
    WHEN insufficient_privilege THEN
        RAISE EXCEPTION '% is no member of role candlekeep_user and may not make itself one', current_user
            USING HINT = format('As a superuser: GRANT candlekeep_user TO %I;', current_user);
END
$$;

DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO candlekeep_user', current_schema());
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON portfolio, transactions, interest, api_token TO candlekeep_user;
GRANT USAGE ON SEQUENCE portfolio_id_seq, transactions_id_seq TO candlekeep_user;

-- The same two policies on each per-user table. A transaction that switched role but set no user sees nothing.
DO $$
DECLARE
    one_user CONSTANT TEXT := 'user_id = NULLIF(current_setting(''candlekeep.user_id'', true), '''')::bigint';
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['portfolio', 'transactions', 'interest', 'api_token'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t || '_service', t);
        EXECUTE format('CREATE POLICY %I ON %I TO candlekeep_user USING (%s) WITH CHECK (%s)', t || '_one_user', t,
                       one_user, one_user);
    END LOOP;
END
$$;
