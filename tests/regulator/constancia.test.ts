/**
 * Defect 6 (issue 14): a constancia failed (HTTP 500, for ever) when a free-text field held a
 * character outside WinAnsi. It now embeds DejaVu Sans: every free-text field of the order, the
 * agents' names and the users' names print with such text, a character the font lacks prints as
 * U+FFFD, and no text at all makes it fail.
 *
 * The property test once found (in CI, by chance: 55 of the font's 5,918 characters) that
 * Tifinagh made fontkit's shaper throw "regeneratorRuntime is not defined"; the two tests after it
 * hold that case, and every character the fonts cover, on every run.
 */
import fc from "fast-check";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrderFor } from "@/lib/orders/queries";
import { registerOrder } from "@/lib/orders/register-order";
import { rejectOrder } from "@/lib/orders/reject-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { PDFDocument } from "pdf-lib";
import { buildConstancia, embedTextFonts, printable } from "@/lib/regulator/constancia";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { lotOn, buildWorld, testContext, type World } from "../support/world";

async function textOf(pdf: Uint8Array): Promise<string> {
  const document = await getDocument({ data: pdf, useSystemFonts: false, isEvalSupported: false }).promise;
  const page = await document.getPage(1);
  const content = await page.getTextContent();
  const text = content.items.map((item) => ("str" in item ? item.str : "")).join("\n");
  await document.destroy();
  return text;
}

describe("the constancia with text outside WinAnsi", () => {
  let test: TestDatabase;
  let world: World;
  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
    world = await buildWorld(test.db);
  });
  afterAll(() => test.drop());

  async function rejectedOrder(fields: { agent: string; user: string; purchaseOrderNumber: string; comment: string; transport: string; reason: string }) {
    await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { businessName: fields.agent } });
    await test.db.prisma.user.update({ where: { id: world.actors.buyer.userId }, data: { fullName: fields.user } });
    const ctx = testContext(test.db);
    const { code } = await registerOrder(ctx, world.actors.buyer, {
      sellerType: "PLANTA_ENVASADORA",
      sellerId: world.agents.envasadora.id,
      volume: "10",
      deliveryDate: "2026-03-11",
      purchaseOrderNumber: fields.purchaseOrderNumber,
      comment: fields.comment,
      transport: fields.transport,
    });
    await sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "10" }] });
    await rejectOrder(ctx, world.actors.buyer, { code, reason: fields.reason });
    const order = await test.db.transaction((tx) => findOrderFor(tx, world.actors.regulator, code));
    return order!;
  }

  it("prints every free-text field, agent and user name, with a replacement for what the font lacks", async () => {
    const order = await rejectedOrder({
      agent: "Grifo № 1 Ωmega S.A.C.",
      user: "José Ñandú 💼",
      purchaseOrderNumber: "OC № 118",
      comment: "Entrega urgente 💥 en la puerta № 3",
      transport: "Camión «Nº 7» → Callao",
      reason: "Producto con olor ☢ y sin guía 中",
    });
    const text = await textOf(await buildConstancia(order, "http://127.0.0.1/verificacion?code=1", new Date("2026-03-12T15:00:00Z")));
    expect(text).toContain("OC № 118");
    expect(text).toContain("Grifo № 1 Ωmega S.A.C.");
    expect(text).toContain("José Ñandú \uFFFD");
    expect(text).toContain("Entrega urgente \uFFFD en la puerta № 3");
    expect(text).toContain("Camión «Nº 7» → Callao");
    expect(text).toContain("Producto con olor ☢ y sin guía \uFFFD");
  });

  it("never fails, whatever the text", async () => {
    const field = (max: number) => fc.string({ unit: "binary", minLength: 5, maxLength: max });
    await fc.assert(
      fc.asyncProperty(
        fc.record({ agent: field(60), user: field(60), purchaseOrderNumber: field(30), comment: field(500), transport: field(100), reason: field(200) }),
        async (fields) => {
          // the services trim and require the reason's 5 characters after trimming
          const order = await rejectedOrder({ ...fields, reason: `Motivo ${fields.reason}` });
          const pdf = await buildConstancia(order, "http://127.0.0.1/verificacion", new Date());
          expect(Buffer.from(pdf.slice(0, 5)).toString("latin1")).toBe("%PDF-");
        },
      ),
      { numRuns: 25 },
    );
  });

  it("prints text in Tifinagh, a script fontkit shapes with its syllable state machine", async () => {
    const order = await rejectedOrder({
      agent: "Grifo ⵜⴰⵎⴰⵣⵉⵖⵜ S.A.C.",
      user: "Usuario ⴰⵎⴰⵏ",
      purchaseOrderNumber: "ⵣ 7",
      // fontkit picks the shaper by the text's script: a line of Tifinagh alone is the case that failed
      comment: "ⴰⵣⵓⵍ",
      transport: "ⵜⴰⵎⴰⵣⵉⵖⵜ, Camión 7",
      reason: "Motivo ⵎⴰⵏ",
    });
    const text = await textOf(await buildConstancia(order, "http://127.0.0.1/verificacion?code=1", new Date("2026-03-12T15:00:00Z")));
    expect(text).toContain("Grifo ⵜⴰⵎⴰⵣⵉⵖⵜ S.A.C.");
    expect(text).toContain("ⴰⵣⵓⵍ");
    expect(text).toContain("ⵜⴰⵎⴰⵣⵉⵖⵜ, Camión 7");
    expect(text).toContain("Motivo ⵎⴰⵏ");
  });

  it("measures every character the embedded fonts cover, alone and between Latin letters", async () => {
    const fonts = await embedTextFonts(await PDFDocument.create());
    const refused: string[] = [];
    let covered = 0;
    for (let codePoint = 0x20; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const char = String.fromCodePoint(codePoint);
      // what the constancia would draw: control characters become spaces, so only covered ones reach the font
      if (printable(char, fonts.covers) !== char || char === "\uFFFD") continue;
      covered++;
      for (const face of [fonts.regular, fonts.bold]) {
        try {
          face.widthOfTextAtSize(char, 10);
          face.widthOfTextAtSize(`a${char}b`, 10);
        } catch (error) {
          refused.push(`U+${codePoint.toString(16).toUpperCase()}: ${(error as Error).message}`);
          break;
        }
      }
    }
    expect(covered).toBeGreaterThan(5000);
    expect(refused).toEqual([]);
  });
});
