/**
 * The movement log on a real database, both engines: the sequencer logs every movement and registry
 * change in commit order (on PostgreSQL a movement that commits late with a lower id is waited for,
 * never skipped), checkpoints are signed in the C2SP format, proofs from the stored tiles verify,
 * the verifier finds and names a movement edited or deleted behind the triggers' back, and a
 * checkpoint signed with another key is refused.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PDFDocument } from "pdf-lib";
import { sql } from "@/lib/db/sql";
import { annulOrder } from "@/lib/orders/annul-order";
import { findOrderFor } from "@/lib/orders/queries";
import { printedProofLines, readPrintedProof } from "@/lib/log/printed-proof";
import { buildConstancia } from "@/lib/regulator/constancia";
import { toBase64 } from "@/lib/log/bytes";
import { verifyEvidence } from "@/lib/log/evidence";
import { verifyConsistency, verifyInclusion } from "@/lib/log/merkle";
import { LogSigner, ed25519Verify, hasher, sha256 } from "@/lib/log/node-crypto";
import { openCheckpoint, parseVerifierKey } from "@/lib/log/note";
import { evidenceFor } from "@/lib/log/openings";
import { consistencyProofBetween, inclusionProofAt, leafAt } from "@/lib/log/proofs";
import { SEQUENCER_LOCK, hasWork, sequence } from "@/lib/log/sequencer";
import { latestCheckpoint } from "@/lib/log/store";
import { verifyDatabase } from "@/lib/log/verify-database";
import { publicCodeAnswerSchema, publicPlateAnswerSchema } from "@/lib/verification/api-schemas";
import { lookUpCode, lookUpPlate } from "@/lib/verification/public-lookup";
import { lotsPlateRegistry, trucksRegistry } from "@/lib/verification/truck-registry";
import { checkCodeAnswer } from "@/lib/verification/check-answer";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, seedCerradoOrder, seedPorCerrarOrder, seedSolicitadoOrder, testContext, type World } from "../support/world";

const KEY = "PRIVATE+KEY+demo.scop-glp.pe/registro+80151c15+AWmvTw+wbu67AYjejvId/PDOfu4a+gkNO1KPmgeUCEE+";
/** The Go reference's example key: a valid Ed25519 key that is not the log's. */
const OTHER_KEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const signer = new LogSigner(KEY);

describe.each(ENGINES)("movement log on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;
  const codes: string[] = [];

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
    world = await buildWorld(test.db);
    codes.push(await seedCerradoOrder(ctx, world, "A"));
    codes.push(await seedCerradoOrder(ctx, world, "B"));
    codes.push(await seedPorCerrarOrder(ctx, world, "A"));
    const annulled = await seedSolicitadoOrder(ctx, world);
    await annulOrder(ctx, world.actors.buyer, { code: annulled });
    codes.push(annulled);
  });
  afterAll(() => test?.drop());

  async function counts() {
    const [row] = await test.db.sql.all<{ movements: number; changes: number; trucks: number; leaves: number }>(
      sql`SELECT (SELECT COUNT(*) FROM movements) AS "movements", (SELECT COUNT(*) FROM agent_changes) AS "changes",
        (SELECT COUNT(*) FROM truck_changes) AS "trucks", (SELECT COUNT(*) FROM log_leaves) AS "leaves"`,
    );
    return { movements: Number(row.movements), changes: Number(row.changes), trucks: Number(row.trucks), leaves: Number(row.leaves) };
  }

  it("logs every movement and registry change, in batches, and signs a C2SP checkpoint of the result", async () => {
    const result = await sequence(test.db, signer, { batchSize: 7 });
    const { movements, changes, trucks, leaves } = await counts();
    expect(changes).toBeGreaterThanOrEqual(7); // one per agent of the world, from the triggers
    expect(trucks).toBe(15); // one per registered truck of the world, from the triggers
    expect(result.added).toBe(movements + changes + trucks);
    expect(leaves).toBe(movements + changes + trucks);
    expect(result.checkpoints).toBe(Math.ceil(result.added / 7));

    const latest = (await latestCheckpoint(test.db.sql))!;
    expect(latest.note).toMatch(/^demo\.scop-glp\.pe\/registro\n\d+\n[A-Za-z0-9+/]{43}=\n\n— demo\.scop-glp\.pe\/registro [A-Za-z0-9+/]{91}=\n$/);
    const checkpoint = await openCheckpoint(latest.note, [signer.verifierKey], ed25519Verify, signer.name);
    expect(checkpoint.size).toBe(result.treeSize);

    // nothing new: the timer's check says so, and a run adds nothing and signs nothing
    expect(await hasWork(test.db)).toBe(false);
    expect((await sequence(test.db, signer)).added).toBe(0);
    expect((await latestCheckpoint(test.db.sql))!.treeSize).toBe(latest.treeSize);
  });

  it("logs a registry change (a suspension) as a leaf, and a new movement in a later batch", async () => {
    const before = (await counts()).leaves;
    await test.db.prisma.agent.update({ where: { id: world.agents.otherBuyer.id }, data: { registryStatus: "SUSPENDIDO" } });
    // committed_volume changes on every registration: it must not add registry leaves
    codes.push(await seedSolicitadoOrder(ctx, world));
    expect(await hasWork(test.db)).toBe(true);
    // on worker threads, as the command-line sequencer does
    const result = await sequence(test.db, signer, { parallel: true });
    expect(result.added).toBe(2); // the suspension and the SOLICITADO movement
    expect((await counts()).leaves).toBe(before + 2);
    const [change] = await test.db.sql.all<{ status: string }>(
      sql`SELECT registry_status AS "status" FROM agent_changes WHERE agent_id = ${world.agents.otherBuyer.id} ORDER BY id DESC LIMIT 1`,
    );
    expect(change.status).toBe("SUSPENDIDO");
  });

  it("serves inclusion and consistency proofs from the tiles that verify against the signed roots", async () => {
    const latest = (await latestCheckpoint(test.db.sql))!;
    const checkpoint = await openCheckpoint(latest.note, [signer.verifierKey], ed25519Verify);
    for (const index of [0, 1, checkpoint.size - 1]) {
      const leaf = await leafAt(test.db.sql, index);
      expect(leaf.length).toBe(34);
      expect([1, 2]).toContain(leaf[0]); // version 1 (movements), 2 (registry changes)
      const proof = await inclusionProofAt(test.db.sql, index, checkpoint.size);
      expect(verifyInclusion(hasher, index, checkpoint.size, hasher.leaf(leaf), proof, checkpoint.root)).toBe(true);
    }
    const [first] = await test.db.sql.all<{ size: number; root: Buffer }>(sql`SELECT tree_size AS "size", root_hash AS "root" FROM log_checkpoints ORDER BY tree_size LIMIT 1`);
    const proof = await consistencyProofBetween(test.db.sql, Number(first.size), checkpoint.size);
    expect(verifyConsistency(hasher, Number(first.size), checkpoint.size, proof, new Uint8Array(first.root), checkpoint.root)).toBe(true);
    await expect(inclusionProofAt(test.db.sql, 0, checkpoint.size + 1)).rejects.toThrow(/registro firmado/);
  });

  it("answers the public lookup of a code with evidence the browser's check accepts, and no volume or document", async () => {
    const answer = await lookUpCode(test.db.sql, codes[1]);
    expect(answer.found).toBe(true);
    expect(answer.order!.state).toBe("CERRADO");
    expect(answer.order!.movements.map((m) => m.event)).toEqual(["SOLICITADO", "VENDIDO", "DESPACHADO", "CERRADO"]);
    expect(answer.order!.plant!.businessName).toBe("Planta Callao Leptones");
    const check = await checkCodeAnswer(sha256, ed25519Verify, answer, [signer.verifierKey]);
    expect(check.status).toBe("VERIFICADO");
    const text = JSON.stringify(answer);
    expect(text).not.toMatch(/T001-|F001-|Usuario/);
    for (const truck of Object.values(world.trucks).flat()) expect(text).not.toContain(truck.plate);

    // a page that shows another date than the leaf's is caught
    const forged = structuredClone(answer);
    forged.order!.movements[3].occurredAt = new Date(Date.parse(forged.order!.movements[3].occurredAt) - 86_400_000).toISOString();
    expect((await checkCodeAnswer(sha256, ed25519Verify, forged, [signer.verifierKey])).status).toBe("FALLIDO");
    const unknown = await lookUpCode(test.db.sql, "12345678903");
    expect(unknown.found).toBe(false);
    // the answers are what the OpenAPI document says
    publicCodeAnswerSchema.parse(answer);
    publicCodeAnswerSchema.parse(unknown);
  });

  it("answers the public lookup of a plate from the truck registry: today's open lot with its code, never a closed one", async () => {
    // the flow-a orders were sold with the envasadora's first registered truck (tests/support/world.ts)
    const truck = world.trucks.envasadora[0];
    const answer = await lookUpPlate(test.db.sql, trucksRegistry, truck.plate, ctx.clock.now());
    publicPlateAnswerSchema.parse(answer);
    expect(answer.truck).toEqual({ plate: truck.plate, registryNumber: truck.registryNumber, status: "VIGENTE" });
    expect(answer.registrySource).toBe("REGISTRO");
    expect(answer.openLots).toEqual([{ code: codes[2], state: "POR_CERRAR", event: "VENDIDO", at: ctx.clock.now().toISOString() }]);
    // the next day the same lot is no longer "today's"
    const tomorrow = new Date(ctx.clock.now().getTime() + 86_400_000);
    expect((await lookUpPlate(test.db.sql, trucksRegistry, truck.plate, tomorrow)).openLots).toEqual([]);
    expect((await lookUpPlate(test.db.sql, trucksRegistry, "ZZZ-999", ctx.clock.now())).truck).toBeNull();
    // a suspended registration is said as such
    await test.db.prisma.truck.update({ where: { id: truck.id }, data: { status: "SUSPENDIDO" } });
    expect((await lookUpPlate(test.db.sql, trucksRegistry, truck.plate, ctx.clock.now())).truck?.status).toBe("SUSPENDIDO");
    await test.db.prisma.truck.update({ where: { id: truck.id }, data: { status: "VIGENTE" } });
    // the interim adapter (databases without the registry) knows the plate from the lots only
    expect((await lookUpPlate(test.db.sql, lotsPlateRegistry, truck.plate, ctx.clock.now())).truck).toEqual({ plate: truck.plate, registryNumber: null, status: null });
  });

  it("gives a constancia the private parts too, which verify against their digests", async () => {
    const [movement] = await test.db.sql.all<{ id: number }>(
      sql`SELECT m.id AS "id" FROM movements m JOIN orders o ON o.id = m.order_id WHERE o.code = ${codes[0]} AND m.event = 'VENDIDO'`,
    );
    const { evidence } = await evidenceFor(test.db.sql, [{ kind: "MOVEMENT", id: movement.id }], true);
    const verified = await verifyEvidence(sha256, ed25519Verify, evidence!, [signer.verifierKey]);
    const leaf = verified.leaves[0];
    expect(leaf.kind === "MOVEMENT" && leaf.private?.lots[0]).toMatchObject({ position: 1, soldVolume: 50_000, plate: world.trucks.envasadora[0].plate });
    // a printed volume changed by one hundredth no longer matches the leaf
    const tampered = structuredClone(evidence!);
    const bytes = Buffer.from(tampered.leaves[0].private!, "base64");
    bytes[bytes.length - 40] ^= 1;
    tampered.leaves[0].private = toBase64(bytes);
    await expect(verifyEvidence(sha256, ed25519Verify, tampered, [signer.verifierKey])).rejects.toThrow(/no corresponde/);
  });

  it("prints the proof block on the constancia's annex, which reads back and verifies without the portal", async () => {
    const order = (await test.db.transaction((tx) => findOrderFor(tx, world.actors.buyer, codes[1])))!;
    const { evidence, indexOf } = await evidenceFor(test.db.sql, order.movements.map((m) => ({ kind: "MOVEMENT" as const, id: m.id })), true);
    const lines = printedProofLines(evidence!);
    expect(lines.every((line) => line.length <= 96)).toBe(true);
    // as transcribed from paper: other line breaks and stray spaces
    const transcribed = `Anexo\n${lines.join("\n").replace(/(.{40})/g, "$1 ")}\n`;
    const verified = await verifyEvidence(sha256, ed25519Verify, readPrintedProof(transcribed), [signer.verifierKey]);
    expect(verified.leaves.map((leaf) => leaf.kind === "MOVEMENT" && leaf.public.event)).toEqual(["SOLICITADO", "VENDIDO", "DESPACHADO", "CERRADO"]);
    const pdf = await buildConstancia(order, "http://portal/verificacion?code=x", new Date(), {
      evidence,
      leafIndexOf: new Map(order.movements.map((m) => [m.id, indexOf.get(`MOVEMENT:${m.id}`)!])),
      vkey: signer.vkey,
      publicUrl: `http://portal/verificar?codigo=${order.code}`,
    });
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(2);
  });

  it("verifies the whole log from the database: every leaf, every checkpoint, nothing skipped", async () => {
    const report = await verifyDatabase(test.db, [signer.verifierKey], { parallel: true });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.leavesChecked).toBe((await counts()).leaves);
    expect(report.checkpointsChecked).toBeGreaterThan(1);
  });

  it("refuses a checkpoint signed with another key", async () => {
    const other = new LogSigner(OTHER_KEY);
    const report = await verifyDatabase(test.db, [other.verifierKey]);
    expect(report.ok).toBe(false);
    expect(report.problems.join("\n")).toMatch(/no está firmada por una clave de confianza/);
    // a note signed by another key, presented under the log's name and key id: the signature fails
    const latest = (await latestCheckpoint(test.db.sql))!;
    const text = latest.note.slice(0, latest.note.indexOf("\n\n") + 1);
    const otherSignature = Buffer.from(other.signNote(text).trim().split(" ").pop()!, "base64").subarray(4);
    const forged = `${text}\n— ${signer.name} ${toBase64(Buffer.concat([signer.keyId, otherSignature]))}\n`;
    await expect(openCheckpoint(forged, [signer.verifierKey], ed25519Verify)).rejects.toThrow(/no es válida/);
    // and under its own name it is simply not a signature the log's verifiers trust
    await expect(openCheckpoint(other.signNote(text), [signer.verifierKey], ed25519Verify)).rejects.toThrow(/clave de confianza/);
  });

  it("finds and names a movement edited, then one deleted, directly in the database", async () => {
    const [target] = await test.db.sql.all<{ id: number; code: string }>(
      sql`SELECT m.id AS "id", o.code AS "code" FROM movements m JOIN orders o ON o.id = m.order_id WHERE o.code = ${codes[0]} AND m.event = 'CERRADO'`,
    );
    const [leaf] = await test.db.sql.all<{ index: number }>(sql`SELECT leaf_index AS "index" FROM log_leaves WHERE kind = 'MOVEMENT' AND source_id = ${target.id}`);
    // someone with the database in hand, past the triggers: each engine's own way (a test's business, not the app's)
    const tamper = test.db.sql;
    if (engine === "sqlite") await tamper.run(sql`DROP TRIGGER movements_no_update`);
    else await tamper.run(sql`ALTER TABLE movements DISABLE TRIGGER movements_no_update_or_delete`);
    // the closure moved one day earlier: the late closure disappears
    await tamper.run(
      engine === "sqlite"
        ? sql`UPDATE movements SET occurred_at = strftime('%Y-%m-%dT%H:%M:%f+00:00', occurred_at, '-1 day') WHERE id = ${target.id}`
        : sql`UPDATE movements SET occurred_at = occurred_at - interval '1 day' WHERE id = ${target.id}`,
    );
    let report = await verifyDatabase(test.db, [signer.verifierKey]);
    expect(report.ok).toBe(false);
    expect(report.firstBadLeaf).toMatchObject({ index: Number(leaf.index), kind: "MOVEMENT", sourceId: target.id, problem: "MODIFICADO" });
    expect(report.problems[0]).toContain(`Hoja ${leaf.index}: movimiento ${target.id}: orden ${target.code}, evento CERRADO`);

    if (engine === "sqlite") await tamper.run(sql`DROP TRIGGER movements_no_delete`);
    await tamper.run(sql`DELETE FROM movements WHERE id = ${target.id}`);
    report = await verifyDatabase(test.db, [signer.verifierKey], { parallel: true });
    expect(report.firstBadLeaf).toMatchObject({ index: Number(leaf.index), sourceId: target.id, problem: "ELIMINADO" });
    expect(report.problems[0]).toContain(`el movimiento ${target.id} ya no existe`);
  });
});

describe("on PostgreSQL, a movement that commits after a later one", () => {
  let test: TestDatabase;
  let world: World;
  beforeAll(async () => {
    test = await createTestDatabase("postgresql");
    world = await buildWorld(test.db);
    const ctx = testContext(test.db);
    await seedSolicitadoOrder(ctx, world);
    await sequence(test.db, signer);
  });
  afterAll(() => test?.drop());

  it("is waited for and logged, never skipped", async () => {
    const [order] = await test.db.sql.all<{ id: number }>(sql`SELECT id AS "id" FROM orders LIMIT 1`);
    const actor = world.actors.buyer;
    const insert = `INSERT INTO movements (order_id, event, state, occurred_at, user_id, agent_id) VALUES (${order.id}, 'ANULADO', 'ANULADO', now(), ${actor.userId}, ${actor.agentId}) RETURNING id`;
    const slow = new pg.Client({ connectionString: test.url });
    const fast = new pg.Client({ connectionString: test.url });
    await slow.connect();
    await fast.connect();
    try {
      await slow.query("BEGIN");
      const slowId = (await slow.query(insert)).rows[0].id as number; // the lower id, not yet committed
      const fastId = (await fast.query(insert)).rows[0].id as number; // a higher id, committed at once
      expect(fastId).toBeGreaterThan(slowId);

      // the sequencer must not move past the running transaction: neither is logged yet
      expect((await sequence(test.db, signer)).added).toBe(0);
      await slow.query("COMMIT");
      expect((await sequence(test.db, signer)).added).toBe(2);
      const logged = await test.db.sql.all<{ id: number }>(
        sql`SELECT source_id AS "id" FROM log_leaves WHERE kind = 'MOVEMENT' AND source_id IN (${slowId}, ${fastId}) ORDER BY leaf_index`,
      );
      expect(logged.map((row) => Number(row.id))).toEqual([slowId, fastId]);
      const report = await verifyDatabase(test.db, [parseVerifierKey(sha256, signer.vkey)]);
      expect(report.problems).toEqual([]);
    } finally {
      await slow.end();
      await fast.end();
    }
  });

  it("lets one sequencer work at a time: a second one waiting for the lock skips its turn", async () => {
    const holder = new pg.Client({ connectionString: test.url });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock($1)", [SEQUENCER_LOCK]);
      const result = await sequence(test.db, signer);
      expect(result.busy).toBe(true);
      await holder.query("COMMIT");
      expect((await sequence(test.db, signer)).busy).toBe(false);
    } finally {
      await holder.end();
    }
  });
});
