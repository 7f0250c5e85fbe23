import { expect, test } from '@playwright/test';
import { pageFor } from '../pages/login-page.js';
import { ProcessEditorPage } from '../pages/process-editor-page.js';
import { deployXml, deployedXml, tokenFor } from '../support/api.js';

const PROCEDURE = 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ';
const PROCESS_KEY = 'house-construction-permit';
const countTasks = (xml: string) => (xml.match(/<(bpmn:)?task\b/g) ?? []).length;

test('the admin adds a step to the diagram and deploys a new version', async ({ browser, request }) => {
  // Given the deployed diagram
  const token = await tokenFor(request, 'admin');
  const before = await deployedXml(request, token, PROCESS_KEY);

  // When the admin opens it in the editor, adds a task and deploys
  const page = await pageFor(browser, 'admin');
  const editor = new ProcessEditorPage(page);
  await editor.openFromProcedures(PROCEDURE);
  await editor.addTask();
  const version = await editor.deploy();

  // Then the engine runs a newer version that contains the new task
  expect(version).toBeGreaterThanOrEqual(2);
  const after = await deployedXml(request, token, PROCESS_KEY);
  expect(countTasks(after)).toBe(countTasks(before) + 1);

  // The other journeys run the shipped diagram, whatever order the files run in: put it back.
  expect(await deployXml(request, token, before)).toBe(version + 1);
});
