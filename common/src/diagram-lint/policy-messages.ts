/**
 * The deployment policy's refusals (common/src/api/diagram-rules.ts) as the admin reads them: one
 * Vietnamese sentence per rule naming the element, with what to change. The validation endpoint
 * answers these next to the lint's own problems.
 */
import type { DiagramRule } from '../api/diagram-rules.js';

const NO_CODE = 'sơ đồ không được chứa mã chạy trên máy chủ quy trình';

const SENTENCES: Readonly<Record<DiagramRule, string>> = {
  script: `chạy mã kịch bản (script): ${NO_CODE}; hãy dùng công việc ngoài (camunda:type="external" với camunda:topic)`,
  java_class: `gọi một lớp Java: ${NO_CODE}; hãy dùng công việc ngoài (camunda:type="external" với camunda:topic)`,
  delegate_expression: `dùng biểu thức ủy quyền (delegateExpression): ${NO_CODE}`,
  method_expression: `gọi phương thức qua biểu thức (camunda:expression, resultVariable): ${NO_CODE}`,
  expression:
    "có biểu thức không được phép: chỉ dùng biến, giá trị cố định, hoặc so sánh một biến với một giá trị, ví dụ ${agencyCode}, ${outcome == 'approve'}",
  timer: 'có bộ hẹn giờ không hợp lệ: chỉ ghi một giá trị ISO 8601 (ví dụ P7D) hoặc một biến (ví dụ ${due_appraisal})',
  listener:
    "có bộ lắng nghe sự kiện (listener) chạy mã: chỉ được phép xóa một biến, ví dụ ${execution.removeVariable('outcome')}",
  connector: 'dùng connector để máy chủ quy trình gọi hệ thống khác: hãy dùng công việc ngoài do hệ thống thực hiện',
  extension_element: 'có phần mở rộng camunda không nằm trong danh sách được phép',
  attribute: 'có thuộc tính camunda không nằm trong danh sách được phép',
  element:
    'thuộc loại không dùng được trong quy trình (dùng sự kiện, bộ hẹn giờ, thông điệp, công việc người dùng, công việc ngoài, cổng rẽ nhánh, quy trình con, gọi quy trình dùng chung)',
  external_task: 'phải là công việc ngoài do hệ thống thực hiện: đặt camunda:type="external" và một camunda:topic',
  assignee: 'giao việc cho người cụ thể (assignee, candidateUsers): hãy giao cho nhóm xử lý (candidateGroups)',
  group_role: 'có nhóm xử lý không đúng dạng <vai trò>:<mã cơ quan> với một vai trò của hệ thống',
  group_agency: 'có nhóm xử lý nêu một cơ quan không tồn tại hoặc ngoài phạm vi cơ quan của bạn',
};

/** A refusal of the policy as a Vietnamese sentence naming the element (or the diagram, without one). */
export function policyProblemMessage(rule: DiagramRule, elementId: string | null | undefined): string {
  const subject = elementId ? `Phần tử "${elementId}"` : 'Sơ đồ';
  return `${subject} ${SENTENCES[rule]}`;
}
