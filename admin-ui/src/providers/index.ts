import { i18nProvider } from '../i18n/index.js';
import { createAuthProvider } from './authProvider.js';
import { createDataProvider } from './dataProvider.js';
import { createApiClient } from './http.js';
import { withAccountAdministration } from '../accounts/accountsProvider.js';
import { readToken } from './session.js';

/** The API is served on the UI's own origin (the Vite dev server proxies it). */
const API_BASE_URL = '/api';

export const authProvider = createAuthProvider({ baseUrl: API_BASE_URL });

const api = createApiClient({
  baseUrl: API_BASE_URL,
  getToken: readToken,
  translate: (key, options) => i18nProvider.translate(key, options),
});

export const dataProvider = withAccountAdministration(createDataProvider(api), api);
