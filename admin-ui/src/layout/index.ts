/** The frame around the officers' pages, the sign-in page and the start page. */
export { AppTitle } from './AppTitle.js';
export { HomeRedirect } from './HomeRedirect.js';
export { Layout } from './Layout.js';
export { LoginPage } from './LoginPage.js';
export { darkTheme, theme } from './theme.js';
