// Typed entry to saxen (which ships no typings): the declarations are in saxen.d.ts next to this file.
export { Parser } from 'saxen';
