import { httpErrors } from '@fastify/sensible';
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
import type { TokenPayload } from '../schemas/auth.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { ProcedureRepository } from '../repositories/procedure-repository.js';
import { invalidField } from '../errors.js';

/**
 * The procedure catalogue: officers read the procedures of their agency subtree, the admin unit
 * adds procedures and versions of them within its subtree (regulation Art. 5.1–5.2: promptly, when
 * an agency notifies a change), and anyone reads the active ones. Versions are never edited: a
 * change is a new version, and dossiers stay pinned to the version they were received under.
 */

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
  engine: EngineClient;
  now?: () => Date;
}) {
  const { agencies, procedures, engine } = deps;
  const now = deps.now ?? (() => new Date());

  /** The checks zod cannot make: counts of each document, and the process deployed in the engine. */
  async function checkContent(input: ProcedureVersionInput): Promise<void> {
    const [problem] = requiredDocumentCountProblems(input.requiredDocuments);
    if (problem !== undefined) {
      throw invalidField(
        `body/requiredDocuments/${problem}`,
        'must ask for at least one original or copy of the document',
        'document_count_required',
      );
    }
    try {
      await engine.latestDefinition(input.processKey);
    } catch (error) {
      if (error instanceof EngineError && error.status === 404) {
        throw invalidField(
          'body/processKey',
          `${input.processKey} is not a process deployed in the engine`,
          'process_not_deployed',
        );
      }
      throw error;
    }
  }

  /** The procedure, if it belongs to the caller's subtree; 404 otherwise (the admin may not touch it). */
  async function ownProcedure(caller: TokenPayload, code: string) {
    const procedure = await procedures.findByCode(code);
    const scope = await agencies.subtreeIds(caller.agencyCode);
    if (!procedure || !scope.includes(procedure.agencyId))
      throw httpErrors.notFound(`procedure ${code} does not exist`);
    return procedure;
  }

  async function detailOf(code: string): Promise<ProcedureDetail> {
    const detail = await procedures.findDetail(code, now());
    if (!detail) throw httpErrors.notFound(`procedure ${code} does not exist`);
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
        throw invalidField(
          'body/agencyCode',
          `${input.agencyCode} is not your agency or an agency below it`,
          'unknown_agency',
        );
      }
      await checkContent(input);
      const { code, agencyCode, ...content } = input;
      const created = await procedures.create(
        { code, agencyId: agency.id, agencyCode, content, actor: caller.sub },
        now(),
      );
      if (!created) throw httpErrors.conflict(`procedure ${code} already exists; add a version to change it`);
      return created;
    },

    async addVersion(caller: TokenPayload, code: string, input: ProcedureVersionInput): Promise<ProcedureDetail> {
      const procedure = await ownProcedure(caller, code);
      await checkContent(input);
      const result = await procedures.addVersion(procedure.id, input, caller.sub);
      if ('effectiveBefore' in result) {
        throw invalidField(
          'body/effectiveFrom',
          `must not be before ${result.effectiveBefore.effectiveFrom.toISOString()}, ` +
            `when version ${result.effectiveBefore.version} takes effect`,
          'effective_before_previous',
        );
      }
      return detailOf(code);
    },

    async setActive(caller: TokenPayload, code: string, active: boolean): Promise<ProcedureDetail> {
      const procedure = await ownProcedure(caller, code);
      await procedures.setActive(procedure.id, active, caller.sub);
      return detailOf(code);
    },

    async addFormTemplate(
      caller: TokenPayload,
      code: string,
      versionNumber: number,
      input: UploadFormTemplate,
    ): Promise<FormTemplate> {
      const procedure = await ownProcedure(caller, code);
      const version = await procedures.findVersion(procedure.id, versionNumber);
      if (!version) throw httpErrors.notFound(`procedure ${code} has no version ${versionNumber}`);
      const content = new Uint8Array(Buffer.from(input.contentBase64, 'base64'));
      if (!startsWithSignature(content, input.mediaType)) {
        throw invalidField('body/contentBase64', `is not a ${input.mediaType} file`, 'file_type_mismatch');
      }
      return procedures.addFormTemplate(
        { id: version.id, version: version.version, procedureCode: code },
        { name: input.name, fileName: input.fileName, mediaType: input.mediaType, content },
        caller.sub,
      );
    },

    /** A template to download; `public` limits it to the active procedures of the public catalogue. */
    async formTemplate(query: { procedureCode: string; id: string; version?: number; public: boolean }) {
      const template = await procedures.findFormTemplate({ ...query, activeOnly: query.public });
      if (!template) throw httpErrors.notFound(`procedure ${query.procedureCode} has no form template ${query.id}`);
      return template;
    },

    async listPublic(query: { agencyCode?: string | undefined }): Promise<PublicProcedure[]> {
      if (query.agencyCode === undefined) return procedures.listPublic(undefined, now());
      return procedures.listPublic(await agencies.subtreeIds(query.agencyCode), now());
    },

    async getPublic(code: string): Promise<PublicProcedure> {
      const procedure = await procedures.findPublic(code, now());
      if (!procedure) throw httpErrors.notFound(`procedure ${code} is not in the public catalogue`);
      return procedure;
    },
  };
}
export type ProcedureService = ReturnType<typeof createProcedureService>;
