"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/next/action";
import { formatLimaDateTime } from "@/lib/lima-clock";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./actions";

interface Item {
  id: number;
  title: string;
  body: string;
  link: string;
  orderCode: string | null;
  createdAt: string;
  read: boolean;
}

export function NotificationList({ items, unread }: { items: Item[]; unread: number }) {
  const router = useRouter();
  const action = useActionSubmit();
  const { pending } = action;

  const run = (mark: () => Promise<ActionResult<unknown>>) => void action.submit(mark, () => undefined, () => router.refresh());

  async function open(item: Item) {
    if (!item.read) await markNotificationReadAction(item.id).catch(() => undefined);
    router.push(item.link);
  }

  return (
    <div className="space-y-3">
      <ErrorSummary action={action} />
      {unread > 0 ? (
        <Button variant="secondary" disabled={pending} onClick={() => run(markAllNotificationsReadAction)}>
          Marcar todas como leídas
        </Button>
      ) : null}
      {items.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4">No tiene notificaciones.</p>
      ) : (
        <ul aria-label="Lista de notificaciones" className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {items.map((item) => (
            <li key={item.id} className={`flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between ${item.read ? "" : "bg-scop-50"}`}>
              <div className="min-w-0 space-y-1">
                <p className="flex flex-wrap items-center gap-2">
                  {item.read ? null : <span className="rounded bg-amber-400 px-1.5 text-xs font-bold text-slate-900">Nueva</span>}
                  <Link
                    href={item.link}
                    className="font-semibold text-scop-700 underline underline-offset-2 hover:text-scop-900"
                    onClick={(event) => {
                      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                      event.preventDefault();
                      void open(item);
                    }}
                  >
                    {item.title}
                  </Link>
                </p>
                <p className="break-words text-sm text-slate-700">{item.body}</p>
                <p className="text-xs text-slate-600">{formatLimaDateTime(new Date(item.createdAt))}</p>
              </div>
              {item.read ? (
                <span className="shrink-0 text-xs text-slate-500">Leída</span>
              ) : (
                <Button
                  variant="secondary"
                  className="shrink-0 px-3 py-1"
                  disabled={pending}
                  aria-label={`Marcar como leída: ${item.title}`}
                  onClick={() => run(() => markNotificationReadAction(item.id))}
                >
                  Marcar como leída
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
