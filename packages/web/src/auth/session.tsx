/**
 * The signed-in user, from GET /api/v1/auth/session (the HttpOnly cookie carries the session; the
 * page never sees it). No session (401) is `null`: RequireSession then sends the user to sign in,
 * and back to where they were afterwards.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { api, hasStatus, setCsrfToken } from "../api/client.ts";
import type { CurrentUser, Session } from "../api/types.ts";
import ForbiddenPage from "../pages/forbidden.page.tsx";
import { LoadFailed, PageLoading } from "../shell/states.tsx";

export const SESSION_KEY = ["session"] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api<Session>("/auth/session");
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (hasStatus(error, 401)) return null;
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY });
}

/** The signed-in user; only under RequireSession. */
export function useCurrentUser(): CurrentUser {
  const { data } = useSession();
  if (!data) throw new Error("useCurrentUser outside RequireSession");
  return data.user;
}

export function useSignedIn() {
  const client = useQueryClient();
  return {
    signedIn(session: Session) {
      setCsrfToken(session.csrfToken);
      client.setQueryData(SESSION_KEY, session);
    },
    /**
     * Ends the session on the server, then loads the sign-in page afresh: nothing the user saw
     * stays in this page's memory (cached lists, the CSRF token).
     */
    async signOut() {
      await api("/auth/logout", { method: "POST" }).catch(() => {});
      window.location.replace("/sign-in");
    },
  };
}

export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoading />;
  if (session.isError) return <LoadFailed error={session.error} onRetry={() => session.refetch()} />;
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in${next === "/" ? "" : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  return children;
}

/** Whether the user's role gives `permission` (the API enforces it either way). */
export function can(user: CurrentUser, permission: string): boolean {
  return user.permissions.includes(permission);
}

/** A page the user's role may not open says so instead of failing on its first call. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const user = useCurrentUser();
  return can(user, permission) ? children : <ForbiddenPage />;
}
