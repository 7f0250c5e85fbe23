import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCESS_KEYS, type Issue } from '@motcua/common';
import { DEMO_AGENCIES } from '@motcua/db';
import { ensureAccount, ensureOtherDistrict, OTHER_DISTRICT, PROVINCE_CODE } from '../../helpers/accounts.js';
import { build } from '../../helpers/build.js';
import { byElementAndRule, readCase, refusedLocalCases } from '../../helpers/policy-cases.js';
import { testEngine } from '../../helpers/engine.js';
import { authHeader, DISTRICT_CODE, type Username } from '../../helpers/requests.js';
import { newProcedureBody, versionBody } from './procedure-bodies.js';

/**
 * /api/processes: deploying a diagram and reading it back, with who owns a process key (the
 * agencies whose procedures run it, or the agency that first deployed it) deciding which admins may
 * do either: the owner's admins and those of the agencies above it. The shipped keys are taken from
 * the catalogue and their seeded owners; the diagrams the policy refuses from the shared cases.
 */
const RUN = Date.now().toString(36);
const COMMUNE_CODE = DEMO_AGENCIES.commune.code;
const SHIPPED_KEYS: string[] = Object.values(PROCESS_KEYS);

/** An admin of each agency that stands in a relation to the district; the province's is the seeded `admin`. */
const ADMINS = {
  province: 'admin',
  district: 'process-admin-district',
  commune: 'process-admin-commune',
  unrelated: 'process-admin-unrelated',
} as const satisfies Record<string, Username>;

let app: FastifyInstance;
/** The agency code each shipped key was seeded for. */
let seededOwner: Map<string, string>;

beforeAll(async () => {
  app = await build();
  await ensureOtherDistrict(app.db);
  for (const [username, agencyCode] of [
    [ADMINS.district, DISTRICT_CODE],
    [ADMINS.commune, COMMUNE_CODE],
    [ADMINS.unrelated, OTHER_DISTRICT.code],
  ] as const) {
    await ensureAccount(app.db, { username, fullName: 'Quản trị quy trình', roles: ['admin'], agencyCode });
  }
  const rows = await app.db.processOwner.findMany({
    where: { processKey: { in: SHIPPED_KEYS } },
    select: { processKey: true, agency: { select: { code: true } } },
  });
  seededOwner = new Map(rows.map((row) => [row.processKey, row.agency.code]));
});
afterAll(async () => {
  await app.close();
});

async function readXml(key: string, username: Username = ADMINS.province) {
  return app.inject({ method: 'GET', url: `/api/processes/${key}/xml`, headers: await authHeader(app, username) });
}

async function latestXml(key: string): Promise<string> {
  const response = await readXml(key);
  expect(response.statusCode).toBe(200);
  expect(response.json().key).toBe(key);
  return response.json<{ xml: string }>().xml;
}

async function deploy(xml: string, username: Username = ADMINS.province) {
  return app.inject({
    method: 'POST',
    url: '/api/processes',
    headers: await authHeader(app, username),
    payload: { xml },
  });
}

/** A new diagram: start → a user task for `candidateGroups`, step 1 of one day → end, under `key`. */
function diagram(key: string, candidateGroups = 'specialist:${agencyCode}'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="${key}-definitions" targetNamespace="https://example.vn">
  <bpmn:process id="${key}" isExecutable="true" camunda:historyTimeToLive="180">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="to-work" sourceRef="start" targetRef="work"/>
    <bpmn:userTask id="work" camunda:candidateGroups="${candidateGroups}">
      <bpmn:extensionElements>
        <camunda:properties>
          <camunda:property name="step" value="1"/>
          <camunda:property name="budget" value="1d"/>
        </camunda:properties>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="to-end" sourceRef="work" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;
}

/** The newest audit row of an action by an actor on an entity. */
function lastAudit(action: string, actor: string, entityId?: string) {
  return app.db.auditLog.findFirst({ where: { action, actor, entityId }, orderBy: { id: 'desc' } });
}

/**
 * Whether a key is out of an admin's reach: its diagram does not exist for them (404, as for a key
 * nobody deployed), and deploying it is refused with 403 and audited with the key's owners.
 */
async function expectOutOfReach(key: string, xml: string, username: Username) {
  const read = await readXml(key, username);
  expect(read.statusCode).toBe(404);
  expect(read.json().message).toBe(`process ${key} is not deployed`);
  const response = await deploy(xml, username);
  expect(response.statusCode).toBe(403);
  expect(response.json().message).toMatch(new RegExp(`^process ${key} belongs to an agency outside yours`));
  expect(await lastAudit('process.deploy.refused', username, key)).toMatchObject({
    entity: 'process',
    data: { key, owners: expect.arrayContaining([expect.any(String)]) },
  });
}

describe('process key owners', () => {
  it('the seed registers every key the catalogue runs for the agency of the procedures that run it', async () => {
    const versions = await app.db.procedureVersion.findMany({
      where: { createdBy: 'seed' },
      select: { processKey: true, procedure: { select: { agency: { select: { code: true } } } } },
    });
    expect(new Set(versions.map((version) => version.processKey))).toEqual(new Set(SHIPPED_KEYS));
    for (const version of versions) {
      expect(seededOwner.get(version.processKey), version.processKey).toBe(version.procedure.agency.code);
    }
  });

  it.each(SHIPPED_KEYS)(
    'the province admin reads and deploys %s, owned below it, and the audit names the owner',
    async (key) => {
      const response = await deploy(await latestXml(key));
      expect(response.statusCode).toBe(201);
      expect(await lastAudit('process.deploy', ADMINS.province, response.json().id)).toMatchObject({
        data: { key, owners: [seededOwner.get(key)], claimed: false },
      });
    },
  );

  it.each(SHIPPED_KEYS)('the admin of an unrelated district may neither read nor deploy %s', async (key) => {
    await expectOutOfReach(key, await latestXml(key), ADMINS.unrelated);
  });

  it('the commune admin may neither read nor deploy the keys its district owns', async () => {
    const districtKeys = SHIPPED_KEYS.filter((key) => seededOwner.get(key) === DISTRICT_CODE);
    expect(districtKeys.length).toBeGreaterThan(0);
    for (const key of districtKeys) await expectOutOfReach(key, await latestXml(key), ADMINS.commune);
  });

  it('the keys a commune owns are read and deployed by its admin and by its district admin', async () => {
    const communeKeys = SHIPPED_KEYS.filter((key) => seededOwner.get(key) === COMMUNE_CODE);
    expect(communeKeys.length).toBeGreaterThan(0);
    for (const key of communeKeys) {
      const xml = await latestXml(key);
      for (const username of [ADMINS.commune, ADMINS.district]) {
        expect((await readXml(key, username)).statusCode).toBe(200);
        expect((await deploy(xml, username)).statusCode).toBe(201);
      }
    }
  });

  it('an admin deploying a key nobody owns claims it for their agency, which the agencies above share', async () => {
    // given a key that no procedure runs and nobody deployed
    const key = `commune-process-${RUN}`;
    // when the commune admin deploys it
    const first = await deploy(diagram(key), ADMINS.commune);
    // then it is deployed, owned by the commune, and the audit row says it was claimed
    expect(first.statusCode, first.body).toBe(201);
    expect(
      await app.db.processOwner.findUnique({ where: { processKey: key }, include: { agency: true } }),
    ).toMatchObject({
      createdBy: ADMINS.commune,
      agency: { code: COMMUNE_CODE },
    });
    expect(await lastAudit('process.deploy', ADMINS.commune, first.json().id)).toMatchObject({
      data: { key, version: 1, owners: [COMMUNE_CODE], claimed: true },
    });
    // and from then on it is the commune's: another district neither reads nor deploys it
    await expectOutOfReach(key, diagram(key, 'leader:${agencyCode}'), ADMINS.unrelated);
    // while the district above deploys a new version, which claims nothing
    const above = await deploy(diagram(key, 'leader:${agencyCode}'), ADMINS.district);
    expect(above.statusCode).toBe(201);
    expect(above.json().version).toBe(2);
    expect(await lastAudit('process.deploy', ADMINS.district, above.json().id)).toMatchObject({
      data: { owners: [COMMUNE_CODE], claimed: false },
    });
  });

  it('a diagram the engine refuses claims nothing', async () => {
    const key = `broken-process-${RUN}`;
    const response = await deploy(diagram(key).replace('targetRef="end"', 'targetRef="nowhere"'), ADMINS.commune);
    expect(response.statusCode).toBe(400);
    expect(await app.db.processOwner.findUnique({ where: { processKey: key } })).toBeNull();
    expect(
      await app.db.auditLog.count({ where: { action: 'process.deploy', data: { path: ['key'], equals: key } } }),
    ).toBe(0);
  });

  it('of two agencies deploying the same new key at once, one claims it and the other is refused', async () => {
    const key = `contested-process-${RUN}`;
    const responses = await Promise.all([deploy(diagram(key), ADMINS.commune), deploy(diagram(key), ADMINS.unrelated)]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 403]);
    const winner = responses[0]?.statusCode === 201 ? COMMUNE_CODE : OTHER_DISTRICT.code;
    expect(
      await app.db.processOwner.findUnique({ where: { processKey: key }, include: { agency: true } }),
    ).toMatchObject({ agency: { code: winner } });
  });
});

describe('naming a process key in a procedure version', () => {
  /** A procedure code no other test uses: the run's time in base 36 is letters and digits. */
  const procedureCode = (slug: string) => `9.${slug}-${RUN}`;

  /** An admin adds a procedure of their own agency, version 1 running `processKey`. */
  async function createProcedure(username: Username, agencyCode: string, code: string, processKey: string) {
    return app.inject({
      method: 'POST',
      url: '/api/procedures',
      headers: await authHeader(app, username),
      payload: { ...newProcedureBody(code, { processKey }), agencyCode },
    });
  }

  async function addVersion(username: Username, code: string, processKey: string) {
    return app.inject({
      method: 'POST',
      url: `/api/procedures/${code}/versions`,
      headers: await authHeader(app, username),
      payload: versionBody({ processKey, effectiveFrom: '2030-01-01T00:00:00+07:00' }),
    });
  }

  /** The key's owners as the process service counts them: its claim and the agencies of the procedures running it. */
  async function ownersOf(processKey: string): Promise<string[]> {
    const [claim, procedures] = await Promise.all([
      app.db.processOwner.findUnique({ where: { processKey }, include: { agency: true } }),
      app.db.procedure.findMany({ where: { versions: { some: { processKey } } }, include: { agency: true } }),
    ]);
    return [...new Set([...(claim ? [claim.agency.code] : []), ...procedures.map((row) => row.agency.code)])].sort();
  }

  function expectNotOwned(response: { statusCode: number; json: () => { issues?: Issue[] } }) {
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      expect.objectContaining({ path: 'body/processKey', code: 'process_not_owned' }),
    ]);
  }

  it('refuses another district’s key in a new procedure or a new version, which so gains no owner', async () => {
    // given the key of the district's construction permit, and a procedure of the other district on a key of its own
    const key = PROCESS_KEYS.houseConstructionPermit;
    const before = await ownersOf(key);
    const ownKey = `unrelated-process-${RUN}`;
    expect((await deploy(diagram(ownKey), ADMINS.unrelated)).statusCode).toBe(201);
    const code = procedureCode('dl');
    expect((await createProcedure(ADMINS.unrelated, OTHER_DISTRICT.code, code, ownKey)).statusCode).toBe(201);
    // when the other district's admin names the district's key in a new procedure, and in a new version of theirs
    const created = await createProcedure(ADMINS.unrelated, OTHER_DISTRICT.code, procedureCode('dl2'), key);
    const versioned = await addVersion(ADMINS.unrelated, code, key);
    // then both are refused with 400 naming body/processKey
    expectNotOwned(created);
    expectNotOwned(versioned);
    // and the key's owners are what they were, so its diagram stays out of that admin's reach
    expect(await ownersOf(key)).toEqual(before);
    expect((await readXml(key, ADMINS.unrelated)).statusCode).toBe(404);
  });

  it('lets an admin name a key of the agencies below, and claims one nobody owns for the admin’s agency', async () => {
    // given a key the commune owns, and a key deployed straight to the engine that nobody owns
    const communeKey = `commune-run-${RUN}`;
    expect((await deploy(diagram(communeKey), ADMINS.commune)).statusCode).toBe(201);
    const unowned = `unowned-run-${RUN}`;
    await testEngine().deploy({
      name: unowned,
      source: 'processes.test.ts',
      files: [{ fileName: `${unowned}.bpmn`, content: diagram(unowned) }],
    });
    // when the district admin names the commune's key, and then the unowned one, in procedures of the district
    const below = await createProcedure(ADMINS.district, DISTRICT_CODE, procedureCode('below'), communeKey);
    const claimed = await createProcedure(ADMINS.district, DISTRICT_CODE, procedureCode('claim'), unowned);
    // then both are added, and the unowned key is the district's from now on
    expect(below.statusCode, below.body).toBe(201);
    expect(claimed.statusCode, claimed.body).toBe(201);
    expect(
      await app.db.processOwner.findUnique({ where: { processKey: unowned }, include: { agency: true } }),
    ).toMatchObject({ createdBy: ADMINS.district, agency: { code: DISTRICT_CODE } });
    // so the commune below may no longer name it
    expectNotOwned(await createProcedure(ADMINS.commune, COMMUNE_CODE, procedureCode('late'), unowned));
  });
});

describe('candidate groups written out in a diagram', () => {
  it.each([
    ['the admin’s own agency', 'own', `leader:${DISTRICT_CODE}`],
    ['an agency below it', 'below', `specialist:${COMMUNE_CODE}`],
    [
      'a role written as an expression and an agency below',
      'expression',
      `\${role}:${COMMUNE_CODE}, specialist:\${agencyCode}`,
    ],
  ])('are deployed when they name %s', async (_case, slug, groups) => {
    const response = await deploy(diagram(`groups-${slug}-${RUN}`, groups), ADMINS.district);
    expect(response.statusCode).toBe(201);
  });

  it.each([
    ['another district', 'other-district', `specialist:${OTHER_DISTRICT.code}`, 'diagram_group_agency'],
    ['the province above', 'province', `specialist:${PROVINCE_CODE}`, 'diagram_group_agency'],
    ['an agency nobody has', 'unknown-agency', 'specialist:000.99.99.H41', 'diagram_group_agency'],
    ['a role the system does not have', 'unknown-role', `clerk:${DISTRICT_CODE}`, 'diagram_group_role'],
    ['no agency at all', 'no-agency', 'specialist', 'diagram_group_role'],
  ])('are refused with 400 naming the element when they name %s', async (_case, slug, group, code) => {
    const key = `refused-groups-${slug}-${RUN}`;
    const response = await deploy(diagram(key, group), ADMINS.district);
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      {
        path: 'body/xml',
        code,
        message: expect.stringContaining('element "work"'),
        params: { element: 'work', group },
      },
    ]);
    expect((await readXml(key, ADMINS.district)).statusCode).toBe(404);
  });
});

/**
 * The refused shared cases (processes/policy-cases) that hold one executable process, as an admin
 * would upload them: a case without one is refused before the policy runs.
 */
const refusedCases = refusedLocalCases
  .map(([file, expected]) => ({ file, xml: readCase(file), expected }))
  .filter(({ xml }) => xml.match(/isExecutable="true"/g)?.length === 1);

describe('POST /api/processes with a diagram the policy refuses', () => {
  it('is tried on refused cases of the shared folder', () => {
    expect(refusedCases.length).toBeGreaterThan(0);
  });

  it.each(refusedCases)(
    'answers 400 for $file with an issue per violation, naming the element',
    async ({ xml, expected }) => {
      const response = await deploy(xml);
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(/^body\/xml is not allowed: /);
      const issues = response.json<{ issues: Issue[] }>().issues;
      expect(issues.every((issue) => issue.path === 'body/xml')).toBe(true);
      const named = issues.map((issue) => ({
        elementId: String(issue.params?.element),
        rule: issue.code?.replace(/^diagram_/, '') ?? '',
      }));
      expect(byElementAndRule(named)).toEqual(byElementAndRule(expected.violations ?? []));
    },
  );
});

describe('GET /api/processes/:key/xml', () => {
  it('answers 404 for a process that is not deployed', async () => {
    const response = await readXml('no-such-process');
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toBe('process no-such-process is not deployed');
  });

  it('answers 403 to a leader', async () => {
    expect((await readXml(PROCESS_KEYS.houseConstructionPermit, 'leader')).statusCode).toBe(403);
  });
});

describe('POST /api/processes', () => {
  const KEY = PROCESS_KEYS.houseConstructionPermit;

  it('deploys an edited diagram as the next version, and records who did it', async () => {
    // given the deployed diagram and its version
    const xml = await latestXml(KEY);
    const current = await deploy(xml);
    expect(current.statusCode).toBe(201);
    const { version } = current.json<{ version: number }>();
    // when the admin deploys an edited diagram
    const edited = xml.replace(
      /(<(?:bpmn:)?definitions\b[^>]*>)/,
      `$1<!-- edited by the server tests ${Date.now()} -->`,
    );
    const response = await deploy(edited);
    // then it becomes the next version
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ id: expect.any(String), key: KEY, version: version + 1 });
    expect(await lastAudit('process.deploy', ADMINS.province, response.json().id)).toMatchObject({
      entity: 'process',
      data: { key: KEY, version: version + 1 },
    });
  });

  it('does not create a version when the same diagram is deployed again', async () => {
    const xml = await latestXml(KEY);
    const first = await deploy(xml);
    const second = await deploy(xml);
    expect(second.json().version).toBe(first.json().version);
  });

  it('answers 403 to a non-admin', async () => {
    const response = await deploy(await latestXml(KEY), 'leader');
    expect(response.statusCode).toBe(403);
  });

  it('answers 400 naming body/xml for a diagram with two executable processes', async () => {
    const response = await deploy(
      '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">' +
        '<process id="a" isExecutable="true"/><process id="b" isExecutable="true"/></definitions>',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe('body/xml contains 2 executable processes (a, b); deploy exactly one');
  });

  it('answers 400 naming the element when the diagram would run Java code on the engine, and deploys nothing', async () => {
    // given the deployed diagram, edited so that a service task runs a Java class
    const xml = await latestXml(KEY);
    const edited = xml.replace(
      'camunda:type="external" camunda:topic="compute-appointment"',
      'camunda:class="org.example.Steal"',
    );
    expect(edited).not.toBe(xml);
    // when the admin deploys it
    const response = await deploy(edited);
    // then it is refused before it reaches the engine
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      message:
        'body/xml is not allowed: element "compute-appointment": camunda:class names a Java class for the engine to run',
      issues: [{ path: 'body/xml', code: 'diagram_java_class', params: { element: 'compute-appointment' } }],
    });
    expect(await latestXml(KEY)).not.toContain('org.example.Steal');
  });

  it('answers 400 naming body/xml when the engine rejects the diagram', async () => {
    const response = await deploy(
      '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">' +
        '<process id="broken" isExecutable="true"><sequenceFlow id="f" sourceRef="nowhere" targetRef="nothing"/></process></definitions>',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^body\/xml was rejected by the engine: /);
  });
});
