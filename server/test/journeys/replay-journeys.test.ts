import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { TOPICS, type Dossier, type DossierReplay, type Task } from '@motcua/common';
import type { EngineClient } from '@motcua/common/engine';
import { createDossierRepository, DOSSIER_INCLUDE } from '../../src/repositories/dossier-repository.js';
import { createReportRepository } from '../../src/repositories/report-repository.js';
import { createReplayService } from '../../src/services/replay-service.js';
import { testEngine } from '../helpers/engine.js';
import { postTaskAction, receiveFor, startStack } from '../helpers/procedure-walk.js';
import type { Username } from '../helpers/requests.js';
import { claimAndComplete, getAs, loadJourneys, Officers, waitForEnd, waitForStep, type Journey } from './journey.js';
import { boundaryBranchNodes, readProcessGraph, type ProcessGraph } from './process-graph.js';
import type { ProcessPath } from './process-paths.js';

/**
 * The replay of a dossier on its diagram (GET /api/dossiers/{code}/replay), checked against what was
 * done, for every procedure of the catalogue that runs a shipped diagram. For each one, dossiers walk
 * over the API, with the real workers, the paths of its diagram that pause the clock for a supplement
 * or transfer the dossier to a partner agency, and the plain path forward (process-paths.ts); the
 * first step of each walk is made late by moving its task's due date into the past in the engine
 * before it is completed. The auditor's replay of each finished dossier must then show the path's
 * flow nodes in order, who did each step and the outcome chosen, the late step and only that one,
 * and the pause and the transfer on the steps they span. Then a second version of the procedure's
 * diagram is deployed: the finished dossiers still replay on the version they ran on, and a dossier
 * received now runs, and replays while running, on the new one.
 */
const JOURNEYS = await loadJourneys();

const WALK_TIMEOUT_MS = 300_000;
/** Two days back: a deadline on an earlier calendar day than any completion in the test. */
const PAST_DUE_MS = 2 * 24 * 3_600_000;

let app: FastifyInstance;
let stop: () => Promise<void>;
let officers: Officers;

/** The paths whose replay shows what only a replay shows: a pause, a transfer; and the plain path forward. */
function pathsToReplay(paths: ProcessPath[]): ProcessPath[] {
  const marking = paths.filter((path) =>
    path.topics.some((topic) => topic === TOPICS.requestSupplement || topic === TOPICS.transferToAgency),
  );
  const [forward] = paths;
  return forward && !marking.includes(forward) ? [forward, ...marking] : marking;
}

/** The nodes of the path from the worker opening a window (pause, transfer) to the one closing it, both included. */
function window(graph: ProcessGraph, nodes: string[], opening: string, closing: string): string[] {
  const first = nodes.findIndex((id) => graph.nodes.get(id)?.topic === opening);
  const last = nodes.findIndex((id, index) => index > first && graph.nodes.get(id)?.topic === closing);
  return first < 0 ? [] : nodes.slice(first, last < 0 ? undefined : last + 1);
}

/** What an officer sees of a name: the full name of the account. */
async function fullNameOf(username: string): Promise<string> {
  return (await app.db.account.findUniqueOrThrow({ where: { username } })).fullName;
}

/** Moves the open task's due date into the past in the engine, so the step ends after its deadline. */
async function makeLate(task: Task): Promise<Date> {
  const due = new Date(Date.now() - PAST_DUE_MS);
  await testEngine().setTaskDue(task.id, due);
  return due;
}

/** A dossier walked to its end along the path, its first step made late; the officers who did each step. */
async function walk(
  journey: Journey,
  path: ProcessPath,
): Promise<{ dossier: Dossier; actors: Username[]; lateDue: Date }> {
  const { procedure } = journey;
  const auditor = officers.of('auditor', procedure.agencyCode);
  const actors = officers.actorsOf(procedure, path);
  const code = await receiveFor(app, procedure);
  const received = await getAs<Dossier>(app, auditor, `/api/dossiers/${code}`);
  let lateDue: Date | undefined;
  for (const [index, step] of path.steps.entries()) {
    const task = await waitForStep(app, received, actors[index]!, step.activityId);
    if (index === 0) lateDue = await makeLate(task);
    await claimAndComplete(app, actors[index]!, task, step);
  }
  await waitForEnd(app, received);
  return { dossier: await getAs<Dossier>(app, auditor, `/api/dossiers/${code}`), actors, lateDue: lateDue! };
}

/** The real engine client, counting the calls made through it by method. */
function countingEngine(calls: Map<string, number>): EngineClient {
  const engine = testEngine();
  return new Proxy(engine, {
    get(target, name: string) {
      const method = target[name as keyof EngineClient] as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return method(...args);
      };
    },
  });
}

describe.concurrent('the replay of a dossier on its diagram, for every procedure of the catalogue', () => {
  beforeAll(async () => {
    ({ app, stop } = await startStack());
    officers = await Officers.prepare(app, JOURNEYS);
  });

  afterAll(async () => {
    await stop?.();
  });

  it('finds procedures to replay in the catalogue', ({ expect }) => {
    expect(JOURNEYS.length).toBeGreaterThan(0);
  });

  for (const journey of JOURNEYS) {
    const { procedure } = journey;
    it(
      `${procedure.code} ${procedure.processKey}: finished, running and on an old version, replayed as it was done`,
      async ({ expect }) => {
        if (journey.paths instanceof Error) throw journey.paths;
        const engine = testEngine();
        const auditor = officers.of('auditor', procedure.agencyCode);
        const receptionist = officers.of('receptionist', procedure.agencyCode);
        const paths = pathsToReplay(journey.paths);
        expect(paths.length).toBeGreaterThan(0);

        // given dossiers walked to their end along the paths, each with its first step done late
        const walks = await Promise.all(paths.map(async (path) => ({ path, ...(await walk(journey, path)) })));

        for (const { path, dossier, actors, lateDue } of walks) {
          const definitionId = dossier.processDefinitionId!;
          const [definition, { bpmn20Xml }] = await Promise.all([
            engine.definition(definitionId),
            engine.definitionXml(definitionId),
          ]);
          const graph = readProcessGraph(bpmn20Xml, procedure.processKey);
          const timerBranches = boundaryBranchNodes(graph);

          // when the auditor replays it
          const replay = await getAs<DossierReplay>(app, auditor, `/api/dossiers/${dossier.code}/replay`);

          // then it is the diagram of the version the dossier ran on, ended
          expect(replay).toMatchObject({
            dossierCode: dossier.code,
            processDefinitionId: definitionId,
            processDefinitionKey: procedure.processKey,
            version: definition.version,
            xml: bpmn20Xml,
            ended: true,
          });
          // and the steps are the path's flow nodes in the order they were passed (overdue reminders run on the clock)
          const onPath = replay.steps.filter((step) => !timerBranches.has(step.activityId));
          expect(
            onPath.map((step) => step.activityId),
            path.name,
          ).toEqual(path.nodes);
          const times = replay.steps.map((step) => Date.parse(step.startedAt));
          expect(times).toEqual([...times].sort((a, b) => a - b));
          expect(replay.steps.every((step) => step.endedAt !== null)).toBe(true);
          // the reception by the receptionist who received it
          expect(onPath[0]).toMatchObject({ type: 'startEvent', actor: receptionist });
          // each user task by the officer who did it, with the outcome they chose and their name
          const userTasks = onPath.filter((step) => step.type === 'userTask');
          expect(userTasks.map((step) => [step.activityId, step.actor, step.outcome])).toEqual(
            path.steps.map((step, index) => [step.activityId, actors[index], step.outcome ?? null]),
          );
          expect(userTasks.map((step) => step.actorName)).toEqual(await Promise.all(actors.map(fullNameOf)));
          for (const step of userTasks) {
            expect(Date.parse(step.claimedAt!)).toBeGreaterThanOrEqual(Date.parse(step.startedAt));
            expect(Date.parse(step.claimedAt!)).toBeLessThanOrEqual(Date.parse(step.endedAt!));
          }
          // the workers' steps by the system
          for (const step of onPath.filter((candidate) => graph.nodes.get(candidate.activityId)?.topic)) {
            expect(step.actor, step.activityId).toBe('system');
          }
          // the first step late against the due date it was given, every other one on time
          const [first, ...rest] = userTasks;
          expect(first).toMatchObject({ late: true, plannedDueAt: lateDue.toISOString() });
          for (const step of rest.filter((candidate) => candidate.plannedDueAt !== null)) {
            expect(Date.parse(step.plannedDueAt!), `${step.activityId}'s deadline lies ahead`).toBeGreaterThan(
              Date.parse(step.endedAt!),
            );
          }
          expect(rest.map((step) => step.late)).toEqual(rest.map(() => false));
          expect(replay.steps.filter((step) => step.type !== 'userTask').every((step) => !step.late)).toBe(true);
          // a supplement's pause on the steps from its request to the resume, with what was asked
          const paused = window(graph, path.nodes, TOPICS.requestSupplement, TOPICS.resumeAfterSupplement);
          expect(paused.length > 0).toBe(path.topics.includes(TOPICS.requestSupplement));
          expect(onPath.filter((step) => step.pause).map((step) => step.activityId)).toEqual(paused);
          for (const step of onPath.filter((candidate) => candidate.pause)) {
            expect(step.pause).toMatchObject({
              reason: 'supplement',
              items: journey.values.supplementItems,
              pausedAt: dossier.pauses[0]!.pausedAt,
              resumedAt: dossier.pauses[0]!.resumedAt,
            });
          }
          // a transfer on the steps from the sending to the return, with the partner agency
          const transferred = window(graph, path.nodes, TOPICS.transferToAgency, TOPICS.recordTransferReturned);
          expect(transferred.length > 0).toBe(path.topics.includes(TOPICS.transferToAgency));
          expect(onPath.filter((step) => step.transfer).map((step) => step.activityId)).toEqual(transferred);
          for (const step of onPath.filter((candidate) => candidate.transfer)) {
            expect(step.transfer).toMatchObject({
              agencyCode: journey.values.partnerAgencyCode,
              sentAt: dossier.transfers[0]!.sentAt,
              dueAt: dossier.transfers[0]!.dueAt,
              returnedAt: dossier.transfers[0]!.returnedAt,
            });
          }
        }

        // and the replay asks the engine once per kind of history, whatever the number of steps, and
        // reads a definition's diagram once
        const calls = new Map<string, number>();
        const replays = createReplayService({
          engine: countingEngine(calls),
          dossiers: createDossierRepository(app.db),
          reports: createReportRepository(app.db),
          clock: () => app.legalClock.clock(),
        });
        for (const { dossier } of walks) {
          const row = await app.db.dossier.findUniqueOrThrow({
            where: { code: dossier.code },
            include: DOSSIER_INCLUDE,
          });
          await replays.get(row);
        }
        const definitions = new Set(walks.map(({ dossier }) => dossier.processDefinitionId)).size;
        expect(Object.fromEntries(calls)).toEqual({
          definition: definitions,
          definitionXml: definitions,
          historicActivities: walks.length,
          historicTasks: walks.length,
          historicUserOperations: walks.length,
        });

        // when a second version of the diagram is deployed
        const oldDefinition = await engine.definition(walks[0]!.dossier.processDefinitionId!);
        const { bpmn20Xml: oldXml } = await engine.definitionXml(oldDefinition.id);
        const marker = `replay test ${Date.now()}`;
        const newXml = oldXml.replace(/(<(?:bpmn:)?process\b[^>]*\bname=")([^"]*)"/, `$1$2 (${marker})"`);
        expect(newXml).not.toBe(oldXml);
        await engine.deploy({
          name: `${procedure.processKey} ${marker}`,
          source: 'replay test',
          files: [{ fileName: `${procedure.processKey}.bpmn`, content: newXml }],
        });
        const latest = await engine.latestDefinition(procedure.processKey);
        expect(latest.version).toBeGreaterThan(oldDefinition.version);

        // then each finished dossier still replays on the version it ran on
        for (const { dossier } of walks) {
          const replay = await getAs<DossierReplay>(app, auditor, `/api/dossiers/${dossier.code}/replay`);
          expect(replay.processDefinitionId).toBe(dossier.processDefinitionId);
          expect(replay.version).toBeLessThan(latest.version);
          expect(replay.xml).not.toContain(marker);
        }

        // and a dossier received now runs on the new version, and replays while its first step is open
        const [forward] = journey.paths;
        const firstStep = forward!.steps[0]!;
        const officer = officers.actorsOf(procedure, forward!)[0]!;
        const code = await receiveFor(app, procedure);
        const running = await getAs<Dossier>(app, auditor, `/api/dossiers/${code}`);
        try {
          const task = await waitForStep(app, running, officer, firstStep.activityId);
          expect((await postTaskAction(app, officer, task.id, 'claim')).statusCode).toBe(204);
          const lateDue = await makeLate(task);
          const replay = await getAs<DossierReplay>(app, auditor, `/api/dossiers/${code}/replay`);
          // (another suite may deploy the same key meanwhile: the version is the one the dossier started on)
          const [current, { bpmn20Xml: currentXml }] = await Promise.all([
            engine.definition(running.processDefinitionId!),
            engine.definitionXml(running.processDefinitionId!),
          ]);
          expect(current.version).toBeGreaterThanOrEqual(latest.version);
          expect(replay).toMatchObject({
            processDefinitionId: running.processDefinitionId,
            version: current.version,
            xml: currentXml,
            ended: false,
          });
          const timerBranches = boundaryBranchNodes(readProcessGraph(replay.xml, procedure.processKey));
          const upToStep = forward!.nodes.slice(0, forward!.nodes.indexOf(firstStep.activityId) + 1);
          expect(
            replay.steps.filter((step) => !timerBranches.has(step.activityId)).map((step) => step.activityId),
          ).toEqual(upToStep);
          // the current step: open, held by the officer who claimed it, past its deadline
          expect(replay.steps.at(-1)).toMatchObject({
            activityId: firstStep.activityId,
            type: 'userTask',
            endedAt: null,
            actor: officer,
            outcome: null,
            plannedDueAt: lateDue.toISOString(),
            late: true,
          });
          expect(replay.steps.slice(0, -1).every((step) => step.endedAt !== null)).toBe(true);
        } finally {
          await engine.deleteProcessInstance(running.processInstanceId!);
        }
      },
      WALK_TIMEOUT_MS,
    );
  }
});
