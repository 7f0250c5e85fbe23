/** The public procedure catalogue for citizens and kiosks, at /thu-tuc. */
export { PublicProceduresPage } from './PublicProceduresPage.js';
