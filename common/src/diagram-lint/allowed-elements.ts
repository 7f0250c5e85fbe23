/**
 * The BPMN elements an executable process may contain, by their XML local name: the one list the
 * server's deployment policy (server/src/services/bpmn-policy.ts) and the editor's lint rule
 * `motcua/allowed-elements` both apply. The engine holds the same list
 * (engine/src/main/java/vn/motcua/engine/DiagramPolicy.java); the shared policy cases in
 * processes/policy-cases keep the two in step.
 *
 * Each element either only documents the diagram (lanes, annotations, groups, data objects), makes
 * the process wait for a person, a timer, a message or one of our workers (user tasks, receive tasks,
 * external service and send tasks, timer and message events, gateways), or structures it (embedded
 * sub-processes, call activities to a shared sub-flow such as returning the result). None of them
 * runs code by itself: what could (a send task's or a message event's implementation, a call
 * activity's variable mapping) is held to the policy's other rules. Left out on purpose: script
 * tasks (run code), business rule tasks (DMN, switched off on the engine), signal, escalation,
 * compensation and conditional events, and multi-instance: none is needed by our procedures, and
 * each widens what a diagram can reach.
 */
export const ALLOWED_PROCESS_ELEMENTS: ReadonlySet<string> = new Set([
  'documentation',
  'extensionElements',
  'laneSet',
  'lane',
  'childLaneSet',
  'flowNodeRef',
  'startEvent',
  'endEvent',
  'intermediateCatchEvent',
  'intermediateThrowEvent',
  'boundaryEvent',
  'timerEventDefinition',
  'messageEventDefinition',
  'timeDate',
  'timeDuration',
  'timeCycle',
  'errorEventDefinition',
  'terminateEventDefinition',
  'task',
  'manualTask',
  'userTask',
  'serviceTask',
  'sendTask',
  'receiveTask',
  'subProcess',
  'callActivity',
  'exclusiveGateway',
  'parallelGateway',
  'inclusiveGateway',
  'eventBasedGateway',
  'sequenceFlow',
  'conditionExpression',
  'incoming',
  'outgoing',
  'textAnnotation',
  'text',
  'association',
  'group',
  'dataObject',
  'dataObjectReference',
  'dataStoreReference',
  'dataState',
  'dataInputAssociation',
  'dataOutputAssociation',
  'sourceRef',
  'targetRef',
  'property',
]);

/** Why an element outside the allow-list is refused, where there is more to say than "not allowed". */
export const PROCESS_ELEMENT_REASONS: Readonly<Record<string, string>> = {
  businessRuleTask: 'evaluates a DMN decision, and decisions are switched off on the engine',
  multiInstanceLoopCharacteristics: 'is not allowed: multi-instance is not in the allow-list',
};

/** The same reasons for the admin, in Vietnamese, with what to use instead. */
export const PROCESS_ELEMENT_REASONS_VI: Readonly<Record<string, string>> = {
  scriptTask:
    'chạy mã kịch bản trên máy chủ quy trình; hãy dùng công việc ngoài (camunda:type="external") do hệ thống thực hiện',
  businessRuleTask:
    'đánh giá bảng quyết định DMN, vốn bị tắt trên máy chủ quy trình; hãy dùng cổng rẽ nhánh theo kết quả xử lý',
  multiInstanceLoopCharacteristics:
    'lặp nhiều lần (multi-instance) không được phép; hãy vẽ từng bước hoặc dùng cổng song song',
  signalEventDefinition: 'tín hiệu (signal) tới mọi quy trình đang chờ nó; hãy dùng thông điệp (message)',
  escalationEventDefinition: 'sự kiện leo thang (escalation) không được phép; hãy dùng thông điệp hoặc lỗi (error)',
  compensateEventDefinition: 'sự kiện bù trừ (compensation) không được phép',
  conditionalEventDefinition: 'sự kiện điều kiện được đánh giá lại mỗi khi biến thay đổi; hãy dùng cổng rẽ nhánh',
  linkEventDefinition: 'sự kiện liên kết (link) không được phép; hãy nối bằng luồng tuần tự',
  complexGateway: 'cổng phức hợp không được phép; hãy dùng cổng loại trừ, song song hoặc theo sự kiện',
  adHocSubProcess: 'quy trình con tùy ý (ad hoc) không được phép; hãy dùng quy trình con thường',
  transaction: 'giao dịch (transaction) không được phép; hãy dùng quy trình con thường',
  standardLoopCharacteristics: 'vòng lặp chuẩn không được phép; hãy vẽ luồng quay lại bằng cổng rẽ nhánh',
};
