/** The citizens' dossier lookup page, public at /tra-cuu. */
export { PublicLookupPage } from './PublicLookupPage.js';
