import type { Role } from "@/lib/accounts/roles";

interface ScopIdentity {
  userId: number;
  username: string;
  role: Role;
  agentId: number;
  sessionVersion: number;
  /** the server-side session (user_sessions): signing out ends it */
  sessionId: string;
  /** epoch milliseconds of the sign-in: sessions end 12 h later whatever the activity */
  signedInAt: number;
}

declare module "next-auth" {
  interface User extends Omit<ScopIdentity, "userId"> {
    id: string;
  }
  interface Session {
    user: ScopIdentity & { name: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT extends ScopIdentity {
    name?: string | null;
  }
}
