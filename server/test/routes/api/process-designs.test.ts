import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCESS_KEYS, type ProcessDraftAnswer, type ProcessVersions } from '@motcua/common';
import { DEMO_AGENCIES } from '@motcua/db';
import { ensureAccount, ensureOtherDistrict, OTHER_DISTRICT } from '../../helpers/accounts.js';
import { build } from '../../helpers/build.js';
import { authHeader, DISTRICT_CODE, dossierBody, mandatoryDocuments, type Username } from '../../helpers/requests.js';
import { newProcedureBody, versionBody } from './procedure-bodies.js';

/**
 * The designer's records of a process key: drafts saved without deploying, the version list with
 * who deployed each version, when and why, the diagram of any version, and the dossiers running on
 * each version. The diagrams are the designer's own template (what an admin starts a new procedure
 * from), so the template is shown to deploy as it is.
 */
const RUN = Date.now().toString(36);
const TEMPLATE = readFileSync(
  new URL('../../../../admin-ui/src/processes/templates/new-procedure.bpmn', import.meta.url),
  'utf8',
);
const TEMPLATE_KEY = 'new-procedure';
/** The template's legal time: its step budgets add up to 3 working days, which a deployment checks. */
const TEMPLATE_DAYS = 3;

const ADMINS = {
  province: 'admin',
  district: 'design-admin-district',
  commune: 'design-admin-commune',
  unrelated: 'design-admin-unrelated',
} as const satisfies Record<string, Username>;

let app: FastifyInstance;

beforeAll(async () => {
  app = await build();
  await ensureOtherDistrict(app.db);
  for (const [username, agencyCode] of [
    [ADMINS.district, DISTRICT_CODE],
    [ADMINS.commune, DEMO_AGENCIES.commune.code],
    [ADMINS.unrelated, OTHER_DISTRICT.code],
  ] as const) {
    await ensureAccount(app.db, { username, fullName: 'Quản trị thiết kế quy trình', roles: ['admin'], agencyCode });
  }
});
afterAll(async () => {
  await app.close();
});

/** The template under a key of its own, with `marker` as the process's name. */
function templateAs(key: string, marker = 'Thủ tục mới'): string {
  expect(TEMPLATE).toContain(`id="${TEMPLATE_KEY}"`);
  return TEMPLATE.replaceAll(TEMPLATE_KEY, key).replace('name="Thủ tục mới"', `name="${marker}"`);
}

async function call(method: 'GET' | 'PUT' | 'POST', url: string, username: Username, payload?: object) {
  return app.inject({ method, url, headers: await authHeader(app, username), ...(payload ? { payload } : {}) });
}

const saveDraft = (key: string, username: Username, payload: object) =>
  call('PUT', `/api/processes/${key}/draft`, username, payload);
const readDraft = (key: string, username: Username) => call('GET', `/api/processes/${key}/draft`, username);
const versionsOf = async (key: string, username: Username = ADMINS.province) => {
  const response = await call('GET', `/api/processes/${key}/versions`, username);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ProcessVersions>();
};
const deploy = (xml: string, username: Username, comment?: string) =>
  call('POST', '/api/processes', username, { xml, ...(comment ? { comment } : {}) });

describe('drafts', () => {
  it('a draft is saved without deploying, replaced by the next save and read by the owner’s subtree', async () => {
    // given a key nobody owns, and the district admin's draft of it
    const key = `draft-${RUN}`;
    const first = await saveDraft(key, ADMINS.district, { xml: templateAs(key), comment: 'bản đầu' });
    expect(first.statusCode, first.body).toBe(200);
    // when the district admin saves again
    const second = await saveDraft(key, ADMINS.district, { xml: templateAs(key, 'Bản nháp hai'), comment: 'sửa tên' });
    expect(second.statusCode, second.body).toBe(200);

    // then the last save is the draft, for the district and the province above it
    for (const username of [ADMINS.district, ADMINS.province]) {
      const response = await readDraft(key, username);
      expect(response.statusCode).toBe(200);
      const { draft } = response.json<ProcessDraftAnswer>();
      expect(draft).toMatchObject({ key, comment: 'sửa tên', savedBy: ADMINS.district });
      expect(draft?.xml).toContain('name="Bản nháp hai"');
    }
    // and nothing was deployed
    expect((await versionsOf(key)).versions).toEqual([]);
    // and the save is audited, and claimed the key for the district
    const audit = await app.db.auditLog.findFirst({
      where: { action: 'process.draft.save', actor: ADMINS.district, entityId: key },
    });
    expect(audit?.data).toMatchObject({ key, comment: 'bản đầu' });
    const owner = await app.db.processOwner.findUnique({ where: { processKey: key }, include: { agency: true } });
    expect(owner?.agency.code).toBe(DISTRICT_CODE);
  });

  it.each([ADMINS.commune, ADMINS.unrelated])(
    '%s, outside the owner’s subtree, is told the draft’s key does not exist, even with a bad body',
    async (username) => {
      const key = `draft-out-${RUN}`;
      expect((await saveDraft(key, ADMINS.district, { xml: templateAs(key) })).statusCode).toBe(200);
      expect((await readDraft(key, username)).statusCode).toBe(404);
      expect((await saveDraft(key, username, { xml: 42 })).statusCode).toBe(404);
      expect((await saveDraft(key, username, { xml: templateAs(key) })).statusCode).toBe(404);
    },
  );

  it('a key without a draft answers null', async () => {
    const response = await readDraft(`no-draft-${RUN}`, ADMINS.district);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ key: `no-draft-${RUN}`, draft: null });
  });

  it.each([
    ['a diagram of another key', (key: string) => templateAs(`${key}-other`), /defines the process/],
    ['text that is not XML', () => 'không phải XML <', /cannot be read as XML/],
    ['XML without an executable process', () => '<a/>', /executable process/],
  ])('refuses %s with a 400 naming body/xml', async (_label, xmlFor, message) => {
    const key = `draft-bad-${RUN}`;
    const response = await saveDraft(key, ADMINS.district, { xml: xmlFor(key) });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0]).toMatchObject({ path: 'body/xml' });
    expect(response.json().message).toMatch(message);
  });
});

describe('versions', () => {
  it('lists each deployment with who, when and the comment, serves any version’s diagram and drops the draft', async () => {
    // given a draft, then v1 deployed by the district and v2 by the province, each with a comment
    const key = `versions-${RUN}`;
    expect((await saveDraft(key, ADMINS.district, { xml: templateAs(key) })).statusCode).toBe(200);
    const before = Date.now();
    const v1 = await deploy(templateAs(key, 'Phiên bản một'), ADMINS.district, 'ban hành lần đầu');
    expect(v1.statusCode, v1.body).toBe(201);
    const v2 = await deploy(templateAs(key, 'Phiên bản hai'), ADMINS.province, 'rút ngắn thẩm định');
    expect(v2.statusCode, v2.body).toBe(201);

    // when the versions are listed
    const { versions } = await versionsOf(key, ADMINS.district);

    // then newest first, with who, when and why
    expect(versions.map((version) => version.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({ id: v2.json().id, deployedBy: ADMINS.province, comment: 'rút ngắn thẩm định' });
    expect(versions[1]).toMatchObject({ id: v1.json().id, deployedBy: ADMINS.district, comment: 'ban hành lần đầu' });
    for (const version of versions) expect(Date.parse(version.deployedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    // and each version's diagram is the one deployed
    for (const [version, name] of [
      [1, 'Phiên bản một'],
      [2, 'Phiên bản hai'],
    ] as const) {
      const response = await call('GET', `/api/processes/${key}/versions/${version}/xml`, ADMINS.district);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ key, version });
      expect(response.json().xml).toContain(`name="${name}"`);
    }
    expect((await call('GET', `/api/processes/${key}/versions/3/xml`, ADMINS.district)).statusCode).toBe(404);
    // and the deployment superseded the draft
    expect((await readDraft(key, ADMINS.district)).json()).toEqual({ key, draft: null });
  });

  it.each(Object.values(PROCESS_KEYS))(
    'lists the versions of %s newest first, the latest being the one served',
    async (key) => {
      const { versions } = await versionsOf(key);
      expect(versions.length).toBeGreaterThan(0);
      const numbers = versions.map((version) => version.version);
      expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
      const latest = await call('GET', `/api/processes/${key}/xml`, ADMINS.province);
      const first = await call('GET', `/api/processes/${key}/versions/${numbers[0]}/xml`, ADMINS.province);
      expect(first.json().xml).toBe(latest.json().xml);
    },
  );

  it('counts the running dossiers on each version and those left on older versions', async () => {
    // given a procedure of the district running a new key, and a dossier received on v1
    const key = `running-${RUN}`;
    expect((await deploy(templateAs(key, 'v1'), ADMINS.district)).statusCode).toBe(201);
    const code = `9.${RUN}`;
    const created = await call(
      'POST',
      '/api/procedures',
      ADMINS.district,
      newProcedureBody(code, { processKey: key, processingDays: TEMPLATE_DAYS }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const documents = mandatoryDocuments(versionBody().requiredDocuments);
    const receive = () =>
      call('POST', '/api/dossiers', 'receptionist', dossierBody({ procedureCode: code, documents }));
    const first = await receive();
    expect(first.statusCode, first.body).toBe(201);
    expect((await versionsOf(key)).runningOnOlderVersions).toBe(0);

    // when v2 is deployed and a second dossier is received on it
    expect((await deploy(templateAs(key, 'v2'), ADMINS.district)).statusCode).toBe(201);
    expect((await receive()).statusCode).toBe(201);

    // then each version carries one running dossier, and one runs on an older version
    const listed = await versionsOf(key);
    expect(listed.versions.map((version) => [version.version, version.runningDossiers])).toEqual([
      [2, 1],
      [1, 1],
    ]);
    expect(listed.runningOnOlderVersions).toBe(1);

    // and a dossier that reaches a final status no longer counts
    await app.db.dossier.update({ where: { code: first.json().code }, data: { status: 'withdrawn' } });
    expect((await versionsOf(key)).runningOnOlderVersions).toBe(0);
  });
});
