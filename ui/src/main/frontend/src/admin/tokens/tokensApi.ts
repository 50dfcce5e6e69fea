import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { mustFetch } from '../../api/client';

/*
 * HAND-WRITTEN, TEMPORARY: the token operations are not in openapi.json yet, so the typed client cannot make
 * them. These types and calls are what the back end's token work promises (POST, GET and DELETE
 * /api/admin/tokens). Once openapi.json has those paths: regenerate the schema, replace these types by
 * `components['schemas'][...]` in src/api/types.ts and each `mustFetch` by `must(api.GET/POST/DELETE(...))`;
 * the page only uses the hooks below and needs no change. Fields the list may or may not carry are optional.
 */

export type TokenRole = 'OPERATOR' | 'AUDITOR' | 'ADMIN' | 'BACKUP_AGENT';
export const TOKEN_ROLES: TokenRole[] = ['BACKUP_AGENT', 'OPERATOR', 'AUDITOR', 'ADMIN'];

/** A token as the list shows it: never its secret. */
export interface ApiToken {
  name: string;
  role: TokenRole;
  createdAt?: string | null;
  createdBy?: string | null;
  expiresAt?: string | null;
  revokedAt?: string | null;
  lastUsedAt?: string | null;
}

export interface CreateTokenRequest {
  name: string;
  role: TokenRole;
  expiresAt?: string;
}

/** The answer to a creation: the one time the secret is shown. */
export interface CreatedToken extends ApiToken {
  token: string;
}

const TOKENS = '/api/admin/tokens';
export const tokenKeys = { all: ['admin', 'tokens'] as const };

export function useTokens() {
  return useQuery({ queryKey: tokenKeys.all, queryFn: () => mustFetch<ApiToken[]>(TOKENS) });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateTokenRequest) => mustFetch<CreatedToken>(TOKENS, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request),
    }),
    onSuccess: () => client.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => mustFetch<void>(`${TOKENS}/${encodeURIComponent(name)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export type TokenState = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

/** Revoked outranks expired: a token revoked before it expired is remembered as revoked. */
export function stateOf(token: ApiToken, now: number = Date.now()): TokenState {
  if (token.revokedAt) return 'REVOKED';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return 'EXPIRED';
  return 'ACTIVE';
}
