import { createCipheriv, createHash } from "node:crypto";

/**
 * A keyed permutation of [0, 10^10): a balanced Feistel network over two halves in [0, 10^5),
 * with AES-128 as the round function. Encrypting the order number with it gives codes that are
 * collision-free by construction (it is a bijection) and that cannot be predicted from earlier
 * codes without the key.
 */
const HALF = 100_000;
export const DOMAIN = HALF * HALF;
const ROUNDS = 10;

export class CodePermutation {
  readonly #cipher;
  readonly #block = Buffer.alloc(16);

  constructor(secret: string) {
    if (secret.length < 16) throw new Error("AUTH_CODE_SECRET must have at least 16 characters");
    const key = createHash("sha256").update(`scop-glp/authorization-code/${secret}`).digest().subarray(0, 16);
    // ECB over single blocks is exactly the block cipher as a PRF; the cipher object is reused.
    this.#cipher = createCipheriv("aes-128-ecb", key, null).setAutoPadding(false);
  }

  #round(round: number, half: number): number {
    this.#block.fill(0);
    this.#block.writeUInt8(round, 0);
    this.#block.writeUInt32BE(half, 4);
    const out = this.#cipher.update(this.#block);
    return out.readUInt32BE(0) % HALF;
  }

  encrypt(value: number): number {
    if (!Number.isInteger(value) || value < 0 || value >= DOMAIN) {
      throw new RangeError(`value out of the permutation's domain: ${value}`);
    }
    let left = Math.floor(value / HALF);
    let right = value % HALF;
    for (let round = 0; round < ROUNDS; round++) {
      const next = (left + this.#round(round, right)) % HALF;
      left = right;
      right = next;
    }
    return left * HALF + right;
  }

  decrypt(value: number): number {
    if (!Number.isInteger(value) || value < 0 || value >= DOMAIN) {
      throw new RangeError(`value out of the permutation's domain: ${value}`);
    }
    let left = Math.floor(value / HALF);
    let right = value % HALF;
    for (let round = ROUNDS - 1; round >= 0; round--) {
      const previous = (right - this.#round(round, left) + HALF) % HALF;
      right = left;
      left = previous;
    }
    return left * HALF + right;
  }
}
