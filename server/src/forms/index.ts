/**
 * The standard forms of the one-stop unit (docs/legal.md §1), rendered as PDF from plain data: receipt
 * (Mẫu 01), supplement request (02), refusal (03), apology (04), control sheet (05/06) and register
 * (06/07). Pure functions of their input: no database, no engine, no clock, no host fonts.
 */
export type * from './types.js';
export { renderReceipt } from './receipt.js';
export { renderSupplementRequest } from './supplement-request.js';
export { renderRefusal } from './refusal.js';
export { renderApology } from './apology.js';
export { renderControlSheet } from './control-sheet.js';
export { renderRegister } from './register.js';
export { formEdition, CIRCULAR_03_2025_FORMS_FROM, type FormEdition } from './editions.js';
export { dateInWords, timeAndDateInWords } from './dates.js';
