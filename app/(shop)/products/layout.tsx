import { ClientMessages } from "@/components/shell/client-messages";

/** The messages the product page's client components use (the purchase panel, gallery, add to cart). */
const NAMESPACES = ["errors", "cart", "catalog.labels", "catalog.product", "images.gallery"] as const;

export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={NAMESPACES}>{children}</ClientMessages>;
}
