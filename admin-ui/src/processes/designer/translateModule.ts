import type { ModuleDeclaration } from 'didi';
import { BPMN_VI } from './bpmnTranslations.js';

/**
 * diagram-js's `translate` service in Vietnamese: the text from BPMN_VI when it has one (the English
 * otherwise, so a text a library adds in an update still shows), with `{name}` placeholders filled
 * in as the library's own service does.
 */
export function translateToVietnamese(template: string, replacements: Record<string, unknown> = {}): string {
  const text = BPMN_VI[template] ?? template;
  return text.replace(/\{([^}]+)\}/g, (whole, key: string) => {
    const value = replacements[key];
    return value === undefined ? whole : String(value);
  });
}

/** Replaces the modeler's `translate` service; add it to `additionalModules`. */
export const VietnameseTranslateModule: ModuleDeclaration = {
  translate: ['value', translateToVietnamese],
};
