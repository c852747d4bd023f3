import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyPassword } from "@/lib/accounts/password";
import type { Role } from "@/lib/accounts/roles";
import { secret } from "@/lib/config";
import { database } from "@/lib/server/context";
import { signInSchema } from "./schemas";

/** Sessions end after 30 minutes without activity (the JWT is refreshed on each request). */
export const SESSION_IDLE_SECONDS = 30 * 60;

/**
 * A hash to verify against when the user does not exist, so a wrong user and a wrong password
 * take the same time and get the same message.
 */
const DECOY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$y8Ws7V3UTRqDqxPhVoK5mQ$1tk2Rc6syYtoAoGZjkht7m8p81dIpxrXB/mYyHyOKaw";

export const authOptions: NextAuthOptions = {
  secret: secret("NEXTAUTH_SECRET"),
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS, updateAge: 60 },
  pages: { signIn: "/ingresar", error: "/ingresar" },
  providers: [
    CredentialsProvider({
      name: "Usuario y contraseña",
      credentials: { username: { label: "Usuario", type: "text" }, password: { label: "Contraseña", type: "password" } },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { username, password } = parsed.data;
        const user = await database().transaction((tx) => tx.user.findUnique({ where: { username } }));
        const valid = await verifyPassword(user?.passwordHash ?? DECOY_HASH, password);
        if (!user || !valid || !user.active) return null;
        return {
          id: String(user.id),
          name: user.fullName,
          username: user.username,
          role: user.role as Role,
          agentId: user.agentId,
          sessionVersion: user.sessionVersion,
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
      };
      return session;
    },
  },
};
