import { Shell } from "@/components/layout/shell";
import { requireSignedIn } from "@/lib/next/session";

export const dynamic = "force-dynamic";

/** The account's own pages: reachable while a password change or a second factor is pending. */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSignedIn();
  return <Shell user={user}>{children}</Shell>;
}
