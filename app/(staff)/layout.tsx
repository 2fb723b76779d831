import { ClientMessages } from "@/components/shell/client-messages";

/** The messages the staff screens' client components use (staff pages are not the shop's hot path). */
const NAMESPACES = [
  "common",
  "errors",
  "catalog.labels",
  "catalog.dashboard",
  "images.uploader",
  "orders",
  "orderStatus",
  "orderRegions",
  "fulfilment",
  "reservations",
  "reservables",
  "network",
  "productErrors",
  "productReview",
  "sellerCentre",
  "transfers",
  "audit",
] as const;

export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={NAMESPACES}>{children}</ClientMessages>;
}
