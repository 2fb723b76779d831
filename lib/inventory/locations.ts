import { asc, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { locations } from "@/db/schema";
import type { Location } from "./schemas";

/** A location's columns as the network's lists show it. */
export const locationColumns = {
  id: locations.id,
  code: locations.code,
  name: locations.name,
  nameEn: locations.nameEn,
  kind: locations.kind,
  region: locations.region,
  address: locations.address,
};

/** Every location of the network: centers first, then org hubs, dealer hubs, seller warehouses. */
export async function listLocations(db: Db | Tx): Promise<Location[]> {
  return db
    .select(locationColumns)
    .from(locations)
    .orderBy(asc(locations.kind), sql`${locations.region}`, asc(locations.code));
}
