import type { Role } from "./actor";

/** Role-aware navigation: the one list the header renders. Labels are keys of the `nav` messages. */
export type NavItem = { href: string; label: string };

const NAV: Record<Role | "guest", NavItem[]> = {
  guest: [
    { href: "/", label: "shop" },
    { href: "/reservations/browse", label: "reserve" },
  ],
  customer: [
    { href: "/", label: "shop" },
    { href: "/reservations/browse", label: "reserve" },
    { href: "/orders", label: "myOrders" },
    { href: "/reservations", label: "myReservations" },
    { href: "/cart", label: "cart" },
  ],
  dealer: [
    { href: "/dealer", label: "dashboard" },
    { href: "/dealer/stock", label: "stock" },
    { href: "/dealer/fulfilment", label: "fulfilment" },
    { href: "/dealer/reservables", label: "reservables" },
    { href: "/dealer/transfers", label: "transfers" },
  ],
  marketing: [
    { href: "/marketing", label: "dashboard" },
    { href: "/marketing/reviews", label: "reviews" },
    { href: "/marketing/fulfilment", label: "fulfilment" },
    { href: "/marketing/reservables", label: "reservables" },
    { href: "/marketing/transfers", label: "transfers" },
    { href: "/marketing/audit", label: "audit" },
  ],
  seller: [
    { href: "/seller", label: "products" },
    { href: "/seller/sales", label: "sales" },
    { href: "/seller/fulfilment", label: "fulfilment" },
    { href: "/seller/reservables", label: "reservables" },
  ],
};

export function navFor(role: Role | null): NavItem[] {
  return NAV[role ?? "guest"];
}
