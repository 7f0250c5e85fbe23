import { PROCEDURE_LEVELS } from '@motcua/common';

export const levelChoices = PROCEDURE_LEVELS.map((level) => ({ id: level, name: `motcua.procedure_level.${level}` }));
