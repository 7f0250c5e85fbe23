/**
 * What the SQL-only benchmarks (sql-plans.ts, work-list-plans.ts) share: a province filled in plain
 * SQL, and a statement timed by EXPLAIN ANALYZE.
 */
import type pg from 'pg';
import type { Prisma } from '@motcua/db';

/**
 * A province in plain SQL: the root, 18 districts of 12 communes, a partner agency under the first
 * (busiest) district; each commune resolves one procedure, each district two. Dossiers over two
 * years; district i weighs 1/(i+1)^0.7; three in five are the commune's own procedure, the rest a
 * district's, a quarter of those received at one of its communes (the access rule's procedure
 * branch). The last 45 days are open, older ones finished; 2 % of the district's dossiers were
 * transferred to the partner; every open dossier past its appointment was flagged at risk once.
 */
export const SEED = (dossiers: number) => `
INSERT INTO "Agency" (id, code, name) VALUES (gen_random_uuid(), '000.00.00.H41', 'UBND tỉnh Quảng Nam');
INSERT INTO "Agency" (id, code, name, "parentId")
  SELECT gen_random_uuid(), format('000.00.%s.H41', lpad(i::text, 2, '0')), 'UBND huyện ' || i,
         (SELECT id FROM "Agency" WHERE code = '000.00.00.H41')
  FROM generate_series(1, 18) i;
INSERT INTO "Agency" (id, code, name, "parentId")
  SELECT gen_random_uuid(), format('%s.%s.%s.H41', lpad((c + 10)::text, 3, '0'), lpad(c::text, 2, '0'), lpad(i::text, 2, '0')),
         'UBND xã ' || i || '.' || c, (SELECT id FROM "Agency" WHERE code = format('000.00.%s.H41', lpad(i::text, 2, '0')))
  FROM generate_series(1, 18) i, generate_series(1, 12) c;
INSERT INTO "Agency" (id, code, name, "parentId")
  SELECT gen_random_uuid(), '000.30.01.H41', 'Phòng Tài nguyên và Môi trường', id FROM "Agency" WHERE code = '000.00.01.H41';

CREATE TEMP TABLE district AS
  SELECT *, coalesce(lag(upto) OVER (ORDER BY i), 0) AS lo FROM (
    SELECT a.id, a.code, i,
           sum(1 / power(i + 1, 0.7)) OVER (ORDER BY i) / sum(1 / power(i + 1, 0.7)) OVER () AS upto
    FROM "Agency" a, generate_series(1, 18) i WHERE a.code = format('000.00.%s.H41', lpad(i::text, 2, '0'))
  ) weighted;
CREATE TEMP TABLE commune AS
  SELECT a.id, a.code, d.i, row_number() OVER (PARTITION BY d.i ORDER BY a.code) AS c
  FROM "Agency" a JOIN district d ON a."parentId" = d.id WHERE a.code <> '000.30.01.H41';

INSERT INTO "Procedure" (id, code, "agencyId")
  SELECT gen_random_uuid(), '1.001193-' || code, id FROM commune;
INSERT INTO "Procedure" (id, code, "agencyId")
  SELECT gen_random_uuid(), p || '-' || code, id FROM district, unnest(ARRAY['2.000720', '1.009974']) p;
INSERT INTO "ProcedureVersion" (id, "procedureId", version, name, field, level, "processingDays", fees,
                                "requiredDocuments", "legalBasis", "processKey", "effectiveFrom", "createdBy")
  SELECT gen_random_uuid(), id, 1, 'Thủ tục ' || code, 'Hộ tịch', 'partial_online', 15, '[]', '[]',
         'Nghị định 118/2025/NĐ-CP', 'bench', '2024-01-01', 'bench'
  FROM "Procedure";
CREATE TEMP TABLE proc AS
  SELECT p."agencyId" AS agency_id, row_number() OVER (PARTITION BY p."agencyId" ORDER BY p.code) - 1 AS k,
         p.id, v.id AS version_id
  FROM "Procedure" p JOIN "ProcedureVersion" v ON v."procedureId" = p.id;

CREATE TEMP TABLE draw AS
  SELECT g, random() AS r_district, random() AS r_kind, floor(random() * 12)::int + 1 AS c,
         random() AS r_received, floor(random() * 2)::int AS district_procedure,
         now() AT TIME ZONE 'UTC' - random() * interval '730 days' AS received_at
  FROM generate_series(1, ${dossiers}) g;

INSERT INTO "Dossier" (id, code, "procedureId", "procedureVersionId", "legalRegime", "agencyId", "applicantName",
                       "applicantIdNumber", "applicantPhone", "applicantAddress", "requestSummary", status,
                       "receivedAt", "dueAt", "originalDueAt", "finishedAt", "processInstanceId", "receivedBy", "updatedAt")
SELECT gen_random_uuid(),
       receiving.code || '-' || to_char(x.received_at, 'YYMMDD') || '-' || lpad(x.g::text, 7, '0'),
       p.id, p.version_id, 'Nghị định 118/2025/NĐ-CP', receiving.id,
       (ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ','Hồ','Ngô'])[1 + x.g % 14] || ' ' ||
       (ARRAY['Văn','Thị','Hữu','Minh','Ngọc','Thanh','Đức','Quốc'])[1 + (x.g / 14) % 8] || ' ' ||
       (ARRAY['An','Bình','Cường','Dũng','Giang','Hà','Hải','Hạnh','Hiếu','Hoa','Hùng','Hương','Khánh','Lan','Linh',
              'Long','Mai','Minh','Nam','Nga','Nhung','Phong','Phúc','Phương','Quang','Quân','Sơn','Tâm','Thảo','Thắng',
              'Thủy','Trang','Trung','Tuấn','Tùng','Uyên','Việt','Vinh','Vy','Yến'])[1 + (x.g / 112) % 40],
       lpad(((x.g::bigint * 7919) % 1000000000000)::text, 12, '0'),
       '0905' || lpad((x.g % 1000000)::text, 6, '0'), 'Thôn ' || (x.g % 9 + 1), 'Bench',
       x.status::"DossierStatus", x.received_at, x.due_at, x.due_at,
       CASE WHEN x.open THEN NULL ELSE x.received_at + random() * interval '25 days' END,
       CASE WHEN x.open THEN 'bench-' || x.g END, 'bench', x.received_at
FROM (
  SELECT draw.*, d.i, d.id AS district_id, d.code AS district_code,
         received_at > now() AT TIME ZONE 'UTC' - interval '45 days' AS open,
         received_at + interval '1 day' * (10 + (g % 25)) AS due_at,
         CASE WHEN received_at > now() AT TIME ZONE 'UTC' - interval '45 days'
              THEN (ARRAY['received','in_progress','in_progress','in_progress','awaiting_supplement','at_other_agency','result_ready'])[1 + g % 7]
              ELSE (ARRAY['returned','returned','returned','returned','returned','returned','returned','returned','refused','withdrawn'])[1 + g % 10]
         END AS status
  FROM draw JOIN district d ON r_district > d.lo AND r_district <= d.upto
) x
JOIN commune cm ON cm.i = x.i AND cm.c = x.c
JOIN LATERAL (
  SELECT CASE WHEN x.r_kind < 0.6 OR x.r_received < 0.25 THEN cm.id ELSE x.district_id END AS id,
         CASE WHEN x.r_kind < 0.6 OR x.r_received < 0.25 THEN cm.code ELSE x.district_code END AS code
) receiving ON true
JOIN proc p ON p.agency_id = CASE WHEN x.r_kind < 0.6 THEN cm.id ELSE x.district_id END
            AND p.k = CASE WHEN x.r_kind < 0.6 THEN 0 ELSE x.district_procedure END
-- in the order they were received, as the rows of a real table lie
ORDER BY x.received_at;

INSERT INTO "InterAgencyTransfer" (id, "dossierId", "toAgencyId", "sentBy", "sentAt", "dueAt", "returnedAt")
  SELECT gen_random_uuid(), d.id, (SELECT id FROM "Agency" WHERE code = '000.30.01.H41'), 'bench',
         d."receivedAt" + interval '2 days', d."receivedAt" + interval '7 days',
         CASE WHEN d."finishedAt" IS NOT NULL THEN d."receivedAt" + interval '6 days' END
  FROM "Dossier" d JOIN "Procedure" p ON p.id = d."procedureId"
  WHERE p."agencyId" = (SELECT id FROM "Agency" WHERE code = '000.00.01.H41') AND random() < 0.02;

INSERT INTO "DossierEvent" ("dossierId", type, actor, "dedupeKey", "occurredAt")
  SELECT id, 'at_risk', 'system', 'at-risk:' || to_char("dueAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), "dueAt" - interval '1 day'
  FROM "Dossier" WHERE "finishedAt" IS NULL AND "dueAt" < now() AT TIME ZONE 'UTC';
`;

/**
 * `tasks` open tasks for the open dossiers of SEED, as the projection (domain/src/open-tasks.ts)
 * writes them: offered to the groups `role:code` of the agency that resolves the dossier's procedure
 * (a district's procedure received at a commune is the district's work), spread over the steps, due
 * dates around today, two in seven held by one of two specialists (`specialist`, `specialist-2`),
 * the rest claimable. `busiestShare` of them are the work of the busiest district (000.00.01.H41),
 * as a province's open work gathers where most dossiers go: at 100 000 tasks and 0.2, about 7 000
 * offered to its specialists, as the engine's seed of `npm run bench` gave (8 620). The triggers fill
 * each task's copies of its dossier and its offers, as in production.
 */
export const OPEN_TASKS = (tasks: number, busiestShare = 0.2) => `
CREATE TEMP TABLE open_dossier AS
  SELECT d."processInstanceId", a.code AS agency_code, row_number() OVER (ORDER BY d.id) AS n
  FROM "Dossier" d JOIN "Procedure" p ON p.id = d."procedureId" JOIN "Agency" a ON a.id = p."agencyId"
  WHERE d."finishedAt" IS NULL;
CREATE TEMP TABLE busiest_dossier AS
  SELECT "processInstanceId", agency_code, row_number() OVER (ORDER BY n) AS n
  FROM open_dossier WHERE agency_code = '000.00.01.H41';
INSERT INTO "OpenTask" (id, "processInstanceId", "processDefinitionId", "taskDefinitionKey", name, assignee,
                        created, due, "candidateGroups")
SELECT 'task-' || t, od."processInstanceId", 'bench:1:def',
       (ARRAY['appraise','approve','return-result','receive-supplement'])[1 + t % 4],
       'Bước ' || (1 + t % 4),
       CASE t % 7 WHEN 0 THEN 'specialist' WHEN 1 THEN 'specialist-2' END,
       now() AT TIME ZONE 'UTC' - (t % 240) * interval '1 hour',
       CASE WHEN t % 4 = 3 THEN NULL ELSE now() AT TIME ZONE 'UTC' + ((t % 480) - 120) * interval '1 hour' END,
       ARRAY[(ARRAY['specialist','leader','receptionist'])[1 + t % 3] || ':' || od.agency_code]
FROM generate_series(1, ${tasks}) t
JOIN (SELECT *, TRUE AS busiest FROM busiest_dossier UNION ALL SELECT *, FALSE FROM open_dossier) od
  -- a hash join on the dossier each task takes: the busiest district's for its share, any other's else
  ON od.busiest = (t % 1000 < ${Math.round(busiestShare * 1000)})
 AND od.n = 1 + (t - 1) % CASE WHEN t % 1000 < ${Math.round(busiestShare * 1000)}
                               THEN (SELECT count(*) FROM busiest_dossier) ELSE (SELECT count(*) FROM open_dossier) END;
ANALYZE "OpenTask";
`;

/** A statement to time: its text with $n placeholders and its values. */
export interface Statement {
  text: string;
  values: unknown[];
}

export const fromPrisma = (sql: Prisma.Sql): Statement => ({ text: sql.text, values: sql.values });

export interface Timed {
  ms: number;
  rows: number;
  plan: string;
}

/** The median over `runs` of EXPLAIN ANALYZE's planning and execution time, and the last plan. */
export async function timeStatement(client: pg.Client, runs: number, statement: Statement): Promise<Timed> {
  const times: number[] = [];
  let plan = '';
  let rows = 0;
  for (let run = 0; run < runs; run++) {
    const result = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
      statement.values,
    );
    const lines = result.rows.map((row) => row['QUERY PLAN']);
    const planning = Number(/Planning Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? 0);
    const execution = Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? 0);
    times.push(planning + execution);
    rows = Number(/actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(lines[0] ?? '')?.[1] ?? 0);
    plan = lines.join('\n');
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, rows, plan };
}

