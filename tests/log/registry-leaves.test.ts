/**
 * The registry's leaves, both engines: every change of a registered tank truck is a leaf (written
 * by triggers on `trucks`), an agent's registration term is in its leaves from version 2 on while
 * a version-1 change keeps verifying as it was signed, and a truck change or an agent's term
 * edited directly in the database (its triggers disabled) is named by the verifier.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { verifyEvidence } from "@/lib/log/evidence";
import { LogSigner, ed25519Verify, sha256 } from "@/lib/log/node-crypto";
import { evidenceFor } from "@/lib/log/openings";
import { leafAt } from "@/lib/log/proofs";
import { sequence } from "@/lib/log/sequencer";
import { verifyDatabase } from "@/lib/log/verify-database";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, type World } from "../support/world";

const signer = new LogSigner("PRIVATE+KEY+demo.scop-glp.pe/registro+80151c15+AWmvTw+wbu67AYjejvId/PDOfu4a+gkNO1KPmgeUCEE+");

describe.each(ENGINES)("registry leaves on %s", (engine) => {
  let test: TestDatabase;
  let world: World;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    world = await buildWorld(test.db);
  });
  afterAll(() => test?.drop());

  const leafIndexOf = async (kind: string, id: number) => {
    const [row] = await test.db.sql.all<{ index: number }>(sql`SELECT leaf_index AS "index" FROM log_leaves WHERE kind = ${kind} AND source_id = ${id}`);
    return row ? Number(row.index) : null;
  };
  const truckChanges = (truckId: number) =>
    test.db.sql.all<{ id: number; status: string; capacity: number }>(
      sql`SELECT id AS "id", status AS "status", capacity AS "capacity" FROM truck_changes WHERE truck_id = ${truckId} ORDER BY id`,
    );

  it("logs each truck's registration and every change of its registry columns, and nothing for a save that changes none", async () => {
    const truck = world.trucks.comercializador[1];
    expect((await truckChanges(truck.id)).map((change) => change.status)).toEqual(["VIGENTE"]);
    await test.db.prisma.truck.update({ where: { id: truck.id }, data: { status: "SUSPENDIDO" } });
    await test.db.prisma.truck.update({ where: { id: truck.id }, data: { capacity: 1_800_000 } });
    await test.db.prisma.truck.update({ where: { id: truck.id }, data: { updatedAt: new Date() } }); // nothing the registry records
    const changes = await truckChanges(truck.id);
    expect(changes.map((change) => [change.status, Number(change.capacity)])).toEqual([
      ["VIGENTE", 2_000_000],
      ["SUSPENDIDO", 2_000_000],
      ["SUSPENDIDO", 1_800_000],
    ]);
    // the history is append-only for the application
    await expect(test.db.sql.run(sql`UPDATE truck_changes SET status = 'VIGENTE' WHERE id = ${changes[1].id}`)).rejects.toThrow(/inmutable/);
    await expect(test.db.sql.run(sql`DELETE FROM truck_changes WHERE id = ${changes[1].id}`)).rejects.toThrow(/inmutable/);

    await sequence(test.db, signer, { batchSize: 10 });
    for (const change of changes) expect(await leafIndexOf("TRUCK", change.id)).not.toBeNull();
    const report = await verifyDatabase(test.db, [signer.verifierKey]);
    expect(report.problems).toEqual([]);
  });

  it("records an agent's registration term from leaf version 2 on; a version-1 change still verifies as signed", async () => {
    const agent = world.agents.distribuidor;
    await test.db.prisma.agent.update({ where: { id: agent.id }, data: { registryExpiresOn: "2027-06-30" } });
    const [latest] = await test.db.sql.all<{ id: number; term: string | null; version: number }>(
      sql`SELECT id AS "id", registry_expires_on AS "term", leaf_version AS "version" FROM agent_changes WHERE agent_id = ${agent.id} ORDER BY id DESC LIMIT 1`,
    );
    expect(latest).toMatchObject({ term: "2027-06-30", version: 2 });
    // a change recorded before the term was (as the migration found them): version 1, no term
    await test.db.sql.run(
      sql`INSERT INTO agent_changes (agent_id, changed_at, type, business_name, ruc, registry_number, registry_status, insurance_expires_on, ceded_by_seller_id, leaf_version)
        SELECT id, ${new Date()}, type, business_name, ruc, registry_number, registry_status, insurance_expires_on, ceded_by_seller_id, 1 FROM agents WHERE id = ${agent.id}`,
    );
    const [old] = await test.db.sql.all<{ id: number }>(sql`SELECT MAX(id) AS "id" FROM agent_changes WHERE leaf_version = 1`);
    await sequence(test.db, signer);

    const v2 = await leafAt(test.db.sql, (await leafIndexOf("AGENT", latest.id))!);
    const v1 = await leafAt(test.db.sql, (await leafIndexOf("AGENT", Number(old.id)))!);
    expect([v2[0], v2[1]]).toEqual([2, 2]); // version 2, kind agent
    expect([v1[0], v1[1]]).toEqual([1, 2]);

    // the constancia-style opening carries the version; its private part holds the term
    const { evidence } = await evidenceFor(test.db.sql, [{ kind: "AGENT", id: latest.id }, { kind: "AGENT", id: Number(old.id) }], true);
    const verified = await verifyEvidence(sha256, ed25519Verify, evidence!, [signer.verifierKey]);
    expect(verified.leaves.map((leaf) => leaf.kind === "AGENT" && leaf.private)).toEqual([
      { insuranceExpiresOn: "2030-12-31", cededBySellerId: null, registryExpiresOn: "2027-06-30" },
      { insuranceExpiresOn: "2030-12-31", cededBySellerId: null },
    ]);
    // the same opening claimed as version 1 does not verify
    const downgraded = structuredClone(evidence!);
    delete downgraded.leaves[0].version;
    await expect(verifyEvidence(sha256, ed25519Verify, downgraded, [signer.verifierKey])).rejects.toThrow();

    const report = await verifyDatabase(test.db, [signer.verifierKey]);
    expect(report.problems).toEqual([]);
  });

  it("names a truck change, then an agent's registration term, edited directly in the database", async () => {
    const truck = world.trucks.envasadora[2];
    const [change] = await test.db.sql.all<{ id: number }>(sql`SELECT id AS "id" FROM truck_changes WHERE truck_id = ${truck.id} ORDER BY id LIMIT 1`);
    const index = await leafIndexOf("TRUCK", change.id);
    // someone with the database in hand, past the triggers: each engine's own way
    if (engine === "sqlite") await test.db.sql.run(sql`DROP TRIGGER truck_changes_no_update`);
    else await test.db.sql.run(sql`ALTER TABLE truck_changes DISABLE TRIGGER truck_changes_no_update_or_delete`);
    // the truck "was" suspended when it carried the lots
    await test.db.sql.run(sql`UPDATE truck_changes SET status = 'SUSPENDIDO' WHERE id = ${change.id}`);
    let report = await verifyDatabase(test.db, [signer.verifierKey]);
    expect(report.ok).toBe(false);
    expect(report.firstBadLeaf).toMatchObject({ index, kind: "TRUCK", sourceId: change.id, problem: "MODIFICADO" });
    expect(report.problems[0]).toContain(`Hoja ${index}: cambio del registro de cisternas ${change.id}: camión tanque ${truck.plate}`);

    // an agent's registration term moved by a year
    const [term] = await test.db.sql.all<{ id: number }>(sql`SELECT id AS "id" FROM agent_changes WHERE registry_expires_on = '2027-06-30'`);
    if (engine === "sqlite") await test.db.sql.run(sql`DROP TRIGGER agent_changes_no_update`);
    else await test.db.sql.run(sql`ALTER TABLE agent_changes DISABLE TRIGGER agent_changes_no_update_or_delete`);
    await test.db.sql.run(sql`UPDATE agent_changes SET registry_expires_on = '2028-06-30' WHERE id = ${term.id}`);
    report = await verifyDatabase(test.db, [signer.verifierKey], { parallel: true });
    expect(report.badLeaves).toBe(2);
    expect(report.problems.join("\n")).toMatch(/y 1 hojas más difieren/);

    // deleted outright: named as gone
    if (engine === "sqlite") await test.db.sql.run(sql`DROP TRIGGER truck_changes_no_delete`);
    await test.db.sql.run(sql`DELETE FROM truck_changes WHERE id = ${change.id}`);
    report = await verifyDatabase(test.db, [signer.verifierKey]);
    expect(report.firstBadLeaf).toMatchObject({ index, kind: "TRUCK", sourceId: change.id, problem: "ELIMINADO" });
    expect(report.problems[0]).toContain(`el cambio del registro de cisternas ${change.id} ya no existe`);
  });
});
