import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@motcua/db';
import { UnauthenticatedError } from '@motcua/domain';
import { createAccountRepository } from '../../src/repositories/account-repository.js';
import { createAuditRepository } from '../../src/repositories/audit-repository.js';
import { createAccountService, TOKEN_CHECK_CACHE_MS } from '../../src/services/account-service.js';
import { ensureAccount } from '../helpers/accounts.js';
import { build } from '../helpers/build.js';

/**
 * Signing in, on the real database: an unknown username, an inactive account and a wrong password
 * go the same way as a right one (one account read, one password hash, one audit row), so neither
 * the answer nor the work done tells which usernames exist.
 */
let app: FastifyInstance;
beforeAll(async () => {
  app = await build();
  await ensureAccount(app.db, {
    username: 'inactive-officer',
    fullName: 'Mai Văn Sơn',
    roles: ['specialist'],
    agencyCode: '000.00.17.H41',
  });
  await app.db.account.update({ where: { username: 'inactive-officer' }, data: { active: false } });
});
afterAll(async () => {
  await app.close();
});

/** The service on the real repositories, with the real password check recorded. */
function recordingService() {
  const checkedHashes: string[] = [];
  const service = createAccountService({
    accounts: createAccountRepository(app.db),
    audit: createAuditRepository(app.db),
    loginFailuresPerMinute: 100,
    verifyPassword: (password, stored) => {
      checkedHashes.push(stored);
      return verifyPassword(password, stored);
    },
  });
  return { service, checkedHashes };
}

/** A stored scrypt hash: `scrypt$N$r$p$salt$hash`. */
const SCRYPT_HASH = /^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/;

describe('login', () => {
  const cases = [
    { name: 'a right password', username: 'specialist', password: 'demo', outcome: 'login.succeeded' },
    { name: 'a wrong password', username: 'specialist', password: 'not-demo', outcome: 'login.failed' },
    { name: 'an unknown username', username: 'nobody-here', password: 'demo', outcome: 'login.failed' },
    { name: 'an inactive account', username: 'inactive-officer', password: 'demo', outcome: 'login.failed' },
  ] as const;

  it.each(cases)('checks one password hash and writes one audit row for $name', async (attempt) => {
    const { service, checkedHashes } = recordingService();
    const before = new Date();
    // when the attempt is made
    const outcome = await service.login(attempt.username, attempt.password, '192.0.2.10').then(
      () => 'login.succeeded',
      (error: unknown) => (error instanceof UnauthenticatedError ? 'login.failed' : String(error)),
    );
    // then exactly one scrypt hash was checked, and one row written with the outcome
    expect(outcome).toBe(attempt.outcome);
    expect(checkedHashes).toHaveLength(1);
    expect(checkedHashes[0]).toMatch(SCRYPT_HASH);
    const rows = await app.db.auditLog.findMany({
      where: { entity: 'account', occurredAt: { gte: before }, data: { path: ['ip'], equals: '192.0.2.10' } },
    });
    expect(rows.map((row) => row.action)).toEqual([attempt.outcome]);
  });

  it('checks the unknown username against the same decoy hash as the inactive account, never a real one', async () => {
    const { service, checkedHashes } = recordingService();
    await service.login('nobody-here', 'demo', '192.0.2.11').catch(() => undefined);
    await service.login('inactive-officer', 'demo', '192.0.2.11').catch(() => undefined);
    const inactive = await app.db.account.findUniqueOrThrow({ where: { username: 'inactive-officer' } });
    expect(checkedHashes[0]).toBe(checkedHashes[1]);
    expect(checkedHashes[0]).not.toBe(inactive.passwordHash);
  });
});

describe('the token check of every authenticated request', () => {
  it(`reads the account once per ${TOKEN_CHECK_CACHE_MS / 1000} s, then again, and at once after this server changed it`, async () => {
    // given the real repository, with its reads of token states recorded, and a clock the test moves
    const repository = createAccountRepository(app.db);
    const reads: string[] = [];
    let clock = 1_000_000;
    const service = createAccountService({
      accounts: {
        ...repository,
        tokenState: (username) => {
          reads.push(username);
          return repository.tokenState(username);
        },
      },
      audit: createAuditRepository(app.db),
      loginFailuresPerMinute: 100,
      now: () => clock,
    });
    const account = await app.db.account.findUniqueOrThrow({ where: { username: 'specialist' } });
    const token = {
      sub: 'specialist',
      roles: ['specialist' as const],
      agencyCode: '000.00.17.H41',
      fullName: '',
      ver: account.tokenVersion,
    };

    // when fifty requests come within the window, then the account is read once and the token holds
    const answers = await Promise.all(Array.from({ length: 50 }, () => service.tokenIsCurrent(token)));
    expect(answers.every(Boolean)).toBe(true);
    expect(reads).toEqual(['specialist']);

    // when the window has passed, then the next request reads it again
    clock += TOKEN_CHECK_CACHE_MS;
    expect(await service.tokenIsCurrent(token)).toBe(true);
    expect(reads).toHaveLength(2);

    // when this server changed the account, then the next request reads it at once
    service.forgetTokenState('specialist');
    expect(await service.tokenIsCurrent(token)).toBe(true);
    expect(reads).toHaveLength(3);
  });
});
