import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../src/passwords.js';

describe('password hashing', () => {
  it('verifies the password it hashed and rejects another one', async () => {
    // Given a stored hash
    const stored = await hashPassword('correct horse');
    // Then only the same password matches
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsf', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('writes a self-describing scrypt hash with a random salt', async () => {
    const first = await hashPassword('demo');
    const second = await hashPassword('demo');
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(second).not.toBe(first);
  });

  it('verifies a hash made with other cost parameters, read from the hash itself', async () => {
    // Given a hash whose parameters differ from today's defaults (as after raising the cost)
    const stored = await hashPassword('demo');
    const [, , , , salt] = stored.split('$');
    const { scryptSync } = await import('node:crypto');
    const key = scryptSync('demo', Buffer.from(salt!, 'base64url'), 32, { N: 1024, r: 4, p: 2 });
    const cheaper = `scrypt$1024$4$2$${salt}$${key.toString('base64url')}`;
    // Then verification uses the parameters written in it
    expect(await verifyPassword('demo', cheaper)).toBe(true);
    expect(await verifyPassword('demo2', cheaper)).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['another scheme', 'bcrypt$2b$10$abcdefghijklmnopqrstuv'],
    ['missing parts', 'scrypt$16384$8$1$c2FsdA'],
    ['non-numeric cost', 'scrypt$lots$8$1$c2FsdA$aGFzaA'],
    ['cost scrypt refuses', 'scrypt$1000$8$1$c2FsdA$aGFzaA'],
    ['empty hash', 'scrypt$16384$8$1$c2FsdA$'],
  ])('never matches a malformed stored hash (%s)', async (_case, stored) => {
    expect(await verifyPassword('demo', stored)).toBe(false);
  });
});
