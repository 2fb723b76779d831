-- Raised by the order placement's last statements (lib/orders/place-order.ts) when an ordered product is
-- no longer on sale, or its variant is no longer sold (retired, or without a price): an error (SQLSTATE
-- HS410) instead of a result row, so the check can travel with COMMIT in the same round trip as the stock statement and turn the COMMIT into a ROLLBACK.
-- `detail` is a JSON array of the unavailable lines: [{ variantId, sku, productId, productStatus, variantAvailable }].
CREATE OR REPLACE FUNCTION hub_product_unavailable(lines json) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION 'order.product_unavailable' USING ERRCODE = 'HS410', DETAIL = lines::text;
END
$$;
