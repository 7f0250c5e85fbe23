import { describe, expect, it } from 'vitest';
import type { DossierReplay, ReplayStep } from '@motcua/common';
import { actorLabel, durationOf, elementStates, stopsOf } from '../src/dossiers/replay/replayModel.js';

/** A step of a replay: ended a minute after it began unless told otherwise. */
function step(activityId: string, type: string, overrides: Partial<ReplayStep> = {}): ReplayStep {
  return {
    activityId,
    name: activityId,
    type,
    startedAt: '2026-12-01T01:00:00.000Z',
    endedAt: '2026-12-01T01:01:00.000Z',
    canceled: false,
    actor: null,
    actorName: null,
    claimedAt: null,
    outcome: null,
    plannedDueAt: null,
    late: false,
    pause: null,
    transfer: null,
    ...overrides,
  };
}

/** A dossier sent back once: the appraisal is passed twice, late the first time, and open now. */
const REPLAY: DossierReplay = {
  dossierCode: '000.00.17.H41-261201-0001',
  processDefinitionId: 'permit:1:abc',
  processDefinitionKey: 'permit',
  version: 1,
  xml: '<definitions/>',
  ended: false,
  steps: [
    step('received', 'startEvent', { actor: 'receptionist' }),
    step('appraisal', 'userTask', { actor: 'specialist', late: true, outcome: 'approve' }),
    step('decision', 'exclusiveGateway'),
    step('leader-approval', 'userTask', { actor: 'leader', actorName: 'Trần Lãnh Đạo', outcome: 'send_back' }),
    step('join', 'exclusiveGateway'),
    step('appraisal', 'userTask', { endedAt: null }),
  ],
};

describe('the replay model', () => {
  it('stops at every step but the gateways, in order', () => {
    expect(stopsOf(REPLAY)).toEqual([0, 1, 3, 5]);
  });

  it('marks what the dossier passed up to a stop, with the stop in focus', () => {
    const states = elementStates(REPLAY, 3);
    expect([...states.keys()]).toEqual(['received', 'appraisal', 'decision', 'leader-approval']);
    expect(states.get('leader-approval')).toMatchObject({ focus: true, current: false, visits: 1 });
    expect(states.get('appraisal')).toMatchObject({ focus: false, current: false, late: true });
  });

  it('keeps a late visit late and counts the visits when the dossier passes an element again', () => {
    const appraisal = elementStates(REPLAY, 5).get('appraisal');
    expect(appraisal).toMatchObject({ visits: 2, current: true, late: true, focus: true });
    expect(appraisal?.visit.endedAt).toBeNull();
  });

  it('splits a duration into days, hours and minutes, and counts an open step until now', () => {
    expect(durationOf(step('a', 'userTask', { endedAt: '2026-12-02T04:31:59.000Z' }))).toEqual({
      days: 1,
      hours: 3,
      minutes: 31,
    });
    const open = step('a', 'userTask', { endedAt: null });
    expect(durationOf(open, new Date('2026-12-01T01:45:00.000Z'))).toEqual({ days: 0, hours: 0, minutes: 45 });
  });

  it('names the actor by the full name when there is one', () => {
    expect(actorLabel(REPLAY.steps[3]!)).toBe('Trần Lãnh Đạo');
    expect(actorLabel(REPLAY.steps[0]!)).toBe('receptionist');
    expect(actorLabel(REPLAY.steps[2]!)).toBeNull();
  });
});
