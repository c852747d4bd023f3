/**
 * Contract tests from the OpenAPI document itself (served at /api/v1/openapi.json): for every
 * operation, requests generated from its own JSON Schemas — valid ones, and ones with one thing
 * broken — sent with the keys of every role; each answer must carry a status the operation
 * documents, validate against the schema documented for that status (ajv, JSON Schema 2020-12),
 * and a request the document calls invalid must be refused with 400. No 5xx, ever.
 *
 * On a server and a database of its own (port E2E_PORT+3), since valid requests may register,
 * sell or annul orders.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { ROLES, type Role } from "@/lib/accounts/roles";
import { ROUTES, allows, type ApiPath, type ApiRule, type Method } from "@/lib/auth/permissions";
import { createApiKey } from "@/lib/api/keys";
import { createDatabase } from "@/lib/db/database";
import { startAppServer, type AppServer } from "@/harness/app-server";
import { seedDemoDatabase } from "@/harness/demo-database";
import { SchemaArbitraries, type Schema } from "../support/json-schema-arbitrary";

test.describe.configure({ mode: "serial" });

const root = path.resolve(import.meta.dirname, "../..");
const PORT = Number(process.env.E2E_PORT ?? 3100) + 3;
const RUNS = 60;
const USERNAME_BY_ROLE: Record<Role, string> = { COMPRADOR: "comprador", VENDEDOR: "vendedor", OPERADOR_PLANTA: "operador", REGULADOR: "regulador", ADMINISTRADOR: "admin" };

let databaseFile = "";
let server: AppServer;
const keys: { role: Role; key: string }[] = [];
let codes: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  databaseFile = path.join(root, `data/e2e-contract-${process.pid}.db`);
  const url = `file:${databaseFile}`;
  await seedDemoDatabase(url);
  const db = createDatabase(url);
  for (const role of ROLES) {
    const user = await db.prisma.user.findUniqueOrThrow({ where: { username: USERNAME_BY_ROLE[role] } });
    keys.push({ role, key: (await createApiKey(db, { userId: user.id, agentId: user.agentId, role }, `contrato-${role.toLowerCase()}`)).key });
  }
  codes = (await db.prisma.order.findMany({ select: { code: true }, take: 30 })).map((order) => order.code);
  await db.close();
  server = await startAppServer({ databaseUrl: url, port: PORT, env: { SCOP_API_RATE_LIMIT_PER_MINUTE: "100000" } });
});
test.afterAll(async () => {
  await server?.kill();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(databaseFile + suffix, { force: true });
});

type Operation = { parameters?: Schema[]; requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> }; responses: Record<string, { content?: Record<string, { schema: Schema }> }> };

test("every operation answers generated requests, valid and invalid, only as documented", async () => {
  test.setTimeout(600_000);
  const document = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as Schema & { paths: Record<string, Record<string, Operation>> };
  // multipleOf 0.01 on binary floats (0.07 / 0.01 = 7.000000000000001) needs a tolerance
  const ajv = new Ajv2020({ strict: false, allErrors: true, multipleOfPrecision: 6 });
  addFormats(ajv);
  ajv.addSchema({ $id: "openapi", components: document.components }, "openapi");
  const compile = (schema: Schema) => ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')));
  const arbitraries = new SchemaArbitraries(document);

  let sent = 0;
  const statuses = new Map<string, Set<number>>();
  // the keyed API v1; the movement log's and the public verification's open endpoints (text,
  // binary tiles, no key) are tested by tests/log and tests/e2e/public-verification.spec.ts
  const keyed = Object.entries(document.paths).filter(([route]) => route.startsWith("/api/v1/"));
  expect(keyed.length).toBeGreaterThan(15);
  for (const [route, methods] of keyed) {
    for (const [method, operation] of Object.entries(methods)) {
      const name = `${method.toUpperCase()} ${route}`;
      const parameters = operation.parameters ?? [];
      const pathParameter = parameters.find((parameter) => parameter.in === "path");
      const queryParameters = parameters.filter((parameter) => parameter.in === "query") as { name: string; schema: Schema }[];
      const headerParameters = parameters.filter((parameter) => parameter.in === "header") as { name: string; schema: Schema }[];
      const bodySchema = operation.requestBody?.content["application/json"]?.schema;
      const validBody = bodySchema ? compile(bodySchema) : null;
      const validators = Object.fromEntries(
        Object.entries(operation.responses).map(([status, response]) => [status, Object.fromEntries(Object.entries(response.content ?? {}).map(([type, { schema }]) => [type, compile(schema)]))]),
      );

      const pathValue = pathParameter ? fc.oneof(fc.constantFrom(...codes), arbitraries.valid((pathParameter as { schema: Schema }).schema)) : fc.constant("");
      const query = fc.record(Object.fromEntries(queryParameters.map((parameter) => [parameter.name, arbitraries.valid(parameter.schema)])), { requiredKeys: [] });
      const headers = fc.record(Object.fromEntries(headerParameters.map((parameter) => [parameter.name, arbitraries.valid(parameter.schema)])), { requiredKeys: [] });
      const body = bodySchema
        ? fc.oneof(
            arbitraries.valid(bodySchema).map((value) => ({ value, valid: true })),
            arbitraries.invalid(bodySchema).filter((value) => !validBody!(value)).map((value) => ({ value, valid: false })),
          )
        : fc.constant({ value: undefined, valid: true });

      await fc.assert(
        fc.asyncProperty(pathValue, query, headers, body, fc.constantFrom(...keys), async (code, queryValues, headerValues, request, { role, key }) => {
          sent++;
          if (request.valid && validBody) expect(validBody(request.value), `el generador produjo un cuerpo inválido para ${name}`).toBe(true);
          const url = new URL(route.replace(`{${String(pathParameter?.name)}}`, String(code)), server.url);
          for (const [parameter, value] of Object.entries(queryValues)) url.searchParams.set(parameter, String(value));
          const response = await fetch(url, {
            method: method.toUpperCase(),
            headers: {
              ...(headerValues as Record<string, string>),
              ...(route.endsWith("openapi.json") ? {} : { authorization: `Bearer ${key}` }),
              ...(request.value !== undefined ? { "content-type": "application/json" } : {}),
            },
            body: request.value === undefined ? undefined : JSON.stringify(request.value),
          });
          const text = await response.text();
          const what = `${name} ${url.pathname}${url.search} ${JSON.stringify(request.value)?.slice(0, 200)} → ${response.status} ${text.slice(0, 300)}`;
          expect(response.status, what).toBeLessThan(500);
          const documented = validators[String(response.status)];
          expect(documented, `estado no documentado: ${what}`).toBeDefined();
          const type = (response.headers.get("content-type") ?? "").split(";")[0];
          expect(documented[type], `tipo no documentado (${type}): ${what}`).toBeDefined();
          const validate = documented[type];
          expect(validate(JSON.parse(text)), `${what}\n${ajv.errorsText(validate.errors)}`).toBe(true);
          // an invalid body is a 400 — unless the key's role may not use the operation at all,
          // which is decided first (403), before the input is read
          const access = (ROUTES[route.replaceAll("{", "[").replaceAll("}", "]") as ApiPath] as ApiRule).methods[method.toUpperCase() as Method]!;
          if (!request.valid) expect(response.status, `un cuerpo inválido: ${what}`).toBe(allows(access, { role, pending: false }) ? 400 : 403);
          statuses.set(name, (statuses.get(name) ?? new Set()).add(response.status));
        }),
        { numRuns: RUNS },
      );
    }
  }
  console.log(`contrato: ${sent} solicitudes; estados por operación: ${[...statuses].map(([name, seen]) => `${name} ${[...seen].sort().join("/")}`).join("; ")}`);
  // the generated requests reach past validation: some succeed, some are refused by the rules
  const all = new Set([...statuses.values()].flatMap((seen) => [...seen]));
  for (const status of [200, 400, 403, 404]) expect(all.has(status), `ningún ${status}`).toBe(true);
});
