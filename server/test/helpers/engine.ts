import { inject } from 'vitest';
import { createEngineClient } from '@motcua/common/engine';

/** Direct access to the test engine, to check what the API did there. */
export function testEngine() {
  return createEngineClient({ baseUrl: inject('engineUrl'), user: 'demo', password: 'demo' });
}

/** GET on the engine REST API, for resources our engine client has no call for. */
export async function engineGet<T>(path: string): Promise<T> {
  const response = await fetch(`${inject('engineUrl')}${path}`, {
    headers: { authorization: `Basic ${Buffer.from('demo:demo').toString('base64')}`, accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`engine GET ${path} → ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** An engine URL nobody listens on: the engine is "down". */
export const UNREACHABLE_ENGINE_URL = 'http://127.0.0.1:9/engine-rest';
