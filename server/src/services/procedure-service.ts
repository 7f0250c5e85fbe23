import {
  requiredDocumentCountProblems,
  type CreateProcedure,
  type FormTemplate,
  type FormTemplateMediaType,
  type Procedure,
  type ProcedureDetail,
  type ProcedureVersionInput,
  type PublicProcedure,
  type UploadFormTemplate,
} from '@motcua/common';
import { EngineError, type EngineClient } from '@motcua/common/engine';
import { ConflictError, ForbiddenError, InvalidFieldError, NotFoundError } from '@motcua/domain';
import type { TokenPayload } from '../schemas/auth.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { ProcedureRepository } from '../repositories/procedure-repository.js';
import type { ProcessService } from './process-service.js';

/**
 * The procedure catalogue: officers read the procedures of their agency subtree, the admin unit
 * adds procedures and versions of them within its subtree (regulation Art. 5.1–5.2: promptly, when
 * an agency notifies a change), and anyone reads the active ones. Versions are never edited: a
 * change is a new version, and dossiers stay pinned to the version they were received under.
 *
 * Editing a procedure (authorizeEdit) is for the admins of its agency and of the agencies above it.
 * Every officer reads every procedure (the catalogue is public), so another admin is refused with
 * 403; only a code no procedure has is a 404. The routes' guards ask before the body is read.
 *
 * A version names the process it runs, which makes the procedure's agency one of the key's owners
 * (./process-service.ts): so the admin must have the right to deploy that key (claimToRun), or the
 * version is refused with 400 process_not_owned naming body/processKey.
 */

/** A procedure of the catalogue with its agency, as authorizeEdit hands it to the edits. */
export type EditableProcedure = NonNullable<Awaited<ReturnType<ProcedureRepository['findByCode']>>>;

/** A version of a procedure the caller may edit, as authorizeVersionEdit hands it to addFormTemplate. */
export interface EditableVersion {
  procedure: EditableProcedure;
  version: NonNullable<Awaited<ReturnType<ProcedureRepository['findVersion']>>>;
}

/** How each accepted media type's files begin, so a template is what its media type says. */
const SIGNATURES: Record<FormTemplateMediaType, readonly number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  // docx and odt are ZIP packages
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [0x50, 0x4b, 0x03, 0x04],
  'application/vnd.oasis.opendocument.text': [0x50, 0x4b, 0x03, 0x04],
  // doc is an OLE2 compound file
  'application/msword': [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
};

export function startsWithSignature(content: Uint8Array, mediaType: FormTemplateMediaType): boolean {
  const signature = SIGNATURES[mediaType];
  return content.length >= signature.length && signature.every((byte, index) => content[index] === byte);
}

export function createProcedureService(deps: {
  agencies: AgencyRepository;
  procedures: ProcedureRepository;
  /** Who may name a process key in a version: the process service's ownership rule. */
  processes: Pick<ProcessService, 'claimToRun'>;
  engine: EngineClient;
  now?: () => Date;
}) {
  const { agencies, procedures, processes, engine } = deps;
  const now = deps.now ?? (() => new Date());

  /**
   * The checks zod cannot make: counts of each document, the process deployed in the engine, and
   * the caller's right to run it (see the module comment).
   */
  async function checkContent(caller: TokenPayload, input: ProcedureVersionInput): Promise<void> {
    const [problem] = requiredDocumentCountProblems(input.requiredDocuments);
    if (problem !== undefined) {
      throw new InvalidFieldError(
        `body/requiredDocuments/${problem}`,
        'must ask for at least one original or copy of the document',
        'document_count_required',
      );
    }
    try {
      await engine.latestDefinition(input.processKey);
    } catch (error) {
      if (error instanceof EngineError && error.status === 404) {
        throw new InvalidFieldError(
          'body/processKey',
          `${input.processKey} is not a process deployed in the engine`,
          'process_not_deployed',
        );
      }
      throw error;
    }
    if (!(await processes.claimToRun(caller, input.processKey))) {
      throw new InvalidFieldError(
        'body/processKey',
        `${input.processKey} is a process of an agency outside yours: only an admin of the agencies that ` +
          'run it, or of one above them, may name it in a procedure',
        'process_not_owned',
      );
    }
  }

  /** The procedure `code`, if the caller may edit it (see the module comment). */
  async function authorizeEdit(caller: TokenPayload, code: string): Promise<EditableProcedure> {
    const [procedure, scope] = await Promise.all([procedures.findByCode(code), agencies.subtreeIds(caller.agencyCode)]);
    if (!procedure) throw new NotFoundError(`procedure ${code} does not exist`);
    if (!scope.includes(procedure.agencyId)) {
      throw new ForbiddenError(
        `procedure ${code} belongs to ${procedure.agency.code}: only an admin of that agency, or of one above it, may change it`,
      );
    }
    return procedure;
  }

  async function detailOf(code: string): Promise<ProcedureDetail> {
    const detail = await procedures.findDetail(code, now());
    if (!detail) throw new NotFoundError(`procedure ${code} does not exist`);
    return detail;
  }

  return {
    async list(caller: TokenPayload, options: { includeInactive: boolean }): Promise<Procedure[]> {
      return procedures.list(await agencies.subtreeIds(caller.agencyCode), { ...options, now: now() });
    },

    /** Any officer may read any procedure: the catalogue is public, and partner agencies need it. */
    get(code: string): Promise<ProcedureDetail> {
      return detailOf(code);
    },

    async create(caller: TokenPayload, input: CreateProcedure): Promise<ProcedureDetail> {
      const agency = await agencies.findByCode(input.agencyCode);
      const scope = await agencies.subtreeIds(caller.agencyCode);
      if (!agency || !scope.includes(agency.id)) {
        throw new InvalidFieldError(
          'body/agencyCode',
          `${input.agencyCode} is not your agency or an agency below it`,
          'unknown_agency',
        );
      }
      await checkContent(caller, input);
      const { code, agencyCode, ...content } = input;
      const created = await procedures.create(
        { code, agencyId: agency.id, agencyCode, content, actor: caller.sub },
        now(),
      );
      if (!created) throw new ConflictError(`procedure ${code} already exists; add a version to change it`);
      return created;
    },

    /** The routes' guard of the edits of one procedure (see the module comment). */
    authorizeEdit,

    /** The version `versionNumber` of a procedure the caller may edit; 404 when it has none. */
    async authorizeVersionEdit(caller: TokenPayload, code: string, versionNumber: number): Promise<EditableVersion> {
      const procedure = await authorizeEdit(caller, code);
      const version = await procedures.findVersion(procedure.id, versionNumber);
      if (!version) throw new NotFoundError(`procedure ${code} has no version ${versionNumber}`);
      return { procedure, version };
    },

    /** Adds a version to a procedure authorized by authorizeEdit. */
    async addVersion(
      caller: TokenPayload,
      procedure: EditableProcedure,
      input: ProcedureVersionInput,
    ): Promise<ProcedureDetail> {
      await checkContent(caller, input);
      const result = await procedures.addVersion(procedure.id, input, caller.sub);
      if ('effectiveBefore' in result) {
        throw new InvalidFieldError(
          'body/effectiveFrom',
          `must not be before ${result.effectiveBefore.effectiveFrom.toISOString()}, ` +
            `when version ${result.effectiveBefore.version} takes effect`,
          'effective_before_previous',
        );
      }
      return detailOf(procedure.code);
    },

    /** Withdraws a procedure authorized by authorizeEdit from the catalogue, or brings it back. */
    async setActive(caller: TokenPayload, procedure: EditableProcedure, active: boolean): Promise<ProcedureDetail> {
      await procedures.setActive(procedure.id, active, caller.sub);
      return detailOf(procedure.code);
    },

    /** Attaches a template to a version authorized by authorizeVersionEdit. */
    async addFormTemplate(
      caller: TokenPayload,
      { procedure, version }: EditableVersion,
      input: UploadFormTemplate,
    ): Promise<FormTemplate> {
      const content = new Uint8Array(Buffer.from(input.contentBase64, 'base64'));
      if (!startsWithSignature(content, input.mediaType)) {
        throw new InvalidFieldError('body/contentBase64', `is not a ${input.mediaType} file`, 'file_type_mismatch');
      }
      return procedures.addFormTemplate(
        { id: version.id, version: version.version, procedureCode: procedure.code },
        { name: input.name, fileName: input.fileName, mediaType: input.mediaType, content },
        caller.sub,
      );
    },

    /** A template to download; `public` limits it to the active procedures of the public catalogue. */
    async formTemplate(query: { procedureCode: string; id: string; version?: number; public: boolean }) {
      const template = await procedures.findFormTemplate({ ...query, activeOnly: query.public });
      if (!template) throw new NotFoundError(`procedure ${query.procedureCode} has no form template ${query.id}`);
      return template;
    },

    async listPublic(query: { agencyCode?: string | undefined }): Promise<PublicProcedure[]> {
      if (query.agencyCode === undefined) return procedures.listPublic(undefined, now());
      return procedures.listPublic(await agencies.subtreeIds(query.agencyCode), now());
    },

    async getPublic(code: string): Promise<PublicProcedure> {
      const procedure = await procedures.findPublic(code, now());
      if (!procedure) throw new NotFoundError(`procedure ${code} is not in the public catalogue`);
      return procedure;
    },
  };
}
export type ProcedureService = ReturnType<typeof createProcedureService>;
