import type { Answer, Client } from "../http-client";
import { Recorder, SoakOver } from "./record";

/** What the virtual users know of the shop, read once over the API before the load starts. */
export type World = {
  retailerId: string;
  /** On-sale products sold from stock, and those sold by reservation. */
  stock: Product[];
  reservation: Product[];
  locations: Location[];
  /** `GET /api/products?q=` words: names in both languages, a brand, a category word. */
  words: string[];
};
export type Product = {
  id: string;
  name?: string;
  nameKo?: string;
  nameEn?: string;
  type: "stock" | "reservation";
  sellerId: string;
  variants: { id: string; sku: string }[];
};
export type Location = {
  id: string;
  code: string;
  kind: "logistics_center" | "org_hub" | "dealer_hub" | "seller_warehouse";
};

/** The body of a 2xx answer, or null (a refusal, an error: the recorder has counted it). */
export function ok<T>(a: Answer | null): T | null {
  return a && a.status >= 200 && a.status < 300 && a.body ? (JSON.parse(a.body) as T) : null;
}

export const rand = (n: number) => Math.floor(Math.random() * n);
export const pick = <T>(xs: readonly T[]): T | undefined => xs[rand(xs.length)];
export const chance = (p: number) => Math.random() < p;
const THINK_MS = Number(process.env.BENCH_SOAK_THINK_MS ?? 200);
/** A pause between a user's steps: uniform over 0 to twice BENCH_SOAK_THINK_MS. */
export const think = () => new Promise((r) => setTimeout(r, Math.random() * 2 * THINK_MS));

/** Reads the catalog and the network as an anonymous visitor would (not recorded: before the load). */
export async function readWorld(client: Client): Promise<World> {
  const get = async <T>(path: string) => {
    const a = await client.request("GET", path);
    if (a.status !== 200) throw new Error(`GET ${path} answered ${a.status}: ${a.body.slice(0, 200)}`);
    return JSON.parse(a.body) as T;
  };
  const sellers = await get<{ id: string; kind: string }[]>("/api/sellers");
  const products: Product[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await get<{ items: Product[]; total: number }>(`/api/products?page=${page}`);
    products.push(...items);
    if (items.length === 0 || products.length >= total) break;
  }
  const names = products.flatMap((p) => [p.name, p.nameKo, p.nameEn].filter((n): n is string => !!n));
  const words = [...new Set(names.flatMap((n) => n.split(/\s+/)).filter((w) => w.length >= 2))];
  return {
    retailerId: sellers.find((s) => s.kind === "retailer")!.id,
    stock: products.filter((p) => p.type === "stock"),
    reservation: products.filter((p) => p.type === "reservation"),
    locations: await get<Location[]>("/api/locations"),
    words: [...words.slice(0, 30), "Galaxy", "iPhone", "라우터", "충전기", "5G"],
  };
}

/**
 * A virtual user: its journeys one after another, with a pause between, until the soak's end. A journey
 * that throws anything but SoakOver (an answer the load did not expect in shape) is counted and the
 * user carries on.
 */
export async function runUser(rec: Recorder, journey: () => Promise<void>) {
  await think();
  for (;;) {
    try {
      await journey();
      await think();
    } catch (e) {
      if (e instanceof SoakOver) return;
      const why = e instanceof Error ? e.message : String(e);
      rec.journeyErrors.set(why, (rec.journeyErrors.get(why) ?? 0) + 1);
      await think();
    }
  }
}
