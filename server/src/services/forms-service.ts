import type { ControlSheet } from '@motcua/common';
import { ConflictError, NotFoundError, statusPageUrl } from '@motcua/domain';
import type { DossierRepository, DossierRow } from '../repositories/dossier-repository.js';
import type { IssuerAgency, ReportRepository } from '../repositories/report-repository.js';
import {
  renderApology,
  renderControlSheet,
  renderReceipt,
  renderRefusal,
  renderSupplementRequest,
  type DossierFormBase,
  type FormApplicant,
  type FormIssuer,
} from '../forms/index.js';
import type { ControlSheetService } from './control-sheet-service.js';
import { HandedInDocumentsSchema, ItemsSchema, MissingItemsSchema } from './stored-dossier-json.js';

/**
 * The standard forms of one dossier as PDF (issue 3, points 4, 6, 7, 11), each assembled from what is
 * stored and rendered by server/src/forms. A form is only given where it applies to the dossier:
 *
 * - receipt (Mẫu 01): the dossier was received complete (its process started), with its appointment;
 * - supplement-request (Mẫu 02): the latest supplement request, at reception (incomplete) or during
 *   processing (a pause for supplement);
 * - refusal (Mẫu 03): the dossier was refused;
 * - apology (Mẫu 04): the latest approved apology;
 * - control-sheet (Mẫu 05): the process started.
 *
 * Where it does not apply the answer is 404 with the reason. The dossier comes authorized to read
 * (the routes' guard: DossierService.authorize).
 */
export const FORM_NAMES = ['receipt', 'supplement-request', 'refusal', 'apology', 'control-sheet'] as const;
export type FormName = (typeof FORM_NAMES)[number];

export interface RenderedForm {
  fileName: string;
  content: Buffer;
}

/** "UBND huyện Duy Xuyên" → "Duy Xuyên": the place of the date line when the agency has none set. */
function placeFromName(name: string): string {
  return name.replace(
    /^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+/iu,
    '',
  );
}

/** The header of the forms an agency issues (docs/legal.md §1.1). */
export function formIssuer(agency: IssuerAgency): FormIssuer {
  return {
    parentName: agency.parentName ?? agency.parent?.name ?? null,
    unitName: agency.unitName,
    agencyName: agency.name,
    place: agency.place ?? placeFromName(agency.name),
  };
}

function applicantOf(dossier: DossierRow): FormApplicant {
  return {
    name: dossier.applicantName,
    idNumber: dossier.applicantIdNumber || null,
    address: dossier.applicantAddress,
    phone: dossier.applicantPhone,
    email: dossier.applicantEmail,
  };
}

function notApplicable(code: string, form: FormName, reason: string) {
  return new NotFoundError(`dossier ${code} has no ${form} form: ${reason}`);
}

export function createFormsService(deps: {
  dossiers: DossierRepository;
  reports: ReportRepository;
  controlSheets: ControlSheetService;
  /** The citizen page's origin, e.g. http://127.0.0.1:3000 (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  now?: () => Date;
}) {
  const { dossiers, reports, controlSheets } = deps;
  const now = deps.now ?? (() => new Date());

  async function issuerOf(agencyId: string): Promise<FormIssuer> {
    const agency = await reports.issuer(agencyId);
    if (!agency) throw new Error(`agency ${agencyId} of a dossier does not exist`);
    return formIssuer(agency);
  }

  async function nameOf(username: string): Promise<string> {
    return (await reports.fullNames([username])).get(username) ?? username;
  }

  function base(dossier: DossierRow, issuer: FormIssuer, issuedAt: Date, number: number | null): DossierFormBase {
    return {
      issuer,
      number,
      issuedAt,
      dossierCode: dossier.code,
      statusUrl: statusPageUrl(deps.publicBaseUrl, dossier.code),
    };
  }

  async function controlSheetOf(dossier: DossierRow): Promise<ControlSheet> {
    if (!dossier.processInstanceId) {
      throw notApplicable(dossier.code, 'control-sheet', 'its processing has not started');
    }
    const events = await dossiers.events(dossier.id);
    const handling = await reports.issuer(dossier.procedure.agencyId);
    const sheet = await controlSheets.build(dossier, events, {
      code: handling?.code ?? dossier.agency.code,
      name: handling?.name ?? dossier.agency.name,
    });
    if (!sheet) throw notApplicable(dossier.code, 'control-sheet', 'its processing has not started');
    return sheet;
  }

  const renderers: Record<FormName, (dossier: DossierRow) => Promise<Buffer>> = {
    async receipt(dossier) {
      if (!dossier.processInstanceId) {
        throw notApplicable(dossier.code, 'receipt', `it was not received complete (status ${dossier.status})`);
      }
      if (!dossier.originalDueAt) {
        throw new ConflictError(`the appointment of dossier ${dossier.code} is being computed; try again in a moment`);
      }
      const events = await dossiers.events(dossier.id);
      // an incomplete dossier accepted later was received complete by whoever accepted it
      const reception = events.filter((event) => event.type === 'received').at(-1);
      return renderReceipt({
        ...base(dossier, await issuerOf(dossier.agencyId), dossier.receivedAt, null),
        applicant: applicantOf(dossier),
        requestSummary: dossier.requestSummary,
        documents: HandedInDocumentsSchema.parse(dossier.documents),
        setCount: dossier.setCount,
        processingDays: dossier.procedureVersion.processingDays,
        receivedAt: dossier.receivedAt,
        dueAt: dossier.originalDueAt,
        resultDelivery: dossier.resultDelivery,
        deliveryAddress: dossier.deliveryAddress,
        registerEntry: null,
        receiverName: await nameOf(reception?.actor ?? dossier.receivedBy),
      });
    },

    async 'supplement-request'(dossier) {
      const events = await dossiers.events(dossier.id);
      const atReception = events.filter((event) => event.type === 'reception_incomplete').at(-1);
      const pause = dossier.pauses.filter((entry) => entry.reason === 'supplement').at(-1);
      const request =
        pause && (!atReception || pause.pausedAt.getTime() >= atReception.occurredAt.getTime())
          ? { items: ItemsSchema.parse(pause.items), reason: pause.note, by: pause.requestedBy, at: pause.pausedAt }
          : atReception
            ? {
                items: MissingItemsSchema.parse(atReception.data ?? {}).missingItems,
                reason: atReception.note,
                by: atReception.actor,
                at: atReception.occurredAt,
              }
            : null;
      if (!request) {
        throw notApplicable(dossier.code, 'supplement-request', 'no supplement was requested, at reception or since');
      }
      const issuer = await issuerOf(dossier.agencyId);
      const agency = await reports.issuer(dossier.agencyId);
      const guideName = await nameOf(request.by);
      return renderSupplementRequest({
        ...base(dossier, issuer, request.at, null),
        applicant: applicantOf(dossier),
        requestSummary: dossier.requestSummary,
        missingItems: request.items.length > 0 ? request.items : ['Các nội dung theo hướng dẫn của cán bộ tiếp nhận'],
        reason: request.reason ?? 'Hồ sơ chưa đầy đủ, hợp lệ theo quy định',
        contact: { name: guideName, phone: agency?.phone ?? '' },
        guideName,
      });
    },

    async refusal(dossier) {
      if (dossier.status !== 'refused') {
        throw notApplicable(dossier.code, 'refusal', `it was not refused (status ${dossier.status})`);
      }
      const events = await dossiers.events(dossier.id);
      const refusal = events.filter((event) => event.type === 'reception_refused' || event.type === 'refused').at(-1);
      const decided = events
        .filter(
          (event) =>
            event.type === 'task_completed' && (event.data as { outcome?: unknown } | null)?.outcome === 'refuse',
        )
        .at(-1);
      const reasons = (dossier.refusalReason ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
      const officer = decided?.actor ?? (refusal && refusal.actor !== 'system' ? refusal.actor : dossier.receivedBy);
      return renderRefusal({
        ...base(dossier, await issuerOf(dossier.agencyId), dossier.finishedAt ?? refusal?.occurredAt ?? now(), null),
        applicant: applicantOf(dossier),
        requestSummary: dossier.requestSummary,
        reasons: reasons.length > 0 ? reasons : ['Hồ sơ không đủ điều kiện giải quyết theo quy định'],
        receiverName: await nameOf(officer),
      });
    },

    async apology(dossier) {
      const apology = await reports.latestApprovedApology(dossier.id);
      if (!apology || !apology.decidedAt || !apology.decidedBy) {
        throw notApplicable(dossier.code, 'apology', 'no apology of it was approved');
      }
      const issuer = await issuerOf(dossier.procedure.agencyId);
      return renderApology({
        ...base(dossier, issuer, apology.decidedAt, apology.number),
        resolvingAgencyName: issuer.agencyName,
        applicant: applicantOf(dossier),
        requestSummary: dossier.requestSummary,
        receivedAt: dossier.receivedAt,
        previousDueAt: apology.previousDueAt,
        newDueAt: apology.newDueAt,
        reason: apology.reason,
        signerTitle: null,
        signerName: await nameOf(apology.decidedBy),
      });
    },

    async 'control-sheet'(dossier) {
      const sheet = await controlSheetOf(dossier);
      return renderControlSheet({
        ...base(dossier, await issuerOf(dossier.agencyId), now(), null),
        resolvingAgencyName: sheet.resolvingAgencyName,
        coordinatingAgencyNames: sheet.coordinatingAgencyNames,
        receivedAt: dossier.receivedAt,
        dueAt: dossier.dueAt,
        rows: sheet.rows.map((row) => ({
          fromUnit: row.fromUnit,
          toUnit: row.toUnit,
          handedOverAt: new Date(row.handedOverAt),
          handedOverBy: row.handedOverBy,
          receivedBy: row.receivedBy,
          result: row.result,
          note: row.note,
        })),
      });
    },
  };

  return {
    /** One form of a dossier authorized to read, as PDF; 404 when the dossier has no such form. */
    async render(dossier: DossierRow, form: FormName): Promise<RenderedForm> {
      return { fileName: `${form}-${dossier.code}.pdf`, content: await renderers[form](dossier) };
    },

    /** The control sheet as data (the PDF's rows). */
    async controlSheet(dossier: DossierRow): Promise<ControlSheet> {
      return controlSheetOf(dossier);
    },
  };
}
export type FormsService = ReturnType<typeof createFormsService>;
