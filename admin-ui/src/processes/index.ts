/** The process editor page, reached from the procedure list at /processes/:key/edit. */
export { ProcessEditPage } from './ProcessEditPage.js';
