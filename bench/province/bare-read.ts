/**
 * The baseline of the point reads: the least a Node server can do to answer a dossier by its code —
 * Fastify, a pg Pool and one SQL statement reading the same row (with its procedure, version and
 * agency) that the citizen lookup and the officer's read answer from, as JSON. No auth, validation,
 * ORM, access rule or timeliness.
 *
 *   DATABASE_URL=postgresql://… PORT=… node --import tsx bench/province/bare-read.ts
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const app = Fastify({ logger: false });

app.get('/health', async () => ({ ok: true }));

app.get<{ Params: { code: string } }>('/dossiers/:code', async (request, reply) => {
  const { rows } = await pool.query(
    `SELECT d.code, d.status, d."receivedAt", d."dueAt", d."finishedAt",
            p.code AS "procedureCode", v.name AS "procedureName", a.code AS "agencyCode", a.name AS "agencyName"
       FROM "Dossier" d
       JOIN "Procedure" p ON p.id = d."procedureId"
       JOIN "ProcedureVersion" v ON v.id = d."procedureVersionId"
       JOIN "Agency" a ON a.id = d."agencyId"
      WHERE d.code = $1`,
    [request.params.code],
  );
  if (rows.length === 0) return reply.code(404).send({ message: 'not found' });
  return rows[0];
});

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
const stop = () => void app.close().then(() => pool.end()).then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
