/**
 * The default notification providers: instead of sending, each message is appended as one JSON line
 * to a local log file (NOTIFICATION_LOG), so nothing leaves the machine and a developer, a test or an
 * operator reading the file sees exactly what would have been sent.
 *
 * Like a real gateway, it honours the idempotency key: before writing, it reads the lines appended
 * since it last looked (by any process) and, when a line already carries the key, answers with that
 * line's reference instead of writing a second one. This is what makes a resend after a crash
 * between "sent" and "marked sent" harmless (see dispatcher.ts).
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import type { NotificationChannel } from '@motcua/db';
import type { NotificationProvider, OutboundMessage } from './provider.js';

/** One line of the log file. */
export interface LoggedNotification {
  loggedAt: string;
  channel: NotificationChannel;
  to: string;
  subject: string | null;
  body: string;
  kind: string;
  idempotencyKey: string;
  providerRef: string;
}

/** Reads the log file incrementally and remembers the reference written for each idempotency key. */
function createLogIndex(file: string) {
  const references = new Map<string, string>();
  let readUpTo = 0;

  async function catchUp(): Promise<void> {
    const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (!handle) return;
    try {
      const { size } = await handle.stat();
      if (size < readUpTo) {
        // the file was rotated or truncated: start over
        references.clear();
        readUpTo = 0;
      }
      if (size === readUpTo) return;
      const chunk = Buffer.alloc(size - readUpTo);
      await handle.read(chunk, 0, chunk.length, readUpTo);
      // a line another process is still writing is read next time
      const end = chunk.lastIndexOf(0x0a);
      if (end < 0) return;
      readUpTo += end + 1;
      for (const line of chunk.subarray(0, end).toString('utf8').split('\n')) {
        const entry = parseLine(line);
        if (entry) references.set(entry.idempotencyKey, entry.providerRef);
      }
    } finally {
      await handle.close();
    }
  }

  return {
    async referenceFor(key: string): Promise<string | undefined> {
      await catchUp();
      return references.get(key);
    },
    remember(key: string, reference: string) {
      references.set(key, reference);
    },
  };
}

function parseLine(line: string): Pick<LoggedNotification, 'idempotencyKey' | 'providerRef'> | null {
  if (!line.trim()) return null;
  try {
    const entry = JSON.parse(line) as Partial<LoggedNotification>;
    return typeof entry.idempotencyKey === 'string' && typeof entry.providerRef === 'string'
      ? { idempotencyKey: entry.idempotencyKey, providerRef: entry.providerRef }
      : null;
  } catch {
    return null; // a hand-edited or foreign line is not ours to judge
  }
}

/** A provider for `channel` that appends every message to `file` (created with its folder if missing). */
export function createLogFileProvider(channel: NotificationChannel, file: string): NotificationProvider {
  const index = createLogIndex(file);
  return {
    channel,
    async send(message: OutboundMessage) {
      const known = await index.referenceFor(message.idempotencyKey);
      if (known) return { providerRef: known };
      const entry: LoggedNotification = {
        loggedAt: new Date().toISOString(),
        channel,
        to: message.recipient,
        subject: message.subject,
        body: message.body,
        kind: message.kind,
        idempotencyKey: message.idempotencyKey,
        providerRef: `log-${channel}-${randomUUID()}`,
      };
      await mkdir(path.dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify(entry)}\n`, 'utf8');
      index.remember(entry.idempotencyKey, entry.providerRef);
      return { providerRef: entry.providerRef };
    },
  };
}

/** The default providers: SMS and e-mail both written to the same log file. */
export function createLogFileProviders(file: string): NotificationProvider[] {
  return [createLogFileProvider('sms', file), createLogFileProvider('email', file)];
}
