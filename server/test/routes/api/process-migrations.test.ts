import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PROCESS_KEYS,
  stepDueVariable,
  type DeployedProcess,
  type DossierHistory,
  type DossierReplay,
  type MigrationPreview,
  type MigrationResult,
  type ProcessVersions,
} from '@motcua/common';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROCESSES_DIR } from '@motcua/processes';
import { ensureAccount, OTHER_DISTRICT } from '../../helpers/accounts.js';
import { testEngine } from '../../helpers/engine.js';
import {
  firstTaskStep,
  forward,
  loadShippedProcedures,
  nextTask,
  postTaskAction,
  receiveFor,
  startStack,
  taskPage,
  type ShippedProcedure,
} from '../../helpers/procedure-walk.js';
import { authHeader, mandatoryDocuments, type Username } from '../../helpers/requests.js';
import { newProcedureBody, versionBody } from './procedure-bodies.js';

/**
 * Moving the running dossiers of an older version onto a newer one, with the real engine, workers
 * and database. The diagram is a shipped procedure's, deployed under a key of the test's own: the
 * first shipped procedure whose first step can ask for a supplement, so that one dossier waits at
 * that step and another at the activity that waits for the supplement. Version 2 renames the first
 * step (which the engine carries over) and gives the supplement's activity another id (which it
 * cannot): the first dossier moves, the second finishes on version 1.
 */
const RUN = Date.now().toString(36);
const SHIPPED = await loadShippedProcedures();
const PROCEDURE = SHIPPED.find((procedure) => firstTaskStep(procedure).outcomes.includes('request_supplement'));
const SUPPLEMENT_ITEMS = ['Bản sao giấy tờ có chứng thực'];

let app: FastifyInstance;
let stop: () => Promise<void>;
const ADMIN = `migration-admin-${RUN}`;
const UNRELATED_ADMIN = 'migration-admin-unrelated';

beforeAll(async () => {
  ({ app, stop } = await startStack());
  if (!PROCEDURE) return;
  await ensureAccount(app.db, {
    username: ADMIN,
    fullName: 'Quản trị quy trình',
    roles: ['admin'],
    agencyCode: PROCEDURE.agencyCode,
  });
  await ensureAccount(app.db, {
    username: UNRELATED_ADMIN,
    fullName: 'Quản trị huyện khác',
    roles: ['admin'],
    agencyCode: OTHER_DISTRICT.code,
  });
});
afterAll(async () => {
  await stop();
});

async function call(method: 'GET' | 'POST', url: string, username: Username, payload?: object) {
  return app.inject({ method, url, headers: await authHeader(app, username), ...(payload ? { payload } : {}) });
}

/** A diagram with every reference to the id `from` pointing at `to` instead. */
function renameId(xml: string, from: string, to: string): string {
  return xml.replaceAll(`"${from}"`, `"${to}"`);
}

async function deploy(xml: string, comment: string): Promise<DeployedProcess> {
  const response = await call('POST', '/api/processes', ADMIN, { xml, comment });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<DeployedProcess>();
}

/**
 * Version 1 of `shipped`'s diagram (`v1Xml`) deployed under `key`, and a new procedure `code` of the
 * shipped one's agency that runs it, with the shipped procedure's legal time.
 */
async function runUnderOwnKey(shipped: ShippedProcedure, key: string, v1Xml: string, code: string) {
  const v1 = await deploy(v1Xml, 'ban hành lần đầu');
  const legal = await app.db.procedureVersion.findFirstOrThrow({
    where: { procedure: { code: shipped.code } },
    orderBy: { version: 'desc' },
  });
  const created = await call('POST', '/api/procedures', ADMIN, {
    ...newProcedureBody(code, { processKey: key, processingDays: legal.processingDays }),
    agencyCode: shipped.agencyCode,
  });
  expect(created.statusCode, created.body).toBe(201);
  const procedure: ShippedProcedure = {
    ...shipped,
    code,
    processKey: key,
    documents: mandatoryDocuments(versionBody().requiredDocuments),
  };
  return { v1, procedure };
}

describe('moving running dossiers to a newer version', () => {
  it('has a shipped procedure whose first step can ask for a supplement', () => {
    expect(PROCEDURE, SHIPPED.map((procedure) => procedure.processKey).join(', ')).toBeDefined();
  });

  it('previews, moves the dossiers that can move, records it and keeps the work list and the replay right', async () => {
    const shipped = PROCEDURE as ShippedProcedure;
    const key = `migration-${RUN}`;
    const firstStep = firstTaskStep(shipped);
    const shippedXml = await readFile(path.join(PROCESSES_DIR, `${shipped.processKey}.bpmn`), 'utf8');
    const v1Xml = renameId(shippedXml, shipped.processKey, key);

    // given v1 of the shipped diagram under the test key, run by a procedure of the shipped one's agency
    const { v1, procedure } = await runUnderOwnKey(shipped, key, v1Xml, `9.${RUN}`);

    // and two dossiers: one waiting at the first step, one waiting for a supplement the first step asked for
    const staying = await receiveFor(app, procedure);
    const waiting = await receiveFor(app, procedure);
    const first = await nextTask(app, staying);
    expect(first?.task.taskDefinitionKey).toBe(firstStep.activityId);
    const asked = await nextTask(app, waiting);
    expect(asked?.task.taskDefinitionKey).toBe(firstStep.activityId);
    for (const action of ['claim', 'complete'] as const) {
      const response = await postTaskAction(app, asked!.officer, asked!.task.id, action, {
        outcome: 'request_supplement',
        supplementItems: SUPPLEMENT_ITEMS,
      });
      expect(response.statusCode, response.body).toBeLessThan(300);
    }
    const supplement = await nextTask(app, waiting);
    const supplementActivity = supplement!.task.taskDefinitionKey;
    expect(shipped.steps.map((step) => step.activityId)).not.toContain(supplementActivity);

    // when v2 renames the first step and gives the supplement's activity another id
    const renamed = `${firstStep.name} (sửa tên)`;
    const v2Xml = renameId(v1Xml, supplementActivity, `${supplementActivity}-v2`).replace(
      `id="${firstStep.activityId}" name="${firstStep.name}"`,
      `id="${firstStep.activityId}" name="${renamed}"`,
    );
    expect(v2Xml).toContain(`name="${renamed}"`);
    const v2 = await deploy(v2Xml, 'đổi tên bước đầu, đổi mã bước nhận bổ sung');
    expect(v2.version).toBe(v1.version + 1);

    // then the versions page counts both dossiers on the older version
    const before = await call('GET', `/api/processes/${key}/versions`, ADMIN);
    expect(before.json<ProcessVersions>().runningOnOlderVersions).toBe(2);

    // and the preview says the first can move and the other cannot, naming the activity, in Vietnamese
    const previewed = await call('POST', `/api/processes/${key}/migrations/preview`, ADMIN, {
      sourceVersion: v1.version,
    });
    expect(previewed.statusCode, previewed.body).toBe(200);
    const preview = previewed.json<MigrationPreview>();
    expect(preview).toMatchObject({
      key,
      source: { id: v1.id, version: v1.version },
      target: { id: v2.id, version: v2.version },
      runningDossiers: 2,
    });
    const candidate = (dossierCode: string) => preview.dossiers.find((entry) => entry.dossierCode === dossierCode);
    expect(candidate(staying)).toMatchObject({ movable: true, activityIds: [firstStep.activityId], problems: [] });
    expect(candidate(waiting)).toMatchObject({ movable: false, activityIds: [supplementActivity] });
    expect(candidate(waiting)?.problems).toEqual([
      expect.objectContaining({ activityId: supplementActivity, rule: 'removed' }),
    ]);
    const problem = preview.problems.find((entry) => entry.activityId === supplementActivity);
    expect(problem?.message).toMatch(/^Bước «.+» không còn trong phiên bản 2/);
    expect(preview.problems.map((entry) => entry.activityId)).not.toContain(firstStep.activityId);

    // and moving both is refused whole, naming the one that cannot move
    const both = await call('POST', `/api/processes/${key}/migrations`, ADMIN, {
      sourceVersion: v1.version,
      targetVersion: v2.version,
      dossierCodes: [staying, waiting],
    });
    expect(both.statusCode, both.body).toBe(409);
    expect(both.json().message).toContain(waiting);
    const stayingRow = () => app.db.dossier.findUniqueOrThrow({ where: { code: staying } });
    expect((await stayingRow()).processDefinitionId).toBe(v1.id);

    // when the admin moves the one that can
    const moved = await call('POST', `/api/processes/${key}/migrations`, ADMIN, {
      sourceVersion: v1.version,
      targetVersion: v2.version,
      dossierCodes: [staying],
    });

    // then it runs on v2 in the engine and in our records, and the other stays on v1
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<MigrationResult>()).toMatchObject({ migrated: [staying], target: { id: v2.id } });
    const engine = testEngine();
    const dossier = await stayingRow();
    expect((await engine.runningProcessInstance(dossier.processInstanceId!))?.definitionId).toBe(v2.id);
    expect(dossier.processDefinitionId).toBe(v2.id);
    const other = await app.db.dossier.findUniqueOrThrow({ where: { code: waiting } });
    expect((await engine.runningProcessInstance(other.processInstanceId!))?.definitionId).toBe(v1.id);
    const versions = (await call('GET', `/api/processes/${key}/versions`, ADMIN)).json<ProcessVersions>();
    expect(versions.versions.map((version) => [version.version, version.runningDossiers])).toEqual([
      [v2.version, 1],
      [v1.version, 1],
    ]);

    // and the dossier's log records the change, and the audit log who made it
    const events = await app.db.dossierEvent.findMany({ where: { dossierId: dossier.id, type: 'process_migrated' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: ADMIN,
      data: { processKey: key, fromVersion: v1.version, toVersion: v2.version, toDefinitionId: v2.id },
    });
    const audit = await app.db.auditLog.findFirst({ where: { action: 'process.migrate', actor: ADMIN } });
    expect(audit?.data).toMatchObject({ key, fromVersion: v1.version, toVersion: v2.version, dossierCodes: [staying] });
    const history = await call('GET', `/api/dossiers/${staying}/history`, 'auditor');
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json<DossierHistory>().events.map((event) => event.type)).toContain('process_migrated');

    // and the work list shows its task as v2 names it, on v2, with the step's outcomes
    const row = await app.db.openTask.findUniqueOrThrow({ where: { id: first!.task.id } });
    expect(row).toMatchObject({ processDefinitionId: v2.id, name: renamed });
    const listed = (await taskPage(app, first!.officer, { dossierCode: staying })).data;
    expect(listed).toEqual([
      expect.objectContaining({ id: first!.task.id, name: renamed, outcomes: firstStep.outcomes }),
    ]);

    // and the replay draws it on v2
    const replay = await call('GET', `/api/dossiers/${staying}/replay`, 'auditor');
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json<DossierReplay>()).toMatchObject({ processDefinitionId: v2.id, version: v2.version });
    expect(replay.json<DossierReplay>().xml).toContain(`name="${renamed}"`);

    // and it goes on along v2
    for (const action of ['claim', 'complete'] as const) {
      const response = await postTaskAction(app, first!.officer, first!.task.id, action, forward(first!.task));
      expect(response.statusCode, response.body).toBeLessThan(300);
    }
    const after = await nextTask(app, staying);
    if (after) expect((await engine.getTask(after.task.id)).processDefinitionId).toBe(v2.id);

    // and a second move of the same dossier is refused: it no longer runs on v1
    const again = await call('POST', `/api/processes/${key}/migrations`, ADMIN, {
      sourceVersion: v1.version,
      targetVersion: v2.version,
      dossierCodes: [staying],
    });
    expect(again.statusCode, again.body).toBe(409);
  });

  it('keeps a dossier whose deadlines were computed on its version when the newer one has a step it has no deadline for', async () => {
    const shipped = PROCEDURE as ShippedProcedure;
    const key = `migration-deadline-${RUN}`;
    const [firstStep, laterStep] = shipped.steps.filter((step) => step.kind === 'userTask');
    expect(laterStep, `${shipped.processKey} has a second user task step`).toBeDefined();
    const shippedXml = await readFile(path.join(PROCESSES_DIR, `${shipped.processKey}.bpmn`), 'utf8');
    const v1Xml = renameId(shippedXml, shipped.processKey, key);

    // given a dossier of v1 waiting at the first step, its step deadlines computed at reception
    const { v1, procedure } = await runUnderOwnKey(shipped, key, v1Xml, `9.${RUN}d`);
    const dossierCode = await receiveFor(app, procedure);
    const waiting = await nextTask(app, dossierCode);
    expect(waiting?.task.taskDefinitionKey).toBe(firstStep!.activityId);

    // when v2 gives a later step another id: a step of its own, whose deadline the dossier never got
    const added = `${laterStep!.activityId}_v2`;
    const v2Xml = renameId(v1Xml, laterStep!.activityId, added).replaceAll(
      stepDueVariable(laterStep!.activityId),
      stepDueVariable(added),
    );
    const v2 = await deploy(v2Xml, 'thêm bước mới');

    // then the preview says the dossier cannot move, naming the new step, in Vietnamese
    const previewed = await call('POST', `/api/processes/${key}/migrations/preview`, ADMIN, {
      sourceVersion: v1.version,
    });
    expect(previewed.statusCode, previewed.body).toBe(200);
    const preview = previewed.json<MigrationPreview>();
    const candidate = preview.dossiers.find((entry) => entry.dossierCode === dossierCode);
    expect(candidate).toMatchObject({ movable: false, activityIds: [firstStep!.activityId] });
    expect(candidate?.problems).toEqual([expect.objectContaining({ activityId: added, rule: 'missing_deadline' })]);
    expect(preview.problems.find((problem) => problem.rule === 'missing_deadline')?.message).toMatch(
      new RegExp(`^Bước mới «.+» của phiên bản ${v2.version} cần hạn xử lý`),
    );

    // and moving it is refused, and it stays on v1 in the engine and in our records
    const moved = await call('POST', `/api/processes/${key}/migrations`, ADMIN, {
      sourceVersion: v1.version,
      targetVersion: v2.version,
      dossierCodes: [dossierCode],
    });
    expect(moved.statusCode, moved.body).toBe(409);
    expect(moved.json().message).toContain(dossierCode);
    const dossier = await app.db.dossier.findUniqueOrThrow({ where: { code: dossierCode } });
    expect(dossier.processDefinitionId).toBe(v1.id);
    expect((await testEngine().runningProcessInstance(dossier.processInstanceId!))?.definitionId).toBe(v1.id);
  });

  it.each([
    ['an admin of an unrelated district', UNRELATED_ADMIN, 404],
    ['an admin of a commune below the owner', 'xa.admin', 404],
  ])('%s is refused before the body is read', async (_label, username, status) => {
    // given a key the demo district's procedures run
    const key = PROCESS_KEYS.houseConstructionPermit;
    for (const [route, payload] of [
      ['migrations/preview', { sourceVersion: 'không phải số' }],
      ['migrations/preview', { sourceVersion: 1 }],
      ['migrations', { dossierCodes: 42 }],
    ] as const) {
      const response = await call('POST', `/api/processes/${key}/${route}`, username, payload);
      expect(response.statusCode, `${route} ${response.body}`).toBe(status);
    }
  });

  it.each([
    [{ sourceVersion: 99_999 }, 'body/sourceVersion'],
    [{ sourceVersion: 1, targetVersion: 1 }, 'body/targetVersion'],
  ])('answers 400 for versions that leave nothing to move: %j', async (payload, where) => {
    const response = await call('POST', `/api/processes/${PROCESS_KEYS.houseConstructionPermit}/migrations/preview`, 'admin', payload);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().issues[0]).toMatchObject({ path: where });
  });
});
