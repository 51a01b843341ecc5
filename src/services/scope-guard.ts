import type { ActingUser } from "../domain/acting-user.js";
import { requireAdmin, requireScope, type Scope } from "../domain/scopes.js";

/**
 * A ScopeMap names, for every method of a service, the scope a call needs: its first argument is
 * the acting user. `any` is any signed-in caller whatever the token's scopes (whoami, logout);
 * `internal` is a method no door calls as a user (the indexer's, the SMTP server's own checks);
 * `admin` also requires an admin. Every method must be named, so a new one cannot be forgotten.
 */
export type ScopeMap<S> = { [K in keyof S]: Scope | "any" | "internal" };

/**
 * withScopes wraps a service so each call checks its scope first (DESIGN §4): the one place the
 * scope rule is applied, in front of the service layer every door shares. Calls between services
 * use the unwrapped services: a call already admitted is not checked again.
 */
export function withScopes<S extends object>(service: S, map: ScopeMap<S>): S {
  const out = { ...service } as Record<string, unknown>;
  for (const [name, scope] of Object.entries(map) as [string, Scope | "any" | "internal"][]) {
    const fn = (service as Record<string, unknown>)[name];
    if (typeof fn !== "function" || scope === "any" || scope === "internal") continue;
    const isAsync = fn.constructor.name === "AsyncFunction";
    out[name] = function scoped(this: unknown, user: ActingUser, ...rest: unknown[]) {
      try {
        if (scope === "admin") requireAdmin(user, name);
        else requireScope(user, scope);
      } catch (err) {
        // An async method refuses with a rejected promise, as it would have itself.
        if (isAsync) return Promise.reject(err);
        throw err;
      }
      return (fn as (...a: unknown[]) => unknown).call(service, user, ...rest);
    };
  }
  return out as S;
}
