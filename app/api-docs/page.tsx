import Link from "next/link";
import { Shell } from "@/components/layout/shell";
import { PageHeader } from "@/components/ui/page-header";
import { openApiDocument } from "@/lib/api/openapi";
import { currentUser } from "@/lib/next/session";

export const metadata = { title: "Referencia de la API" };

interface Operation {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string }>;
}

const EXAMPLE = `curl -X POST https://<servidor>/api/v1/orders \\
  -H "Authorization: Bearer scop_<prefijo>_<secreto>" \\
  -H "Content-Type: application/json" \\
  -H "Idempotency-Key: pedido-2026-0001" \\
  -d '{"sellerType":"PLANTA_ENVASADORA","sellerId":3,"volume":"1500.00","deliveryDate":"2026-12-01"}'`;

/** A readable rendering of the OpenAPI document (the same one served at /api/v1/openapi.json). */
export default async function ApiReferencePage() {
  const user = await currentUser();
  const document = openApiDocument();
  const paths = Object.entries(document.paths) as [string, Record<string, Operation>][];
  return (
    <Shell user={user}>
      <PageHeader
        title="Referencia de la API"
        description={
          <>
            API HTTP (JSON) de órdenes de pedido de GLP a granel. Autentíquese con una clave de API creada en{" "}
            <Link href="/claves-api" className="font-semibold text-scop-700 underline underline-offset-2">
              Claves de API
            </Link>
            ; la clave actúa con el perfil y el agente del usuario que la creó. Documento OpenAPI 3.1:{" "}
            <a href="/api/v1/openapi.json" className="font-mono font-semibold text-scop-700 underline underline-offset-2">
              /api/v1/openapi.json
            </a>
            .
          </>
        }
      />
      <section className="mb-8 space-y-2 rounded-md border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold text-scop-800">Convenciones</h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>Volúmenes en galones: se envían como número o texto con hasta dos decimales y se devuelven como texto («3100.50»).</li>
          <li>Fechas y horas en ISO 8601 (UTC); los filtros from/to son días de Lima (AAAA-MM-DD).</li>
          <li>
            Errores como <code className="font-mono">application/problem+json</code> con un <code className="font-mono">code</code> estable
            (DATOS_INVALIDOS, NO_AUTENTICADO, NO_AUTORIZADO, ORDEN_NO_ENCONTRADA, TRANSICION_NO_PERMITIDA, CAPACIDAD_INSUFICIENTE, …) y
            errores por campo en <code className="font-mono">errors</code>.
          </li>
          <li>
            Todo POST acepta <code className="font-mono">Idempotency-Key</code>: repetir la misma solicitud devuelve la respuesta guardada sin
            volver a ejecutarla.
          </li>
          <li>Límite por clave: {Number(process.env.SCOP_API_RATE_LIMIT_PER_MINUTE ?? 600)} solicitudes por minuto (429 con Retry-After).</li>
        </ul>
        {/* Scrolling boxes are in the tab order, so the keyboard can scroll them (WCAG 2.1.1). */}
        <pre tabIndex={0} role="region" aria-label="Ejemplo de solicitud" className="overflow-x-auto rounded bg-slate-900 p-3 text-sm text-slate-100">
          {EXAMPLE}
        </pre>
      </section>
      <div className="space-y-6 [overflow-wrap:anywhere]">
        {paths.flatMap(([path, methods]) =>
          Object.entries(methods).map(([method, operation]) => (
            <section key={`${method} ${path}`} className="rounded-md border border-slate-200 bg-white p-4">
              <h2 className="font-mono text-lg font-semibold break-all text-scop-800">
                {method.toUpperCase()} {path}
              </h2>
              <p className="font-semibold">{operation.summary}</p>
              {operation.description ? <p className="text-slate-700">{operation.description}</p> : null}
              {operation.parameters?.length ? (
                <>
                  <h3 className="mt-3 font-semibold">Parámetros</h3>
                  <ul className="list-disc pl-5">
                    {operation.parameters.map((parameter) => (
                      <li key={`${parameter.in}-${parameter.name}`}>
                        <code className="font-mono">{parameter.name}</code> ({parameter.in}
                        {parameter.required ? ", obligatorio" : ""}){parameter.description ? `: ${parameter.description}` : ""}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {operation.requestBody ? (
                <>
                  <h3 className="mt-3 font-semibold">Cuerpo (JSON Schema)</h3>
                  <pre
                    tabIndex={0}
                    role="region"
                    aria-label={`Cuerpo de ${method.toUpperCase()} ${path} (JSON Schema)`}
                    className="max-h-80 overflow-auto rounded bg-slate-50 p-3 text-xs"
                  >
                    {JSON.stringify(operation.requestBody.content["application/json"].schema, null, 2)}
                  </pre>
                </>
              ) : null}
              <h3 className="mt-3 font-semibold">Respuestas</h3>
              <ul className="list-disc pl-5">
                {Object.entries(operation.responses).map(([status, response]) => (
                  <li key={status}>
                    <span className="font-mono">{status}</span>: {response.description}
                  </li>
                ))}
              </ul>
            </section>
          )),
        )}
      </div>
    </Shell>
  );
}
