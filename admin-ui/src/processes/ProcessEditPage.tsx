import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import RocketLaunchIcon from '@mui/icons-material/RocketLaunch';
import { useMutation, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useRef } from 'react';
import { Button, Loading, Title, TopToolbar, useDataProvider, useNotify, useParams, useTranslate } from 'react-admin';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import type { BpmnEditorHandle } from './BpmnEditor.js';

// bpmn-js and its properties panel are large and only admins edit processes: load them on demand.
const BpmnEditor = lazy(() => import('./BpmnEditor.js'));

/** Editing a process: load its latest deployed XML, edit it, save and deploy it as a new version. */
export function ProcessEditPage() {
  const { key = '' } = useParams<{ key: string }>();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const editorRef = useRef<BpmnEditorHandle>(null);

  const xmlQuery = useQuery({
    queryKey: ['processes', key, 'xml'],
    queryFn: () => dataProvider.getProcessXml(key),
    enabled: key !== '',
    // The editor holds the working copy; refetching would throw away unsaved edits.
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });

  const deploy = useMutation({
    mutationFn: async () => {
      let xml: string;
      try {
        if (!editorRef.current) throw new Error('the editor is still loading');
        xml = await editorRef.current.saveXml();
      } catch (error) {
        throw new Error(
          translate('motcua.processes.export_error', {
            message: error instanceof Error ? error.message : String(error),
          }),
        );
      }
      return dataProvider.deployProcess(xml);
    },
    onSuccess: (deployment) =>
      notify('motcua.processes.deployed', {
        type: 'success',
        messageArgs: { key: deployment.key, version: deployment.version },
      }),
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });

  return (
    <Box>
      <Title title={translate('motcua.processes.title', { key })} />
      <TopToolbar>
        <Button
          label="motcua.processes.deploy"
          variant="contained"
          onClick={() => deploy.mutate()}
          disabled={!xmlQuery.data || deploy.isPending}
        >
          <RocketLaunchIcon />
        </Button>
      </TopToolbar>
      <Card>
        <CardContent sx={{ p: 0, '&:last-child': { pb: 0 } }}>
          {xmlQuery.isPending && key !== '' && <Loading />}
          {xmlQuery.error && <Alert severity="error">{xmlQuery.error.message}</Alert>}
          {xmlQuery.data && (
            <Suspense fallback={<Loading />}>
              <BpmnEditor xml={xmlQuery.data} ref={editorRef} />
            </Suspense>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
