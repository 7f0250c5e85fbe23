import type { FastifyInstance } from 'fastify';
import { recordGenerativeCount } from '@motcua/common/testing';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { z } from 'zod';
import {
  PublicDossierSchema,
  STEP_RESULTS,
  TOPICS,
  type ControlSheet,
  type Dossier,
  type DossierHistory,
  type DossierStatus,
} from '@motcua/common';
import { readPdf } from '../forms/pdf.js';
import { receiveFor, startStack } from '../helpers/procedure-walk.js';
import { authHeader } from '../helpers/requests.js';
import { workListDisagreements } from '../helpers/work-list-joined.js';
import { claimAndComplete, getAs, loadJourneys, Officers, waitForEnd, waitForStep } from './journey.js';

/**
 * Every procedure of the catalogue, walked on the real engine through every path its diagram allows
 * (process-paths.ts): each outcome of each step, supplement and resume, transfer and back, send back,
 * refusal, and each return method. A receptionist of the procedure's agency receives a complete
 * dossier; at each step an officer of the group the step is offered to (the partner agency's for its
 * step, the one-stop unit's to receive a supplement) finds the dossier in their work list, claims and
 * completes it over the API, while the real workers run the system steps in between. At the end the
 * engine's instance is completed at the path's end event, the dossier's status is final, the citizen
 * page agrees without personal data, and the auditor's history and control sheet hold every step.
 *
 * The procedures come from the catalogue and the paths from the deployed diagrams, so a new procedure
 * or diagram is walked without a change here. The walks run side by side against the one engine.
 */
const JOURNEYS = await loadJourneys();

/**
 * The status each worker gives the dossier (processes/README.md, "How every procedure is modelled"):
 * a step sees the status of the last worker the token passed before it, a path ends in the status of
 * its last worker.
 */
const STATUS_SET_BY_TOPIC: Partial<Record<string, DossierStatus>> = {
  [TOPICS.computeAppointment]: 'in_progress',
  [TOPICS.requestSupplement]: 'awaiting_supplement',
  [TOPICS.resumeAfterSupplement]: 'in_progress',
  [TOPICS.transferToAgency]: 'at_other_agency',
  [TOPICS.recordTransferReturned]: 'in_progress',
  [TOPICS.recordResultReady]: 'result_ready',
  [TOPICS.recordReturned]: 'returned',
  [TOPICS.recordRefusal]: 'refused',
};

/**
 * That the officer's work list answers every request shape as the join of each task with its dossier
 * did (the tasks' copies of their dossiers are current), nearly due meaning within two days of now.
 */
async function expectListAsJoined(
  expect: ExpectStatic,
  officer: string,
  dossierCode: string,
  procedureCode: string,
  when: string,
): Promise<void> {
  const now = new Date();
  const bounds = { now, nearlyDueUntil: new Date(now.getTime() + 2 * 86_400_000) };
  const disagreements = await workListDisagreements(app.db, officer, { code: dossierCode, procedureCode }, bounds);
  expect(disagreements, `${when}: the work list answers as the join of each task with its dossier`).toEqual([]);
}

/** A walk has several steps, each waiting (bounded) for the workers; side by side they share two cores. */
const WALK_TIMEOUT_MS = 300_000;

let app: FastifyInstance;
let stop: () => Promise<void>;
let officers: Officers;
let walked = 0;
let startedAt = 0;

/** The status the last of the workers gave the dossier; workers that set none are passed over. */
function statusAfter(topics: readonly string[]): DossierStatus {
  const status = topics
    .map((topic) => STATUS_SET_BY_TOPIC[topic])
    .filter((candidate) => candidate !== undefined)
    .at(-1);
  if (!status) throw new Error(`no worker among ${topics.join(', ')} sets a status we know`);
  return status;
}

async function fullNameOf(username: string): Promise<string> {
  return (await app.db.account.findUniqueOrThrow({ where: { username } })).fullName;
}

describe.concurrent('every procedure of the catalogue, through every path of its diagram', () => {
  beforeAll(async () => {
    ({ app, stop } = await startStack());
    officers = await Officers.prepare(app, JOURNEYS);
    startedAt = Date.now();
  });

  afterAll(async () => {
    const paths = JOURNEYS.reduce(
      (count, journey) => count + (journey.paths instanceof Error ? 0 : journey.paths.length),
      0,
    );
    recordGenerativeCount('procedure paths walked', walked, `of ${paths} paths of ${JOURNEYS.length} procedures`);
    console.log(
      `walked ${walked} of ${paths} paths of ${JOURNEYS.length} procedures in ${Math.round((Date.now() - startedAt) / 1000)} s`,
    );
    await stop?.();
  });

  it('finds procedures to walk in the catalogue', ({ expect }) => {
    expect(JOURNEYS.length).toBeGreaterThan(0);
  });

  for (const journey of JOURNEYS.filter((entry) => entry.paths instanceof Error)) {
    it(`${journey.procedure.code} ${journey.procedure.processKey}: its diagram's paths can be enumerated`, () => {
      throw journey.paths;
    });
  }

  const walks = JOURNEYS.flatMap((journey) =>
    journey.paths instanceof Error ? [] : journey.paths.map((path) => ({ journey, path })),
  );
  for (const { journey, path } of walks) {
    const { procedure } = journey;
    it(
      `${procedure.code} ${procedure.processKey}: ${path.name}`,
      async ({ expect }) => {
        const auditor = officers.of('auditor', procedure.agencyCode);
        const receptionist = officers.of('receptionist', procedure.agencyCode);
        const actors = officers.actorsOf(procedure, path);

        // given a complete dossier received at the counter of the procedure's agency
        const dossierCode = await receiveFor(app, procedure);
        const received = await getAs<Dossier>(app, auditor, `/api/dossiers/${dossierCode}`);
        expect(received.processDefinitionId, 'the definition whose paths are walked').toBe(journey.definitionId);

        // when each step of the path is done, over the API, by an officer of the group it is offered to
        for (const [index, step] of path.steps.entries()) {
          const officer = actors[index]!;
          const task = await waitForStep(app, received, officer, step.activityId);
          await expectListAsJoined(expect, officer, dossierCode, procedure.code, `${step.activityId}`);
          expect(task.outcomes, `${step.activityId}: the outcomes offered`).toEqual(step.offered);
          expect(task.dossierStatus, `${step.activityId}: the dossier's status`).toBe(statusAfter(step.topicsBefore));
          await claimAndComplete(app, officer, task, step);
        }

        // then the workers bring the engine's instance to its end, completed (where it ended: the history below)
        const ended = await waitForEnd(app, received);
        expect(ended.state).toBe('COMPLETED');
        await expectListAsJoined(expect, actors.at(-1)!, dossierCode, procedure.code, 'the finished dossier');

        // and the dossier is final, as the path says
        const dossier = await getAs<Dossier>(app, auditor, `/api/dossiers/${dossierCode}`);
        const last = path.steps.at(-1)!;
        expect(dossier).toMatchObject({ status: statusAfter(path.topics), finishedAt: expect.any(String) });
        if (dossier.status === 'returned') {
          expect(dossier).toMatchObject({
            returnedVia: last.returnMethod,
            postalTrackingRef: last.completion.postalTrackingRef ?? null,
          });
        } else {
          expect(dossier.refusalReason).toBe(journey.values.refusalReason);
        }

        // and the citizen page shows the same, and nothing personal
        const lookup = await app.inject({ method: 'GET', url: `/api/public/dossiers/${dossierCode}` });
        expect(lookup.statusCode).toBe(200);
        const shown = z.strictObject(PublicDossierSchema.shape).parse(lookup.json());
        expect(shown).toMatchObject({
          code: dossierCode,
          status: dossier.status,
          timeliness: dossier.timeliness,
          finishedAt: dossier.finishedAt,
        });
        const { fullName, idNumber, phone, address } = dossier.applicant;
        for (const personal of [fullName, idNumber, phone, address]) expect(lookup.body).not.toContain(personal);

        // and the auditor's history holds every node of the path, each step with who did it and how
        const history = await getAs<DossierHistory>(app, auditor, `/api/dossiers/${dossierCode}/history`);
        const byStep = path.steps.map((step, index) => [step.activityId, actors[index]]);
        // the overdue reminders run on the legal clock, not on the path: left out if a timer fired
        const onPath = history.steps.filter((step) => !journey.timerBranches.has(step.activityId));
        expect(onPath.map((step) => step.activityId)).toEqual(path.nodes);
        const userTasks = onPath.filter((step) => step.activityType === 'userTask');
        expect(userTasks.map((step) => [step.activityId, step.assignee])).toEqual(byStep);
        expect(history.events.find((event) => event.type === 'received')?.actor).toBe(receptionist);
        const claims = history.events.filter((event) => event.type === 'task_claimed');
        expect(claims.map((event) => [event.activityId, event.actor])).toEqual(byStep);
        const completions = history.events.filter((event) => event.type === 'task_completed');
        expect(completions.map((event) => [event.activityId, event.actor])).toEqual(byStep);
        path.steps.forEach((step, index) => expect(completions[index]?.data).toMatchObject(step.completion));

        // and the control sheet has one handover per step, with who, when and its result
        const sheet = await getAs<ControlSheet>(app, auditor, `/api/dossiers/${dossierCode}/control-sheet`);
        const names = await Promise.all([receptionist, ...actors].map(fullNameOf));
        expect(sheet.rows.map((row) => [row.fromActivityId, row.toActivityId, row.handedOverBy])).toEqual([
          [null, path.steps[0]!.activityId, names[0]],
          ...path.steps.map((step, index) => [
            step.activityId,
            path.steps[index + 1]?.activityId ?? null,
            names[index + 1],
          ]),
        ]);
        expect(sheet.rows.map((row) => row.receivedBy)).toEqual([
          ...names.slice(1),
          dossier.status === 'returned' ? dossier.applicant.fullName : null,
        ]);
        // a leg is judged against its deadline; waiting on the applicant has none
        expect(sheet.rows.map((row) => row.result !== null)).toEqual([
          true,
          ...path.steps.map((step) => step.hasDueDate),
        ]);
        for (const row of sheet.rows) expect([null, ...STEP_RESULTS]).toContain(row.result);
        const times = sheet.rows.map((row) => Date.parse(row.handedOverAt));
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect(times[0]).toBeGreaterThanOrEqual(Date.parse(dossier.receivedAt));
        expect(times.at(-1)).toBeLessThanOrEqual(Date.parse(dossier.finishedAt!));

        // and the control sheet renders as the PDF form, naming the dossier and every officer
        const pdf = await app.inject({
          method: 'GET',
          url: `/api/dossiers/${dossierCode}/forms/control-sheet.pdf`,
          headers: await authHeader(app, auditor),
        });
        expect(pdf.statusCode).toBe(200);
        expect(pdf.headers['content-type']).toBe('application/pdf');
        const { text } = await readPdf(pdf.rawPayload);
        for (const shownText of [dossierCode, ...new Set(names)]) expect(text).toContain(shownText);
        walked += 1;
      },
      WALK_TIMEOUT_MS,
    );
  }
});
