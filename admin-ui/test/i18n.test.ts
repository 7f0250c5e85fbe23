import { describe, expect, it } from 'vitest';
import englishMessages from 'ra-language-english';
import {
  APOLOGY_STATUSES,
  DOSSIER_CHANNELS,
  DOSSIER_EVENT_TYPES,
  DOSSIER_STATUSES,
  ISSUE_CODES,
  RECEPTION_OUTCOMES,
  RESULT_DELIVERIES,
  TASK_OUTCOMES,
  TIMELINESS,
  USER_TASKS,
} from '@motcua/common';
import { en } from '../src/i18n/en.js';
import { vi } from '../src/i18n/vi.js';

/** Every leaf key of a nested message object, dotted, sorted. */
function leafKeys(messages: object, prefix = ''): string[] {
  return Object.entries(messages)
    .flatMap(([key, value]) =>
      typeof value === 'object' && value !== null ? leafKeys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
    )
    .sort();
}

function valueAt(messages: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
}

describe('translations', () => {
  it('gives Vietnamese and English the very same keys', () => {
    // given both message catalogues, when comparing their leaf keys, then neither lacks one
    expect(leafKeys(vi)).toEqual(leafKeys(en));
  });

  it('translates every react-admin message into Vietnamese', () => {
    // given react-admin's English catalogue, then the Vietnamese one covers each of its keys
    const vietnameseKeys = new Set(leafKeys(vi));
    expect(leafKeys(englishMessages).filter((key) => !vietnameseKeys.has(key))).toEqual([]);
  });

  it('has no empty message in either language', () => {
    // react-admin shows a blank for a null boolean on purpose; every other message has words
    for (const messages of [vi, en]) {
      const blank = leafKeys(messages).filter((key) => {
        const value = valueAt(messages, key);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect(blank).toEqual(['ra.boolean.null']);
    }
  });

  it('names every word of the shared vocabulary: statuses, timeliness, channels, events, outcomes, tasks', () => {
    const keys = new Set(leafKeys(vi));
    const expected = [
      ...DOSSIER_STATUSES.map((status) => `motcua.dossier_status.${status}`),
      ...TIMELINESS.map((timeliness) => `motcua.timeliness.${timeliness}`),
      ...DOSSIER_CHANNELS.map((channel) => `motcua.channel.${channel}`),
      ...RESULT_DELIVERIES.map((delivery) => `motcua.result_delivery.${delivery}`),
      ...DOSSIER_EVENT_TYPES.map((type) => `motcua.event_type.${type}`),
      ...RECEPTION_OUTCOMES.map((outcome) => `motcua.reception.outcome.${outcome}`),
      ...TASK_OUTCOMES.map((outcome) => `motcua.tasks.outcome.${outcome}`),
      ...APOLOGY_STATUSES.map((status) => `motcua.apology_status.${status}`),
      ...Object.values(USER_TASKS).map((task) => `motcua.tasks.names.${task}`),
    ];
    expect(expected.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('has a sentence for every issue code of the API', () => {
    // given the stable codes the server puts on validation issues, then each has a message in both languages
    for (const messages of [vi, en]) {
      const keys = new Set(leafKeys(messages));
      expect(ISSUE_CODES.filter((code) => !keys.has(`motcua.validation.${code}`))).toEqual([]);
    }
  });

  it('speaks Vietnamese by default with the words officers use', () => {
    const flat = vi as unknown as {
      motcua: { tasks: { claim: string; unclaim: string; complete: string } };
      ra: { auth: { username: string } };
    };
    expect(flat.motcua.tasks).toMatchObject({ claim: 'Nhận xử lý', unclaim: 'Trả lại', complete: 'Hoàn thành' });
    expect(flat.ra.auth.username).toBe('Tên đăng nhập');
  });
});
