import type { ResultDelivery, Timeliness } from '@motcua/common';

/**
 * Input of the standard-form renderers (docs/legal.md §1.1–1.3): plain data, assembled by the services from
 * the database and the engine history. The renderers read nothing else, so the same data always gives
 * the same PDF bytes.
 *
 * Instants are `Date`s; they are printed in Vietnam's legal time (UTC+7) whatever the host's zone.
 */

/** The standard forms, by what they are for (their numbers changed in 2025: see editions.ts). */
export type FormKind = 'receipt' | 'supplement_request' | 'refusal' | 'apology' | 'control_sheet' | 'register';

/** The agency that issues a form: the header block (docs/legal.md §1.1) and the PDF's Author. */
export interface FormIssuer {
  /** Parent agency (ĐƠN VỊ CHỦ QUẢN), top left, e.g. "UBND HUYỆN DUY XUYÊN"; omitted when null. */
  parentName: string | null;
  /** The unit under it, top left in bold, e.g. "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ". */
  unitName: string;
  /** Full name of the agency, used in sentences and as the PDF Author, e.g. "Ủy ban nhân dân huyện Duy Xuyên". */
  agencyName: string;
  /** Place name of the date line, e.g. "Duy Xuyên" → "Duy Xuyên, ngày 27 tháng 11 năm 2026". */
  place: string;
  /**
   * Suffixes of the form numbers ("Số: 12/PBS") where this agency uses its own; the official ones are
   * unconfirmed (docs/legal.md §1.1), so editions.ts only holds defaults.
   */
  numberSuffixes?: Partial<Record<FormKind, string>>;
}

/** What every form of one dossier carries. */
export interface DossierFormBase {
  issuer: FormIssuer;
  /** Number of the form ("Số: 12/PBS"); null prints dots to be filled in by hand ("Số: …/PBS"). */
  number: number | string | null;
  /** When the form is issued: the date line, the edition of the form, and the PDF's CreationDate. */
  issuedAt: Date;
  /** Dossier code, e.g. "000.00.17.H41-261127-0001". */
  dossierCode: string;
  /** Public status page of the dossier, encoded in the QR code: `<PUBLIC_BASE_URL>/#/tra-cuu?code=<code>`. */
  statusUrl: string;
}

/** The person or organisation the dossier belongs to. */
export interface FormApplicant {
  name: string;
  /** Số định danh cá nhân/tổ chức; omitted when null. */
  idNumber: string | null;
  address: string;
  phone: string;
  email: string | null;
}

/** One document handed in (Mẫu 01 item 1). */
export interface SubmittedDocument {
  name: string;
  originals: number;
  copies: number;
}

/** Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (complete dossier at reception). */
export interface ReceiptFormData extends DossierFormBase {
  applicant: FormApplicant;
  /** Nội dung yêu cầu giải quyết. */
  requestSummary: string;
  documents: SubmittedDocument[];
  /** Số lượng hồ sơ (bộ). */
  setCount: number;
  /** Legal processing time in working days; 0 = within the day of receipt. */
  processingDays: number;
  receivedAt: Date;
  /** The appointment printed on the receipt. */
  dueAt: Date;
  resultDelivery: ResultDelivery;
  /** Where the result is sent when by post. */
  deliveryAddress: string | null;
  /** "Vào Sổ theo dõi hồ sơ, Quyển số … Số thứ tự …"; null prints dots. */
  registerEntry: { book: string; entry: number } | null;
  /** Officer who received the dossier (NGƯỜI TIẾP NHẬN HỒ SƠ). */
  receiverName: string;
}

/** Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; every missing item at once. */
export interface SupplementRequestFormData extends DossierFormBase {
  applicant: FormApplicant;
  requestSummary: string;
  /** What the applicant must add or correct, printed as a numbered list; at least one. */
  missingItems: string[];
  /** Lý do. */
  reason: string;
  /** Who to call while completing the dossier ("liên hệ với … số điện thoại …"). */
  contact: { name: string; phone: string };
  /** Officer who guided the applicant (NGƯỜI HƯỚNG DẪN). */
  guideName: string;
}

/** Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface RefusalFormData extends DossierFormBase {
  applicant: FormApplicant;
  requestSummary: string;
  /** Reasons for the refusal; several are numbered; at least one. */
  reasons: string[];
  /** Officer who refused the dossier (NGƯỜI TIẾP NHẬN HỒ SƠ). */
  receiverName: string;
}

/**
 * Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả (Circular 01/2018), or Văn bản xin lỗi và đề nghị
 * gia hạn thời gian giải quyết (Circular 03/2025, from 15/09/2025): the edition follows `issuedAt`.
 */
export interface ApologyFormData extends DossierFormBase {
  /** The agency that resolves the dossier and apologises; defaults to `issuer.agencyName`. */
  resolvingAgencyName: string | null;
  applicant: FormApplicant;
  requestSummary: string;
  receivedAt: Date;
  /** The appointment being missed (the one on Mẫu 01, or the last approved new date). */
  previousDueAt: Date;
  /** The new date proposed and approved. */
  newDueAt: Date;
  /** Lý do chậm trễ. */
  reason: string;
  /** Signer's title, e.g. "CHỦ TỊCH"; null prints "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ". */
  signerTitle: string | null;
  signerName: string;
}

/** Result of one leg of the processing, judged against that leg's deadline. */
export type HandoverResult = Extract<Timeliness, 'early' | 'on_time' | 'late'>;

/** One handover of the dossier between units (a row of Mẫu 05). */
export interface ControlSheetRow {
  /** Unit handing over (Giao), e.g. "Bộ phận TN&TKQ". */
  fromUnit: string;
  /** Unit receiving (Nhận), e.g. "Phòng Kinh tế và Hạ tầng". */
  toUnit: string;
  handedOverAt: Date;
  /** Người giao; null leaves the line blank. */
  handedOverBy: string | null;
  /** Người nhận; null leaves the line blank. */
  receivedBy: string | null;
  /** Result of the leg that ended with this handover; null while it has not been judged. */
  result: HandoverResult | null;
  note: string | null;
}

/** Mẫu 05 (Circular 01/2018; Mẫu 06 of Circular 03/2025): Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export interface ControlSheetFormData extends DossierFormBase {
  /** Cơ quan (bộ phận) giải quyết hồ sơ. */
  resolvingAgencyName: string;
  /** Cơ quan phối hợp giải quyết hồ sơ; empty when none. */
  coordinatingAgencyNames: string[];
  receivedAt: Date;
  /** Hẹn trả kết quả now; null when there is none (not yet computed). */
  dueAt: Date | null;
  /** Handovers in time order; the first is from the one-stop unit. */
  rows: ControlSheetRow[];
}

/** One dossier in the register. */
export interface RegisterRow {
  dossierCode: string;
  procedureName: string;
  applicantName: string;
  applicantAddress: string;
  applicantPhone: string;
  /** Cơ quan chủ trì giải quyết. */
  resolvingAgencyName: string;
  receivedAt: Date;
  dueAt: Date | null;
  /** When the result was returned; null while not returned. */
  returnedAt: Date | null;
  /** Phương thức nhận kết quả. */
  resultDelivery: ResultDelivery | null;
}

/** Mẫu 06 (Circular 01/2018; Mẫu 07 of Circular 03/2025): Sổ theo dõi hồ sơ, per agency and period (A4). */
export interface RegisterFormData {
  issuer: FormIssuer;
  /** When the register was printed: the date line, the edition, and the PDF's CreationDate. */
  issuedAt: Date;
  /** Period covered, Vietnamese calendar dates `YYYY-MM-DD`, both inclusive. */
  period: { from: string; to: string };
  /** Quyển số; omitted when null. */
  book: string | null;
  rows: RegisterRow[];
}
