import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyPassword } from "@/lib/accounts/password";
import type { Role } from "@/lib/accounts/roles";
import { checkSecondFactor } from "@/lib/accounts/totp";
import { recordAudit } from "@/lib/audit/audit";
import { secret } from "@/lib/config";
import { signInSchema } from "@/lib/auth/schemas";
import { endSession, openSession } from "@/lib/auth/sessions";
import { LOCKED_PREFIX, OTP_INVALID, OTP_REQUIRED } from "@/lib/auth/sign-in-errors";
import { log } from "@/lib/observability/log";
import { noteActor } from "@/lib/observability/request-context";
import { database, signInLimiter } from "./context";

/** Sessions end after 30 minutes without activity (the JWT is refreshed on each request)… */
export const SESSION_IDLE_SECONDS = 30 * 60;
/** …and 12 hours after sign-in whatever the activity (checked in currentUser). */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

/**
 * A hash to verify against when the user does not exist, so a wrong user and a wrong password
 * take the same time and get the same message.
 */
const DECOY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$y8Ws7V3UTRqDqxPhVoK5mQ$1tk2Rc6syYtoAoGZjkht7m8p81dIpxrXB/mYyHyOKaw";

type Headers = Record<string, string | string[] | undefined> | undefined;

const header = (headers: Headers, name: string) => {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The client's address: what the front door (server.ts, lib/http/front-door.ts) decided from the
 * socket or a trusted proxy and wrote as the only X-Forwarded-For. A client's own header never
 * gets here: the front door overwrites it.
 */
export function clientIp(headers: Headers): string {
  return header(headers, "x-forwarded-for")?.trim() || "desconocida";
}

export const authOptions: NextAuthOptions = {
  // read when a request needs it, not when the module loads: `next build` imports this without secrets
  get secret() {
    return secret("NEXTAUTH_SECRET");
  },
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS, updateAge: 60 },
  pages: { signIn: "/ingresar", error: "/ingresar" },
  // next-auth's own messages, through the portal's logger (its metadata is redacted like any line)
  logger: {
    error: (code, metadata) => log("auth").error({ code, metadata }, "next-auth"),
    warn: (code) => log("auth").warn({ code }, "next-auth"),
    debug: (code, metadata) => log("auth").debug({ code, metadata }, "next-auth"),
  },
  providers: [
    CredentialsProvider({
      name: "Usuario y contraseña",
      credentials: {
        username: { label: "Usuario", type: "text" },
        password: { label: "Contraseña", type: "password" },
        otp: { label: "Código de verificación", type: "text" },
      },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { username, password, otp } = parsed.data;
        const ip = clientIp(req?.headers as Headers);
        const db = database();
        const limiter = signInLimiter();

        const lockedFor = await limiter.lockedFor(username, ip);
        if (lockedFor > 0) throw new Error(`${LOCKED_PREFIX}${lockedFor}`);

        const user = await db.transaction((tx) => tx.user.findUnique({ where: { username } }));
        const valid = await verifyPassword(user?.passwordHash ?? DECOY_HASH, password);
        const failed = async (detail: string): Promise<number> => {
          const locked = await limiter.recordFailure(username, ip);
          log("auth").info({ username, detail, lockedSeconds: locked || undefined }, "ingreso fallido");
          await db.transaction(async (tx) => {
            const actor = { userId: user?.id ?? null, username, ip };
            await recordAudit(tx, actor, { action: "SIGN_IN_FAILED", target: `usuario ${username}`, detail });
            if (locked > 0) {
              await recordAudit(tx, actor, { action: "LOCKED", target: `usuario ${username}`, detail: `Bloqueo temporal de ${Math.ceil(locked / 60)} minutos` });
            }
          });
          return locked;
        };

        if (!user || !valid || !user.active) {
          const locked = await failed(!user ? "Usuario inexistente" : !valid ? "Contraseña incorrecta" : "Usuario desactivado");
          if (locked > 0) throw new Error(`${LOCKED_PREFIX}${locked}`);
          return null;
        }
        let usedRecoveryCode = false;
        if (user.totpEnabledAt) {
          if (!otp) throw new Error(OTP_REQUIRED);
          const how = await db.transaction((tx) => checkSecondFactor(tx, user, otp));
          if (!how) {
            const locked = await failed("Código de verificación incorrecto");
            throw new Error(locked > 0 ? `${LOCKED_PREFIX}${locked}` : OTP_INVALID);
          }
          usedRecoveryCode = how === "recovery";
        }

        await limiter.recordSuccess(username, ip);
        noteActor({ role: user.role, userId: user.id });
        log("auth").info({ username, usedRecoveryCode: usedRecoveryCode || undefined }, "ingreso");
        const sessionId = await db.transaction(async (tx) => {
          const actor = { userId: user.id, username, ip };
          if (usedRecoveryCode) await recordAudit(tx, actor, { action: "RECOVERY_CODE_USED", target: `usuario ${username}` });
          await recordAudit(tx, actor, { action: "SIGN_IN", target: `usuario ${username}` });
          return openSession(tx, user.id, { ip, userAgent: header(req?.headers as Headers, "user-agent") ?? null });
        });
        return {
          id: String(user.id),
          name: user.fullName,
          username: user.username,
          role: user.role as Role,
          agentId: user.agentId,
          sessionVersion: user.sessionVersion,
          sessionId,
          signedInAt: Date.now(),
        };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.userId = Number(user.id);
        token.username = user.username;
        token.role = user.role;
        token.agentId = user.agentId;
        token.sessionVersion = user.sessionVersion;
        token.sessionId = user.sessionId;
        token.signedInAt = user.signedInAt;
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        name: token.name ?? "",
        userId: token.userId,
        username: token.username,
        role: token.role,
        agentId: token.agentId,
        sessionVersion: token.sessionVersion,
        sessionId: token.sessionId,
        signedInAt: token.signedInAt,
      };
      return session;
    },
  },
  events: {
    /** Sign-out ends the session on the server too: the cookie, even a copy of it, stops working. */
    async signOut({ token }) {
      if (!token?.userId || typeof token.sessionId !== "string") return;
      await database().transaction(async (tx) => {
        if (!(await endSession(tx, token.userId, token.sessionId))) return;
        await recordAudit(tx, { userId: token.userId, username: token.username, ip: null }, { action: "SIGN_OUT", target: `usuario ${token.username}` });
      });
    },
  },
};
