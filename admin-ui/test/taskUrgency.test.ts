import { describe, expect, it } from 'vitest';
import { urgencyOf } from '../src/tasks/urgency.js';

describe('task urgency', () => {
  const now = new Date('2026-11-27T02:00:00.000Z');

  it('flags a passed due date as overdue and one within two days as due soon', () => {
    expect(urgencyOf('2026-11-27T01:59:00.000Z', now)).toBe('overdue');
    expect(urgencyOf('2026-11-28T02:00:00.000Z', now)).toBe('due_soon');
    expect(urgencyOf('2026-12-05T02:00:00.000Z', now)).toBe('on_time');
    expect(urgencyOf(null, now)).toBe('no_due_date');
  });
});
