import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { organisations } from "@/db/schema";

/** The organisation a staff member belongs to (for page headings), or null for customers. */
export async function organisationOf(db: Db | Tx, organisationId: string | null) {
  if (!organisationId) return null;
  const [org] = await db
    .select({
      id: organisations.id,
      kind: organisations.kind,
      name: organisations.name,
      nameEn: organisations.nameEn,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return org ?? null;
}
