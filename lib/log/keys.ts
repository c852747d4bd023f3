/** The log's signing key (SCOP_LOG_SIGNING_KEY; a published demo key outside production, lib/config.ts). */
import { secret } from "@/lib/config";
import { LogSigner } from "./node-crypto";

let signer: { key: string; signer: LogSigner } | undefined;

export function logSigner(): LogSigner {
  const key = secret("SCOP_LOG_SIGNING_KEY");
  if (signer?.key !== key) signer = { key, signer: new LogSigner(key) };
  return signer.signer;
}
