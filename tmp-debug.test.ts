import { it } from "vitest";
import { createDatabase } from "@/lib/db/database";
import { registerOrder } from "@/lib/orders/register-order";
import { createTestDatabase } from "./tests/support/test-database";
import { buildWorld, flowAOrder, testContext } from "./tests/support/world";
it("debug", async () => {
  const test = await createTestDatabase("sqlite");
  const second = createDatabase(test.url);
  const world = await buildWorld(test.db);
  const contexts = [testContext(test.db), testContext(second)];
  const t0 = Date.now();
  const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => registerOrder(contexts[i % 2], world.actors.buyer, flowAOrder(world, "400")).then((r) => { return Date.now() - t0; })));
  const reasons: Record<string, number> = {};
  for (const r of results) { const k = r.status === "fulfilled" ? "ok" : `${(r.reason as { code?: string }).code} ${(r.reason as Error).message.slice(0, 100)}`; reasons[k] = (reasons[k] ?? 0) + 1; }
  console.log(JSON.stringify(reasons, null, 1), Date.now() - t0);
  await second.close(); await test.drop();
});
