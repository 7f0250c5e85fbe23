/**
 * The style of a box whose content (a table) scrolls sideways on a narrow screen without widening the
 * page. react-admin's layout is as wide as its content (min-width: fit-content), and a scrolling box
 * still counts its content's width there; `contain: inline-size` makes it count none, so the page
 * stays as wide as the screen and a full-screen dialog over it is not cut off on the right.
 */
export const SCROLLS_SIDEWAYS = { overflowX: 'auto', contain: 'inline-size' } as const;
