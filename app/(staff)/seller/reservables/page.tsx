import { StaffReservablesPage } from "@/app/(staff)/_reservables/reservables-page";

export { generateMetadata } from "@/app/(staff)/_reservables/reservables-page";
export const dynamic = "force-dynamic";

export default function Page() {
  return <StaffReservablesPage role="seller" />;
}
