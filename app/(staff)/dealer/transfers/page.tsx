import type { PageSearch } from "@/app/(staff)/_pages";
import { TransfersPage } from "@/app/(staff)/_transfers/transfers-page";

export { generateMetadata } from "@/app/(staff)/_transfers/transfers-page";

export default function Page({ searchParams }: { searchParams: PageSearch }) {
  return <TransfersPage role="dealer" searchParams={searchParams} />;
}
