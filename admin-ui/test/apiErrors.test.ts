import { describe, expect, it } from 'vitest';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { ErrorBody } from '@motcua/common';
import { describeApiError } from '../src/providers/apiErrors.js';
import { en } from '../src/i18n/en.js';
import { vi } from '../src/i18n/vi.js';

const vietnamese = polyglotI18nProvider(() => vi, 'vi').translate;
const english = polyglotI18nProvider(() => en, 'en').translate;
const dossierForm = { subject: 'dossier', resource: 'dossiers' } as const;

/** A 400 body as the server's error handler writes it. */
function badRequest(issues: NonNullable<ErrorBody['issues']>): ErrorBody {
  return {
    statusCode: 400,
    error: 'Bad Request',
    message: issues.map((issue) => `${issue.path} ${issue.message}`).join('; '),
    issues,
  };
}

describe('describeApiError', () => {
  it('explains a refused action in Vietnamese', () => {
    expect(
      describeApiError(
        403,
        { statusCode: 403, error: 'Forbidden', message: 'Forbidden' },
        { subject: 'task' },
        vietnamese,
      ).message,
    ).toBe('Bạn không có quyền thực hiện thao tác này');
  });

  it('says the process belongs to another agency when its deployment is refused', () => {
    // given the server's 403 to an admin deploying a key another agency owns
    const body = { statusCode: 403, error: 'Forbidden', message: 'process x belongs to an agency outside yours' };
    // then the editor says why, not just "not allowed"
    expect(describeApiError(403, body, { subject: 'process-deployment' }, vietnamese).message).toBe(
      'Quy trình này thuộc một cơ quan khác, ngoài phạm vi cơ quan của bạn: chỉ quản trị viên của cơ quan quản lý quy trình hoặc của cơ quan cấp trên mới được triển khai phiên bản mới.',
    );
  });

  it('says only the province changes the calendar when a district admin is refused', () => {
    expect(describeApiError(403, undefined, { subject: 'calendar' }, vietnamese).message).toBe(
      'Lịch nghỉ lễ áp dụng chung cho toàn tỉnh: chỉ quản trị viên cấp tỉnh được thay đổi.',
    );
  });

  it('tells the leader who drafted an apology that another leader decides on it', () => {
    const body: ErrorBody = {
      statusCode: 403,
      error: 'Forbidden',
      message: 'you drafted this apology',
      issues: [{ path: '', message: 'you drafted this apology', code: 'own_apology' }],
    };
    expect(describeApiError(403, body, { subject: 'apology' }, vietnamese).message).toBe(
      'Phiếu xin lỗi này do chính bạn soạn; một lãnh đạo khác của cơ quan phải quyết định',
    );
  });

  it('says the dossier was not found for a 404 on a dossier', () => {
    expect(describeApiError(404, undefined, { subject: 'dossier' }, vietnamese).message).toBe('Không tìm thấy hồ sơ');
  });

  it('says someone else holds the task for a 409 on a task', () => {
    expect(describeApiError(409, undefined, { subject: 'task' }, vietnamese).message).toBe(
      'Công việc đã được người khác nhận xử lý',
    );
  });

  it('translates each issue by its code and names the field with its form label', () => {
    // given the server's 400 for a missing name, a bad identity number and a short address
    const body = badRequest([
      { path: 'body/applicant/fullName', message: 'is required', code: 'required' },
      {
        path: 'body/applicant/idNumber',
        message: 'must be a 9-digit or 12-digit identity number',
        code: 'invalid_id_number',
      },
      {
        path: 'body/applicant/address',
        message: 'must have at least 5 characters',
        code: 'too_short',
        params: { min: 5 },
      },
    ]);
    // when describing it for the dossier form
    const described = describeApiError(400, body, dossierForm, vietnamese);
    // then the notification names each field as the form labels it, and each field gets its own message
    expect(described.message).toBe(
      'Họ và tên người nộp: Bắt buộc; Số CCCD/CMND: phải gồm 9 hoặc 12 chữ số; Địa chỉ: phải có ít nhất 5 ký tự',
    );
    expect(described.fieldErrors).toEqual({
      applicant: { fullName: 'Bắt buộc', idNumber: 'phải gồm 9 hoặc 12 chữ số', address: 'phải có ít nhất 5 ký tự' },
    });
  });

  it('does not depend on the wording of the server message when the issue has a code', () => {
    const body = badRequest([
      { path: 'body/procedureCode', message: 'any English wording', code: 'unknown_procedure' },
    ]);
    expect(describeApiError(400, body, dossierForm, vietnamese).message).toBe(
      'Thủ tục hành chính: không có trong danh mục thủ tục cơ quan bạn tiếp nhận',
    );
  });

  it('names the decision a leader forgot', () => {
    const body = badRequest([
      {
        path: 'body/outcome',
        message: 'is required to complete leader-approval: approve, send_back, refuse',
        code: 'outcome_required',
      },
    ]);
    expect(describeApiError(400, body, { subject: 'task', resource: 'tasks' }, vietnamese).message).toBe(
      'Quyết định: phải chọn một quyết định',
    );
  });

  it('says exactly which conflict stopped an action, naming the dossier status in words', () => {
    // given the server's 409s with a coded issue: an apology already waiting, a status that forbids the action
    const conflict = (code: 'apology_pending' | 'wrong_status', params?: Record<string, string>): ErrorBody => ({
      statusCode: 409,
      error: 'Conflict',
      message: 'conflict',
      issues: [{ path: 'params/code', message: 'conflict', code, ...(params ? { params } : {}) }],
    });
    // then each reads as a sentence of its own
    expect(describeApiError(409, conflict('apology_pending'), { subject: 'apology' }, vietnamese).message).toBe(
      'Đã có phiếu xin lỗi đang chờ lãnh đạo duyệt',
    );
    expect(
      describeApiError(
        409,
        conflict('wrong_status', { status: 'awaiting_supplement' }),
        { subject: 'dossier' },
        vietnamese,
      ).message,
    ).toBe('Không thực hiện được khi hồ sơ ở trạng thái Tạm dừng chờ bổ sung hồ sơ');
  });

  it('tells why a form cannot be printed: not applicable, or the appointment still being computed', () => {
    expect(describeApiError(404, undefined, { subject: 'form' }, vietnamese).message).toBe(
      'Biểu mẫu này không áp dụng cho hồ sơ ở tình trạng hiện tại',
    );
    expect(describeApiError(409, undefined, { subject: 'form' }, vietnamese).message).toBe(
      'Hệ thống đang tính ngày hẹn trả, vui lòng thử lại sau giây lát',
    );
  });

  it('keeps the server message inside the sentence of a code that needs it', () => {
    const body = badRequest([{ path: 'body/xml', message: 'has no executable process', code: 'invalid_bpmn' }]);
    expect(describeApiError(400, body, { subject: 'process', resource: 'processes' }, english).message).toBe(
      'BPMN diagram: is not a BPMN diagram that can be deployed: has no executable process',
    );
  });

  it('tells the admin in Vietnamese which element of a diagram breaks which rule', () => {
    // given the server's refusal of a diagram with a script task and a task given to a person
    const body = badRequest([
      { path: 'body/xml', message: 'is not allowed: …', code: 'diagram_script', params: { element: 'run' } },
      { path: 'body/xml', message: 'is not allowed: …', code: 'diagram_assignee', params: { element: 'sign' } },
    ]);
    // when describing it for the process editor
    const { message } = describeApiError(400, body, { subject: 'process', resource: 'processes' }, vietnamese);
    // then each violation names its element, in Vietnamese
    expect(message.split('; ')).toEqual([
      expect.stringContaining('phần tử "run" chạy mã kịch bản'),
      expect.stringContaining('phần tử "sign" giao việc cho người cụ thể'),
    ]);
  });

  it('shows the server message of an issue without a code, next to the translated label', () => {
    const body = badRequest([{ path: 'body/channel', message: 'Invalid option' }]);
    const described = describeApiError(400, body, dossierForm, vietnamese);
    expect(described.message).toBe('Hình thức nộp: Invalid option');
    expect(described.fieldErrors).toEqual({ channel: 'Invalid option' });
  });

  it('names a whole request part by its path', () => {
    const body = badRequest([{ path: 'body', message: 'is required', code: 'required' }]);
    expect(describeApiError(400, body, dossierForm, english)).toEqual({
      message: 'body: Required',
      fieldErrors: {},
    });
  });

  it('shows the server message of a 400 that names no field', () => {
    expect(
      describeApiError(
        400,
        { statusCode: 400, error: 'Bad Request', message: 'process has no executable process' },
        { subject: 'process' },
        vietnamese,
      ).message,
    ).toBe('Yêu cầu không hợp lệ: process has no executable process');
  });

  it('tells a citizen the code is malformed or unknown', () => {
    const body = badRequest([{ path: 'params/code', message: 'is not a dossier code', code: 'invalid_dossier_code' }]);
    expect(describeApiError(400, body, { subject: 'public-dossier' }, vietnamese).message).toBe(
      'Mã hồ sơ không đúng định dạng (ví dụ: 000.00.17.H41-261127-0001)',
    );
    expect(describeApiError(404, undefined, { subject: 'public-dossier' }, vietnamese).message).toBe(
      'Không tìm thấy hồ sơ',
    );
  });

  it('speaks English when the officer chose English', () => {
    expect(describeApiError(403, undefined, { subject: 'dossier' }, english).message).toBe(
      'You are not allowed to do this',
    );
    const body = badRequest([
      { path: 'body/applicant/phone', message: 'must be a Vietnamese phone number', code: 'invalid_phone' },
    ]);
    expect(describeApiError(400, body, dossierForm, english).message).toBe(
      'Phone number: must be a Vietnamese phone number, e.g. 0912345678',
    );
  });

  it('hides server faults and reports lost connections', () => {
    expect(
      describeApiError(
        500,
        { statusCode: 500, error: 'Internal Server Error', message: 'TypeError: x is undefined' },
        { subject: 'dossier' },
        vietnamese,
      ).message,
    ).toBe('Hệ thống đang gặp sự cố, vui lòng thử lại sau');
    expect(describeApiError(0, undefined, { subject: 'dossier' }, vietnamese).message).toBe(
      'Không kết nối được máy chủ',
    );
    expect(describeApiError(429, undefined, { subject: 'public-dossier' }, vietnamese).message).toBe(
      'Quá nhiều yêu cầu, vui lòng thử lại sau',
    );
  });

  it('says the system is busy on a 503, and when to try again when the server says so', () => {
    // the heavy reports' limit (server/src/services/heavy-report-limit.ts) answers 503 with Retry-After
    const busy = { statusCode: 503, error: 'Service Unavailable', message: 'Hệ thống đang lập nhiều báo cáo' };
    expect(describeApiError(503, busy, { subject: 'other' }, vietnamese, '12').message).toBe(
      'Hệ thống đang bận, vui lòng thử lại sau 12 giây',
    );
    expect(describeApiError(503, busy, { subject: 'other' }, english, '12').message).toBe(
      'The system is busy, please try again in 12 seconds',
    );
    // no header, or one that is not a number of seconds: no number is made up
    for (const header of [null, undefined, 'Wed, 21 Oct 2026 07:28:00 GMT', '']) {
      expect(describeApiError(503, busy, { subject: 'other' }, vietnamese, header).message).toBe(
        'Hệ thống đang bận, vui lòng thử lại sau ít phút',
      );
    }
  });

  it('falls back to a generic sentence for a body that is not an error body', () => {
    const generic = english('ra.notification.http_error');
    expect(describeApiError(400, '<html>Bad Request</html>', dossierForm, english).message).toBe(generic);
    expect(describeApiError(418, undefined, { subject: 'other' }, english).message).toBe(generic);
  });
});
