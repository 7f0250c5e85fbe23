import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogFileProvider, type LoggedNotification } from '../../src/notifications/log-file-provider.js';
import type { OutboundMessage } from '../../src/notifications/provider.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'motcua-notifications-'));
  file = path.join(dir, 'logs', 'notifications.log');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function message(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    channel: 'sms',
    recipient: '0912345678',
    subject: null,
    body: 'Hồ sơ 000.00.17.H41-261127-0001 đã có kết quả.',
    kind: 'result_ready',
    idempotencyKey: 'result_ready:000.00.17.H41-261127-0001:sms',
    ...overrides,
  };
}

async function loggedLines(): Promise<LoggedNotification[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LoggedNotification);
}

describe('the log-file notification provider', () => {
  it('appends one JSON line per message, creating the file and its folder', async () => {
    // Given an SMS provider writing to a file that does not exist yet
    const provider = createLogFileProvider('sms', file);

    // When it sends a message
    const { providerRef } = await provider.send(message());

    // Then the file holds one line with everything that would have been sent, in Vietnamese as written
    expect(await loggedLines()).toEqual([
      {
        loggedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        channel: 'sms',
        to: '0912345678',
        subject: null,
        body: 'Hồ sơ 000.00.17.H41-261127-0001 đã có kết quả.',
        kind: 'result_ready',
        idempotencyKey: 'result_ready:000.00.17.H41-261127-0001:sms',
        providerRef,
      },
    ]);
    expect(providerRef).toMatch(/^log-sms-/);
  });

  it('answers a repeated idempotency key with the first reference and writes nothing, even after a restart', async () => {
    // Given a message already written by a provider that then went away (a crash before "marked sent")
    const first = await createLogFileProvider('sms', file).send(message());

    // When a new provider (the restarted dispatcher) is handed the same message again
    const again = await createLogFileProvider('sms', file).send(message());

    // Then it answers with the first reference, and the file still holds one line
    expect(again.providerRef).toBe(first.providerRef);
    expect(await loggedLines()).toHaveLength(1);
  });

  it('writes messages with different keys one after the other, SMS and e-mail in the same file', async () => {
    const sms = createLogFileProvider('sms', file);
    const email = createLogFileProvider('email', file);

    await sms.send(message());
    await email.send(
      message({
        channel: 'email',
        recipient: 'vo.thi.hoa@example.vn',
        subject: 'Hồ sơ đã có kết quả',
        idempotencyKey: 'result_ready:000.00.17.H41-261127-0001:email',
      }),
    );

    expect((await loggedLines()).map((line) => [line.channel, line.to, line.subject])).toEqual([
      ['sms', '0912345678', null],
      ['email', 'vo.thi.hoa@example.vn', 'Hồ sơ đã có kết quả'],
    ]);
  });
});
