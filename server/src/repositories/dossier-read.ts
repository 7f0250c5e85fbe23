import { Prisma, type Db } from '@motcua/db';
import { queryPrepared } from './prepared-statements.js';

/**
 * A dossier with the relations every officer read needs (DOSSIER_INCLUDE of dossier-repository.ts)
 * in one SQL statement: Prisma's include loads them in eight statements, one round trip each, and
 * the officer's point read is the most frequent read after the citizen's lookup (docs/benchmarks.md,
 * "Point reads"). Prisma's own join strategy (`relationJoins`) is still a preview flag.
 *
 * The relations come back as JSON built by PostgreSQL and are turned back into the types Prisma
 * gives: timestamps (stored without a zone, in UTC) become Dates and 64-bit ids BigInts, field by
 * field as listed below. server/test/repositories/dossier-read.test.ts reads every dossier of a
 * test run both ways and expects the same rows, so a field added to one of these models and
 * forgotten here fails there.
 */

/** The DateTime fields of each model the read returns. */
const DATE_FIELDS = {
  Dossier: ['receivedAt', 'dueAt', 'originalDueAt', 'clockPausedAt', 'finishedAt', 'createdAt', 'updatedAt'],
  Procedure: ['createdAt'],
  ProcedureVersion: ['effectiveFrom', 'createdAt'],
  Agency: ['createdAt'],
  ClockPause: ['pausedAt', 'resumedAt'],
  InterAgencyTransfer: ['sentAt', 'dueAt', 'returnedAt'],
  DossierEvent: ['occurredAt'],
} as const;

/** The BigInt fields (sent as text, so that no digit is lost). */
const BIGINT_FIELDS = { DossierEvent: ['id', 'chainSeq'] } as const;

type Json = Record<string, unknown>;

/** A `timestamp(3)` as to_jsonb writes it ("2026-12-06T09:15:00.123", UTC without a zone). */
function utc(value: unknown): Date | null {
  return typeof value === 'string' ? new Date(`${value}Z`) : null;
}

function revive(model: keyof typeof DATE_FIELDS, json: Json): Json {
  const row: Json = { ...json };
  for (const field of DATE_FIELDS[model]) row[field] = utc(json[field]);
  if (model === 'DossierEvent') {
    for (const field of BIGINT_FIELDS.DossierEvent) {
      row[field] = json[field] === null || json[field] === undefined ? null : BigInt(json[field] as string);
    }
  }
  return row;
}

/** The statement: each row is one dossier with its relations, as one JSON object. */
function readStatement(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT to_jsonb(d) || jsonb_build_object(
      'procedure', to_jsonb(p),
      'procedureVersion', to_jsonb(v),
      'agency', to_jsonb(a),
      'pauses', COALESCE((SELECT jsonb_agg(to_jsonb(cp) ORDER BY cp."pausedAt", cp.id)
                          FROM "ClockPause" cp WHERE cp."dossierId" = d.id), '[]'::jsonb),
      'transfers', COALESCE((SELECT jsonb_agg(to_jsonb(t) || jsonb_build_object('toAgency', to_jsonb(ta))
                                              ORDER BY t."sentAt", t.id)
                             FROM "InterAgencyTransfer" t JOIN "Agency" ta ON ta.id = t."toAgencyId"
                             WHERE t."dossierId" = d.id), '[]'::jsonb),
      -- the supplement request at reception, the latest one (DOSSIER_INCLUDE's events)
      'events', COALESCE((SELECT jsonb_agg(to_jsonb(e) || jsonb_build_object('id', e.id::text, 'chainSeq', e."chainSeq"::text))
                          FROM (SELECT * FROM "DossierEvent" ev
                                WHERE ev."dossierId" = d.id AND ev.type = 'reception_incomplete'
                                ORDER BY ev.id DESC LIMIT 1) e), '[]'::jsonb)
    ) AS dossier
    FROM "Dossier" d
    JOIN "Procedure" p ON p.id = d."procedureId"
    JOIN "ProcedureVersion" v ON v.id = d."procedureVersionId"
    JOIN "Agency" a ON a.id = d."agencyId"
    WHERE ${where}`;
}

/** Turns one row of the statement into the shape Prisma's include gives. */
function rowOf<T>(json: Json): T {
  const dossier = revive('Dossier', json);
  dossier.procedure = revive('Procedure', json.procedure as Json);
  dossier.procedureVersion = revive('ProcedureVersion', json.procedureVersion as Json);
  dossier.agency = revive('Agency', json.agency as Json);
  dossier.pauses = (json.pauses as Json[]).map((pause) => revive('ClockPause', pause));
  dossier.transfers = (json.transfers as Json[]).map((transfer) => ({
    ...revive('InterAgencyTransfer', transfer),
    toAgency: revive('Agency', transfer.toAgency as Json),
  }));
  dossier.events = (json.events as Json[]).map((event) => revive('DossierEvent', event));
  return dossier as T;
}

/**
 * The dossiers matching `where` (a condition on the alias `d`), with their relations, in one statement.
 * Prepared on the client's node-postgres pool when it has one (./prepared-statements.ts): Prisma's
 * runtime around the raw statement was about a sixth of the server's CPU on the officer's point read,
 * and the one jsonb column comes back parsed either way.
 */
export async function readDossiers<T>(db: Db, where: Prisma.Sql): Promise<T[]> {
  const rows = await queryPrepared<{ dossier: Json }>(db, readStatement(where));
  return rows.map((row) => rowOf<T>(row.dossier));
}
