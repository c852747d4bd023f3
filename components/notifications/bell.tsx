import { eventSettings } from "@/lib/events/settings";
import { unreadCount } from "@/lib/events/notifications";
import { database } from "@/lib/next/context";
import { NotificationBell } from "./notification-bell";

/** The bell with the count as the page was drawn; the client keeps it current (notification-bell.tsx). */
export async function Bell({ userId }: { userId: number }) {
  const unread = await unreadCount(database(), userId);
  return <NotificationBell initialUnread={unread} pollSeconds={eventSettings.bellPollSeconds()} />;
}
