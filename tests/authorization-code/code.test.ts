import { describe, expect, it } from "vitest";
import { AuthorizationCodeGenerator, authorizationCodeProblem, isValidAuthorizationCode } from "@/lib/authorization-code/code";
import { dammCheckDigit, hasValidDammCheckDigit } from "@/lib/authorization-code/damm";
import { CodePermutation, DOMAIN } from "@/lib/authorization-code/permutation";
import { CODE_CHECK_DIGIT_MESSAGE, authorizationCodeSchema, codeNotFoundProblem } from "@/lib/authorization-code/schema";

const generator = new AuthorizationCodeGenerator("a-test-secret-of-enough-length");

describe("Damm check digit", () => {
  it("matches the published example (572 → 4)", () => {
    expect(dammCheckDigit("572")).toBe(4);
    expect(hasValidDammCheckDigit("5724")).toBe(true);
    expect(hasValidDammCheckDigit("5725")).toBe(false);
  });

  it("rejects every single-digit change and every adjacent swap of 2,000 generated codes", () => {
    let variants = 0;
    for (let n = 1; n <= 2_000; n++) {
      const code = generator.codeFor(n * 7919);
      expect(isValidAuthorizationCode(code)).toBe(true);
      for (let i = 0; i < code.length; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === code[i]) continue;
          const changed = code.slice(0, i) + d + code.slice(i + 1);
          expect(isValidAuthorizationCode(changed), `${code} → ${changed}`).toBe(false);
          variants++;
        }
        if (i + 1 < code.length && code[i] !== code[i + 1]) {
          const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
          expect(isValidAuthorizationCode(swapped), `${code} → ${swapped}`).toBe(false);
          variants++;
        }
      }
    }
    expect(variants).toBeGreaterThan(2_000 * 99);
  });

  it("reports the kind of problem of a typed code", () => {
    const code = generator.codeFor(42);
    expect(authorizationCodeProblem(code)).toBeNull();
    expect(authorizationCodeProblem(code.slice(0, 10))).toBe("FORMATO");
    expect(authorizationCodeProblem(`${code.slice(0, 10)}x`)).toBe("FORMATO");
    const wrong = code.slice(0, 10) + String((Number(code[10]) + 1) % 10);
    expect(authorizationCodeProblem(wrong)).toBe("DIGITO_VERIFICADOR");
  });

  it("the schema accepts spaces and dashes and checks the format only: legacy codes have no check digit", () => {
    const code = generator.codeFor(77);
    expect(authorizationCodeSchema.parse(` ${code.slice(0, 5)}-${code.slice(5)} `)).toBe(code);
    // A legacy SCOP code (seed 001) fails the check digit but is a well-formed code to look up.
    expect(authorizationCodeSchema.parse("60597068962")).toBe("60597068962");
    expect(authorizationCodeSchema.safeParse("123").error?.issues[0].message).toMatch(/11 dígitos/);
  });

  it("a code that matched nothing is called mistyped only when it fails the check digit", () => {
    const code = generator.codeFor(77);
    const typo = code.slice(0, 3) + String((Number(code[3]) + 5) % 10) + code.slice(4);
    expect(codeNotFoundProblem(typo)).toBe("DIGITO_VERIFICADOR");
    expect(codeNotFoundProblem(code)).toBe("NO_ENCONTRADO");
    expect(CODE_CHECK_DIGIT_MESSAGE).toMatch(/dígito verificador/);
  });
});

describe("keyed permutation", () => {
  it("decrypts what it encrypts, across the domain", () => {
    const permutation = new CodePermutation("another-secret-of-enough-length");
    for (const value of [0, 1, 2, 99_999, 100_000, 123_456_789, DOMAIN - 1]) {
      const encrypted = permutation.encrypt(value);
      expect(encrypted).toBeGreaterThanOrEqual(0);
      expect(encrypted).toBeLessThan(DOMAIN);
      expect(permutation.decrypt(encrypted)).toBe(value);
    }
  });

  it("gives no duplicate codes among 1,000,000 consecutive order numbers", () => {
    const seen = new Set<number>();
    const permutation = new CodePermutation("a-test-secret-of-enough-length");
    for (let n = 1; n <= 1_000_000; n++) seen.add(permutation.encrypt(n));
    expect(seen.size).toBe(1_000_000);
  });

  it("does not reveal the next code from the previous ones", () => {
    // Consecutive order numbers give codes with no visible relation: no common prefix to speak of
    // and differences spread over the whole range.
    const codes = Array.from({ length: 1_000 }, (_, i) => Number(generator.codeFor(i + 1).slice(0, 10)));
    const differences = codes.slice(1).map((code, i) => code - codes[i]);
    expect(new Set(differences).size).toBe(differences.length);
    const sharedLeadingDigits = codes.slice(1).filter((code, i) => String(code).padStart(10, "0").slice(0, 4) === String(codes[i]).padStart(10, "0").slice(0, 4));
    expect(sharedLeadingDigits.length).toBeLessThan(5);
    // Leading digits are spread evenly: a sequence would keep them constant.
    const leading = new Map<string, number>();
    for (const code of codes) {
      const digit = String(code).padStart(10, "0")[0];
      leading.set(digit, (leading.get(digit) ?? 0) + 1);
    }
    expect(leading.size).toBe(10);
    for (const count of leading.values()) expect(count).toBeGreaterThan(50);
  });

  it("depends on the secret", () => {
    const other = new AuthorizationCodeGenerator("a-different-secret-of-enough-length");
    const same = Array.from({ length: 100 }, (_, i) => generator.codeFor(i + 1) === other.codeFor(i + 1)).filter(Boolean);
    expect(same.length).toBeLessThan(2);
    expect(generator.orderNumberOf(generator.codeFor(31337))).toBe(31337);
  });

  it("refuses a short secret and numbers outside the domain", () => {
    expect(() => new AuthorizationCodeGenerator("short")).toThrow("AUTH_CODE_SECRET must have at least 16 characters");
    expect(() => generator.codeFor(0)).toThrow(RangeError);
    expect(() => generator.codeFor(DOMAIN)).toThrow(RangeError);
  });
});
