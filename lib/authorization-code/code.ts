import { dammCheckDigit } from "./damm";
import { isValidAuthorizationCode } from "./validate";
import { CodePermutation, DOMAIN } from "./permutation";

export { AUTHORIZATION_CODE_LENGTH, authorizationCodeProblem, isValidAuthorizationCode, type CodeProblem } from "./validate";

/** The Código de Autorización: 10 digits from the keyed permutation + 1 Damm check digit. */
export class AuthorizationCodeGenerator {
  readonly #permutation: CodePermutation;

  constructor(secret: string) {
    this.#permutation = new CodePermutation(secret);
  }

  /** The code of order number `orderNumber` (1, 2, 3, …); distinct numbers give distinct codes. */
  codeFor(orderNumber: number): string {
    if (!Number.isInteger(orderNumber) || orderNumber < 1 || orderNumber >= DOMAIN) {
      throw new RangeError(`order number out of range: ${orderNumber}`);
    }
    const body = String(this.#permutation.encrypt(orderNumber)).padStart(10, "0");
    return body + String(dammCheckDigit(body));
  }

  /** The order number behind a valid code (used by tests and audits, never needed to look up). */
  orderNumberOf(code: string): number {
    if (!isValidAuthorizationCode(code)) throw new RangeError("not a valid authorization code");
    return this.#permutation.decrypt(Number(code.slice(0, 10)));
  }
}
