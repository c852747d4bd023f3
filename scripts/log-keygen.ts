/**
 * `npm run log:keygen -- --name scop-glp.osinergmin.gob.pe/registro`: a new Ed25519 key for the
 * movement log. Prints the signer key (the secret: put it in SCOP_LOG_SIGNING_KEY, nowhere else)
 * and the verifier key (public: publish it, it is what every verifier trusts).
 */
import { generateKeyPairSync } from "node:crypto";
import { parseArgs } from "node:util";
import { formatSignerKey, formatVerifierKey } from "@/lib/log/note";
import { sha256 } from "@/lib/log/node-crypto";

const { values } = parseArgs({ options: { name: { type: "string" } } });
if (!values.name) {
  console.error("Uso: npm run log:keygen -- --name <dominio>/<registro>   (p. ej. scop-glp.osinergmin.gob.pe/registro)");
  process.exit(2);
}
const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const seed = Buffer.from(privateKey.export({ format: "jwk" }).d!, "base64url");
const pub = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");
console.log(`SCOP_LOG_SIGNING_KEY=${formatSignerKey(sha256, values.name, seed, pub)}`);
console.log(`Clave de verificación (publíquela): ${formatVerifierKey(sha256, values.name, pub)}`);
