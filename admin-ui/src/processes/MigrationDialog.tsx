import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, useDataProvider, useTranslate } from 'react-admin';
import type { MigrationCandidate } from '@motcua/common';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';

export interface MigrationDialogProps {
  processKey: string;
  /** The older version whose running dossiers would move. */
  sourceVersion: number;
  /** The version they would move to: the newest. */
  targetVersion: number;
  open: boolean;
  onClose: () => void;
}

/**
 * Moving the running dossiers of an older version to the newest, in three steps: the preview (which
 * dossiers can move and, for the others, why, per step of the diagram), the confirmation, and the
 * result. The dossiers that cannot move finish on their version.
 */
export function MigrationDialog({ processKey, sourceVersion, targetVersion, open, onClose }: MigrationDialogProps) {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const request = { sourceVersion, targetVersion };
  const preview = useQuery({
    queryKey: ['processes', processKey, 'migrations', sourceVersion, targetVersion],
    queryFn: () => dataProvider.previewProcessMigration(processKey, request),
    enabled: open,
    staleTime: 0,
  });
  const movable = preview.data?.dossiers.filter((dossier) => dossier.movable) ?? [];
  const blocked = preview.data?.dossiers.filter((dossier) => !dossier.movable) ?? [];
  const migration = useMutation({
    mutationFn: () =>
      dataProvider.migrateProcessDossiers(processKey, {
        ...request,
        dossierCodes: movable.map((dossier) => dossier.dossierCode),
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['processes', processKey] }),
  });

  const close = () => {
    if (migration.isPending) return;
    setConfirming(false);
    migration.reset();
    onClose();
  };
  const reasons = (dossier: MigrationCandidate) => dossier.problems.map((problem) => problem.message).join(' ');
  const stage = migration.isSuccess ? 'result' : confirming ? 'confirm' : 'preview';

  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby="process-migration-title"
      fullWidth
      maxWidth="md"
      fullScreen={phone}
    >
      <DialogTitle id="process-migration-title">
        {translate('motcua.processes.migration.title', { from: sourceVersion, to: targetVersion })}
      </DialogTitle>
      <DialogContent>
        {stage === 'preview' && (
          <>
            {preview.isPending && <Loading />}
            {preview.error && <Alert severity="error">{preview.error.message}</Alert>}
            {preview.data && (
              <>
                <Alert severity={movable.length > 0 ? 'info' : 'warning'} role="status">
                  {translate('motcua.processes.migration.summary', {
                    movable: movable.length,
                    blocked: blocked.length,
                    to: targetVersion,
                  })}
                </Alert>
                {preview.data.runningDossiers > preview.data.dossiers.length && (
                  <Alert severity="info" sx={{ mt: 1 }}>
                    {translate('motcua.processes.migration.more', {
                      shown: preview.data.dossiers.length,
                      total: preview.data.runningDossiers,
                    })}
                  </Alert>
                )}
                {preview.data.problems.length > 0 && (
                  <Box component="section" aria-labelledby="migration-problems-heading" sx={{ mt: 2 }}>
                    <Typography variant="subtitle1" component="h3" id="migration-problems-heading">
                      {translate('motcua.processes.migration.problems')}
                    </Typography>
                    <List dense>
                      {preview.data.problems.map((problem) => (
                        <ListItem key={`${problem.rule}:${problem.activityId}`} disableGutters>
                          <ListItemText primary={problem.message} />
                        </ListItem>
                      ))}
                    </List>
                  </Box>
                )}
                <Box component="section" aria-labelledby="migration-dossiers-heading" sx={{ mt: 2 }}>
                  <Typography variant="subtitle1" component="h3" id="migration-dossiers-heading">
                    {translate('motcua.processes.migration.dossiers')}
                  </Typography>
                  {preview.data.dossiers.length === 0 && (
                    <Typography>{translate('motcua.processes.migration.no_dossiers')}</Typography>
                  )}
                  <List dense aria-labelledby="migration-dossiers-heading">
                    {preview.data.dossiers.map((dossier) => (
                      <ListItem key={dossier.dossierCode} disableGutters divider>
                        <ListItemText
                          primary={`${dossier.dossierCode}: ${translate(
                            dossier.movable
                              ? 'motcua.processes.migration.can_move'
                              : 'motcua.processes.migration.cannot_move',
                          )}`}
                          secondary={dossier.movable ? translate('motcua.processes.migration.moves') : reasons(dossier)}
                        />
                      </ListItem>
                    ))}
                  </List>
                </Box>
              </>
            )}
          </>
        )}
        {stage === 'confirm' && (
          <>
            <DialogContentText>
              {translate('motcua.processes.migration.confirm', {
                smart_count: movable.length,
                from: sourceVersion,
                to: targetVersion,
              })}
            </DialogContentText>
            <Alert severity="warning" sx={{ mt: 2 }}>
              {translate('motcua.processes.migration.irreversible')}
            </Alert>
            {migration.error && (
              <Alert severity="error" sx={{ mt: 2 }}>
                {migration.error.message}
              </Alert>
            )}
          </>
        )}
        {stage === 'result' && migration.data && (
          <>
            <Alert severity="success" role="status">
              {translate('motcua.processes.migration.done', {
                smart_count: migration.data.migrated.length,
                to: migration.data.target.version,
              })}
            </Alert>
            <List dense aria-label={translate('motcua.processes.migration.moved')}>
              {migration.data.migrated.map((code) => (
                <ListItem key={code} disableGutters>
                  <ListItemText primary={code} />
                </ListItem>
              ))}
            </List>
            {blocked.length > 0 && (
              <DialogContentText>
                {translate('motcua.processes.migration.left', { smart_count: blocked.length, from: sourceVersion })}
              </DialogContentText>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        {stage === 'preview' && (
          <>
            <Button onClick={close}>{translate('motcua.processes.cancel')}</Button>
            <Button variant="contained" disabled={movable.length === 0} onClick={() => setConfirming(true)}>
              {translate('motcua.processes.migration.next')}
            </Button>
          </>
        )}
        {stage === 'confirm' && (
          <>
            <Button onClick={() => setConfirming(false)} disabled={migration.isPending}>
              {translate('motcua.processes.migration.back')}
            </Button>
            <Button variant="contained" disabled={migration.isPending} onClick={() => migration.mutate()}>
              {translate('motcua.processes.migration.submit')}
            </Button>
          </>
        )}
        {stage === 'result' && (
          <Button variant="contained" onClick={close}>
            {translate('motcua.processes.migration.close')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
