import { describe, expect, it } from 'vitest';
import { RESULT_DELIVERIES } from '@motcua/common';
import { timeAndDateInWords } from '../src/dates.js';
import {
  addresseeOf,
  messageText,
  NOTIFICATION_KINDS,
  queueToApplicant,
  type Addressee,
  type ApplicantMessage,
  type NotificationKind,
} from '../src/notifications.js';
import { useTestDatabase } from './support/database.js';
import { APPLICANT, insertDossier } from './support/dossiers.js';

/** What the applicant is told, in the forms' one date format, and that each cause queues it once. */
const database = useTestDatabase();

const DOSSIER: Addressee = {
  id: '00000000-0000-4000-8000-000000000001',
  code: '000.00.17.H41-261127-0001',
  applicantName: APPLICANT.name,
  applicantPhone: APPLICANT.phone,
  applicantEmail: APPLICANT.email,
  requestSummary: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
  agencyName: 'UBND huyện Duy Xuyên',
};

// Instants on both sides of midnight in Vietnam, a day under 10 and months 1, 2 and above: the
// forms' rules (leading zeros, Vietnam time) all show.
const RECEIVED = new Date('2026-11-27T10:05:00+07:00');
const DUE = new Date('2027-01-05T16:30:00+07:00');
const PAUSED = new Date('2026-12-31T17:15:00Z');
const NEW_DUE = new Date('2027-02-03T08:00:00+07:00');

/** One message of every kind, with the instants it carries. */
const EVERY_KIND: { [K in NotificationKind]: { message: Extract<ApplicantMessage, { kind: K }>; instants: Date[] } } = {
  receipt: { message: { kind: 'receipt', receivedAt: RECEIVED, dueAt: DUE }, instants: [RECEIVED, DUE] },
  supplement_request: {
    message: { kind: 'supplement_request', items: ['Bản vẽ mặt đứng', 'Bản sao sổ đỏ'], pausedAt: PAUSED },
    instants: [PAUSED],
  },
  refusal: { message: { kind: 'refusal', reason: 'Ngoài hành lang bảo vệ đê', atReception: false }, instants: [] },
  apology: {
    message: { kind: 'apology', previousDueAt: DUE, newDueAt: NEW_DUE, reason: 'Chờ ý kiến Sở', letterNumber: '3/PXL' },
    instants: [DUE, NEW_DUE],
  },
  result_ready: { message: { kind: 'result_ready', delivery: 'counter' }, instants: [] },
};

/** The forms' way of writing an instant: "10 giờ 05 phút, ngày 27 tháng 11 năm 2026". */
const FORMS_DATE_TIME = /\d{2} giờ \d{2} phút, ngày \d{2} tháng \d{1,2} năm \d{4}/g;
/** Any other way of writing a date or a time of day. */
const OTHER_DATE_OR_TIME =
  /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}h\d{2}\b/;

describe('the applicant’s messages', () => {
  it('has a message for every kind of notification', () => {
    expect(Object.keys(EVERY_KIND).sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });

  for (const kind of NOTIFICATION_KINDS) {
    it(`writes every date and time of the ${kind} message as the forms print it, and no other way`, () => {
      const { message, instants } = EVERY_KIND[kind];
      // when the message is written, with the link to the citizen page
      const { subject, body } = messageText(DOSSIER, message, 'http://127.0.0.1:3000');
      // then each instant it carries is written as the forms write it
      expect(body.match(FORMS_DATE_TIME) ?? []).toEqual(instants.map(timeAndDateInWords));
      // and nothing else in it, nor in the subject, looks like a date or a time
      expect(body.replaceAll(FORMS_DATE_TIME, '')).not.toMatch(OTHER_DATE_OR_TIME);
      expect(subject).not.toMatch(OTHER_DATE_OR_TIME);
      // and it names the dossier and links to its page
      expect(body).toContain(DOSSIER.code);
      expect(body).toContain(`http://127.0.0.1:3000/#/tra-cuu?code=${DOSSIER.code}`);
    });
  }

  it('writes the forms’ golden date: the same text as Mẫu 01 prints for 10:05 on 27/11/2026', () => {
    const { body } = messageText(DOSSIER, EVERY_KIND.receipt.message);
    expect(body).toContain('10 giờ 05 phút, ngày 27 tháng 11 năm 2026');
    expect(body).toContain('16 giờ 30 phút, ngày 05 tháng 01 năm 2027');
  });

  it('tells how the result reaches the applicant, for every way of delivery', () => {
    const bodies = RESULT_DELIVERIES.map((delivery) => messageText(DOSSIER, { kind: 'result_ready', delivery }).body);
    expect(new Set(bodies).size).toBe(RESULT_DELIVERIES.length);
  });

  it('lists every missing item at once, numbered', () => {
    const { body } = messageText(DOSSIER, EVERY_KIND.supplement_request.message);
    expect(body).toContain('1. Bản vẽ mặt đứng; 2. Bản sao sổ đỏ');
  });
});

describe('queueing a message to the applicant', () => {
  it('queues it by SMS and e-mail once per cause, with one notification_queued event', async () => {
    // given a dossier whose applicant gave a phone number and an e-mail address
    const row = await insertDossier(database());
    const dossier = addresseeOf(row, 'UBND huyện Duy Xuyên');
    const message = EVERY_KIND.receipt.message;
    // when the same cause queues it twice (a retried task)
    const queued = [
      await queueToApplicant(database(), dossier, message, { cause: row.code }),
      await queueToApplicant(database(), dossier, message, { cause: row.code }),
    ];
    // then it was queued once per channel, with the e-mail's subject
    expect(queued).toEqual([2, 0]);
    const notifications = await database().notification.findMany({
      where: { dossierId: row.id },
      orderBy: { channel: 'asc' },
    });
    expect(notifications.map((n) => [n.kind, n.channel, n.recipient, n.dedupeKey, n.subject])).toEqual([
      ['receipt', 'sms', APPLICANT.phone, `receipt:${row.code}:sms`, null],
      ['receipt', 'email', APPLICANT.email, `receipt:${row.code}:email`, `Tiếp nhận hồ sơ ${row.code}`],
    ]);
    const events = await database().dossierEvent.findMany({
      where: { dossierId: row.id, type: 'notification_queued' },
    });
    expect(events.map((event) => [event.actor, event.dedupeKey, event.data])).toEqual([
      ['system', `notification:receipt:${row.code}`, { kind: 'receipt', channels: 'sms,email' }],
    ]);
  });

  it('sends an SMS only to an applicant who gave no e-mail address, in the name of the actor', async () => {
    const row = await insertDossier(database(), { email: null });
    await queueToApplicant(database(), addresseeOf(row, 'UBND huyện Duy Xuyên'), EVERY_KIND.refusal.message, {
      cause: `${row.code}:reception`,
      actor: 'receptionist',
    });
    const notifications = await database().notification.findMany({ where: { dossierId: row.id } });
    expect(notifications.map((n) => n.channel)).toEqual(['sms']);
    const [event] = await database().dossierEvent.findMany({
      where: { dossierId: row.id, type: 'notification_queued' },
    });
    expect(event).toMatchObject({ actor: 'receptionist', data: { kind: 'refusal', channels: 'sms' } });
  });
});
