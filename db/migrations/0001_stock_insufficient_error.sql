-- Raised by the stock statement of lib/inventory/stock.ts when a move does not fit: an error (SQLSTATE
-- HS409) instead of a result row, so that the statement can be sent together with COMMIT (one round trip,
-- the hot row locked only while PostgreSQL executes and flushes) and the COMMIT then rolls back.
-- `detail` is a JSON array of the short rows: [{ locationId, variantId, available, requested }].
CREATE OR REPLACE FUNCTION hub_stock_insufficient(short json) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION 'stock.insufficient' USING ERRCODE = 'HS409', DETAIL = short::text;
END
$$;
