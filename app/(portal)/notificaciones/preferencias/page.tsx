import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { NOTIFICATION_TYPE_LABELS } from "@/lib/events/catalog";
import { emailSettings } from "@/lib/events/notifications";
import { eventSettings } from "@/lib/events/settings";
import { database } from "@/lib/next/context";
import { requireUser } from "@/lib/next/session";
import { PreferencesForm } from "./preferences-form";

export const metadata = { title: "Preferencias de correo" };

/** Which notifications also arrive by e-mail, and where. */
export default async function EmailPreferencesPage() {
  const user = await requireUser();
  const settings = await emailSettings(database(), user);
  return (
    <div className="max-w-2xl">
      <PageHeader
        title="Preferencias de correo"
        description={
          <>
            Todas sus notificaciones aparecen en el portal (
            <Link href="/notificaciones" className="font-semibold text-scop-700 underline underline-offset-2">
              Notificaciones
            </Link>
            ). Marque las que quiere recibir también por correo electrónico.
          </>
        }
      />
      <PreferencesForm
        email={settings.email ?? ""}
        selected={settings.types}
        options={settings.available.map((type) => ({ type, label: NOTIFICATION_TYPE_LABELS[type] }))}
        smtpConfigured={eventSettings.smtpUrl() !== undefined}
      />
    </div>
  );
}
