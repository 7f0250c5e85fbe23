import type { Agency, CreateAgency, UpdateAgency } from '@motcua/common';
import { ConflictError, InvalidFieldError, NotFoundError } from '@motcua/domain';
import type { Prisma } from '@motcua/db';
import type { TokenPayload } from '../schemas/auth.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';

/**
 * The agency tree as the admin unit keeps it: new agencies, names, parents, codes and mergers, within
 * the admin's own agency and the agencies below it. An agency outside that subtree does not exist for
 * the changes (404, decided by `authorize`, the route's guard, before the body is read), and one
 * named in a body is unknown (400 unknown_agency), so an admin never adds a root agency nor moves
 * their own agency. A code is never reissued (409 agency_code_taken); the code history is kept by
 * the database trigger (prisma/migrations/20261127100750_dossier_lifecycle): an old code keeps
 * resolving to its agency, and through the successor of a merger to the agency doing the work now.
 * Every write is audited in the same transaction.
 */

/** An agency the caller may change, as the guard hands it to the handler. */
export interface ManagedAgency {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  successorId: string | null;
}

export function createAgencyAdminService(deps: {
  agencies: AgencyRepository;
  /** Forgets the cached token checks, after a new code revoked the tokens of the agency's officers. */
  forgetTokenStates: () => void;
}) {
  const { agencies } = deps;

  /** The agency of the caller's subtree named by `code` in the body, or 400 unknown_agency on `path`. */
  async function inScope(caller: TokenPayload, code: string, path: string) {
    const [agency, scope] = await Promise.all([agencies.findByCode(code), agencies.subtreeIds(caller.agencyCode)]);
    if (!agency || !scope.includes(agency.id)) {
      throw new InvalidFieldError(path, `names no agency of yours or below it: ${code}`, 'unknown_agency');
    }
    return agency;
  }

  async function freshCode(code: string, path: string): Promise<void> {
    if (await agencies.codeEverUsed(code)) {
      throw new ConflictError(`the agency code ${code} has been issued before and is never reissued`, {
        path,
        code: 'agency_code_taken',
      });
    }
  }

  /**
   * A write that lost a race for its code to another one (both checked the code free, the other
   * stored first): the unique index or the code-history trigger refuses it, and that is the same
   * 409 as a code found taken beforehand, not a 500.
   */
  async function writing<T>(write: () => Promise<T>, code: string | undefined): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const { code: prismaCode, message } = error as { code?: unknown; message?: unknown };
      const taken = prismaCode === 'P2002' || (typeof message === 'string' && message.includes('never reissued'));
      if (code !== undefined && taken) {
        throw new ConflictError(`the agency code ${code} has been issued before and is never reissued`, {
          path: 'body/code',
          code: 'agency_code_taken',
        });
      }
      throw error;
    }
  }

  async function shown(id: string): Promise<Agency> {
    const agency = await agencies.show(id);
    if (!agency) throw new NotFoundError('the agency is gone');
    return agency;
  }

  return {
    /** The guard: the agency, when it is the caller's or one below it; 404 otherwise. */
    async authorize(caller: TokenPayload, code: string): Promise<ManagedAgency> {
      const [agency, scope] = await Promise.all([agencies.findByCode(code), agencies.subtreeIds(caller.agencyCode)]);
      if (!agency || !scope.includes(agency.id)) throw new NotFoundError(`no agency of yours has the code ${code}`);
      return agency;
    },

    /** A new agency below one of the caller's subtree. */
    async create(caller: TokenPayload, input: CreateAgency): Promise<Agency> {
      const parent = await inScope(caller, input.parentCode, 'body/parentCode');
      await freshCode(input.code, 'body/code');
      const id = await writing(() => agencies.write(
        {
          create: {
            code: input.code,
            name: input.name,
            parentId: parent.id,
            ...(input.parentName ? { parentName: input.parentName } : {}),
            ...(input.place ? { place: input.place } : {}),
          },
        },
        input.legalRef,
        (agency) => ({
          actor: caller.sub,
          action: 'agency.create',
          entity: 'agency',
          entityId: agency.id,
          data: { code: input.code, name: input.name, parentCode: input.parentCode, legalRef: input.legalRef ?? null },
        }),
      ), input.code);
      return shown(id);
    },

    /** A new name, code, parent or successor (a merger); `successorCode: null` undoes a merger. */
    async update(caller: TokenPayload, agency: ManagedAgency, input: UpdateAgency): Promise<Agency> {
      const update: Prisma.AgencyUncheckedUpdateInput = {};
      const changes: Record<string, { from: string | null; to: string | null }> = {};
      if (input.name !== undefined && input.name !== agency.name) {
        update.name = input.name;
        changes.name = { from: agency.name, to: input.name };
      }
      if (input.code !== undefined && input.code !== agency.code) {
        await freshCode(input.code, 'body/code');
        update.code = input.code;
        changes.code = { from: agency.code, to: input.code };
      }
      if (input.parentCode !== undefined) {
        const parent = await inScope(caller, input.parentCode, 'body/parentCode');
        if (parent.id !== agency.parentId) {
          // the parent must not lie in the agency's own subtree
          if ((await agencies.subtreeIds(agency.code)).includes(parent.id)) {
            throw new InvalidFieldError('body/parentCode', 'is the agency itself or one below it', 'agency_cycle');
          }
          update.parentId = parent.id;
          changes.parentCode = { from: null, to: parent.code };
        }
      }
      if (input.successorCode !== undefined) {
        const successor =
          input.successorCode === null ? null : await inScope(caller, input.successorCode, 'body/successorCode');
        if (successor && (successor.id === agency.id || (await agencies.successionIds(successor.id)).includes(agency.id))) {
          throw new InvalidFieldError('body/successorCode', 'would make the agency its own successor', 'agency_cycle');
        }
        if ((successor?.id ?? null) !== agency.successorId) {
          update.successorId = successor?.id ?? null;
          changes.successorCode = { from: null, to: successor?.code ?? null };
        }
      }
      if (Object.keys(changes).length === 0) return shown(agency.id);
      await writing(
        () =>
          agencies.write({ id: agency.id, update }, input.legalRef, () => ({
            actor: caller.sub,
            action: changes.successorCode?.to ? 'agency.merge' : 'agency.update',
            entity: 'agency',
            entityId: agency.id,
            data: { code: agency.code, changes, legalRef: input.legalRef ?? null },
          })),
        changes.code ? input.code : undefined,
      );
      if (changes.code) deps.forgetTokenStates();
      return shown(agency.id);
    },
  };
}
export type AgencyAdminService = ReturnType<typeof createAgencyAdminService>;
