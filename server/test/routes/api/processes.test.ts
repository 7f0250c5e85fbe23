import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../helpers/build.js';
import { authHeader } from '../../helpers/requests.js';

const KEY = 'house-construction-permit';

let app: FastifyInstance;
beforeAll(async () => {
  app = await build();
});
afterAll(async () => {
  await app.close();
});

async function latestXml(): Promise<string> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/processes/${KEY}/xml`,
    headers: await authHeader(app, 'admin'),
  });
  expect(response.statusCode).toBe(200);
  expect(response.json().key).toBe(KEY);
  return response.json<{ xml: string }>().xml;
}

async function deploy(xml: string, username = 'admin') {
  return app.inject({
    method: 'POST',
    url: '/api/processes',
    headers: await authHeader(app, username),
    payload: { xml },
  });
}

describe('GET /api/processes/:key/xml', () => {
  it('gives the admin the deployed diagram', async () => {
    expect(await latestXml()).toContain(`id="${KEY}"`);
  });

  it('answers 404 for a process that is not deployed', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/processes/no-such-process/xml',
      headers: await authHeader(app, 'admin'),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toBe('process no-such-process is not deployed');
  });

  it('answers 403 to a leader', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/processes/${KEY}/xml`,
      headers: await authHeader(app, 'leader'),
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('POST /api/processes', () => {
  it('deploys an edited diagram as the next version, and records who did it', async () => {
    // given the deployed diagram and its version
    const xml = await latestXml();
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
    const audit = await app.db.auditLog.findFirst({
      where: { action: 'process.deploy', entityId: response.json().id },
    });
    expect(audit).toMatchObject({ actor: 'admin', entity: 'process', data: { key: KEY, version: version + 1 } });
  });

  it('does not create a version when the same diagram is deployed again', async () => {
    const xml = await latestXml();
    const first = await deploy(xml);
    const second = await deploy(xml);
    expect(second.json().version).toBe(first.json().version);
  });

  it('answers 403 to a non-admin', async () => {
    const response = await deploy(await latestXml(), 'leader');
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
    const xml = await latestXml();
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
      issues: [{ path: 'body/xml', code: 'invalid_bpmn' }],
    });
    expect(await latestXml()).not.toContain('org.example.Steal');
  });

  it('answers 400 naming the element for a script task', async () => {
    const response = await deploy(
      '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">' +
        '<process id="scripted" isExecutable="true"><scriptTask id="run" scriptFormat="juel"><script>${1}</script></scriptTask></process></definitions>',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe('body/xml is not allowed: element "run": scriptTask runs a script on the engine');
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
