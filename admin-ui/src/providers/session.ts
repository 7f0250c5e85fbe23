/**
 * Where the signed-in officer's token lives. sessionStorage ends the session when the tab closes,
 * which suits shared computers at the one-stop counter.
 */
const TOKEN_KEY = 'motcua.token';

export function readToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}
