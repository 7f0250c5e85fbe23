import { inject } from 'vitest';
import { createEngineClient } from '@motcua/common/engine';
import { engineGet as getFromEngine } from '@motcua/common/testing';

const access = () => ({ url: inject('engineUrl'), user: inject('engineUser'), password: inject('enginePassword') });

/** Direct access to the test engine, to check what the API did there. */
export function testEngine() {
  const { url, user, password } = access();
  return createEngineClient({ baseUrl: url, user, password });
}

/** GET on the engine REST API, for resources our engine client has no call for. */
export function engineGet<T>(path: string): Promise<T> {
  return getFromEngine<T>(access(), path);
}

/** An engine URL nobody listens on: the engine is "down". */
export const UNREACHABLE_ENGINE_URL = 'http://127.0.0.1:9/engine-rest';
