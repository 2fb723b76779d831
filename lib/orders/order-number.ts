/**
 * The short order number shown to people: the id's last 8 hex digits. (Ids are UUIDv7, whose first
 * digits are the creation time: orders placed in the same moment would all look alike.)
 */
export function orderNumber(id: string): string {
  return id.replace(/-/g, "").slice(-8).toUpperCase();
}
