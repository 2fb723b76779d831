import type { Locale } from "@/lib/i18n/config";
import type { ReservableView } from "./queries";

/**
 * What the reservation browse page (components/reservations/browse.tsx) hands its client component:
 * the reservables in the page's language with only the fields it draws, and the appointment slots
 * packed, since a week of slots at every HUB is hundreds of them that share a few products and
 * HUBs. Pure, and imported by the client component to unpack it (`unpackBrowse`).
 */

/** One reservable as the browse page draws it; names in the page's language. */
export type BrowseItem = {
  id: string;
  kind: "preorder" | "slot";
  productName: string;
  /** The variant's option values (`""` when it has none). */
  variantName: string;
  sku: string;
  price: number;
  capacity: number;
  available: number;
  perCustomerLimit: number | null;
  holdMinutes: number;
  cancelDeadline: string;
  startsAt?: string;
  endsAt?: string;
  opensAt?: string;
  locationId?: string;
};
export type BrowseHub = { id: string; name: string; kind: string | null };

/** What the slots of one variant share. */
type Offer = Pick<
  BrowseItem,
  "productName" | "variantName" | "sku" | "price" | "perCustomerLimit" | "holdMinutes"
>;
/**
 * A slot as a tuple (its field names would be most of its size): its own fields, the moments in
 * epoch milliseconds, and its offer and HUB by index.
 */
type PackedSlot = [
  id: string,
  capacity: number,
  available: number,
  startsAt: number | null,
  endsAt: number | null,
  cancelDeadline: number,
  opensAt: number | null,
  offer: number,
  hub: number,
];
const ms = (at: string | undefined) => (at ? Date.parse(at) : null);
const iso = (at: number | null) => (at === null ? undefined : new Date(at).toISOString());

export type BrowseData = { preorders: BrowseItem[]; offers: Offer[]; hubs: BrowseHub[]; slots: PackedSlot[] };

export function packBrowse(all: ReservableView[], locale: Locale): BrowseData {
  const offers: Offer[] = [];
  const offerAt = new Map<string, number>();
  const hubs: BrowseHub[] = [];
  const hubAt = new Map<string, number>();
  const data: BrowseData = { preorders: [], offers, hubs, slots: [] };
  for (const r of all) {
    const offer: Offer = {
      productName: r.productName[locale],
      variantName: r.variantName[locale],
      sku: r.sku,
      price: r.price,
      perCustomerLimit: r.perCustomerLimit,
      holdMinutes: r.holdMinutes,
    };
    if (r.kind === "preorder") {
      const { id, kind, capacity, available, cancelDeadline, startsAt, endsAt, opensAt, locationId } = r;
      data.preorders.push(
        compact({
          ...offer,
          id,
          kind,
          capacity,
          available,
          cancelDeadline,
          startsAt,
          endsAt,
          opensAt,
          locationId,
        }),
      );
      continue;
    }
    if (!r.location) continue; // a slot is at a HUB; the calendar could not place one without
    const offerKey = JSON.stringify(offer);
    if (!offerAt.has(offerKey)) offerAt.set(offerKey, offers.push(offer) - 1);
    if (!hubAt.has(r.location.id))
      hubAt.set(
        r.location.id,
        hubs.push({ id: r.location.id, name: r.location.name[locale], kind: r.location.kind }) - 1,
      );
    data.slots.push([
      r.id,
      r.capacity,
      r.available,
      ms(r.startsAt),
      ms(r.endsAt),
      ms(r.cancelDeadline)!,
      ms(r.opensAt),
      offerAt.get(offerKey)!,
      hubAt.get(r.location.id)!,
    ]);
  }
  return data;
}

/** The browse page's reservables again, in the order they were packed within each kind. */
export function unpackBrowse(data: BrowseData): { preorders: BrowseItem[]; slots: BrowseItem[] } {
  const slots = data.slots.map(
    ([id, capacity, available, startsAt, endsAt, cancelDeadline, opensAt, offer, hub]): BrowseItem =>
      compact({
        ...data.offers[offer]!,
        id,
        kind: "slot" as const,
        capacity,
        available,
        cancelDeadline: iso(cancelDeadline)!,
        startsAt: iso(startsAt),
        endsAt: iso(endsAt),
        opensAt: iso(opensAt),
        locationId: data.hubs[hub]!.id,
      }),
  );
  return { preorders: data.preorders, slots };
}

function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
