import { unreadCount } from "@/lib/events/notifications";
import { database } from "@/lib/next/context";
import { currentUser, pendingStep } from "@/lib/next/session";

export const dynamic = "force-dynamic";

/** The signed-in user's unread notifications, for the header's bell. */
export async function GET() {
  const user = await currentUser();
  if (!user || pendingStep(user)) {
    return Response.json({ error: "Su sesión terminó." }, { status: 401, headers: { "Cache-Control": "no-store" } });
  }
  return Response.json({ unread: await unreadCount(database(), user.userId) }, { headers: { "Cache-Control": "no-store" } });
}
