import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { NOTIFICATIONS_PAGE_SIZE, listNotifications } from "@/lib/events/notifications";
import { database } from "@/lib/next/context";
import { requireUser } from "@/lib/next/session";
import { NotificationList } from "./notification-list";

export const metadata = { title: "Notificaciones" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** The notification centre: what the user must know or do, newest first, each linking to its order. */
export default async function NotificationsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const raw = await searchParams;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(first(raw.page), 10) || 1));
  const unreadOnly = first(raw.filtro) === "no-leidas";
  const { total, unread, items } = await listNotifications(database(), user.userId, { page, unreadOnly });
  return (
    <div className="space-y-4">
      <PageHeader
        title="Notificaciones"
        description={
          <>
            Avisos de sus órdenes y de lo que debe atender, con fecha y hora de Lima. Elija cuáles recibir también por correo en{" "}
            <Link href="/notificaciones/preferencias" className="font-semibold text-scop-700 underline underline-offset-2">
              Preferencias de correo
            </Link>
            .
          </>
        }
      />
      <nav aria-label="Filtro de notificaciones" className="flex flex-wrap gap-2 text-sm">
        <Link href="/notificaciones" aria-current={unreadOnly ? undefined : "page"} className="rounded border border-slate-300 bg-white px-3 py-1 font-semibold aria-[current=page]:border-scop-700 aria-[current=page]:bg-scop-50">
          Todas
        </Link>
        <Link
          href="/notificaciones?filtro=no-leidas"
          aria-current={unreadOnly ? "page" : undefined}
          className="rounded border border-slate-300 bg-white px-3 py-1 font-semibold aria-[current=page]:border-scop-700 aria-[current=page]:bg-scop-50"
        >
          Sin leer ({unread})
        </Link>
      </nav>
      <NotificationList
        unread={unread}
        items={items.map((item) => ({
          id: item.id,
          title: item.title,
          body: item.body,
          link: item.link,
          orderCode: item.orderCode,
          createdAt: item.createdAt.toISOString(),
          read: item.readAt !== null,
        }))}
      />
      <Pagination page={page} pageSize={NOTIFICATIONS_PAGE_SIZE} total={total} params={unreadOnly ? { filtro: "no-leidas" } : {}} path="/notificaciones" />
    </div>
  );
}
