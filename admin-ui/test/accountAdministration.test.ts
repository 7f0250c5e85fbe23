import { describe, expect, it } from 'vitest';
import type { Agency } from '@motcua/common';
import { accountChanges, accountQuery, type AccountRecord } from '../src/accounts/accountsProvider.js';
import { agencyChoices, subtreeOf } from '../src/agencies/tree.js';

const agency = (code: string, parentCode: string | null, depth: number): Agency => ({
  id: code,
  code,
  name: `UBND ${code}`,
  parentCode,
  depth,
  successor: null,
  codes: [],
});

/** The province, two districts, a commune of each, depth-first as GET /api/agencies lists them. */
const TREE = [
  agency('P', null, 0),
  agency('D1', 'P', 1),
  agency('C1', 'D1', 2),
  agency('D2', 'P', 1),
  agency('C2', 'D2', 2),
];

describe('the agencies an admin manages', () => {
  it('are their own and those below it, for each level of the tree', () => {
    expect(subtreeOf(TREE, 'P').map((a) => a.code)).toEqual(['P', 'D1', 'C1', 'D2', 'C2']);
    expect(subtreeOf(TREE, 'D1').map((a) => a.code)).toEqual(['D1', 'C1']);
    expect(subtreeOf(TREE, 'C2').map((a) => a.code)).toEqual(['C2']);
    expect(subtreeOf(TREE, 'unknown')).toEqual([]);
  });

  it('are offered indented from the first one', () => {
    expect(agencyChoices(subtreeOf(TREE, 'D1'))).toEqual([
      { id: 'D1', name: 'UBND D1 (D1)' },
      { id: 'C1', name: '— UBND C1 (C1)' },
    ]);
  });
});

describe('the account list query', () => {
  it('sends the search, the agency, the active filter and the page', () => {
    expect(
      accountQuery({ filter: { q: ' lan ', agencyCode: 'D1', active: false }, pagination: { page: 2, perPage: 25 } }),
    ).toBe('?q=lan&agencyCode=D1&active=false&page=2&perPage=25');
    expect(accountQuery({ filter: { q: '   ' } })).toBe('');
  });
});

describe('an account change', () => {
  const previous: AccountRecord = {
    id: 'xa.specialist',
    username: 'xa.specialist',
    fullName: 'Lê Văn A',
    roles: ['specialist'],
    agency: { code: 'C1', name: 'UBND C1' },
    agencyCode: 'C1',
    active: true,
    mustChangePassword: false,
    passwordChangedAt: null,
    createdAt: '2026-12-06T00:00:00.000Z',
  };

  it('sends only what changed, so the audit log says what the admin did', () => {
    expect(accountChanges({ ...previous }, previous)).toEqual({});
    expect(accountChanges({ ...previous, roles: ['specialist'], active: false }, previous)).toEqual({ active: false });
    expect(accountChanges({ ...previous, roles: ['leader', 'specialist'], agencyCode: 'D1' }, previous)).toEqual({
      roles: ['leader', 'specialist'],
      agencyCode: 'D1',
    });
  });
});
