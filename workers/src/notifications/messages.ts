/**
 * What the applicant is told, and how it is queued: the texts of the notifications the workers cause
 * (issue 3, point 8: receipt, supplement request, refusal, result ready) and the helper that queues
 * one message per channel the applicant gave — always SMS to the phone number taken at reception,
 * e-mail too when an address was given — in the caller's transaction.
 */
import type { DossierEventType } from '@motcua/common';
import { dayNumberOf, formatLocalDate, vietnamMinutesOf } from '@motcua/common/calendar';
import type { Db, Prisma } from '@motcua/db';
import { enqueueNotification } from '@motcua/db/outbox';

/** Kinds of notifications the workers queue (the `Notification.kind` column). */
export const NOTIFICATION_KINDS = {
  receipt: 'receipt',
  supplementRequest: 'supplement_request',
  refusal: 'refusal',
  resultReady: 'result_ready',
} as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[keyof typeof NOTIFICATION_KINDS];

/** The dossier fields a message is written from. */
export interface DossierForMessage {
  id: string;
  code: string;
  applicantName: string;
  applicantPhone: string;
  applicantEmail: string | null;
  /** The procedure's name (Nội dung yêu cầu giải quyết). */
  requestSummary: string;
  agencyName: string;
}

export interface MessageText {
  /** E-mail subject. */
  subject: string;
  body: string;
}

/** `10:00 ngày 18/12/2026`, Vietnam time, as the forms print it. */
export function formatVietnamDateTime(instant: Date): string {
  const [year, month, day] = formatLocalDate(dayNumberOf(instant)).split('-');
  const minutes = Math.floor(vietnamMinutesOf(instant));
  const clock = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${clock} ngày ${day}/${month}/${year}`;
}

function lookupHint(code: string, publicBaseUrl: string | undefined): string {
  return publicBaseUrl
    ? ` Tra cứu: ${publicBaseUrl.replace(/\/$/, '')}/#/tra-cuu?code=${encodeURIComponent(code)}`
    : '';
}

/** Receipt and appointment (what Mẫu 01 says, in short). */
export function receiptMessage(
  dossier: DossierForMessage,
  facts: { receivedAt: Date; dueAt: Date; publicBaseUrl?: string },
): MessageText {
  return {
    subject: `Tiếp nhận hồ sơ ${dossier.code}`,
    body:
      `${dossier.agencyName} đã tiếp nhận hồ sơ ${dossier.code} (${dossier.requestSummary}) của ` +
      `${dossier.applicantName} lúc ${formatVietnamDateTime(facts.receivedAt)}. ` +
      `Hẹn trả kết quả: ${formatVietnamDateTime(facts.dueAt)}.${lookupHint(dossier.code, facts.publicBaseUrl)}`,
  };
}

/** Supplement request during processing (as Mẫu 02): every missing item at once, and the paused clock. */
export function supplementRequestMessage(
  dossier: DossierForMessage,
  facts: { items: readonly string[]; pausedAt: Date; publicBaseUrl?: string },
): MessageText {
  const items = facts.items.map((item, index) => `${index + 1}. ${item}`).join('; ');
  return {
    subject: `Yêu cầu bổ sung, hoàn thiện hồ sơ ${dossier.code}`,
    body:
      `Hồ sơ ${dossier.code} (${dossier.requestSummary}) cần bổ sung, hoàn thiện: ${items}. ` +
      `Thời gian giải quyết tạm dừng từ ${formatVietnamDateTime(facts.pausedAt)} đến khi ${dossier.agencyName} ` +
      `nhận đủ hồ sơ bổ sung.${lookupHint(dossier.code, facts.publicBaseUrl)}`,
  };
}

/** Refusal during processing, with its reasons. */
export function refusalMessage(
  dossier: DossierForMessage,
  facts: { reason: string; publicBaseUrl?: string },
): MessageText {
  return {
    subject: `Từ chối giải quyết hồ sơ ${dossier.code}`,
    body:
      `${dossier.agencyName} từ chối giải quyết hồ sơ ${dossier.code} (${dossier.requestSummary}). ` +
      `Lý do: ${facts.reason}.${lookupHint(dossier.code, facts.publicBaseUrl)}`,
  };
}

/** The result is ready to be handed over. */
export function resultReadyMessage(
  dossier: DossierForMessage,
  facts: { delivery: 'counter' | 'post' | 'online'; publicBaseUrl?: string },
): MessageText {
  const how = {
    counter: `Mời Ông/Bà đến Bộ phận tiếp nhận và trả kết quả của ${dossier.agencyName} để nhận kết quả.`,
    post: 'Kết quả sẽ được gửi qua dịch vụ bưu chính đến địa chỉ Ông/Bà đã đăng ký.',
    online: 'Kết quả được trả trực tuyến trên Cổng dịch vụ công.',
  }[facts.delivery];
  return {
    subject: `Hồ sơ ${dossier.code} đã có kết quả`,
    body: `Hồ sơ ${dossier.code} (${dossier.requestSummary}) đã có kết quả. ${how}${lookupHint(dossier.code, facts.publicBaseUrl)}`,
  };
}

/**
 * Queues `text` to the applicant in `tx`: SMS always, e-mail when the dossier has an address. The
 * dedupe key `<kind>:<cause>:<channel>` names the cause (a dossier code, a pause, an activity
 * instance), so a retried cause queues nothing new. Returns how many messages were queued now.
 */
export async function queueToApplicant(
  tx: Prisma.TransactionClient | Db,
  dossier: DossierForMessage,
  message: { kind: NotificationKind; cause: string; text: MessageText },
): Promise<number> {
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
      subject: channel === 'email' ? message.text.subject : undefined,
      body: message.text.body,
      dedupeKey: `${message.kind}:${message.cause}:${channel}`,
    });
    if (inserted) queued += 1;
  }
  await tx.dossierEvent.createMany({
    data: [
      {
        dossierId: dossier.id,
        type: 'notification_queued' satisfies DossierEventType,
        actor: 'system',
        dedupeKey: `notification:${message.kind}:${message.cause}`,
        data: { kind: message.kind, channels: recipients.map((entry) => entry.channel).join(',') },
      },
    ],
    skipDuplicates: true,
  });
  return queued;
}
