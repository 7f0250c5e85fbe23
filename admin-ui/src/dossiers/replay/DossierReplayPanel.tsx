import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { LinearProgress, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import type { Dossier } from '@motcua/common';
import type { MotcuaDataProvider } from '../../providers/dataProvider.js';
import { ReplayPlayer } from './ReplayPlayer.js';
import { ReplayStepCard } from './ReplayStepCard.js';
import { elementStates, stopsOf } from './replayModel.js';
import './replay.css';

/** bpmn-js is large: loaded when a replay is shown. */
const ReplayDiagram = lazy(() => import('./ReplayDiagram.js'));

/** The legend of the diagram's marks, in the badges' own colours. */
const LEGEND = ['done', 'current', 'late', 'pause', 'transfer'] as const;

/**
 * The dossier's path on the diagram of the process version it runs on, for auditors, leaders and
 * admins: the diagram with the steps passed, the current one, the late ones, the pauses and the
 * transfers, and a step-by-step replay of each handover (who, when, the outcome). Shown once the
 * dossier's process has started; refetched when its status or appointment changes.
 */
export function DossierReplayPanel() {
  const record = useRecordContext<Dossier>();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  const code = record?.code ?? '';
  const started = Boolean(record?.processInstanceId);
  const {
    data: replay,
    error,
    isPending,
  } = useQuery({
    queryKey: ['dossiers', 'replay', code, record?.status, record?.dueAt],
    queryFn: () => dataProvider.getDossierReplay(code),
    enabled: code !== '' && started,
  });
  /** The stop chosen on the timeline; null follows the latest. */
  const [chosen, setChosen] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const stops = useMemo(() => (replay ? stopsOf(replay) : []), [replay]);
  const position = Math.min(chosen ?? stops.length - 1, stops.length - 1);
  const stepIndex = stops[position];
  const states = useMemo(
    () => (replay && stepIndex !== undefined ? elementStates(replay, stepIndex) : new Map()),
    [replay, stepIndex],
  );
  const stepName = useCallback(
    (index: number) => {
      const step = replay?.steps[stops[index] ?? -1];
      return step ? translate(`motcua.tasks.names.${step.activityId}`, { _: step.name ?? step.activityId }) : '';
    },
    [replay, stops, translate],
  );
  const describe = useCallback(
    (index: number) =>
      translate('motcua.dossiers.replay.step_of', { number: index + 1, count: stops.length, name: stepName(index) }),
    [translate, stops.length, stepName],
  );
  if (!record || !started) return null;

  const headingId = 'dossier-replay-heading';
  const step = replay && stepIndex !== undefined ? replay.steps[stepIndex] : undefined;
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" id={headingId}>
        {translate('motcua.dossiers.replay.title')}
      </Typography>
      {isPending && <LinearProgress />}
      {error && <Alert severity="error">{error.message}</Alert>}
      {replay && (
        <>
          <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1 }}>
            {translate(
              replay.ended ? 'motcua.dossiers.replay.version_ended' : 'motcua.dossiers.replay.version_running',
              {
                key: replay.processDefinitionKey,
                version: replay.version,
              },
            )}
          </Typography>
          <Suspense fallback={<LinearProgress />}>
            <ReplayDiagram
              xml={replay.xml}
              states={states}
              label={translate('motcua.dossiers.replay.diagram_label', {
                key: replay.processDefinitionKey,
                version: replay.version,
                step: step ? stepName(position) : '—',
              })}
            />
          </Suspense>
          <Stack
            direction="row"
            sx={{ flexWrap: 'wrap', gap: 1, mt: 1 }}
            aria-label={translate('motcua.dossiers.replay.legend')}
            role="list"
          >
            {LEGEND.map((kind) => (
              <span key={kind} role="listitem" className={`replay-badge replay-badge--${kind}`}>
                {translate(`motcua.dossiers.replay.legend_items.${kind}`)}
              </span>
            ))}
          </Stack>
          {stops.length === 0 ? (
            <Typography sx={{ mt: 1 }}>{translate('motcua.dossiers.history.empty')}</Typography>
          ) : (
            <>
              <ReplayPlayer
                count={stops.length}
                position={position}
                onPosition={setChosen}
                playing={playing}
                onPlaying={setPlaying}
                describe={describe}
              />
              {step && <ReplayStepCard step={step} number={position + 1} count={stops.length} />}
            </>
          )}
        </>
      )}
    </Box>
  );
}
