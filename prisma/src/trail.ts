/**
 * The verifier of the tamper-evident trail: DossierEvent and AuditLog rows are chained by hash, one
 * chain per table, by a database trigger (migration 20261206150100_tamper_evident_trail, which says
 * why one chain per table). Each row stores its place in the chain (`chainSeq`, 1, 2, 3, … without
 * gaps), the hash of the row before it (`prevHash`, 64 zeros for the first) and `hash`, the SHA-256 of
 * its canonical content, which the database function `trail_content` writes and which includes both.
 *
 * This module walks each chain in order and names the first broken link: a row whose content no longer
 * matches its hash (edited), a place missing from the sequence (deleted), a row that does not follow
 * the one before it (slipped in, or its predecessor replaced). The hash is recomputed here, in Node,
 * not by the database, so a changed hash function in the database does not hide a change.
 *
 * Used by `npm run verify-trail` (src/bin/verify-trail.ts) and the server's GET /api/audit/trail/verify.
 */
import { createHash } from 'node:crypto';
import {
  TRAIL_TABLES,
  type TrailBreak,
  type TrailProblem,
  type TrailTable,
  type TrailTableResult,
  type TrailVerification,
} from '@motcua/common';

// The shapes of the answer live with the API's (common/src/api/trail.ts), which the UI reads too.
export { TRAIL_TABLES };
export type { TrailBreak, TrailProblem, TrailTable, TrailTableResult, TrailVerification };

/** The `prevHash` of the first row of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** How many rows one read takes: the walk keeps one page in memory whatever the table's size. */
const PAGE_SIZE = 5_000;

/** What the verifier needs of a Prisma client (or a transaction): raw reads. */
export interface TrailReader {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

interface ChainRow {
  id: string;
  chainSeq: string;
  prevHash: string;
  hash: string;
  /** ISO 8601 in UTC, as the application writes the column (a timestamp without its zone). */
  occurredAt: string;
  content: string;
}

/** SHA-256, lowercase hex, of a row's canonical content, as the trigger computes it. */
export function trailHash(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

function pageQuery(table: TrailTable): string {
  // `table` is one of TRAIL_TABLES, never caller input. Numbers as text: bigint beyond 2^53 stays exact.
  return `SELECT t."id"::text AS "id", t."chainSeq"::text AS "chainSeq", t."prevHash", t."hash",
            to_char(t."occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt", "trail_content"(t) AS "content"
          FROM "${table}" t WHERE t."chainSeq" > $1::bigint ORDER BY t."chainSeq" LIMIT ${PAGE_SIZE}`;
}

function describe(
  table: TrailTable,
  row: ChainRow,
  problem: TrailProblem,
  expected: string,
  found: string,
): TrailBreak {
  const where = `${table} id ${row.id} (chainSeq ${row.chainSeq})`;
  const text: Record<TrailProblem, string> = {
    content_changed:
      `${where}: nội dung đã bị sửa, không khớp mã băm đã lưu / ` +
      `its content was changed: stored hash ${found}, hash of the content ${expected}`,
    rows_missing:
      `${where}: thiếu bản ghi trước bản ghi này (đã bị xóa) / ` +
      `rows before it are missing (deleted): expected chainSeq ${expected}, found ${found}`,
    link_broken:
      `${where}: không nối tiếp bản ghi trước (bị chèn hoặc bản ghi trước bị thay) / ` +
      `it does not follow the row before it (inserted, or that row replaced): prevHash ${found}, ` +
      `hash of the row before ${expected}`,
  };
  return {
    problem,
    rowId: row.id,
    chainSeq: row.chainSeq,
    occurredAt: row.occurredAt,
    expected,
    found,
    message: text[problem],
  };
}

/** The first problem of `row`, given the row before it in the chain (null for the first). */
function checkLink(table: TrailTable, row: ChainRow, previous: ChainRow | null): TrailBreak | null {
  const expectedSeq = previous === null ? 1n : BigInt(previous.chainSeq) + 1n;
  // Sequence first: after a deletion the next row's prevHash is wrong too, and "missing" says more.
  if (BigInt(row.chainSeq) !== expectedSeq) {
    return describe(table, row, 'rows_missing', expectedSeq.toString(), row.chainSeq);
  }
  const computed = trailHash(row.content);
  if (computed !== row.hash) return describe(table, row, 'content_changed', computed, row.hash);
  const expectedPrev = previous === null ? GENESIS_HASH : previous.hash;
  if (row.prevHash !== expectedPrev) return describe(table, row, 'link_broken', expectedPrev, row.prevHash);
  return null;
}

/** Walks one table's chain from its first row and stops at the first broken link. */
export async function verifyTrailTable(db: TrailReader, table: TrailTable): Promise<TrailTableResult> {
  let previous: ChainRow | null = null;
  let rowsChecked = 0;
  // Rows a forger wrote with the column default (chainSeq 0) or below sort first and fail the sequence.
  let after = '-9223372036854775808';
  for (;;) {
    const rows = await db.$queryRawUnsafe<ChainRow[]>(pageQuery(table), after);
    for (const row of rows) {
      rowsChecked += 1;
      const broken = checkLink(table, row, previous);
      if (broken) return { table, ok: false, rowsChecked, head: headOf(previous), break: broken };
      previous = row;
    }
    if (rows.length < PAGE_SIZE) break;
    after = rows[rows.length - 1]!.chainSeq;
  }
  return { table, ok: true, rowsChecked, head: headOf(previous), break: null };
}

function headOf(row: ChainRow | null): TrailTableResult['head'] {
  return row === null ? null : { rowId: row.id, chainSeq: row.chainSeq, hash: row.hash };
}

/** Verifies every chained table; `ok` only when all are intact. */
export async function verifyTrail(db: TrailReader, now: () => Date = () => new Date()): Promise<TrailVerification> {
  const tables: TrailTableResult[] = [];
  for (const table of TRAIL_TABLES) tables.push(await verifyTrailTable(db, table));
  const ok = tables.every((result) => result.ok);
  return { ok, checkedAt: now().toISOString(), tables, summary: summarize(tables) };
}

function summarize(tables: TrailTableResult[]): string {
  const broken = tables.find((result) => result.break !== null);
  if (broken?.break) return `Chuỗi nhật ký bị phá vỡ / Trail broken: ${broken.break.message}`;
  const counts = tables.map((result) => `${result.table} ${result.rowsChecked}`).join(', ');
  return `Chuỗi nhật ký nguyên vẹn / Trail intact (${counts} rows)`;
}
