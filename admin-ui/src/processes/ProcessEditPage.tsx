import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import HistoryIcon from '@mui/icons-material/History';
import RocketLaunchIcon from '@mui/icons-material/RocketLaunch';
import SaveIcon from '@mui/icons-material/Save';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useRef, useState } from 'react';
import {
  Button,
  LinkBase,
  Loading,
  Title,
  TopToolbar,
  useDataProvider,
  useNotify,
  useLocaleState,
  useParams,
  useTranslate,
} from 'react-admin';
import { formatDate } from '../components/formatDate.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import type { BpmnEditorHandle } from './BpmnEditor.js';
import { useDesignerContext } from './useDesignerContext.js';

// bpmn-js and its properties panel are large and only admins edit processes: load them on demand.
const BpmnEditor = lazy(() => import('./BpmnEditor.js'));

/**
 * Designing a process: open its draft if one is saved, its latest deployed version otherwise; edit
 * it through the step templates, simulate it, save it as a draft or deploy it as a new version with
 * a comment, and go to its versions.
 */
export function ProcessEditPage() {
  const { key = '' } = useParams<{ key: string }>();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const queryClient = useQueryClient();
  const editorRef = useRef<BpmnEditorHandle>(null);
  const { templates, lint } = useDesignerContext();
  const [simulating, setSimulating] = useState(false);
  const [comment, setComment] = useState('');
  const [confirming, setConfirming] = useState(false);

  const diagram = useQuery({
    queryKey: ['processes', key, 'working-copy'],
    queryFn: async () => {
      const draft = await dataProvider.getProcessDraft(key);
      if (draft) return { xml: draft.xml, draft };
      return { xml: await dataProvider.getProcessXml(key), draft: null };
    },
    enabled: key !== '',
    // The editor holds the working copy; refetching would throw away unsaved edits.
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });

  async function editedXml(): Promise<string> {
    try {
      if (!editorRef.current) throw new Error('the editor is still loading');
      return await editorRef.current.saveXml();
    } catch (error) {
      throw new Error(
        translate('motcua.processes.export_error', {
          message: error instanceof Error ? error.message : String(error),
        }),
      );
    }
  }

  const saveDraft = useMutation({
    mutationFn: async () =>
      dataProvider.saveProcessDraft(key, { xml: await editedXml(), comment: comment || undefined }),
    onSuccess: () => notify('motcua.processes.draft_saved', { type: 'success', messageArgs: { key } }),
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });

  const deploy = useMutation({
    mutationFn: async () => dataProvider.deployProcess(await editedXml(), comment || undefined),
    onSuccess: (deployment) => {
      setConfirming(false);
      setComment('');
      void queryClient.invalidateQueries({ queryKey: ['processes', key, 'versions'] });
      notify('motcua.processes.deployed', {
        type: 'success',
        messageArgs: { key: deployment.key, version: deployment.version },
      });
    },
    onError: (error: Error) => {
      setConfirming(false);
      notify(error.message, { type: 'error', multiLine: true });
    },
  });

  const busy = !diagram.data || saveDraft.isPending || deploy.isPending;
  return (
    <Box>
      <Title title={translate('motcua.processes.title', { key })} />
      <TopToolbar sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
        <TextField
          label={translate('motcua.processes.comment')}
          helperText={translate('motcua.processes.comment_hint')}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          size="small"
          slotProps={{ htmlInput: { maxLength: 1000 } }}
          sx={{ minWidth: 260 }}
        />
        <FormControlLabel
          control={<Switch checked={simulating} onChange={(event) => setSimulating(event.target.checked)} />}
          label={translate('motcua.processes.simulate')}
        />
        <Button
          component={LinkBase}
          to={`/processes/${encodeURIComponent(key)}/versions`}
          label="motcua.processes.versions"
        >
          <HistoryIcon />
        </Button>
        <Button
          label="motcua.processes.save_draft"
          aria-label={translate('motcua.processes.save_draft')}
          onClick={() => saveDraft.mutate()}
          disabled={busy}
        >
          <SaveIcon />
        </Button>
        <Button
          label="motcua.processes.deploy"
          aria-label={translate('motcua.processes.deploy')}
          variant="contained"
          onClick={() => setConfirming(true)}
          disabled={busy || simulating}
        >
          <RocketLaunchIcon />
        </Button>
      </TopToolbar>
      {diagram.data?.draft && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {translate('motcua.processes.draft_open', {
            user: diagram.data.draft.savedBy,
            at: formatDate(diagram.data.draft.savedAt, locale, true),
          })}
        </Alert>
      )}
      {simulating && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {translate('motcua.processes.simulate_hint')}
        </Alert>
      )}
      <Card>
        <CardContent sx={{ p: 0, '&:last-child': { pb: 0 } }}>
          {diagram.isPending && key !== '' && <Loading />}
          {diagram.error && <Alert severity="error">{diagram.error.message}</Alert>}
          {diagram.data && (
            <Suspense fallback={<Loading />}>
              <BpmnEditor
                xml={diagram.data.xml}
                templates={templates}
                lint={lint}
                simulating={simulating}
                ref={editorRef}
              />
            </Suspense>
          )}
        </CardContent>
      </Card>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="deploy-title">
        <DialogTitle id="deploy-title">{translate('motcua.processes.deploy_title', { key })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('motcua.processes.deploy_effect')}</DialogContentText>
          {comment && (
            <DialogContentText
              sx={{ mt: 1 }}
            >{`${translate('motcua.processes.comment')}: ${comment}`}</DialogContentText>
          )}
        </DialogContent>
        <DialogActions>
          <Button label="motcua.processes.cancel" onClick={() => setConfirming(false)} />
          <Button
            label="motcua.processes.deploy"
            aria-label={translate('motcua.processes.deploy')}
            variant="contained"
            onClick={() => deploy.mutate()}
            disabled={deploy.isPending}
          >
            <RocketLaunchIcon />
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
