/**
 * Opening the database runs `PRAGMA optimize`, which may write (ANALYZE). If another connection
 * holds the write lock, it must give up at once, not wait: better-sqlite3 waits synchronously,
 * which would freeze this process's event loop for the whole busy timeout (5 s) — and with it a
 * transaction of another connection in the same process that holds the lock and cannot commit.
 */
import { describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/database";
import { createTestDatabase } from "../support/test-database";
import { sql } from "@/lib/db/sql";

describe("the planner statistics on SQLite", () => {
  it("do not block the event loop when another connection holds the write lock at open", async () => {
    const test = await createTestDatabase("sqlite");
    // a transaction of one connection holds the write lock until a timer fires…
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    const holding = test.db.sql.transaction(async (tx) => {
      await tx.run(sql`UPDATE agents SET address = address WHERE id = -1`);
      inside();
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await started;
    // …while a second connection to the file opens (as a second process would) and reads
    let longestTick = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestTick = Math.max(longestTick, now - last);
      last = now;
    }, 10);
    const second = createDatabase(test.url);
    try {
      const opened = performance.now();
      expect(await second.sql.all<{ n: number }>(sql`SELECT count(*) AS n FROM agents`)).toEqual([{ n: 0 }]);
      await holding;
      expect(performance.now() - opened).toBeLessThan(2_000);
      expect(longestTick).toBeLessThan(1_000);
    } finally {
      clearInterval(ticker);
      await second.close();
      await test.drop();
    }
  });
});
