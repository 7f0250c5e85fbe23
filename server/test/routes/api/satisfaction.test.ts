import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DOSSIER_STATUSES,
  SATISFACTION_CRITERIA,
  type DossierStatus,
  type RatingRequest,
  type SatisfactionLevel,
  type SatisfactionReport,
} from '@motcua/common';
import { DEMO_PROCEDURE, DEMO_PROCEDURES } from '@motcua/db';
import { isFinal } from '@motcua/domain';
import { RATING_ATTEMPTS_PER_DOSSIER, satisfactionOfAgencies } from '../../../src/services/satisfaction-service.js';
import { periodBounds } from '../../../src/services/register-service.js';
import { ensureAccount, PROVINCE_CODE } from '../../helpers/accounts.js';
import { build } from '../../helpers/build.js';
import { buildLogged } from '../../helpers/logged-app.js';
import { authHeader, DEMO_PROCEDURE_CODE, DISTRICT_CODE, dossierBody, type Username } from '../../helpers/requests.js';

/**
 * The citizen's satisfaction rating (docs/legal.md §7): only a finished dossier, once, with the last
 * four digits of the phone given at reception as the second factor, which no answer or log line
 * reveals; the per-dossier and per-address limits; and the results per agency and per officer.
 */

const PHONE = '0905123456';
const COMMUNE_CODE = DEMO_PROCEDURES.birthRegistration.agencyCode;

let server: FastifyInstance;
let logOf: (act: () => Promise<unknown>) => Promise<string>;

beforeAll(async () => {
  ({ server, logOf } = await buildLogged());
});
afterAll(async () => {
  await server.close();
});

/** All points at `points`, or the given ones in criterion order. */
function scores(points: number | number[]): RatingRequest['scores'] {
  return Object.fromEntries(
    SATISFACTION_CRITERIA.map((criterion, i) => [criterion, Array.isArray(points) ? points[i] : points]),
  ) as RatingRequest['scores'];
}

function rating(overrides: Partial<RatingRequest> = {}): RatingRequest {
  return { phoneLastDigits: '3456', scores: scores(2), level: 'very_satisfied', ...overrides };
}

/**
 * A dossier received by `receptionist` (found incomplete, so no process runs) and then brought to
 * `status` as the workers would have; its phone is `phone`.
 */
async function dossierIn(
  status: DossierStatus,
  options: { receptionist?: Username; procedureCode?: string; phone?: string } = {},
): Promise<{ id: string; code: string }> {
  const procedureCode = options.procedureCode ?? DEMO_PROCEDURE_CODE;
  const response = await server.inject({
    method: 'POST',
    url: '/api/dossiers',
    headers: await authHeader(server, options.receptionist ?? 'receptionist'),
    payload: dossierBody({
      procedureCode,
      applicant: { ...dossierBody().applicant, phone: options.phone ?? PHONE },
      outcome: 'incomplete',
      missingItems: [
        procedureCode === DEMO_PROCEDURE_CODE
          ? DEMO_PROCEDURE.requiredDocuments[0]!.name
          : DEMO_PROCEDURES.birthRegistration.requiredDocuments[0]!.name,
      ],
      documents: [],
    }),
  });
  if (response.statusCode !== 201) throw new Error(`receiving failed: ${response.statusCode} ${response.body}`);
  const dossier = response.json<{ id: string; code: string }>();
  await server.db.dossier.update({
    where: { id: dossier.id },
    data: { status, finishedAt: isFinal(status) ? new Date() : null },
  });
  return dossier;
}

function rate(code: string, body: unknown, remoteAddress = '203.0.113.1') {
  return server.inject({
    method: 'POST',
    url: `/api/public/dossiers/${encodeURIComponent(code)}/rating`,
    payload: body as object,
    remoteAddress,
  });
}

/** Whether the dossier has a rating stored. */
async function rated(id: string): Promise<boolean> {
  return (await server.db.satisfactionRating.count({ where: { dossierId: id } })) === 1;
}

describe('POST /api/public/dossiers/:code/rating', () => {
  it.each(DOSSIER_STATUSES.map((status) => [status, isFinal(status)] as const))(
    'a dossier %s can be rated: %s',
    async (status, finished) => {
      // given a dossier in the status, with the applicant's phone
      const dossier = await dossierIn(status);
      // when the applicant rates it with the right digits
      const response = await rate(dossier.code, rating());
      // then only a finished one (returned, refused, withdrawn) takes the rating; the others answer 409
      if (finished) {
        expect(response.statusCode, response.body).toBe(201);
        expect(response.json()).toEqual({ code: dossier.code, level: 'very_satisfied', ratedAt: expect.any(String) });
      } else {
        expect(response.statusCode, response.body).toBe(409);
        expect(response.json<{ message: string }>().message).toMatch(/not finished/);
      }
      expect(await rated(dossier.id)).toBe(finished);
    },
  );

  it('takes one rating per dossier, even two at once', async () => {
    // given a returned dossier
    const dossier = await dossierIn('returned');
    // when it is rated twice at the same time, and once more afterwards
    const both = await Promise.all([rate(dossier.code, rating()), rate(dossier.code, rating({ level: 'dissatisfied' }))]);
    const again = await rate(dossier.code, rating({ level: 'satisfied' }));
    // then one is stored, the others are refused with 409
    expect(both.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ message: string }>().message).toMatch(/already been rated/);
    const stored = await server.db.satisfactionRating.findMany({ where: { dossierId: dossier.id } });
    expect(stored).toHaveLength(1);
  });

  it('answers a wrong second factor exactly as an unknown code, revealing neither the digits nor the dossier', async () => {
    // given a returned dossier, and a code of the same form that no dossier has
    const dossier = await dossierIn('returned');
    const unknown = `${DISTRICT_CODE}-991231-9999`;
    // when it is rated with wrong digits, and the unknown code with any
    let wrong!: Awaited<ReturnType<typeof rate>>;
    let none!: Awaited<ReturnType<typeof rate>>;
    const log = await logOf(async () => {
      wrong = await rate(dossier.code, rating({ phoneLastDigits: '3457' }));
      none = await rate(unknown, rating({ phoneLastDigits: '3456' }));
    });
    // then both answers are the same 404, word for word once the code is set aside
    expect(wrong.statusCode).toBe(404);
    expect(none.statusCode).toBe(404);
    expect(wrong.body).toBe(none.body);
    expect(wrong.headers['content-type']).toBe(none.headers['content-type']);
    // and neither the answers nor the log lines carry the phone or its digits
    expect(log).toContain(dossier.code);
    for (const text of [wrong.body, none.body, log]) {
      expect(text).not.toMatch(/3456|3457|0905/);
    }
    expect(await rated(dossier.id)).toBe(false);
  });

  it('does not log the digits of a successful rating either, and audits it without them', async () => {
    // given a returned dossier
    const dossier = await dossierIn('returned', { phone: '0912000777' });
    // when it is rated with the right digits
    let response!: Awaited<ReturnType<typeof rate>>;
    const log = await logOf(async () => {
      response = await rate(dossier.code, rating({ phoneLastDigits: '0777', level: 'satisfied' }));
    });
    // then it is stored and audited as the citizen's, and the digits appear nowhere
    expect(response.statusCode, response.body).toBe(201);
    expect(log).toContain(dossier.code);
    expect(log).not.toMatch(/0777|912/);
    expect(response.body).not.toMatch(/0777|912/);
    const audit = await server.db.auditLog.findFirst({ where: { action: 'satisfaction.rate', entityId: dossier.code } });
    expect(audit).toMatchObject({ actor: 'citizen', entity: 'dossier', data: { level: 'satisfied' } });
    expect(JSON.stringify(audit?.data)).not.toMatch(/0777/);
  });

  it(`locks a dossier after ${RATING_ATTEMPTS_PER_DOSSIER} attempts, from any address, and then answers the right digits as a wrong code`, async () => {
    // given a returned dossier and wrong digits tried from as many addresses as the limit allows
    const dossier = await dossierIn('returned');
    const tries = Array.from({ length: RATING_ATTEMPTS_PER_DOSSIER }, (_, i) =>
      rate(dossier.code, rating({ phoneLastDigits: String(1000 + i) }), `198.51.100.${i + 10}`),
    );
    expect((await Promise.all(tries)).map((response) => response.statusCode)).toEqual(
      Array(RATING_ATTEMPTS_PER_DOSSIER).fill(404),
    );
    // when the right digits come next, from yet another address
    const right = await rate(dossier.code, rating(), '198.51.100.99');
    const unknown = await rate(`${DISTRICT_CODE}-991231-9998`, rating(), '198.51.100.98');
    // then they are refused with the very answer of an unknown code, and nothing is stored
    expect(right.statusCode).toBe(404);
    expect(right.body).toBe(unknown.body);
    expect(await rated(dossier.id)).toBe(false);
  });

  it('forgives attempts that succeeded: a right try does not count against the limit', async () => {
    // given a dossier still in progress, asked about with the right digits more often than the limit
    const dossier = await dossierIn('in_progress');
    for (let i = 0; i <= RATING_ATTEMPTS_PER_DOSSIER; i += 1) {
      expect((await rate(dossier.code, rating())).statusCode).toBe(409);
    }
    // when it is returned and rated
    await server.db.dossier.update({ where: { id: dossier.id }, data: { status: 'returned', finishedAt: new Date() } });
    const response = await rate(dossier.code, rating());
    // then the rating is taken
    expect(response.statusCode, response.body).toBe(201);
  });

  it.each([
    ['no digits', { phoneLastDigits: undefined }, 'body/phoneLastDigits'],
    ['three digits', { phoneLastDigits: '456' }, 'body/phoneLastDigits'],
    ['the whole phone number', { phoneLastDigits: '0905123456' }, 'body/phoneLastDigits'],
    ['letters', { phoneLastDigits: 'abcd' }, 'body/phoneLastDigits'],
    ['a level nobody has', { level: 'delighted' }, 'body/level'],
    ['three points', { scores: scores(3) }, 'body/scores/total_time'],
    ['a criterion missing', { scores: { ...scores(1), attitude: undefined } }, 'body/scores/attitude'],
    ['a criterion of our own', { scores: { ...scores(1), coffee: 2 } }, 'body/scores'],
  ])('refuses %s with 400 naming the field, before looking at the dossier', async (_label, change, field) => {
    // given a returned dossier and a body with one fault
    const dossier = await dossierIn('returned');
    // when it is sent
    const response = await rate(dossier.code, { ...rating(), ...change });
    // then 400 names the field, no attempt is counted and nothing is stored
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json<{ issues: { path: string }[] }>().issues.map((issue) => issue.path)).toContain(field);
    expect(await server.db.satisfactionAttempt.count({ where: { dossierId: dossier.id } })).toBe(0);
    expect(await rated(dossier.id)).toBe(false);
  });
});

describe('the per-address rate limit of the rating', () => {
  const LIMIT = 3;
  let limited: FastifyInstance;
  beforeAll(async () => {
    limited = await build({ RATE_LIMIT_PUBLIC_PER_MINUTE: String(LIMIT) });
  });
  afterAll(async () => {
    await limited.close();
  });

  it('refuses one client beyond the configured ratings per minute, with Retry-After', async () => {
    // given one client address trying codes
    const send = (i: number) =>
      limited.inject({
        method: 'POST',
        url: `/api/public/dossiers/${DISTRICT_CODE}-991231-${String(9000 + i)}/rating`,
        payload: rating(),
        remoteAddress: '192.0.2.77',
      });
    // when it sends one more than the limit
    const responses = [];
    for (let i = 0; i <= LIMIT; i += 1) responses.push(await send(i));
    // then the last one is refused
    expect(responses.slice(0, LIMIT).map((response) => response.statusCode)).toEqual(Array(LIMIT).fill(404));
    expect(responses[LIMIT]!.statusCode).toBe(429);
    expect(Number(responses[LIMIT]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});

describe('GET /api/reports/satisfaction', () => {
  /** A day of its own for this file's ratings, so other tests' ratings stay out of the period. */
  const DAY = '2025-03-14';
  const at = new Date(periodBounds({ from: DAY, to: DAY }).from.getTime() + 3 * 3600_000);
  const DISTRICT_OFFICER = 'sat.receptionist';

  /** A rated dossier, the rating moved into DAY. */
  async function ratedDossier(
    level: SatisfactionLevel,
    points: number[],
    options: { receptionist: Username; procedureCode?: string },
  ): Promise<void> {
    const dossier = await dossierIn('returned', options);
    const response = await rate(dossier.code, rating({ level, scores: scores(points) }));
    expect(response.statusCode, response.body).toBe(201);
    await server.db.satisfactionRating.update({ where: { dossierId: dossier.id }, data: { ratedAt: at } });
  }

  beforeAll(async () => {
    await ensureAccount(server.db, {
      username: DISTRICT_OFFICER,
      fullName: 'Trần Thị Hài Lòng',
      roles: ['receptionist'],
      agencyCode: DISTRICT_CODE,
    });
    // three ratings of the district's dossiers: two received by the demo receptionist, one by another officer
    await ratedDossier('very_satisfied', [2, 2, 2, 2, 2, 2, 2, 2, 2], { receptionist: 'receptionist' });
    await ratedDossier('satisfied', [2, 1, 1, 1, 2, 2, 1, 1, 1], { receptionist: 'receptionist' });
    await ratedDossier('dissatisfied', [0, 0, 1, 1, 1, 0, 0, 0, 0], { receptionist: DISTRICT_OFFICER });
    // one of the commune's
    await ratedDossier('satisfied', [1, 1, 1, 1, 1, 1, 1, 1, 1], {
      receptionist: 'xa.receptionist',
      procedureCode: DEMO_PROCEDURES.birthRegistration.code,
    });
  });

  async function report(username: Username, query = `from=${DAY}&to=${DAY}`) {
    return server.inject({
      method: 'GET',
      url: `/api/reports/satisfaction?${query}`,
      headers: await authHeader(server, username),
    });
  }

  it('counts per agency of the subtree, per officer and in total, as a hand-made table says', async () => {
    // when the district's leader reads the day
    const response = await report('leader');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<SatisfactionReport>();
    // then the district has 3 ratings: one of each level, 33.33 % each, 66.67 % satisfied
    const district = body.agencies.find((row) => row.agency.code === DISTRICT_CODE)!;
    expect(district).toMatchObject({
      ratings: 3,
      levels: { very_satisfied: 1, satisfied: 1, dissatisfied: 1 },
      percentages: { very_satisfied: 33.33, satisfied: 33.33, dissatisfied: 33.33 },
      satisfiedPercent: 66.67,
      // (2+2+0)/3, (2+1+0)/3, (2+1+1)/3 ... and the sums 18, 12, 3 → 11
      criteria: {
        total_time: 1.33,
        time_per_agency: 1,
        contacts: 1.33,
        agencies_contacted: 1.33,
        one_stop: 1.67,
        publication: 1.33,
        attitude: 1,
        feedback: 1,
        online_service: 1,
      },
      averageTotal: 11,
    });
    // the commune below it has its one rating
    expect(body.agencies.find((row) => row.agency.code === COMMUNE_CODE)).toMatchObject({
      ratings: 1,
      satisfiedPercent: 100,
      averageTotal: 9,
    });
    // an agency of the subtree without ratings has no figure, not 0 % or 100 %
    const silent = body.agencies.filter((row) => row.ratings === 0);
    expect(silent.length).toBeGreaterThan(0);
    for (const row of silent) expect(row.satisfiedPercent).toBeNull();
    // per officer: the one-stop officer who received each dossier, with the agency they received it for
    const officers = Object.fromEntries(body.officers.map((row) => [row.officer.username, row]));
    expect(Object.keys(officers).sort()).toEqual(['receptionist', DISTRICT_OFFICER, 'xa.receptionist'].sort());
    expect(officers.receptionist).toMatchObject({ ratings: 2, satisfiedPercent: 100, averageTotal: 15 });
    expect(officers[DISTRICT_OFFICER]).toMatchObject({
      officer: { username: DISTRICT_OFFICER, fullName: 'Trần Thị Hài Lòng' },
      agency: { code: DISTRICT_CODE },
      ratings: 1,
      satisfiedPercent: 0,
      averageTotal: 3,
    });
    expect(officers['xa.receptionist']).toMatchObject({ agency: { code: COMMUNE_CODE }, ratings: 1 });
    // in total: 4 ratings, 3 satisfied or better
    expect(body.total).toMatchObject({ ratings: 4, satisfiedPercent: 75, averageTotal: 10.5 });
  });

  it('reports an agency below the caller’s when asked, and refuses one outside the subtree', async () => {
    // when the district's leader asks for the commune, and the commune's leader for the district
    const commune = await report('leader', `from=${DAY}&to=${DAY}&agencyCode=${COMMUNE_CODE}`);
    const upwards = await report('xa.leader', `from=${DAY}&to=${DAY}&agencyCode=${DISTRICT_CODE}`);
    const unknown = await report('leader', `from=${DAY}&to=${DAY}&agencyCode=000.00.99.H41`);
    // then the commune alone is reported; the district is refused to the commune; an unknown agency is named
    expect(commune.statusCode).toBe(200);
    expect(commune.json<SatisfactionReport>().agencies.map((row) => row.agency.code)).toEqual([COMMUNE_CODE]);
    expect(commune.json<SatisfactionReport>().total.ratings).toBe(1);
    expect(upwards.statusCode).toBe(403);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ issues: { path: string }[] }>().issues[0]!.path).toBe('querystring/agencyCode');
  });

  it('gives the province every agency below it', async () => {
    // when the province's admin reads the day
    const response = await report('admin');
    // then the district and the commune are both counted
    expect(response.statusCode).toBe(200);
    const body = response.json<SatisfactionReport>();
    expect(body.agency.code).toBe(PROVINCE_CODE);
    expect(body.total.ratings).toBe(4);
  });

  it('is for oversight only: a receptionist or specialist is refused before the query is read', async () => {
    for (const username of ['receptionist', 'specialist'] as const) {
      expect((await report(username, 'from=nonsense')).statusCode).toBe(403);
    }
  });

  it('feeds the Decision 766 index: satisfactionOfAgencies gives the same figures per agency', async () => {
    // given the district's and the commune's ids
    const agencies = await server.db.agency.findMany({
      where: { code: { in: [DISTRICT_CODE, COMMUNE_CODE] } },
      select: { id: true, code: true },
    });
    // when the index's function is asked for the day
    const rows = await satisfactionOfAgencies(
      server.db,
      agencies.map((agency) => agency.id),
      periodBounds({ from: DAY, to: DAY }),
    );
    // then it gives the very figures of the report
    const byCode = new Map(agencies.map((agency) => [agency.id, agency.code]));
    const got = Object.fromEntries(rows.map((row) => [byCode.get(row.agencyId), row.satisfiedPercent]));
    expect(got).toEqual({ [DISTRICT_CODE]: 66.67, [COMMUNE_CODE]: 100 });
  });
});
