import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, must } from '../../api/client';
import type { components } from '../../api/schema';

/** The token operations of /api/admin/tokens, typed from openapi.json like every other call. */
type S = components['schemas'];

/** A token as the list shows it: never its secret. */
export type ApiToken = S['ApiTokenView'];
export type TokenRole = ApiToken['role'];
export type CreateTokenRequest = S['ApiTokenRequest'];
/** The answer to a creation: the one time the secret is shown. */
export type CreatedToken = S['NewApiToken'];

export const TOKEN_ROLES: TokenRole[] = ['BACKUP_AGENT', 'OPERATOR', 'AUDITOR', 'ADMIN'];

export const tokenKeys = { all: ['admin', 'tokens'] as const };

export function useTokens() {
  return useQuery({ queryKey: tokenKeys.all, queryFn: () => must(api.GET('/api/admin/tokens')) });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateTokenRequest) => must(api.POST('/api/admin/tokens', { body: request })),
    onSuccess: () => client.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => must(api.DELETE('/api/admin/tokens/{name}', { params: { path: { name } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export type TokenState = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

/** Revoked outranks expired: a token revoked before it expired is remembered as revoked. */
export function stateOf(token: Pick<ApiToken, 'revokedAt' | 'expiresAt'>, now: number = Date.now()): TokenState {
  if (token.revokedAt) return 'REVOKED';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return 'EXPIRED';
  return 'ACTIVE';
}
