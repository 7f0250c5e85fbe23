import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCESS_KEYS } from '@motcua/common';
import { createEngineClient, type EngineClient } from '@motcua/common/engine';
import { createTestDatabase, startTestEngine, type TestDatabase, type TestEngine } from '@motcua/common/testing';
import { deployProcesses } from '@motcua/processes';

/**
 * The engine's production configuration: its tables in PostgreSQL (ENGINE_DB_URL) instead of the
 * embedded H2 file. The diagram deploys, an instance runs, and its history is stored there.
 */
let database: TestDatabase;
let testEngine: TestEngine;
let engine: EngineClient;

beforeAll(async () => {
  database = await createTestDatabase(pg, 'motcua_engine');
  const url = new URL(database.url);
  testEngine = await startTestEngine({
    env: {
      ENGINE_DB_URL: `jdbc:postgresql://${url.host}${url.pathname}`,
      ENGINE_DB_USER: decodeURIComponent(url.username),
      ENGINE_DB_PASSWORD: decodeURIComponent(url.password),
    },
  });
  engine = createEngineClient({ baseUrl: testEngine.url, user: testEngine.user, password: testEngine.password });
}, 200_000);

afterAll(async () => {
  await testEngine?.stop();
  await database?.drop();
}, 60_000);

describe('the engine on PostgreSQL', () => {
  it('keeps its definitions, running instances and history in the configured database', async () => {
    // Given the engine configured with ENGINE_DB_URL, when the permit process is deployed and started
    await deployProcesses(engine);
    const instance = await engine.startProcess(PROCESS_KEYS.houseConstructionPermit, {
      businessKey: '000.00.17.H41-261127-0001',
      variables: {
        dossierCode: '000.00.17.H41-261127-0001',
        procedureCode: '1.009994',
        agencyCode: '000.00.17.H41',
        receivedAt: new Date(),
        processingDays: 15,
      },
    });

    // Then the engine answers from PostgreSQL: the instance waits at compute-appointment in its history
    const steps = await engine.historicActivities(instance.id);
    expect(steps.map((step) => step.activityId)).toEqual(['received', 'compute-appointment']);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const definitions = await client.query<{ key_: string }>('SELECT key_ FROM act_re_procdef');
      expect(definitions.rows.map((row) => row.key_)).toContain(PROCESS_KEYS.houseConstructionPermit);
      const history = await client.query('SELECT 1 FROM act_hi_actinst WHERE proc_inst_id_ = $1', [instance.id]);
      expect(history.rowCount).toBe(2);
      const level = await client.query<{ value_: number }>(
        "SELECT value_ FROM act_ge_property WHERE name_ = 'historyLevel'",
      );
      expect(Number(level.rows[0]?.value_)).toBe(3); // 3 = full
    } finally {
      await client.end();
    }
  }, 60_000);
});
