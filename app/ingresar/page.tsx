import { redirect } from "next/navigation";
import { Shell } from "@/components/layout/shell";
import { Alert } from "@/components/ui/alert";
import { safeNextPath } from "@/lib/auth/safe-next";
import { currentUser } from "@/lib/next/session";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Ingresar" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const asked = (await searchParams).next;
  const next = safeNextPath(asked);
  if (await currentUser()) redirect(next);
  // Sent here from a deep link (a bookmarked screen, a constancia's QR code): say why.
  const deepLink = asked !== undefined && next !== "/";
  return (
    <Shell user={null}>
      <div className="mx-auto max-w-md rounded-md border border-slate-200 bg-white p-6 shadow-sm">
        {deepLink ? (
          <div className="mb-4">
            <Alert tone="info" title="Inicie sesión para continuar.">
              Después de ingresar volverá a la página que abrió.
            </Alert>
          </div>
        ) : null}
        <h1 className="text-2xl font-bold text-scop-800">Acceder con usuario y contraseña</h1>
        <p className="mt-1 mb-4 text-sm text-slate-600">Ingrese el usuario y la contraseña asignados a su empresa.</p>
        <SignInForm next={next} />
      </div>
    </Shell>
  );
}
