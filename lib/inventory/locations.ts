import { asc, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { locations } from "@/db/schema";
import type { Location } from "./schemas";

/** Every location of the network: centers first, then org hubs, dealer hubs, seller warehouses. */
export async function listLocations(db: Db | Tx): Promise<Location[]> {
  return db
    .select({
      id: locations.id,
      code: locations.code,
      name: locations.name,
      nameEn: locations.nameEn,
      kind: locations.kind,
      region: locations.region,
      address: locations.address,
    })
    .from(locations)
    .orderBy(asc(locations.kind), sql`${locations.region}`, asc(locations.code));
}
