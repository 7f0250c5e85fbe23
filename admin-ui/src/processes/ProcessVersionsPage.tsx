import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MuiButton from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import EditIcon from '@mui/icons-material/Edit';
import MoveUpIcon from '@mui/icons-material/MoveUp';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import {
  Button,
  LinkBase,
  Loading,
  Title,
  TopToolbar,
  useDataProvider,
  useLocaleState,
  useParams,
  useTranslate,
} from 'react-admin';
import { formatDate } from '../components/formatDate.js';
import { SimpleTable } from '../components/SimpleTable.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { MigrationDialog } from './MigrationDialog.js';
import { SCROLLS_SIDEWAYS } from '../layout/scrollsSideways.js';

// the comparison draws two diagrams with bpmn-js: load it on demand
const VersionDiff = lazy(() => import('./VersionDiff.js'));

/**
 * The versions of a process: who deployed each, when and why, and the running dossiers on each;
 * how many running dossiers are left on older versions, and moving them to the newest version where
 * the engine can (./MigrationDialog.tsx); and a comparison of any two versions.
 */
export function ProcessVersionsPage() {
  const { key = '' } = useParams<{ key: string }>();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const versions = useQuery({
    queryKey: ['processes', key, 'versions'],
    queryFn: () => dataProvider.listProcessVersions(key),
    enabled: key !== '',
  });
  const list = versions.data?.versions ?? [];
  const [picked, setPicked] = useState<{ from?: number; to?: number }>({});
  const [migrating, setMigrating] = useState<number | null>(null);
  // the newest version is where they move to; the older ones with running dossiers may move
  const olderWithDossiers = list.slice(1).filter((version) => version.runningDossiers > 0);
  // by default the two newest versions: what the last deployment changed
  const to = picked.to ?? list[0]?.version;
  const from = picked.from ?? list[1]?.version;
  const olderSide = list.find((version) => version.version === from);
  const newerSide = list.find((version) => version.version === to);

  const xmlOf = (version: number | undefined) => ({
    queryKey: ['processes', key, 'versions', version, 'xml'],
    queryFn: () => dataProvider.getProcessVersionXml(key, version ?? 0),
    enabled: version !== undefined,
    staleTime: Infinity,
  });
  const olderXml = useQuery(xmlOf(from));
  const newerXml = useQuery(xmlOf(to));

  const picker = (which: 'from' | 'to', value: number | undefined) => (
    <TextField
      select
      size="small"
      label={translate(which === 'from' ? 'motcua.processes.compare_from' : 'motcua.processes.compare_to')}
      value={value ?? ''}
      onChange={(event) => setPicked((current) => ({ ...current, [which]: Number(event.target.value) }))}
      sx={{ minWidth: 160 }}
    >
      {list.map((version) => (
        <MenuItem key={version.version} value={version.version}>
          {`${translate('motcua.processes.version')} ${version.version}`}
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <Box>
      <Title title={translate('motcua.processes.versions_title', { key })} />
      <TopToolbar>
        <Button component={LinkBase} to={`/processes/${encodeURIComponent(key)}/edit`} label="motcua.processes.edit">
          <EditIcon />
        </Button>
      </TopToolbar>
      {versions.isPending && key !== '' && <Loading />}
      {versions.error && <Alert severity="error">{versions.error.message}</Alert>}
      {versions.data && (
        <Card>
          <CardContent>
            <Alert severity={versions.data.runningOnOlderVersions > 0 ? 'warning' : 'success'} role="status">
              {versions.data.runningOnOlderVersions > 0
                ? translate('motcua.processes.running_on_older', { smart_count: versions.data.runningOnOlderVersions })
                : translate('motcua.processes.none_on_older')}
            </Alert>
            {olderWithDossiers.length > 0 && (
              <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1 }}>
                {olderWithDossiers.map((version) => (
                  // MUI's button: react-admin's shows only its icon on a phone; its long label wraps there
                  // (the theme keeps buttons on one line, which made the page wider than a phone and cut
                  // the move's full-screen dialog off on the right)
                  <MuiButton
                    key={version.version}
                    variant="outlined"
                    startIcon={<MoveUpIcon />}
                    sx={{ whiteSpace: 'normal', textAlign: 'left' }}
                    onClick={() => setMigrating(version.version)}
                  >
                    {translate('motcua.processes.migration.action_of', {
                      version: version.version,
                      smart_count: version.runningDossiers,
                    })}
                  </MuiButton>
                ))}
              </Box>
            )}
            {/* a phone scrolls the table sideways rather than the whole page (../layout/scrollsSideways.ts) */}
            <Box sx={SCROLLS_SIDEWAYS} tabIndex={0} role="region" aria-labelledby="process-versions-heading">
              <SimpleTable
                id="process-versions"
                title="motcua.processes.versions"
                columns={[
                  'motcua.processes.version',
                  'motcua.processes.deployed_by',
                  'motcua.processes.deployed_at',
                  'motcua.processes.comment',
                  'motcua.processes.running',
                ]}
                rows={list}
                empty="motcua.processes.no_versions"
                cells={(version) => [
                  version.version,
                  version.deployedBy ?? translate('motcua.processes.system_deployed'),
                  formatDate(version.deployedAt, locale, true),
                  version.comment ?? '',
                  version.runningDossiers,
                ]}
              />
            </Box>
            {migrating !== null && list[0] && (
              <MigrationDialog
                processKey={key}
                sourceVersion={migrating}
                targetVersion={list[0].version}
                open
                onClose={() => setMigrating(null)}
              />
            )}
            {list.length > 1 && (
              <Box sx={{ mt: 3 }}>
                <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
                  {picker('from', from)}
                  {picker('to', to)}
                </Box>
                {(olderXml.error ?? newerXml.error) && (
                  <Alert severity="error">{(olderXml.error ?? newerXml.error)?.message}</Alert>
                )}
                {olderSide && newerSide && olderXml.data && newerXml.data && (
                  <Suspense fallback={<Loading />}>
                    <VersionDiff
                      older={{
                        version: olderSide.version,
                        xml: olderXml.data,
                        runningDossiers: olderSide.runningDossiers,
                      }}
                      newer={{
                        version: newerSide.version,
                        xml: newerXml.data,
                        runningDossiers: newerSide.runningDossiers,
                      }}
                    />
                  </Suspense>
                )}
              </Box>
            )}
          </CardContent>
        </Card>
      )}
    </Box>
  );
}
