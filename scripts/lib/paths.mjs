/** Paths of the repository that the orchestration scripts need. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
export const ENGINE_JAR = join(ROOT, 'engine', 'target', 'motcua-engine.jar');
export const ENGINE_START = join(ROOT, 'engine', 'start.sh');
export const ADMIN_UI_DIST = join(ROOT, 'admin-ui', 'dist');
