import { unreadCount } from "@/lib/events/notifications";
import { database } from "@/lib/next/context";
import { routeHandler } from "@/lib/next/route";

export const dynamic = "force-dynamic";

/** The signed-in user's unread notifications, for the header's bell. */
export const GET = routeHandler("/api/notificaciones/no-leidas", "GET", async ({ user }) =>
  Response.json({ unread: await unreadCount(database(), user.userId) }, { headers: { "Cache-Control": "no-store" } }),
);
