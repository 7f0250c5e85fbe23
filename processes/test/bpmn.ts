/** Parses BPMN the way the modeler does (bpmn-moddle with the camunda extension), and finds the reference models. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export { parseBpmn, writeBpmn, type ModdleElement } from '@motcua/common/diagram-lint';

/** Reads an XML file in the encoding its declaration names (the MIWG models are ISO-8859-1). */
export function decodeXml(bytes: Buffer): string {
  const declaration = bytes.subarray(0, 200).toString('latin1');
  return /encoding="ISO-8859-1"/i.test(declaration) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/**
 * The OMG BPMN Model Interchange Working Group's reference models (copied into fixtures/, CC BY 3.0):
 * if our parser and engine take them, they take what other tools export.
 */
export const MIWG_DIR = path.resolve(import.meta.dirname, 'fixtures/bpmn-miwg');

export function miwgFiles(): string[] {
  return readdirSync(MIWG_DIR)
    .filter((name) => name.endsWith('.bpmn'))
    .sort();
}
