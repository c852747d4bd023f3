import { Shell } from "@/components/layout/shell";
import { requireSignedIn } from "@/lib/next/session";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSignedIn();
  return <Shell user={user}>{children}</Shell>;
}
