/**
 * The permission table (lib/auth/permissions.ts) against the built app: every route of the
 * build's route manifest, and every server action of its server-reference manifest, must be in
 * the table (a new route or action missing from it fails here), and each is requested as every
 * role, as a user with a pending step, and anonymously, and must answer as the table says.
 * Allowed requests use a code no order has (API) or read-only pages, so nothing changes.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ROLES, type Role } from "@/lib/accounts/roles";
import { ACCOUNT, ACTIONS, ANYONE, OPERATOR_TOKEN, ROUTES, allows, type Access, type Method, type RouteRule } from "@/lib/auth/permissions";
import { createApiKey } from "./api-support";
import { signInOverHttp } from "./http-session";

test.describe.configure({ mode: "serial" });

const root = path.resolve(import.meta.dirname, "../..");
const builtRoutes = [...new Set(Object.values(JSON.parse(readFileSync(path.join(root, ".next/app-path-routes-manifest.json"), "utf8")) as Record<string, string>))];
const builtActions = Object.entries(
  (JSON.parse(readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string; workers: Record<string, unknown> }>;
  }).node,
).map(([id, action]) => ({ id, name: action.exportedName ?? "", file: action.filename ?? "", pages: Object.keys(action.workers) }));

/** Who asks: a demo user of each role, a regulator that must still change its password, and nobody. */
const IDENTITIES: { name: string; username: string | null; role: Role | null; pending: boolean }[] = [
  { name: "anónimo", username: null, role: null, pending: false },
  { name: "comprador", username: "comprador", role: "COMPRADOR", pending: false },
  { name: "vendedor", username: "vendedor", role: "VENDEDOR", pending: false },
  { name: "operador", username: "operador", role: "OPERADOR_PLANTA", pending: false },
  { name: "regulador", username: "regulador", role: "REGULADOR", pending: false },
  { name: "administrador", username: "admin", role: "ADMINISTRADOR", pending: false },
  { name: "pendiente (regulador que debe cambiar su contraseña)", username: "inspector", role: "REGULADOR", pending: true },
];
const USERNAME_BY_ROLE: Record<Role, string> = { COMPRADOR: "comprador", VENDEDOR: "vendedor", OPERADOR_PLANTA: "operador", REGULADOR: "regulador", ADMINISTRADOR: "admin" };

/** A valid Código de Autorización (check digit right) that no order has: the API then answers 404. */
const NO_ORDER = "00000000000";

test("every route of the build and every server action is in the permission table, and nothing else", () => {
  const table = Object.keys(ROUTES);
  expect(builtRoutes.filter((route) => !table.includes(route)), "rutas sin entrada en lib/auth/permissions.ts").toEqual([]);
  expect(table.filter((route) => !builtRoutes.includes(route)), "entradas de la tabla que no son rutas").toEqual([]);
  const names = builtActions.map((action) => action.name);
  expect(names.filter((name) => !(name in ACTIONS)), "acciones sin entrada en ACTIONS").toEqual([]);
  expect(Object.keys(ACTIONS).filter((name) => !names.includes(name)), "entradas de ACTIONS que no son acciones").toEqual([]);
});

test("every route answers each role, a pending user and anonymous as the table says", async ({ browser }) => {
  test.setTimeout(600_000);
  const base = test.info().project.use.baseURL!;

  const cookies = new Map<string, string | null>();
  for (const identity of IDENTITIES) {
    if (!identity.username) {
      cookies.set(identity.name, null);
      continue;
    }
    let signIn = await signInOverHttp(base, identity.username, { otp: "totp" });
    if (signIn.error === "OTP_INVALID") {
      // this step's code was spent by an earlier sign-in (RFC 6238 §5.2): the next step's
      await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 200));
      signIn = await signInOverHttp(base, identity.username, { otp: "totp" });
    }
    expect(signIn.cookie, `${identity.name}: ${signIn.error}`).not.toBeNull();
    cookies.set(identity.name, signIn.cookie);
  }
  const keys = new Map<Role, string>();
  for (const role of ROLES) keys.set(role, await createApiKey(browser, USERNAME_BY_ROLE[role], `recorrido-${role.toLowerCase()}`));

  // a code some screens show, for the pages with [code] (others get "No encontrado")
  const listed = await fetch(`${base}/api/v1/orders?limit=1`, { headers: { authorization: `Bearer ${keys.get("REGULADOR")}` } });
  const visibleCode = ((await listed.json()) as { items: { code: string }[] }).items[0].code;
  const concrete = (route: string, api: boolean) =>
    route
      .replace("[code]", api ? NO_ORDER : visibleCode)
      // an id no webhook has (API: DELETE and PATCH then change nothing); agent 1 for the registry page
      .replace("[id]", api ? "999999" : "1")
      .replace("[deliveryId]", "999999")
      .replace("[...nextauth]", "session")
      .replace("[...path]", "no-existe");

  const failures: string[] = [];
  let requests = 0;
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
  };

  for (const [route, rule] of Object.entries(ROUTES) as [string, RouteRule][]) {
    const path = concrete(route, rule.kind === "api");
    for (const identity of IDENTITIES) {
      const who = identity.role ? { role: identity.role, pending: identity.pending } : null;
      if (rule.kind === "page") {
        requests++;
        const response = await fetch(base + path, { redirect: "manual", headers: cookies.get(identity.name) ? { cookie: cookies.get(identity.name)! } : {} });
        await response.arrayBuffer();
        const location = response.headers.get("location") ?? "";
        const what = `${identity.name} GET ${path} → ${response.status} ${location}`;
        check(response.status < 500, what);
        if (rule.internal) {
          check(response.status === 404, `página interna de Next.js → 404: ${what}`);
        } else if (allows(rule.access, who)) {
          check(!/\/(ingresar|no-autorizado|cuenta\/contrasena)/.test(location) || route === "/ingresar", `permitido: ${what}`);
          if (!route.includes("[") && !route.startsWith("/_") && route !== "/ingresar") check(response.status === 200, `permitido, 200: ${what}`);
        } else if (!who) {
          check(response.status === 307 && location.includes("/ingresar"), `anónimo → ingresar: ${what}`);
        } else if (identity.pending) {
          check(response.status === 307 && location.includes("/cuenta/contrasena"), `pendiente → cambiar contraseña: ${what}`);
        } else {
          check(response.status === 307 && location.includes("/no-autorizado"), `sin permiso → no autorizado: ${what}`);
        }
        continue;
      }
      for (const [method, access] of Object.entries(rule.methods) as [Method, Access][]) {
        requests++;
        const headers: Record<string, string> = {};
        if (rule.kind === "api") {
          if (identity.role && !identity.pending) headers.authorization = `Bearer ${keys.get(identity.role)}`;
          if (identity.pending) continue; // an API key has no pending step
        } else if (cookies.get(identity.name)) {
          headers.cookie = cookies.get(identity.name)!;
        }
        if (method !== "GET") headers["content-type"] = "application/json";
        const response = await fetch(base + path, { method, redirect: "manual", headers, body: method === "GET" ? undefined : "{}" });
        await response.arrayBuffer();
        const what = `${identity.name} ${method} ${path} → ${response.status}`;
        check(response.status < 500, what);
        if (access === ANYONE) {
          check(response.status !== 401 && response.status !== 403, `público: ${what}`);
        } else if (access === OPERATOR_TOKEN) {
          // no session or API key opens it: only the operator's token (tests/observability cover that)
          check(response.status === 401 || response.status === 403, `solo con el token del operador: ${what}`);
        } else if (!allows(access, who)) {
          const refused = !who ? response.status === 401 || (response.status === 307 && (response.headers.get("location") ?? "").includes("/ingresar")) : response.status === 403;
          check(refused, `rechazado: ${what}`);
        } else {
          check(response.status !== 401 && response.status !== 403 && response.status !== 405, `permitido: ${what}`);
        }
      }
    }
  }

  // Server actions: every identity the table refuses gets the refusal, and the work never runs.
  for (const action of builtActions) {
    const access = ACTIONS[action.name as keyof typeof ACTIONS];
    const page = action.pages[0].replace(/^app/, "").replace(/\/\([^)]+\)/g, "").replace(/\/page$/, "") || "/";
    for (const identity of IDENTITIES) {
      const who = identity.role ? { role: identity.role, pending: identity.pending } : null;
      if (allows(access, who)) continue; // allowed work would change data: the feature tests cover it
      requests++;
      const response = await fetch(base + concrete(page, false), {
        method: "POST",
        redirect: "manual",
        headers: {
          "next-action": action.id,
          "content-type": "text/plain;charset=UTF-8",
          accept: "text/x-component",
          origin: base,
          ...(cookies.get(identity.name) ? { cookie: cookies.get(identity.name)! } : {}),
        },
        body: "[]",
      });
      const body = await response.text();
      const what = `${identity.name} acción ${action.name} en ${page} → ${response.status} ${body.slice(0, 160)}`;
      if (!who) {
        check((response.status === 307 && (response.headers.get("location") ?? "").includes("/ingresar")) || body.includes("Su sesión terminó"), `anónimo: ${what}`);
      } else if (identity.pending && access !== ACCOUNT) {
        check(body.includes("Antes de continuar cambie su contraseña"), `pendiente: ${what}`);
      } else {
        check(body.includes("No autorizado: su perfil no permite esta operación."), `sin permiso: ${what}`);
      }
    }
  }

  console.log(
    `recorrido: ${Object.keys(ROUTES).length} rutas y ${builtActions.length} acciones × ${IDENTITIES.length} identidades, ${requests} solicitudes`,
  );
  expect(failures).toEqual([]);
});
