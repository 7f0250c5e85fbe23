import type { ResultDelivery } from '@motcua/common';
import { enqueueNotification } from '@motcua/db';
import { timeAndDateInWords } from './dates.js';
import { appendEvent, SYSTEM_ACTOR, type DbClient } from './events.js';

/**
 * What the applicant is told, and how it is queued, wherever the cause is: the server's reception
 * (supplement request, refusal) and apology approval, and the workers' topics (receipt, supplement
 * request, refusal, result ready). Every date is written as the forms print it (./dates.ts), so the
 * SMS says what the paper says.
 *
 * A message goes to every channel the applicant gave: SMS to the phone number taken at reception
 * always, e-mail too when an address was given, queued in the outbox (prisma/src/outbox.ts) in the
 * cause's own transaction. Each is queued once per cause: its dedupe key is
 * `<kind>:<cause>:<channel>`, and the event notification_queued is written once with the key
 * `notification:<kind>:<cause>` (the event log's rule, ./events.ts).
 */

/** Kinds of applicant messages (the `Notification.kind` column). */
export const NOTIFICATION_KINDS = ['receipt', 'supplement_request', 'refusal', 'apology', 'result_ready'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The dossier a message is about and goes to. */
export interface Addressee {
  id: string;
  code: string;
  applicantName: string;
  applicantPhone: string;
  applicantEmail: string | null;
  /** Nội dung yêu cầu giải quyết: the procedure's name unless the applicant asked for less. */
  requestSummary: string;
  /** The agency that speaks: the receiving one, or for an apology the one that resolves the dossier. */
  agencyName: string;
}

/** The addressee of a dossier row, speaking for `agencyName`. */
export function addresseeOf(dossier: Omit<Addressee, 'agencyName'>, agencyName: string): Addressee {
  return {
    id: dossier.id,
    code: dossier.code,
    applicantName: dossier.applicantName,
    applicantPhone: dossier.applicantPhone,
    applicantEmail: dossier.applicantEmail,
    requestSummary: dossier.requestSummary,
    agencyName,
  };
}

/** What each kind of message says, besides the dossier. */
export type ApplicantMessage =
  /** Receipt and appointment (what Mẫu 01 says, in short). */
  | { kind: 'receipt'; receivedAt: Date; dueAt: Date }
  /**
   * Every missing item at once (Mẫu 02): at reception, where the clock has not started
   * (`pausedAt` null), or during processing, where the clock stops from `pausedAt`.
   */
  | { kind: 'supplement_request'; items: readonly string[]; pausedAt: Date | null }
  /** The refusal with its reasons (Mẫu 03), at reception or during processing. */
  | { kind: 'refusal'; reason: string; atReception: boolean }
  /** The approved apology with the new appointment (Mẫu 04) and the letter's number. */
  | { kind: 'apology'; previousDueAt: Date; newDueAt: Date; reason: string; letterNumber: string }
  /** The result waits; how it reaches the applicant. */
  | { kind: 'result_ready'; delivery: ResultDelivery };

export interface MessageText {
  /** The e-mail's subject. */
  subject: string;
  body: string;
}

/** The citizen page of a dossier, which the QR code on every form opens too. */
export function statusPageUrl(publicBaseUrl: string, code: string): string {
  // the lookbehind starts the match only where the trailing slashes start: linear, where \/+$ was quadratic
  return `${publicBaseUrl.replace(/(?<!\/)\/+$/, '')}/#/tra-cuu?code=${encodeURIComponent(code)}`;
}

const RESULT_ROUTES: Record<ResultDelivery, (agencyName: string) => string> = {
  counter: (agencyName) => `Mời Ông/Bà đến Bộ phận tiếp nhận và trả kết quả của ${agencyName} để nhận kết quả.`,
  post: () => 'Kết quả sẽ được gửi qua dịch vụ bưu chính đến địa chỉ Ông/Bà đã đăng ký.',
  online: () => 'Kết quả được trả trực tuyến trên Cổng dịch vụ công.',
};

/** The subject and text of a message, with the link to the citizen page when its address is known. */
export function messageText(dossier: Addressee, message: ApplicantMessage, publicBaseUrl?: string): MessageText {
  const { code, agencyName } = dossier;
  const about = `hồ sơ ${code} (${dossier.requestSummary})`;
  const lookup = publicBaseUrl ? ` Tra cứu: ${statusPageUrl(publicBaseUrl, code)}` : '';
  const text = (subject: string, body: string): MessageText => ({ subject, body: `${body}${lookup}` });
  switch (message.kind) {
    case 'receipt':
      return text(
        `Tiếp nhận hồ sơ ${code}`,
        `${agencyName} đã tiếp nhận ${about} của ${dossier.applicantName} vào ${timeAndDateInWords(message.receivedAt)}. ` +
          `Hẹn trả kết quả vào ${timeAndDateInWords(message.dueAt)}.`,
      );
    case 'supplement_request': {
      const items = message.items.map((item, index) => `${index + 1}. ${item}`).join('; ');
      const pause = message.pausedAt
        ? ` Thời gian giải quyết tạm dừng từ ${timeAndDateInWords(message.pausedAt)} đến khi ${agencyName} nhận đủ hồ sơ bổ sung.`
        : '';
      return text(
        `Yêu cầu bổ sung, hoàn thiện hồ sơ ${code}`,
        `${agencyName}: ${about} chưa đầy đủ. Đề nghị Ông/Bà bổ sung, hoàn thiện: ${items}.${pause}`,
      );
    }
    case 'refusal':
      return message.atReception
        ? text(
            `Từ chối tiếp nhận, giải quyết hồ sơ ${code}`,
            `${agencyName} không tiếp nhận, giải quyết ${about}. Lý do: ${message.reason}.`,
          )
        : text(
            `Từ chối giải quyết hồ sơ ${code}`,
            `${agencyName} từ chối giải quyết ${about}. Lý do: ${message.reason}.`,
          );
    case 'apology':
      return text(
        `Phiếu xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${code}`,
        `${agencyName} xin lỗi Ông/Bà ${dossier.applicantName}: ${about} chưa trả kết quả đúng hẹn ` +
          `(${timeAndDateInWords(message.previousDueAt)}). Lý do: ${message.reason}. ` +
          `Hẹn lại trả kết quả vào ${timeAndDateInWords(message.newDueAt)}. Số văn bản: ${message.letterNumber}.`,
      );
    case 'result_ready':
      return text(
        `Hồ sơ ${code} đã có kết quả`,
        `Hồ sơ ${code} (${dossier.requestSummary}) đã có kết quả. ${RESULT_ROUTES[message.delivery](agencyName)}`,
      );
  }
}

/**
 * Queues `message` to the applicant in `tx` (see the module comment), with the event
 * notification_queued by `actor`. `cause` names what caused it (a dossier code, a pause, an apology),
 * so a retried cause queues nothing new. Returns how many messages were queued now.
 */
export async function queueToApplicant(
  tx: DbClient,
  dossier: Addressee,
  message: ApplicantMessage,
  options: { cause: string; actor?: string; publicBaseUrl?: string | undefined },
): Promise<number> {
  const { subject, body } = messageText(dossier, message, options.publicBaseUrl);
  const recipients = [
    { channel: 'sms' as const, recipient: dossier.applicantPhone },
    ...(dossier.applicantEmail ? [{ channel: 'email' as const, recipient: dossier.applicantEmail }] : []),
  ];
  let queued = 0;
  for (const { channel, recipient } of recipients) {
    const inserted = await enqueueNotification(tx, {
      dossierId: dossier.id,
      kind: message.kind,
      channel,
      recipient,
      ...(channel === 'email' ? { subject } : {}),
      body,
      dedupeKey: `${message.kind}:${options.cause}:${channel}`,
    });
    if (inserted) queued += 1;
  }
  await appendEvent(tx, {
    dossierId: dossier.id,
    type: 'notification_queued',
    actor: options.actor ?? SYSTEM_ACTOR,
    dedupeKey: `notification:${message.kind}:${options.cause}`,
    data: { kind: message.kind, channels: recipients.map((entry) => entry.channel).join(',') },
  });
  return queued;
}
