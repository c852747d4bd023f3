/**
 * Who may do what, in one table: every page, route handler and API operation of the built app
 * (keyed by its route as the build's manifest names it, route groups left out) and every server
 * action (keyed by its exported name). Pages (requirePage), server actions (runAction), route
 * handlers (routeHandler), the HTTP API (apiRoute), the front door's method check (server.ts)
 * and the menu (lib/navigation.ts) all read it; tests/e2e/route-walk.spec.ts walks every route
 * of the build with every role and anonymously and holds the answers to it, so a route missing
 * here fails that test.
 *
 * Adding a route is one line here (its route, who may use it, and for a page its menu label if
 * it has one). `ANYONE` is for public routes; `ACCOUNT` for the account's own pages, which a user
 * with a pending step (a temporary password, a second factor to enroll) must still reach.
 *
 * Plain data, no Next.js: the front door (server.ts) bundles it too.
 */
import { ROLES, type Role } from "@/lib/accounts/roles";
import type { MenuGroup } from "@/lib/menu-groups";

/** Anyone, signed in or not. */
export const ANYONE = "anyone";
/** Any signed-in user, even one with a pending step (change the password, enroll the second factor). */
export const ACCOUNT = "account";

/** Nobody by session or API key: the caller shows the operator's bearer token (the metrics, SCOP_METRICS_TOKEN). */
export const OPERATOR_TOKEN = "operator-token";

export type Access = typeof ANYONE | typeof ACCOUNT | typeof OPERATOR_TOKEN | readonly Role[];

export const ALL_ROLES: readonly Role[] = ROLES;
const BUYER: readonly Role[] = ["COMPRADOR"];
const SELLER: readonly Role[] = ["VENDEDOR"];
const PLANT: readonly Role[] = ["OPERADOR_PLANTA"];
const ADMIN: readonly Role[] = ["ADMINISTRADOR"];
const OVERSIGHT: readonly Role[] = ["REGULADOR", "ADMINISTRADOR"];
const AGENTS: readonly Role[] = ["COMPRADOR", "VENDEDOR", "OPERADOR_PLANTA"];
/** who may hold webhooks: the agents (lib/events/catalog.ts WEBHOOK_ROLES) */
const WEBHOOKS: readonly Role[] = AGENTS;

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A screen: GET to read it; server actions also POST to it (their own rule is in ACTIONS). */
export interface PageRule {
  kind: "page";
  access: Access;
  /** its option in the role's menu (the manual's name), in this table's order */
  menu?: string;
  /** where the compact (phone) menu lists that option (lib/menu-groups.ts); none for "Inicio" */
  group?: MenuGroup;
  /** Next.js's own page, rendered inside other requests: asked for directly, it is a 404 */
  internal?: true;
}

/** A route handler of the screens (downloads), authenticated by the session cookie. */
export interface HandlerRule {
  kind: "handler";
  methods: Partial<Record<Method, Access>>;
}

/** An operation of the HTTP API v1, authenticated by an API key (its user's role). */
export interface ApiRule {
  kind: "api";
  methods: Partial<Record<Method, Access>>;
}

export type RouteRule = PageRule | HandlerRule | ApiRule;

const page = (access: Access, menu?: string, group?: MenuGroup): PageRule => ({ kind: "page", access, ...(menu ? { menu } : {}), ...(group ? { group } : {}) });
const handler = (methods: HandlerRule["methods"]): HandlerRule => ({ kind: "handler", methods });
const api = (methods: ApiRule["methods"]): ApiRule => ({ kind: "api", methods });

/** Every route of the app. The pages' order is the menu's. */
export const ROUTES = {
  "/": page(ALL_ROLES, "Inicio"),
  "/compras/generar": page(BUYER, "Generación de Orden de Pedido Simple - Granel", "compras"),
  "/ventas": page(SELLER, "Órdenes por Atender", "ventas"),
  "/despachos": page(PLANT, "Despachos por Registrar", "despachos"),
  "/ordenes": page(AGENTS, "Orden de Pedido", "consulta"),
  "/compras/anulacion": page(BUYER, "Corrección de Orden de Pedido: Anulación de Transacciones", "anular"),
  "/compras/cierre": page(BUYER, "Cierre de Orden de Pedido", "cerrar"),
  "/registro": page(ADMIN, "Registro de Hidrocarburos", "registro"),
  "/cisternas": page(OVERSIGHT, "Cisternas", "registro"),
  "/historico": page(ADMIN, "Historial SCOP anterior", "registro"),
  "/usuarios": page(ADMIN, "Usuarios", "registro"),
  "/correos": page(ADMIN, "Correos", "avisos"),
  "/regulador/movimientos": page(OVERSIGHT, "Movimientos", "consulta"),
  "/regulador/tablero": page(OVERSIGHT, "Tablero", "fiscalizacion"),
  "/regulador/cumplimiento": page(OVERSIGHT, "Cumplimiento", "fiscalizacion"),
  "/verificacion": page(OVERSIGHT, "Consulta de Código de Autorización", "consulta"),
  "/auditoria": page(OVERSIGHT, "Auditoría", "fiscalizacion"),
  "/cuenta/contrasena": page(ACCOUNT, "Cambiar Contraseña", "cuenta"),
  "/cuenta/seguridad": page(ACCOUNT, "Seguridad de la cuenta", "cuenta"),
  "/claves-api": page(ALL_ROLES, "Claves de API", "integracion"),
  "/webhooks": page(WEBHOOKS, "Webhooks", "integracion"),
  "/contacto": page(ANYONE, "Contacto", "ayuda"),

  "/compras/cierre/[code]": page(BUYER),
  "/compras/rechazo/[code]": page(BUYER),
  "/ventas/[code]": page(SELLER),
  "/despachos/[code]": page(PLANT),
  "/ordenes/[code]": page(ALL_ROLES),
  "/ordenes/[code]/movimientos": page(ALL_ROLES),
  "/registro/[id]": page(ADMIN),
  "/registro/nuevo": page(ADMIN),
  "/registro/importar": page(ADMIN),
  "/cisternas/[id]": page(OVERSIGHT),
  "/cisternas/nueva": page(ADMIN),
  "/cisternas/importar": page(ADMIN),
  "/webhooks/[id]": page(WEBHOOKS),
  "/notificaciones": page(ALL_ROLES),
  "/notificaciones/preferencias": page(ALL_ROLES),
  "/ingresar": page(ANYONE),
  "/verificar": page(ANYONE),
  "/no-autorizado": page(ANYONE),
  "/api-docs": page(ANYONE),
  // Next.js's own pages for a missing route and an uncaught error.
  "/_not-found": { kind: "page", access: ANYONE, internal: true },
  "/_global-error": { kind: "page", access: ANYONE, internal: true },

  "/ordenes/[code]/constancia": handler({ GET: ALL_ROLES }),
  "/regulador/movimientos/exportar": handler({ GET: OVERSIGHT }),
  "/regulador/movimientos/exportar/excel": handler({ GET: OVERSIGHT }),
  "/regulador/cumplimiento/exportar/csv": handler({ GET: OVERSIGHT }),
  "/regulador/cumplimiento/exportar/excel": handler({ GET: OVERSIGHT }),
  "/api/auth/[...nextauth]": handler({ GET: ANYONE, POST: ANYONE }),
  "/api/health": handler({ GET: ANYONE }),
  "/api/notificaciones/no-leidas": handler({ GET: ALL_ROLES }),
  // readiness for the load balancer; the metrics, for the operator's scraper only
  "/api/ready": handler({ GET: ANYONE }),
  "/api/metrics": handler({ GET: OPERATOR_TOKEN }),
  // The movement log and the public verification: public by design (lib/log, lib/verification).
  "/api/log/checkpoint": handler({ GET: ANYONE }),
  "/api/log/checkpoints": handler({ GET: ANYONE }),
  "/api/log/key": handler({ GET: ANYONE }),
  "/api/log/leaves/[index]": handler({ GET: ANYONE }),
  "/api/log/proof/consistency": handler({ GET: ANYONE }),
  "/api/log/proof/inclusion": handler({ GET: ANYONE }),
  "/api/log/tile/[...path]": handler({ GET: ANYONE }),
  "/api/verificacion/codigo/[code]": handler({ GET: ANYONE }),
  "/api/verificacion/placa/[plate]": handler({ GET: ANYONE }),

  "/api/v1/orders": api({ GET: ALL_ROLES, POST: BUYER }),
  "/api/v1/orders/[code]": api({ GET: ALL_ROLES }),
  "/api/v1/orders/[code]/annul": api({ POST: BUYER }),
  "/api/v1/orders/[code]/sale": api({ POST: SELLER }),
  "/api/v1/orders/[code]/dispatch": api({ POST: PLANT }),
  "/api/v1/orders/[code]/close": api({ POST: BUYER }),
  "/api/v1/orders/[code]/reject": api({ POST: BUYER }),
  "/api/v1/movements": api({ GET: OVERSIGHT }),
  // the truck registry: each agent reads its own trucks, the oversight and the plants every one
  // (lib/api/trucks.ts); only the administrator writes
  "/api/v1/trucks": api({ GET: ALL_ROLES, POST: ADMIN }),
  "/api/v1/trucks/[id]": api({ GET: ALL_ROLES, PUT: ADMIN }),
  "/api/v1/trucks/[id]/status": api({ POST: ADMIN }),
  "/api/v1/webhooks": api({ GET: WEBHOOKS, POST: WEBHOOKS }),
  "/api/v1/webhooks/[id]": api({ GET: WEBHOOKS, PATCH: WEBHOOKS, DELETE: WEBHOOKS }),
  "/api/v1/webhooks/[id]/rotate-secret": api({ POST: WEBHOOKS }),
  "/api/v1/webhooks/[id]/deliveries": api({ GET: WEBHOOKS }),
  "/api/v1/webhooks/[id]/deliveries/[deliveryId]/resend": api({ POST: WEBHOOKS }),
  "/api/v1/openapi.json": api({ GET: ANYONE }),
  // Any other path under /api/v1: a 404 problem, whatever the method.
  "/api/v1/[...path]": api({ GET: ANYONE, POST: ANYONE, PUT: ANYONE, PATCH: ANYONE, DELETE: ANYONE }),
} as const satisfies Record<string, RouteRule>;

export type RoutePath = keyof typeof ROUTES;
export type PagePath = { [P in RoutePath]: (typeof ROUTES)[P] extends PageRule ? P : never }[RoutePath];
export type HandlerPath = { [P in RoutePath]: (typeof ROUTES)[P] extends HandlerRule ? P : never }[RoutePath];
export type ApiPath = { [P in RoutePath]: (typeof ROUTES)[P] extends ApiRule ? P : never }[RoutePath];

/** Every server action, by its exported name. */
export const ACTIONS = {
  registerOrderAction: BUYER,
  annulOrderAction: BUYER,
  closeOrderAction: BUYER,
  rejectOrderAction: BUYER,
  registerSale: SELLER,
  registerDispatch: PLANT,
  createTruckAction: ADMIN,
  updateTruckAction: ADMIN,
  changeTruckStatusAction: ADMIN,
  importTrucksAction: ADMIN,
  importLegacyAction: ADMIN,
  /** an inspector's on-site finding (regulators only: the administrator does not inspect) */
  recordConstatacionAction: ["REGULADOR"],
  createAgentAction: ADMIN,
  updateAgentAction: ADMIN,
  suspendAgentAction: ADMIN,
  reinstateAgentAction: ADMIN,
  importAgentsAction: ADMIN,
  createUserAction: ADMIN,
  resetPasswordAction: ADMIN,
  setUserActiveAction: ADMIN,
  setUserEmailAction: ADMIN,
  createApiKeyAction: ALL_ROLES,
  revokeApiKeyAction: ALL_ROLES,
  createEndpointAction: WEBHOOKS,
  updateEndpointAction: WEBHOOKS,
  rotateSecretAction: WEBHOOKS,
  deleteEndpointAction: WEBHOOKS,
  resendDeliveryAction: WEBHOOKS,
  markNotificationReadAction: ALL_ROLES,
  markAllNotificationsReadAction: ALL_ROLES,
  saveEmailSettingsAction: ALL_ROLES,
  changePasswordAction: ACCOUNT,
  beginTotpAction: ACCOUNT,
  confirmTotpAction: ACCOUNT,
  disableTotpAction: ACCOUNT,
  endOtherSessionsAction: ACCOUNT,
} as const satisfies Record<string, Access>;

export type ActionName = keyof typeof ACTIONS;

/** Whether a signed-in user of `role` (with a pending step or not) may use something of `access`. */
export function allows(access: Access, user: { role: Role; pending: boolean } | null): boolean {
  if (access === ANYONE) return true;
  if (access === OPERATOR_TOKEN || !user) return false;
  if (access === ACCOUNT) return true;
  return !user.pending && access.includes(user.role);
}

/** The methods a route answers (HEAD and OPTIONS come with them), for `Allow`. */
export function allowedMethods(rule: RouteRule): string[] {
  const methods: string[] = rule.kind === "page" ? ["GET", "POST"] : Object.keys(rule.methods);
  if (methods.includes("GET")) methods.splice(methods.indexOf("GET") + 1, 0, "HEAD");
  return [...methods, "OPTIONS"];
}

interface CompiledRoute {
  path: RoutePath;
  rule: RouteRule;
  pattern: RegExp;
  /** static segments count: a static route wins over a dynamic one, as in Next.js */
  weight: number;
}

const compiled: CompiledRoute[] = (Object.entries(ROUTES) as [RoutePath, RouteRule][])
  .map(([path, rule]) => {
    const segments = path.split("/").filter(Boolean);
    const source = segments
      .map((segment) => (segment.startsWith("[...") ? "/.+" : segment.startsWith("[") ? "/[^/]+" : `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`))
      .join("");
    return {
      path,
      rule,
      pattern: new RegExp(`^${source || "/"}$`),
      weight: segments.filter((segment) => !segment.startsWith("[")).length * 2 - (segments.some((segment) => segment.startsWith("[...")) ? 1 : 0),
    };
  })
  .sort((a, b) => b.weight - a.weight || b.path.length - a.path.length);

/** The route a request path (still percent-encoded, without the query) reaches, if any. */
export function routeOf(pathname: string): { path: RoutePath; rule: RouteRule } | null {
  const path = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  const found = compiled.find((route) => route.pattern.test(path));
  return found ? { path: found.path, rule: found.rule } : null;
}
