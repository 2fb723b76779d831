import { z } from "zod";
import { locationKind, regions } from "@/db/schema";

export const LocationKind = z.enum(locationKind.enumValues);
export const Region = z.enum(regions);

export const LocationSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string().describe("Korean name"),
    nameEn: z.string(),
    kind: LocationKind.describe(
      "logistics_center: 1–3 days nationwide; org_hub / dealer_hub: same or next day nearby; seller_warehouse: a marketplace seller's own stock",
    ),
    region: Region,
    address: z.string(),
  })
  .meta({ id: "Location" });
export type Location = z.infer<typeof LocationSchema>;

export const AvailabilitySchema = z
  .object({
    locationId: z.string(),
    kind: LocationKind,
    available: z.number().int().describe("on hand − reserved: what may be ordered from there now"),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    region: Region,
  })
  .meta({ id: "Availability" });
export type Availability = z.infer<typeof AvailabilitySchema>;
