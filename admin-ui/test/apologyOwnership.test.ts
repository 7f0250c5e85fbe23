import { describe, expect, it } from 'vitest';
import { isOwnApology } from '../src/apologies/ownership.js';

describe('the apology a leader drafted', () => {
  const apology = { draftedBy: { username: 'leader', fullName: 'Phạm Thị Dung' } };

  it('is the signed-in leader’s own when they drafted it', () => {
    expect(isOwnApology(apology, 'leader')).toBe(true);
  });

  it('is not another leader’s, nor anyone’s before the identity is known', () => {
    expect(isOwnApology(apology, 'xa.leader')).toBe(false);
    expect(isOwnApology(apology, undefined)).toBe(false);
  });
});
