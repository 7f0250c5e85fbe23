/**
 * An embedded PostgreSQL for running Một Cửa without installing a database: PGlite (PostgreSQL
 * compiled to WebAssembly, data in a plain folder) served over TCP with the PostgreSQL wire protocol,
 * so the server and the workers connect to it with ordinary `pg` pools.
 *
 * PGlite is a single backend session. Many clients share it through a multiplexer that gives one
 * client at a time the session for a whole *turn*: from its first message until PGlite reports the
 * session idle again (ReadyForQuery with status 'I'), that is, until its extended-protocol batch is
 * synced and any transaction it opened has ended. Other clients' messages wait meanwhile. This is
 * PgBouncer's transaction pooling: transactions are isolated from each other, but session state
 * (SET, session advisory locks, LISTEN, named prepared statements, temporary tables) is shared by all.
 *
 * We do not use @electric-sql/pglite-socket's server for this: its multiplexer (0.2.17) only keeps a
 * client exclusive inside an explicit BEGIN, and interleaves other clients' messages into a
 * Parse/Bind/Execute/Sync batch that arrives in several TCP chunks, so one client's Bind can run
 * another client's statement (see prisma/README.md, "Embedded PostgreSQL").
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** Default port of the embedded database, away from a real PostgreSQL's 5432. */
export const EMBEDDED_POSTGRES_PORT = 54329;

// Codes of the untyped packets a client may send before its StartupMessage.
const PROTOCOL_VERSION_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

const READY_FOR_QUERY = 0x5a; // 'Z'
const TERMINATE = 0x58; // 'X'
const SESSION_IDLE = 0x49; // 'I'
const SYNC_MESSAGE = Uint8Array.of(0x53, 0, 0, 0, 4);

function queryMessage(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const message = Buffer.alloc(5 + text.length);
  message.write('Q', 0, 'latin1');
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

/** The status byte of the last ReadyForQuery in a stream of backend messages, if any. */
function lastReadyStatus(reply: Uint8Array): number | undefined {
  const view = Buffer.from(reply.buffer, reply.byteOffset, reply.byteLength);
  let status: number | undefined;
  for (let offset = 0; offset + 5 <= view.length;) {
    const length = view.readInt32BE(offset + 1);
    if (length < 4) break;
    if (view[offset] === READY_FOR_QUERY) status = view[offset + 5];
    offset += 1 + length;
  }
  return status;
}

/** One client connection: frames its bytes into protocol messages waiting for a turn. */
class ClientConnection {
  readonly pending: Uint8Array[] = [];
  closed = false;
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;

  constructor(
    readonly socket: Socket,
    private readonly onMessages: (connection: ClientConnection) => void,
  ) {}

  receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (!this.closed && (this.started ? this.nextTypedMessage() : this.nextStartupPacket()));
    if (!this.closed && this.pending.length > 0) this.onMessages(this);
  }

  /** Handles one packet of the startup phase; returns false when more bytes are needed. */
  private nextStartupPacket(): boolean {
    if (this.buffer.length < 8) return false;
    const length = this.buffer.readInt32BE(0);
    const code = this.buffer.readInt32BE(4);
    if (length < 8) return this.fail();
    if (this.buffer.length < length) return false;
    const packet = Buffer.from(this.buffer.subarray(0, length));
    this.buffer = this.buffer.subarray(length);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      this.socket.write('N'); // no encryption on a loopback-only server; the client goes on in plain text
      return true;
    }
    // Anything else is refused, a CancelRequest included: with one backend shared by everyone,
    // cancelling "the running query" could hit another client's.
    if (code !== PROTOCOL_VERSION_3) return this.fail();
    this.started = true;
    this.pending.push(packet);
    return true;
  }

  private nextTypedMessage(): boolean {
    if (this.buffer.length < 5) return false;
    const length = this.buffer.readInt32BE(1);
    if (length < 4) return this.fail();
    if (this.buffer.length < 1 + length) return false;
    const message = Buffer.from(this.buffer.subarray(0, 1 + length));
    this.buffer = this.buffer.subarray(1 + length);
    // Terminate would end PGlite's session for every client: close only this connection instead.
    if (message[0] === TERMINATE) return this.fail();
    this.pending.push(message);
    return true;
  }

  private fail(): false {
    this.closed = true;
    this.pending.length = 0;
    this.socket.destroy();
    return false;
  }

  send(reply: Uint8Array): void {
    if (!this.closed && reply.length > 0) this.socket.write(reply);
  }
}

/** Gives the PGlite session to one client connection at a time, a turn at a time. */
class SessionMultiplexer {
  private owner: ClientConnection | null = null;
  private readonly waiting: ClientConnection[] = [];
  private running: Promise<void> | null = null;

  constructor(private readonly db: Promise<PGlite>) {}

  /** Called when a connection has new messages. */
  wake(connection: ClientConnection): void {
    if (connection !== this.owner && !this.waiting.includes(connection)) this.waiting.push(connection);
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
  }

  /** Called when a connection closes; its open transaction, if any, is rolled back on its turn. */
  drop(connection: ClientConnection): void {
    connection.closed = true;
    connection.pending.length = 0;
    const index = this.waiting.indexOf(connection);
    if (index >= 0) this.waiting.splice(index, 1);
    if (connection === this.owner) this.wake(connection);
  }

  /** Resolves when no message is being processed. */
  async settled(): Promise<void> {
    await this.running;
  }

  private async run(): Promise<void> {
    // If PGlite failed to open, startEmbeddedPostgres reports it and closes every connection.
    const db = await this.db.catch(() => null);
    if (db === null) return;
    for (;;) {
      if (this.owner === null) {
        this.owner = this.waiting.shift() ?? null;
        if (this.owner === null) return;
      }
      const connection = this.owner;
      if (connection.closed) {
        await this.endAbandonedTurn(db);
        this.owner = null;
        continue;
      }
      const message = connection.pending.shift();
      // The owner is mid-turn (inside a transaction or an unsynced batch): everyone waits for it.
      if (message === undefined) return;
      let reply: Uint8Array;
      try {
        reply = await db.runExclusive(() => db.execProtocolRaw(message));
      } catch {
        // PGlite failed on this message outside SQL (SQL errors are ordinary replies): drop the client.
        connection.closed = true;
        connection.socket.destroy();
        continue;
      }
      connection.send(reply);
      if (lastReadyStatus(reply) === SESSION_IDLE) {
        this.owner = null;
        if (connection.pending.length > 0) this.waiting.push(connection);
      }
    }
  }

  /**
   * A client left mid-turn: end its unsynced batch and roll back its transaction, as PostgreSQL does
   * when a connection drops. If even that fails PGlite is broken, and the next client will see it.
   */
  private async endAbandonedTurn(db: PGlite): Promise<void> {
    await db
      .runExclusive(async () => {
        await db.execProtocolRaw(SYNC_MESSAGE);
        if (db.isInTransaction()) await db.execProtocolRaw(queryMessage('ROLLBACK'));
      })
      .catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims `dataDir` for this process with a `<dataDir>.lock` file holding its pid, because two PGlite
 * instances writing the same files would corrupt them. A lock left by a dead process is taken over.
 * Returns the function that releases it.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = `${resolve(dataDir)}.lock`;
  try {
    await writeFile(lockPath, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
      throw new Error(`${dataDir} is already served by process ${holder} (lock file ${lockPath})`);
    }
    await writeFile(lockPath, String(process.pid));
  }
  return () => rm(lockPath, { force: true });
}

export interface EmbeddedPostgresOptions {
  /** Folder holding the database files; created if missing. One process per folder at a time. */
  dataDir: string;
  /** TCP port; 0 picks a free one. Default 54329. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1 (keep it on loopback: there is no authentication). */
  host?: string;
}

export interface EmbeddedPostgres {
  /** Connection URL for `pg`, Prisma or psql, e.g. postgresql://postgres@127.0.0.1:54329/postgres. */
  url: string;
  port: number;
  /** Stops accepting connections, closes the open ones and closes the database files. */
  stop(): Promise<void>;
}

/** Starts PGlite on `dataDir` and serves it on `host:port` until `stop()`. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  // Connections may arrive while the data folder is still opening: the multiplexer waits for it.
  let dbOpened: (db: PGlite) => void = () => undefined;
  let dbFailed: (error: unknown) => void = () => undefined;
  const db = new Promise<PGlite>((resolve, reject) => {
    dbOpened = resolve;
    dbFailed = reject;
  });
  db.catch(() => undefined); // an opening failure is thrown by this function itself, below
  const multiplexer = new SessionMultiplexer(db);

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const connection = new ClientConnection(socket, (ready) => multiplexer.wake(ready));
    socket.on('data', (chunk) => connection.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      multiplexer.drop(connection);
    });
  });

  // Listen before opening the data folder, so a second instance on a busy port never touches it.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? EMBEDDED_POSTGRES_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let unlock: (() => Promise<void>) | undefined;
  try {
    await mkdir(options.dataDir, { recursive: true });
    unlock = await lockDataDir(options.dataDir);
    const isNew = !existsSync(join(options.dataDir, 'PG_VERSION'));
    let database = await PGlite.create({ dataDir: options.dataDir });
    if (isNew) {
      // Creating the cluster grows PGlite's WebAssembly memory to about 800 MiB, which it never gives
      // back; reopening the created folder starts a fresh instance at less than half of that.
      await database.close();
      database = await PGlite.create({ dataDir: options.dataDir });
    }
    dbOpened(database);
  } catch (error) {
    dbFailed(error);
    server.close();
    for (const socket of sockets) socket.destroy();
    await unlock?.();
    throw error;
  }
  const releaseDataDir = unlock;

  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `postgresql://postgres@${urlHost}:${port}/postgres`,
    port,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      // Closing sockets hands abandoned turns to the multiplexer, which rolls them back first.
      await multiplexer.settled();
      await (await db).close();
      await releaseDataDir();
    },
  };
}
