/**
 * `npx tsx scripts/totp.ts [usuario]`: the current "Código de verificación" of the demo regulator
 * and administrator (`regulador`, `admin`), from the documented demo secret. Demo data only.
 */
import { generate } from "otplib";
import { DEMO_TOTP_SECRET, DEMO_USERS } from "@/lib/seed/demo-agents";

const username = process.argv[2] ?? "regulador";
const user = DEMO_USERS.find((candidate) => candidate.username === username);
if (!user?.totp) {
  console.error(`El usuario de demostración "${username}" no tiene segundo factor sembrado (use regulador o admin).`);
  process.exit(2);
}
const code = await generate({ secret: DEMO_TOTP_SECRET });
const left = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${code}  (código de ${username}; válido ${left} s más)`);
