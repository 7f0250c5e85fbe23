import { describe, expect, it } from 'vitest';
import { ConfigError, EngineEnvSchema, parseEnv } from '../src/config.js';

describe('EngineEnvSchema', () => {
  it('has no default engine account: without one, every process refuses to start, naming each variable', () => {
    // given an environment that names no engine account
    // when the server, the workers or the deployment script parse it
    // then they refuse, and say which variables are missing
    expect(() => parseEnv(EngineEnvSchema, {})).toThrow(
      new ConfigError('invalid configuration: ENGINE_USER is required; ENGINE_PASSWORD is required'),
    );
  });

  it('counts an empty password as missing, so a copied example file does not start with a blank one', () => {
    expect(() => parseEnv(EngineEnvSchema, { ENGINE_USER: 'motcua1a2b3c4d', ENGINE_PASSWORD: '' })).toThrow(
      /ENGINE_PASSWORD is required/,
    );
  });

  it('takes the account it is given, and only the engine address has a default', () => {
    expect(parseEnv(EngineEnvSchema, { ENGINE_USER: 'motcua1a2b3c4d', ENGINE_PASSWORD: 's3cret-from-engine.env' })).toEqual({
      ENGINE_URL: 'http://127.0.0.1:8080/engine-rest',
      ENGINE_USER: 'motcua1a2b3c4d',
      ENGINE_PASSWORD: 's3cret-from-engine.env',
    });
  });
});
