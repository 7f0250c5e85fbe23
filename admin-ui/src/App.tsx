import { Admin, Authenticated, CanAccess, CustomRoutes, Resource, AccessDenied } from 'react-admin';
import { Route } from 'react-router-dom';
import { accounts, ChangePasswordPage } from './accounts/index.js';
import { agencies } from './agencies/index.js';
import { apologies } from './apologies/index.js';
import { calendar } from './calendar/index.js';
import { dashboard } from './dashboard/index.js';
import { dossiers } from './dossiers/index.js';
import { i18nProvider } from './i18n/index.js';
import { AppTitle, darkTheme, HomeRedirect, Layout, LoginPage, theme } from './layout/index.js';
import { procedures } from './procedures/index.js';
import { NewProcessPage, ProcessEditPage, ProcessVersionsPage } from './processes/index.js';
import { authProvider, dataProvider } from './providers/index.js';
import { PublicLookupPage } from './public-lookup/index.js';
import { PublicProceduresPage } from './public-procedures/index.js';
import { reconciliation } from './reconciliation/index.js';
import { reports } from './reports/index.js';
import { tasks } from './tasks/index.js';
import { trail } from './trail/index.js';

/**
 * The Một Cửa admin UI: the leader's dashboard, dossiers, tasks, apologies, reports, the procedure catalogue and the holiday
 * calendar for signed-in officers, the process editor for admins, and the citizens' pages (dossier
 * lookup, procedure catalogue) that need no sign-in.
 */
export function App() {
  return (
    <Admin
      title={<AppTitle />}
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      theme={theme}
      darkTheme={darkTheme}
      layout={Layout}
      dashboard={HomeRedirect}
      loginPage={LoginPage}
      disableTelemetry
    >
      <Resource {...dashboard} />
      <Resource {...dossiers} />
      <Resource {...tasks} />
      <Resource {...apologies} />
      <Resource {...reports} />
      <Resource {...procedures} />
      <Resource {...calendar} />
      <Resource {...accounts} />
      <Resource {...agencies} />
      <Resource {...reconciliation} />
      <Resource {...trail} />
      <CustomRoutes>
        {(
          [
            ['/processes/new', <NewProcessPage key="new" />],
            ['/processes/:key/edit', <ProcessEditPage key="edit" />],
            ['/processes/:key/versions', <ProcessVersionsPage key="versions" />],
          ] as const
        ).map(([path, page]) => (
          <Route
            key={path}
            path={path}
            element={
              <Authenticated>
                <CanAccess resource="processes" action="edit" accessDenied={<AccessDenied />}>
                  {page}
                </CanAccess>
              </Authenticated>
            }
          />
        ))}
      </CustomRoutes>
      <CustomRoutes noLayout>
        <Route path="/tra-cuu" element={<PublicLookupPage />} />
        <Route path="/thu-tuc" element={<PublicProceduresPage />} />
        <Route
          path="/doi-mat-khau"
          element={
            <Authenticated>
              <ChangePasswordPage />
            </Authenticated>
          }
        />
      </CustomRoutes>
    </Admin>
  );
}
