import type { DossierReplay, ReplayStep } from '@motcua/common';

/**
 * What the replay shows at one stop of its timeline, computed from the API's steps alone: the stops
 * (every flow node the dossier passed but the gateways, which decide nothing a person did), and, for
 * each diagram element, how it stands at that stop.
 */

/** How one diagram element stands at a stop of the replay. */
export interface ElementState {
  activityId: string;
  /** The element's latest visit up to the stop. */
  visit: ReplayStep;
  /** How many times the dossier passed it up to the stop (a send back, a supplement loop). */
  visits: number;
  /** The dossier stands there (its visit has not ended). */
  current: boolean;
  /** The stop's own step. */
  focus: boolean;
  /** One of its visits up to the stop ended after its deadline, or is open past it. */
  late: boolean;
}

/** Gateways route the token; the replay does not stop at them. */
function isStop(step: ReplayStep): boolean {
  return !step.type.endsWith('Gateway');
}

/** The indexes, in `replay.steps`, of the timeline's stops, oldest first. */
export function stopsOf(replay: DossierReplay): number[] {
  return replay.steps.flatMap((step, index) => (isStop(step) ? [index] : []));
}

/** Each element the dossier passed up to the step at `upTo` (an index in `replay.steps`), by activity id. */
export function elementStates(replay: DossierReplay, upTo: number): Map<string, ElementState> {
  const states = new Map<string, ElementState>();
  replay.steps.slice(0, upTo + 1).forEach((step, index) => {
    const before = states.get(step.activityId);
    states.set(step.activityId, {
      activityId: step.activityId,
      visit: step,
      visits: (before?.visits ?? 0) + 1,
      current: step.endedAt === null || (before?.current ?? false),
      focus: index === upTo,
      late: step.late || (before?.late ?? false),
    });
  });
  return states;
}

/** A duration split for display: whole days, hours and minutes of elapsed (calendar) time. */
export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
}

/** The time a step took, or has taken until `now` while open. */
export function durationOf(step: ReplayStep, now: Date = new Date()): DurationParts {
  const end = step.endedAt ? Date.parse(step.endedAt) : now.getTime();
  const totalMinutes = Math.max(0, Math.floor((end - Date.parse(step.startedAt)) / 60_000));
  return {
    days: Math.floor(totalMinutes / (24 * 60)),
    hours: Math.floor((totalMinutes % (24 * 60)) / 60),
    minutes: totalMinutes % 60,
  };
}

/** The officer's name as the replay shows it: the full name, else the username. */
export function actorLabel(step: ReplayStep): string | null {
  return step.actorName ?? step.actor;
}
