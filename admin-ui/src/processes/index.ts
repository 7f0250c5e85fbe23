/** The process designer: editing a process (/processes/:key/edit), its versions (/processes/:key/versions), a new one from the template (/processes/new). */
export { ProcessEditPage } from './ProcessEditPage.js';
export { ProcessVersionsPage } from './ProcessVersionsPage.js';
export { NewProcessPage } from './NewProcessPage.js';
export { NewProcessButton } from './NewProcessButton.js';
