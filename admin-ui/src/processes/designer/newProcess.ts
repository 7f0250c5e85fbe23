import { ProcessKeySchema } from '@motcua/common';
import templateXml from '../templates/new-procedure.bpmn?raw';

/** The process id of the template diagram (admin-ui/src/processes/templates/new-procedure.bpmn). */
export const TEMPLATE_KEY = 'new-procedure';
const TEMPLATE_NAME = 'Thủ tục mới';

/** Whether a text is a process key the API accepts (ProcessKeySchema, shared with the server). */
export function isProcessKey(key: string): boolean {
  return ProcessKeySchema.safeParse(key).success;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A new process from the ISO template: the template's process id (and the ids derived from it, the
 * definitions and the diagram plane) becomes `key`, its name `name`.
 */
export function processFromTemplate(key: string, name: string, template: string = templateXml): string {
  if (!isProcessKey(key)) throw new Error(`"${key}" is not a process key`);
  return template
    .replace(new RegExp(`"${TEMPLATE_KEY}(?=["-])`, 'g'), `"${key}`)
    .replace(`name="${TEMPLATE_NAME}"`, `name="${escapeAttribute(name.trim() || TEMPLATE_NAME)}"`);
}
