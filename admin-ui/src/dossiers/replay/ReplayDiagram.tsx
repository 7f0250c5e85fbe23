import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './replay.css';
import { actorLabel, durationOf, type ElementState } from './replayModel.js';
import { useFormatDuration } from './useFormatDuration.js';

interface Canvas {
  zoom(level: 'fit-viewport', center?: 'auto'): void;
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
}
interface Overlays {
  add(
    element: string,
    overlay: { position: Record<string, number>; scale: { min: number } | true; html: HTMLElement },
  ): string;
  clear(): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}

export interface ReplayDiagramProps {
  /** The BPMN XML of the version the dossier ran on. */
  xml: string;
  /** How each element the dossier passed stands at the replay's stop. */
  states: Map<string, ElementState>;
  /** What the diagram shows, said in words for those who cannot see it. */
  label: string;
}

/**
 * Overlays zoom with the diagram, so that they stay beside their elements however far it is zoomed out
 * to fit. On a wide screen they stop shrinking below this zoom, so a fitted diagram stays legible; on a
 * phone the diagram is zoomed out too far for that, and the step card says what the badges say.
 */
const READABLE = { min: 0.85 };
const WIDE_PX = 600;

function badge(text: string, kind: string): HTMLElement {
  const element = document.createElement('span');
  element.className = `replay-badge replay-badge--${kind}`;
  element.textContent = text;
  return element;
}

/**
 * The diagram of the dossier's process version in a bpmn-js NavigatedViewer (pan and zoom), fitted
 * to its box, with the path up to the replay's stop: passed elements marked done, the element the
 * dossier stands at highlighted, late ones in red, and overlays with each step's duration and actor,
 * its pause or transfer. The viewer is created on mount, destroyed on unmount, and re-imports a new
 * `xml`; markers and overlays are redrawn at each stop.
 */
export default function ReplayDiagram({ xml, states, label }: ReplayDiagramProps) {
  const translate = useTranslate();
  const formatDuration = useFormatDuration();
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<NavigatedViewer | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const [importError, setImportError] = useState<string | null>(null);

  useEffect(() => {
    const viewer = new NavigatedViewer({ container: containerRef.current ?? undefined });
    viewerRef.current = viewer;
    return () => {
      viewer.destroy();
      viewerRef.current = null;
    };
  }, []);

  useEffect(() => {
    const viewer = viewerRef.current;
    if (!viewer) return;
    let current = true;
    viewer
      .importXML(xml)
      .then(() => {
        if (!current) return;
        setImportError(null);
        (viewer.get('canvas') as Canvas).zoom('fit-viewport', 'auto');
        setImported(xml);
      })
      .catch((error: unknown) => {
        if (current) setImportError(error instanceof Error ? error.message : String(error));
      });
    return () => {
      current = false;
    };
  }, [xml]);

  useEffect(() => {
    const viewer = viewerRef.current;
    if (!viewer || imported !== xml) return;
    const canvas = viewer.get('canvas') as Canvas;
    const overlays = viewer.get('overlays') as Overlays;
    const registry = viewer.get('elementRegistry') as ElementRegistry;
    overlays.clear();
    const scale = (containerRef.current?.clientWidth ?? 0) >= WIDE_PX ? READABLE : true;
    const marked: [string, string][] = [];
    const mark = (id: string, marker: string) => {
      canvas.addMarker(id, marker);
      marked.push([id, marker]);
    };
    for (const state of states.values()) {
      const { activityId, visit } = state;
      if (!registry.get(activityId)) continue;
      mark(activityId, state.current ? 'replay-current' : 'replay-done');
      if (state.late) mark(activityId, 'replay-late');
      if (state.focus) mark(activityId, 'replay-focus');

      // the badges go on the steps, not on the gateways between them, so the diagram stays readable
      const isTask = visit.type === 'userTask' || visit.type === 'serviceTask';
      const top: HTMLElement[] = [];
      if (state.late) top.push(badge(translate('motcua.dossiers.replay.late'), 'late'));
      if (visit.pause && isTask) top.push(badge(translate('motcua.dossiers.replay.paused'), 'pause'));
      if (visit.transfer && isTask) {
        // the partner agency is named on its own step; the steps sending and receiving the dossier say where it went
        const text =
          visit.type === 'userTask'
            ? translate('motcua.dossiers.replay.transferred_to', { agency: visit.transfer.agencyName })
            : translate('motcua.dossiers.replay.transfer');
        top.push(badge(text, 'transfer'));
      }
      if (state.visits > 1 && isTask) {
        top.push(badge(translate('motcua.dossiers.replay.visits', { count: state.visits }), 'info'));
      }
      if (top.length > 0) {
        const box = document.createElement('div');
        box.className = 'replay-badges replay-badges--top';
        box.append(...top);
        overlays.add(activityId, { position: { top: -26, left: 0 }, scale, html: box });
      }
      if (visit.type === 'userTask') {
        const who = actorLabel(visit);
        const text = state.current
          ? translate('motcua.dossiers.replay.current_at', { actor: who ?? translate('motcua.dossiers.replay.nobody') })
          : [formatDuration(durationOf(visit)), who].filter(Boolean).join(' · ');
        const box = document.createElement('div');
        box.className = 'replay-badges replay-badges--bottom';
        box.append(badge(text, state.current ? 'current' : 'done'));
        overlays.add(activityId, { position: { bottom: -4, left: 0 }, scale, html: box });
      }
    }
    return () => {
      for (const [id, marker] of marked) canvas.removeMarker(id, marker);
    };
  }, [states, imported, xml, translate, formatDuration]);

  return (
    <Box>
      {importError && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {translate('motcua.dossiers.replay.diagram_error', { message: importError })}
        </Alert>
      )}
      <Box
        ref={containerRef}
        role="figure"
        aria-label={label}
        className="replay-diagram"
        sx={{
          height: { xs: 340, md: 460 },
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          bgcolor: '#ffffff',
          overflow: 'hidden',
        }}
      />
    </Box>
  );
}
