import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import { SimpleTable } from '../components/SimpleTable.js';
import { SCROLLS_SIDEWAYS } from '../layout/scrollsSideways.js';
import { countChanges, diagramChanges, type ChangeKind, type ElementChange } from './designer/versionDiff.js';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

/** One side of the comparison. */
export interface DiffSide {
  version: number;
  xml: string;
  runningDossiers: number;
}

export interface VersionDiffProps {
  older: DiffSide;
  newer: DiffSide;
}

/** The colours of the change kinds; dark enough on white for WCAG AA (4.5:1). */
const KIND_COLOURS: Record<ChangeKind, string> = {
  added: '#1b5e20',
  removed: '#b71c1c',
  changed: '#0d47a1',
  layout: '#6a1b9a',
};

/** The side each kind of change is marked on: what was removed on the older diagram, the rest on the newer. */
const MARKED_ON: Record<ChangeKind, 'older' | 'newer' | 'both'> = {
  added: 'newer',
  removed: 'older',
  changed: 'both',
  layout: 'newer',
};

interface Viewer {
  importXML(xml: string): Promise<unknown>;
  getDefinitions(): unknown;
  get<T>(name: string): T;
  destroy(): void;
}

interface Canvas {
  zoom(level: 'fit-viewport', center: 'auto'): void;
  addMarker(id: string, marker: string): void;
}

const markerSx = Object.fromEntries(
  Object.entries(KIND_COLOURS).map(([kind, colour]) => [
    `& .diff-${kind} .djs-visual > :first-child`,
    { stroke: `${colour} !important`, strokeWidth: '3px !important' },
  ]),
);

/**
 * Two versions of a diagram side by side (bpmn-js viewers), the changes between them
 * (bpmn-js-differ) marked in colour and listed, and the running dossiers on each version.
 */
export default function VersionDiff({ older, newer }: VersionDiffProps) {
  const translate = useTranslate();
  const olderRef = useRef<HTMLDivElement>(null);
  const newerRef = useRef<HTMLDivElement>(null);
  const [changes, setChanges] = useState<ElementChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const viewers = [olderRef, newerRef].map(
      (ref) => new NavigatedViewer({ container: ref.current ?? undefined }) as unknown as Viewer,
    ) as [Viewer, Viewer];
    let current = true;
    Promise.all([viewers[0].importXML(older.xml), viewers[1].importXML(newer.xml)])
      .then(() => {
        if (!current) return;
        const found = diagramChanges(viewers[0].getDefinitions(), viewers[1].getDefinitions());
        const [olderCanvas, newerCanvas] = viewers.map((viewer) => viewer.get<Canvas>('canvas')) as [Canvas, Canvas];
        const registries = viewers.map((viewer) => viewer.get<{ get(id: string): unknown }>('elementRegistry'));
        for (const change of found) {
          const side = MARKED_ON[change.kind];
          if (side !== 'newer' && registries[0]?.get(change.id))
            olderCanvas.addMarker(change.id, `diff-${change.kind}`);
          if (side !== 'older' && registries[1]?.get(change.id))
            newerCanvas.addMarker(change.id, `diff-${change.kind}`);
        }
        olderCanvas.zoom('fit-viewport', 'auto');
        newerCanvas.zoom('fit-viewport', 'auto');
        setChanges(found);
      })
      .catch((failure: unknown) => {
        if (current) setError(failure instanceof Error ? failure.message : String(failure));
      });
    return () => {
      current = false;
      for (const viewer of viewers) viewer.destroy();
    };
  }, [older.xml, newer.xml]);

  const counts = changes ? countChanges(changes) : null;
  const side = (which: DiffSide, ref: typeof olderRef) => (
    <Box sx={{ flex: 1, minWidth: 0 }}>
      <Typography component="h3" variant="subtitle1">
        {translate('motcua.processes.compare_side', { version: which.version, smart_count: which.runningDossiers })}
      </Typography>
      <Box
        ref={ref}
        role="img"
        aria-label={translate('motcua.processes.compare_side', {
          version: which.version,
          smart_count: which.runningDossiers,
        })}
        sx={{
          height: { xs: 320, md: 420 },
          border: 1,
          borderColor: 'divider',
          bgcolor: 'background.paper',
          ...markerSx,
        }}
      />
    </Box>
  );

  return (
    <Box
      component="section"
      aria-label={translate('motcua.processes.compare_title', { from: older.version, to: newer.version })}
    >
      {error && <Alert severity="error">{translate('motcua.processes.import_error', { message: error })}</Alert>}
      <Box sx={{ display: 'flex', flexDirection: { xs: 'column', md: 'row' }, gap: 2 }}>
        {side(older, olderRef)}
        {side(newer, newerRef)}
      </Box>
      {counts && (
        <Typography sx={{ mt: 1 }} role="status">
          {changes?.length ? translate('motcua.processes.changes', counts) : translate('motcua.processes.no_changes')}
        </Typography>
      )}
      {changes && changes.length > 0 && (
        // on a phone the list of changes scrolls sideways rather than widening the page
        <Box sx={SCROLLS_SIDEWAYS} tabIndex={0} role="region" aria-labelledby="version-changes-heading">
          <SimpleTable
            id="version-changes"
            title="motcua.processes.compare"
            columns={[
              'motcua.processes.change_kind',
              'motcua.processes.change_element',
              'motcua.processes.change_attributes',
            ]}
            rows={changes}
            cells={(change) => [
              <Box component="span" key="kind" sx={{ color: KIND_COLOURS[change.kind], fontWeight: 500 }}>
                {translate(`motcua.processes.change_${change.kind}`)}
              </Box>,
              change.label,
              change.attributes.join(', '),
            ]}
          />
        </Box>
      )}
    </Box>
  );
}
