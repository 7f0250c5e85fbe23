import type { FastifyInstance } from 'fastify';
import type { CreateDossierInput, HandedInDocument, RequiredDocument } from '@motcua/common';
import { DEMO_PROCEDURE } from '@motcua/db';

/**
 * Request helpers shared by the route tests: signing in as the demo accounts (tokens are cached
 * per app, as login is rate-limited to 10 per minute) and a valid dossier body.
 */
export const DEMO_PROCEDURE_CODE = '1.009994';
export const DISTRICT_CODE = '000.00.17.H41';
export const DOSSIER_CODE_PATTERN = /^000\.00\.17\.H41-\d{6}-\d{4,}$/;

/** A demo account, or another account a test created with the password `demo`. */
export type Username = 'admin' | 'receptionist' | 'specialist' | 'leader' | 'auditor' | (string & {});

const tokens = new WeakMap<FastifyInstance, Map<Username, string>>();

export async function tokenOf(app: FastifyInstance, username: Username): Promise<string> {
  const cache = tokens.get(app) ?? new Map<Username, string>();
  tokens.set(app, cache);
  const cached = cache.get(username);
  if (cached) return cached;
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: 'demo' },
  });
  if (response.statusCode !== 200)
    throw new Error(`login as ${username} failed: ${response.statusCode} ${response.body}`);
  const { token } = response.json<{ token: string }>();
  cache.set(username, token);
  return token;
}

export async function authHeader(app: FastifyInstance, username: Username): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await tokenOf(app, username)}` };
}

/** Every mandatory document of a procedure version, handed in with the originals and copies it asks for. */
export function mandatoryDocuments(required: readonly RequiredDocument[]): HandedInDocument[] {
  return required
    .filter((document) => document.mandatory)
    .map((document) => ({ name: document.name, originals: document.originals, copies: document.copies }));
}

/** The mandatory documents of the demo procedure (the construction permit, 1.009994). */
export const DEMO_DOCUMENTS = mandatoryDocuments(DEMO_PROCEDURE.requiredDocuments);

/** A complete reception of the demo procedure at the counter; `overrides` replace top-level fields. */
export function dossierBody(overrides: Partial<CreateDossierInput> = {}) {
  return {
    procedureCode: DEMO_PROCEDURE_CODE,
    applicant: {
      fullName: 'Võ Văn Tám',
      idNumber: '049190001234',
      phone: '0905123456',
      address: '12 Hùng Vương, thị trấn Nam Phước, huyện Duy Xuyên, Quảng Nam',
    },
    channel: 'counter' as const,
    documents: DEMO_DOCUMENTS,
    ...overrides,
  };
}

/** Receives a dossier as the receptionist (complete unless `overrides` say otherwise); returns the created dossier. */
export async function receiveDossier(app: FastifyInstance, overrides: Partial<CreateDossierInput> = {}) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/dossiers',
    headers: await authHeader(app, 'receptionist'),
    payload: dossierBody(overrides),
  });
  if (response.statusCode !== 201) throw new Error(`receiving failed: ${response.statusCode} ${response.body}`);
  return response.json<{ code: string; processInstanceId: string; id: string }>();
}
