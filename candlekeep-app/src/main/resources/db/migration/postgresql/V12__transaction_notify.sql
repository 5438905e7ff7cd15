-- Transactions written straight into the database by other programs are tracked too (DESIGN §8): every insert
-- notifies the channel transaction_created, which every instance listens to (store.postgres.PgNotifications), and
-- the instances track the symbol, and the FX pair to the portfolio's base currency, for the row's user.
-- The payload is JSON: {"id":..,"user_id":..,"portfolio_id":..,"symbol":"..","currency":"..","origin":".."}.
-- origin is 'candlekeep' for rows the service wrote itself (it sets candlekeep.origin in its user transactions and
-- has tracked them already), 'external' for everything else. The notification goes out when the inserting
-- transaction commits, and not at all when it rolls back.
CREATE FUNCTION candlekeep_transaction_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('transaction_created', json_build_object(
        'id', NEW.id,
        'user_id', NEW.user_id,
        'portfolio_id', NEW.portfolio_id,
        'symbol', NEW.symbol,
        'currency', NEW.currency,
        'origin', COALESCE(NULLIF(current_setting('candlekeep.origin', true), ''), 'external'))::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER transactions_notify_created
    AFTER INSERT ON transactions
    FOR EACH ROW EXECUTE FUNCTION candlekeep_transaction_created();
