/**
 * The catalog benchmark's data: 50,000 products × 2 variants (colours) from 40 marketplace sellers, with
 * names built like a real device shop's: brand, often a series, a product-type word and a number
 * ("앤커 프로 보조배터리 20000" / "Anker Pro Power Bank 20000"), plus orders that buy products together.
 * Every type word is 1/40 of the names, so a two-syllable word of one type (보조) matches ~2.5%.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { locations, organisations, products } from "@/db/schema";
import { uuidv7 } from "@/lib/ids";

export const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 50_000);
const SELLERS = 40;
const ORDERS = Number(process.env.BENCH_ORDERS ?? 20_000);

type Word = [ko: string, en: string];
const BRANDS: Word[] = [
  ["삼성", "Samsung"], ["애플", "Apple"], ["샤오미", "Xiaomi"], ["앤커", "Anker"], ["벨킨", "Belkin"],
  ["로지텍", "Logitech"], ["소니", "Sony"], ["엘지", "LG"], ["에이수스", "ASUS"], ["레노버", "Lenovo"],
  ["화웨이", "Huawei"], ["구글", "Google"], ["오포", "Oppo"], ["보스", "Bose"], ["제이비엘", "JBL"],
  ["아이피타임", "ipTIME"], ["티피링크", "TP-Link"], ["넷기어", "Netgear"], ["한성", "Hansung"], ["유그린", "Ugreen"],
];
const SERIES: Word[] = [
  ["갤럭시", "Galaxy"], ["프로", "Pro"], ["울트라", "Ultra"], ["라이트", "Lite"], ["맥스", "Max"],
  ["에어", "Air"], ["플러스", "Plus"], ["미니", "Mini"], ["스포츠", "Sport"], ["클래식", "Classic"],
  ["네오", "Neo"], ["엣지", "Edge"], ["플렉스", "Flex"], ["노바", "Nova"], ["퀀텀", "Quantum"],
  ["오리진", "Origin"], ["제로", "Zero"], ["비전", "Vision"], ["웨이브", "Wave"], ["코어", "Core"],
];
type Category = (typeof products.$inferInsert)["category"];
const TYPES: [ko: string, en: string, category: Category][] = [
  ["보조배터리", "Power Bank", "accessory"], ["충전기", "Charger", "accessory"], ["케이스", "Case", "accessory"],
  ["이어폰", "Earphones", "accessory"], ["스마트워치", "Smartwatch", "wearable"], ["무선이어폰", "Wireless Earbuds", "accessory"],
  ["헤드폰", "Headphones", "accessory"], ["블루투스스피커", "Bluetooth Speaker", "accessory"], ["보호필름", "Screen Protector", "accessory"],
  ["거치대", "Stand", "accessory"], ["충전케이블", "Charging Cable", "accessory"], ["무선충전기", "Wireless Charger", "accessory"],
  ["차량용거치대", "Car Mount", "accessory"], ["태블릿", "Tablet", "tablet"], ["스마트폰", "Smartphone", "phone"],
  ["공유기", "Router", "router"], ["셋톱박스", "Set-top Box", "settop"], ["키보드", "Keyboard", "accessory"],
  ["마우스", "Mouse", "accessory"], ["스마트밴드", "Smart Band", "wearable"], ["노트북파우치", "Laptop Sleeve", "accessory"],
  ["멀티허브", "USB Hub", "accessory"], ["메모리카드", "Memory Card", "accessory"], ["외장SSD", "External SSD", "accessory"],
  ["웹캠", "Webcam", "accessory"], ["홈캠", "Home Cam", "accessory"], ["액션캠", "Action Cam", "accessory"],
  ["게임패드", "Gamepad", "accessory"], ["터치펜", "Stylus", "accessory"], ["스트랩", "Strap", "wearable"],
  ["카드지갑케이스", "Wallet Case", "accessory"], ["범퍼케이스", "Bumper Case", "accessory"], ["젠더", "Adapter", "accessory"],
  ["멀티탭", "Power Strip", "accessory"], ["셀카봉", "Selfie Stick", "accessory"], ["삼각대", "Tripod", "accessory"],
  ["와이파이증폭기", "Wi-Fi Extender", "router"], ["스마트플러그", "Smart Plug", "accessory"], ["스마트전구", "Smart Bulb", "accessory"],
  ["폴더블폰", "Foldable Phone", "phone"],
];
const NUMBERS = ["10000", "20000", "S25", "X7", "2", "3", "5", "7", "25W", "45W", "65W", "128GB", "256GB", "512GB", "M3", "A55", "360", "4K", "C1", "Z9"];

/** A deterministic mix of i, so neighbouring products differ in every word. */
const mix = (i: number, salt: number) => {
  let h = Math.imul(i ^ salt, 0x9e3779b1) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
};

export function productName(i: number): { ko: string; en: string; brand: string; category: Category } {
  const brand = BRANDS[mix(i, 1) % BRANDS.length]!;
  const series = mix(i, 2) % 10 < 6 ? SERIES[mix(i, 3) % SERIES.length]! : null;
  const type = TYPES[mix(i, 4) % TYPES.length]!;
  const num = NUMBERS[mix(i, 5) % NUMBERS.length]!;
  const ko = [brand[0], series?.[0], type[0], num].filter(Boolean).join(" ");
  const en = [brand[1], series?.[1], type[1], num].filter(Boolean).join(" ");
  return { ko, en, brand: brand[1], category: type[2] };
}

/** Sellers with warehouses, products, one colour group of two values, two priced variants each, stock. */
export async function seedCatalog(db: Db, log: (m: string) => void) {
  const sellerRows = await db
    .insert(organisations)
    .values(Array.from({ length: SELLERS }, (_, i) => ({ kind: "seller" as const, name: `벤치마켓 ${i + 1}호점`, nameEn: `Bench Market ${i + 1}` })))
    .returning({ id: organisations.id });
  await db.insert(locations).values(
    sellerRows.map((s, i) => ({
      code: `WH-BENCH-${i + 1}`,
      kind: "seller_warehouse" as const,
      name: `벤치마켓 ${i + 1}호점 창고`,
      nameEn: `Bench Market ${i + 1} Warehouse`,
      region: "gyeonggi" as const,
      address: "경기도 김포시 벤치로 1",
      operatorId: s.id,
    })),
  );
  const t0 = performance.now();
  for (let start = 0; start < PRODUCTS; start += 2000) {
    const rows = Array.from({ length: Math.min(2000, PRODUCTS - start) }, (_, k) => {
      const i = start + k;
      const n = productName(i);
      // 92% on sale; the rest in the other states, which the shop must never show.
      const r = mix(i, 6) % 100;
      const status = r < 92 ? "on_sale" : r < 95 ? "paused" : r < 98 ? "draft" : "discontinued";
      return {
        sellerId: sellerRows[i % SELLERS]!.id,
        type: "stock" as const,
        status: status as "on_sale",
        category: n.category,
        brand: n.brand,
        nameKo: n.ko,
        nameEn: n.en,
        descriptionKo: `${n.ko} 벤치마크 상품`,
        descriptionEn: `${n.en}, a benchmark product`,
      };
    });
    await db.insert(products).values(rows);
  }
  log(`${PRODUCTS.toLocaleString("en-US")} products in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const bench = sql`p.description_en like '%, a benchmark product'`;
  await db.execute(sql`insert into option_groups (product_id, code, name_ko, name_en, position)
    select p.id, 'color', '색상', 'Colour', 0 from products p where ${bench}`);
  await db.execute(sql`insert into option_values (group_id, value_ko, value_en, position)
    select g.id, c.ko, c.en, c.pos from option_groups g join products p on p.id = g.product_id
    cross join (values ('블랙', 'Black', 0), ('화이트', 'White', 1)) as c(ko, en, pos) where ${bench}`);
  // Two variants per product, one statement: the price-range trigger refreshes all products at once.
  await db.execute(sql`insert into variants (product_id, sku, price)
    select g.product_id, 'B' || replace(ov.id::text, '-', ''), 5000 + ((hashtext(g.product_id::text) & 1023) % 300) * 1000 + ov.position * 20000
    from option_values ov join option_groups g on g.id = ov.group_id join products p on p.id = g.product_id where ${bench}`);
  await db.execute(sql`insert into variant_option_values (variant_id, option_value_id)
    select v.id, ov.id from option_values ov join variants v on v.sku = 'B' || replace(ov.id::text, '-', '')`);
  await db.execute(sql`insert into stock_levels (location_id, variant_id, on_hand)
    select l.id, v.id, 10 + (hashtext(v.id::text) & 127) from variants v join products p on p.id = v.product_id
    join locations l on l.operator_id = p.seller_id and l.kind = 'seller_warehouse' where ${bench}`);
  log(`variants, options and stock in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * Orders that buy products together: each order a product and one or two companions of the same seller
 * (a phone and its case), popular products far more often than the rest. Written in bulk with
 * time-ordered ids, as placed orders have.
 */
export async function seedOrders(db: Db, customerId: string, log: (m: string) => void) {
  // Statistics first: planned on a fresh table's guesses, the lateral below ran for minutes.
  await db.execute(sql`analyze products, variants, locations`);
  const rows = await db.execute<{ i: number; id: string; sku: string; price: number; ko: string; en: string; seller: string; wh: string }>(sql`
    select row_number() over (order by p.created_at, p.id)::int - 1 as i, v.id, v.sku, v.price, p.name_ko as ko, p.name_en as en,
      p.seller_id as seller, l.id as wh
    from products p
    join lateral (select * from variants v where v.product_id = p.id order by v.sku limit 1) v on true
    join locations l on l.operator_id = p.seller_id and l.kind = 'seller_warehouse'
    where p.status = 'on_sale' and p.description_en like '%, a benchmark product'`);
  const all = [...rows];
  const bySeller = new Map<string, typeof all>();
  for (const r of all) bySeller.set(r.seller, [...(bySeller.get(r.seller) ?? []), r]);
  const position = new Map(all.map((r) => [r.id, bySeller.get(r.seller)!.indexOf(r)]));
  const orderRows: { id: string; at: string; total: number }[] = [];
  const partRows: { id: string; orderId: string; seller: string; source: string; subtotal: number }[] = [];
  const itemRows: { id: string; orderId: string; partId: string; line: (typeof all)[number] }[] = [];
  const t0 = Date.now() - ORDERS * 60_000;
  for (let n = 0; n < ORDERS; n++) {
    // A quarter of the orders go to 200 best-sellers; their companions are the same seller's neighbours.
    const a = n % 4 === 0 ? mix(n, 7) % 200 : mix(n, 8) % all.length;
    const first = all[a]!;
    const shelf = bySeller.get(first.seller)!;
    const lines = [first];
    for (let k = 1; k <= 1 + (mix(n, 9) % 2); k++) {
      const b = shelf[(position.get(first.id)! + 1 + (mix(n, 10 + k) % 6)) % shelf.length]!;
      if (!lines.includes(b)) lines.push(b);
    }
    const at = t0 + n * 60_000;
    const orderId = uuidv7(at);
    const partId = uuidv7(at);
    const total = lines.reduce((s, l) => s + l.price, 0);
    orderRows.push({ id: orderId, at: new Date(at).toISOString(), total });
    partRows.push({ id: partId, orderId, seller: first.seller, source: first.wh, subtotal: total });
    for (const line of lines) itemRows.push({ id: uuidv7(at), orderId, partId, line });
  }
  const col = <T>(rows: T[], f: (r: T) => unknown) => sql.param(rows.map(f));
  await db.execute(sql`insert into orders (id, customer_id, status, total, shipping_address, created_at, updated_at)
    select t.id, ${customerId}::uuid, 'delivered', t.total, '{"name":"벤치","phone":"010-0000-0000","line1":"서울","postalCode":"06232","region":"seoul"}'::jsonb, t.at, t.at
    from unnest(${col(orderRows, (r) => r.id)}::uuid[], ${col(orderRows, (r) => r.at)}::text[]::timestamptz[], ${col(orderRows, (r) => r.total)}::int[])
      as t(id, at, total)`);
  await db.execute(sql`insert into seller_orders (id, order_id, seller_id, source_location_id, status, subtotal)
    select t.id, t.order_id, t.seller_id, t.source, 'delivered', t.subtotal
    from unnest(${col(partRows, (r) => r.id)}::uuid[], ${col(partRows, (r) => r.orderId)}::uuid[], ${col(partRows, (r) => r.seller)}::uuid[],
      ${col(partRows, (r) => r.source)}::uuid[], ${col(partRows, (r) => r.subtotal)}::int[]) as t(id, order_id, seller_id, source, subtotal)`);
  await db.execute(sql`insert into order_items (id, order_id, seller_order_id, variant_id, sku, product_name, product_name_en, quantity, price)
    select t.id, t.order_id, t.part, t.variant, t.sku, t.ko, t.en, 1, t.price
    from unnest(${col(itemRows, (r) => r.id)}::uuid[], ${col(itemRows, (r) => r.orderId)}::uuid[], ${col(itemRows, (r) => r.partId)}::uuid[],
      ${col(itemRows, (r) => r.line.id)}::uuid[], ${col(itemRows, (r) => r.line.sku)}::text[], ${col(itemRows, (r) => r.line.ko)}::text[],
      ${col(itemRows, (r) => r.line.en)}::text[], ${col(itemRows, (r) => r.line.price)}::int[]) as t(id, order_id, part, variant, sku, ko, en, price)`);
  log(`${ORDERS.toLocaleString("en-US")} orders with ${itemRows.length.toLocaleString("en-US")} items`);
}
