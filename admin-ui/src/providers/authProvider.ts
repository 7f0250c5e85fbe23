import type { IssuedToken, Login, TokenResponse } from '@motcua/common';
import type { AuthProvider } from 'react-admin';
import { canAccess } from './access.js';
import { clearToken, readToken, storeToken } from './session.js';
import { decodeToken, isExpired } from './token.js';

export interface AuthProviderConfig {
  /** Prefix of every API path, e.g. "/api". */
  baseUrl: string;
  fetch?: typeof fetch;
}

function currentClaims(): IssuedToken | null {
  const token = readToken();
  const claims = token ? decodeToken(token) : null;
  if (!claims || isExpired(claims)) return null;
  return claims;
}

/**
 * Officers sign in with username and password; the server answers with a JWT that every API call
 * carries. The UI reads identity and roles from the token's payload. A 401 from any call ends the
 * session; a 403 leaves the officer where they are, with the error shown.
 */
export function createAuthProvider(config: AuthProviderConfig): AuthProvider {
  const doFetch = config.fetch ?? ((input, init) => fetch(input, init));
  return {
    async login({ username, password }: Login) {
      let response: Response;
      try {
        response = await doFetch(`${config.baseUrl}/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ username, password }),
        });
      } catch {
        throw new Error('motcua.errors.network');
      }
      if (response.status === 401 || response.status === 400) throw new Error('motcua.auth.invalid_credentials');
      if (response.status === 429) throw new Error('motcua.auth.too_many_attempts');
      if (!response.ok) throw new Error('motcua.errors.server');
      const { token } = (await response.json()) as TokenResponse;
      if (!decodeToken(token)) throw new Error('ra.auth.sign_in_error');
      storeToken(token);
    },

    async logout() {
      clearToken();
    },

    async checkAuth() {
      const token = readToken();
      if (!token) {
        // a first visit is not an error: go to the sign-in page without a warning
        throw { message: false };
      }
      if (!currentClaims()) {
        clearToken();
        throw new Error('ra.notification.logged_out');
      }
    },

    async checkError(error: { status?: number }) {
      if (error?.status === 401) {
        clearToken();
        throw new Error('ra.notification.logged_out');
      }
      // 403 and everything else: stay signed in, the caller shows the error.
    },

    async getIdentity() {
      const claims = currentClaims();
      if (!claims) throw new Error('ra.auth.auth_check_error');
      return { id: claims.sub, fullName: claims.fullName, agencyCode: claims.agencyCode };
    },

    async getPermissions() {
      return currentClaims()?.roles ?? [];
    },

    async canAccess({ resource, action }) {
      return canAccess(currentClaims()?.roles ?? [], resource, action);
    },
  };
}
