import { redirect } from "next/navigation";

/** My products live on the seller centre's home. */
export default function SellerProductsIndex() {
  redirect("/seller");
}
