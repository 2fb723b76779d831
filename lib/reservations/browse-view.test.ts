import { describe, expect, it } from "vitest";
import { packBrowse, unpackBrowse } from "./browse-view";
import type { ReservableView } from "./queries";

const hub = (id: string, ko: string, en: string) => ({
  id,
  name: { ko, en },
  region: "seoul",
  kind: "org_hub",
});
const base = {
  capacity: 4,
  available: 3,
  perCustomerLimit: 1,
  cancelDeadline: "2026-12-02T23:00:00.000Z",
  holdMinutes: 30,
  status: "open" as const,
  price: 10_000,
  productId: "p-setup",
  variantId: "v-setup",
  sku: "SVC-SETUP-1",
  productName: { ko: "기기 설정 상담", en: "Device setup" },
  variantName: { ko: "", en: "" },
  locationId: undefined,
  location: undefined,
  startsAt: undefined,
  endsAt: undefined,
  opensAt: undefined,
};
const slot = (id: string, at: string, h: ReturnType<typeof hub>): ReservableView => ({
  ...base,
  id,
  kind: "slot",
  locationId: h.id,
  location: h,
  startsAt: at,
  endsAt: at.replace("T01", "T03"),
});
const gangnam = hub("h1", "강남 HUB", "Gangnam HUB");
const bundang = hub("h2", "분당 HUB", "Bundang HUB");
const all: ReservableView[] = [
  {
    ...base,
    id: "pre",
    kind: "preorder",
    capacity: 500,
    available: 0,
    perCustomerLimit: null,
    price: 1_290_000,
    sku: "IP17-256-BLK",
    productName: { ko: "아이폰 17 사전예약", en: "iPhone 17 Pre-order" },
    variantName: { ko: "블랙 · 256GB", en: "Black · 256GB" },
    startsAt: "2026-12-20T00:00:00.000Z",
    opensAt: "2026-12-01T00:00:00.000Z",
  },
  slot("s1", "2026-12-03T01:00:00.000Z", gangnam),
  slot("s2", "2026-12-03T01:00:00.000Z", bundang),
  slot("s3", "2026-12-04T01:00:00.000Z", gangnam),
  { ...slot("s4", "2026-12-04T01:00:00.000Z", gangnam), price: 20_000, available: 0 },
  { ...slot("orphan", "2026-12-04T01:00:00.000Z", gangnam), locationId: undefined, location: undefined },
];

describe("the browse page's reservables, packed", () => {
  it("unpack to what the page draws, in the page's language, every slot at its HUB", () => {
    const data = packBrowse(all, "en");
    expect(data.hubs).toEqual([
      { id: "h1", name: "Gangnam HUB", kind: "org_hub" },
      { id: "h2", name: "Bundang HUB", kind: "org_hub" },
    ]);
    expect(data.offers).toHaveLength(2); // the 20,000 won slot is another offer
    const { preorders, slots } = unpackBrowse(data);
    expect(preorders).toEqual([
      {
        id: "pre",
        kind: "preorder",
        productName: "iPhone 17 Pre-order",
        variantName: "Black · 256GB",
        sku: "IP17-256-BLK",
        price: 1_290_000,
        capacity: 500,
        available: 0,
        perCustomerLimit: null,
        holdMinutes: 30,
        cancelDeadline: "2026-12-02T23:00:00.000Z",
        startsAt: "2026-12-20T00:00:00.000Z",
        opensAt: "2026-12-01T00:00:00.000Z",
      },
    ]);
    // A slot no HUB holds cannot be placed on the calendar: it is left out, as the page did.
    expect(slots.map((s) => [s.id, s.locationId, s.price, s.available])).toEqual([
      ["s1", "h1", 10_000, 3],
      ["s2", "h2", 10_000, 3],
      ["s3", "h1", 10_000, 3],
      ["s4", "h1", 20_000, 0],
    ]);
    expect(slots[0]).toEqual({
      id: "s1",
      kind: "slot",
      locationId: "h1",
      productName: "Device setup",
      variantName: "",
      sku: "SVC-SETUP-1",
      price: 10_000,
      capacity: 4,
      available: 3,
      perCustomerLimit: 1,
      holdMinutes: 30,
      cancelDeadline: "2026-12-02T23:00:00.000Z",
      startsAt: "2026-12-03T01:00:00.000Z",
      endsAt: "2026-12-03T03:00:00.000Z",
    });
    expect(unpackBrowse(packBrowse(all, "ko")).slots[0]!.productName).toBe("기기 설정 상담");
  });
});
