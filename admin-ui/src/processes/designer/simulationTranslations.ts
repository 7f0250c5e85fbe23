import type { ModuleDeclaration } from 'didi';

/**
 * The token simulation in Vietnamese. bpmn-js-token-simulation writes its notices (the notifications
 * over the canvas, the notes on elements, the simulation log) and its buttons' titles in English
 * without passing them through diagram-js's `translate` service, so this module translates them where
 * they are shown: it wraps the library's `notifications`, `elementNotifications` and `log` services,
 * and renames the titles of what the library draws on the canvas. The keys are the library's texts
 * exactly; admin-ui/test/simulationTranslations.test.ts reads its sources to show none is missing.
 */
export const TOKEN_SIMULATION_VI: Readonly<Record<string, string>> = {
  // notifications and element notifications
  'Reset Simulation': 'Đặt lại mô phỏng',
  'Pause Simulation': 'Tạm dừng mô phỏng',
  'Play Simulation': 'Tiếp tục mô phỏng',
  'Found unsupported elements': 'Sơ đồ có phần tử mà mô phỏng chưa hỗ trợ',
  'Not supported': 'Mô phỏng chưa hỗ trợ',
  Finished: 'Đã kết thúc',
  // the log's names of elements without a name
  'Service Task': 'Bước tự động (dịch vụ)',
  'User Task': 'Bước do cán bộ thực hiện',
  'Call Activity': 'Gọi quy trình dùng chung',
  'Script Task': 'Tác vụ kịch bản',
  'Business Rule Task': 'Tác vụ quy tắc nghiệp vụ',
  'Manual Task': 'Tác vụ thủ công',
  'Receive Task': 'Tác vụ nhận',
  'Send Task': 'Tác vụ gửi',
  Task: 'Tác vụ',
  'Exclusive Gateway': 'Cổng chọn một nhánh',
  'Parallel Gateway': 'Cổng song song',
  'Inclusive Gateway': 'Cổng chọn nhiều nhánh',
  'Start Event': 'Sự kiện bắt đầu',
  'Intermediate Event': 'Sự kiện trung gian',
  'Boundary Event': 'Sự kiện biên',
  'End Event': 'Sự kiện kết thúc',
  // the log panel and the buttons' titles
  'Simulation Log': 'Nhật ký mô phỏng',
  'No Entries': 'Chưa có bước nào',
  Close: 'Đóng',
  'Toggle Simulation Log': 'Mở, đóng nhật ký mô phỏng',
  'Play/Pause Simulation': 'Chạy, tạm dừng mô phỏng',
  'Set Sequence Flow': 'Chọn nhánh đi tiếp',
  'Trigger Event': 'Kích hoạt sự kiện',
  'Add pause point': 'Thêm điểm dừng',
  'Remove pause point': 'Bỏ điểm dừng',
  // the log's entries of a process's (or a sub-process's) start and end
  'Process started': 'Quy trình bắt đầu',
  'Process finished': 'Quy trình kết thúc',
  'Process canceled': 'Quy trình bị hủy',
  'SubProcess started': 'Quy trình con bắt đầu',
  'SubProcess finished': 'Quy trình con kết thúc',
  'SubProcess canceled': 'Quy trình con bị hủy',
};

/** The log's entries of a named sub-process: `<name> started`, `<name> finished`, `<name> canceled`. */
export const TOKEN_SIMULATION_SCOPE_VI: Readonly<Record<string, (name: string) => string>> = {
  ' started': (name) => `Quy trình con «${name}» bắt đầu`,
  ' finished': (name) => `Quy trình con «${name}» kết thúc`,
  ' canceled': (name) => `Quy trình con «${name}» bị hủy`,
};

/** Titles the library writes with a value after a fixed beginning: the beginning in Vietnamese. */
export const TOKEN_SIMULATION_PREFIXES_VI: Readonly<Record<string, string>> = {
  'Set animation speed = ': 'Tốc độ mô phỏng: ',
  'Focus process instance ': 'Chỉ xem lượt mô phỏng ',
};

/** The Vietnamese of one of the library's texts; a text it does not know (an element's own name) as it is. */
export function translateSimulationText(text: string): string {
  const whole = TOKEN_SIMULATION_VI[text];
  if (whole !== undefined) return whole;
  const prefix = Object.keys(TOKEN_SIMULATION_PREFIXES_VI).find((candidate) => text.startsWith(candidate));
  if (prefix !== undefined) return `${TOKEN_SIMULATION_PREFIXES_VI[prefix]}${text.slice(prefix.length)}`;
  const suffix = Object.keys(TOKEN_SIMULATION_SCOPE_VI).find((candidate) => text.endsWith(candidate));
  if (suffix !== undefined && text.length > suffix.length) {
    return TOKEN_SIMULATION_SCOPE_VI[suffix]!(text.slice(0, -suffix.length));
  }
  return text;
}

type Show = (options: { text?: string }) => unknown;
type AddToElement = (element: unknown, options: { text?: string }) => unknown;

/** Makes a service's method translate the `text` of the options it is given. */
function translatingText<T extends Show>(show: T): T {
  return ((options: { text?: string }) =>
    show({ ...options, ...(options.text === undefined ? {} : { text: translateSimulationText(options.text) }) })) as T;
}

/** What the library draws: its elements' classes all begin with `bts-`. */
const SIMULATION_PART = '[class*="bts-"]';

/** Titles and labels of the library's elements inside the canvas's container, in Vietnamese. */
function translateDrawn(root: ParentNode) {
  for (const element of root.querySelectorAll<HTMLElement>('[class*="bts-"][title], [class*="bts-"] [title]')) {
    element.title = translateSimulationText(element.title);
  }
  for (const element of root.querySelectorAll<HTMLElement>('[class*="bts-"][aria-label], [class*="bts-"] [aria-label]')) {
    element.setAttribute('aria-label', translateSimulationText(element.getAttribute('aria-label') ?? ''));
  }
  const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent?.closest('[class*="bts-"]')) continue;
    const text = node.textContent?.trim() ?? '';
    const translated = translateSimulationText(text);
    if (translated !== text) node.textContent = node.textContent!.replace(text, translated);
  }
}

function VietnameseSimulation(
  notifications: { showNotification: Show },
  elementNotifications: { addElementNotification: AddToElement },
  log: { log: Show },
  canvas: { getContainer(): HTMLElement },
  eventBus: { on(event: string, callback: () => void): void },
) {
  notifications.showNotification = translatingText(notifications.showNotification.bind(notifications));
  const addToElement = elementNotifications.addElementNotification.bind(elementNotifications);
  elementNotifications.addElementNotification = (element, options) =>
    addToElement(element, { ...options, ...(options.text === undefined ? {} : { text: translateSimulationText(options.text) }) });
  log.log = translatingText(log.log.bind(log));
  const container = canvas.getContainer();
  // the palette, the log and the context pads are drawn as the simulation starts and as tokens move;
  // only what the library adds is read again, not the diagram's own drawing
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.closest(SIMULATION_PART) || node.querySelector(SIMULATION_PART)) {
          translateDrawn(node.parentElement ?? node);
        }
      }
    }
  });
  observer.observe(container, { childList: true, subtree: true });
  translateDrawn(container);
  eventBus.on('diagram.destroy', () => observer.disconnect());
}
VietnameseSimulation.$inject = ['notifications', 'elementNotifications', 'log', 'canvas', 'eventBus'];

/** Add after bpmn-js-token-simulation's module in `additionalModules`. */
export const VietnameseSimulationModule: ModuleDeclaration = {
  __init__: ['vietnameseSimulation'],
  vietnameseSimulation: ['type', VietnameseSimulation],
};
