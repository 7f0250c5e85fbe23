import { DOSSIER_CHANNELS, DOSSIER_STATUSES } from '@motcua/common';

/** Select choices whose names are translation keys (react-admin translates choice names). */
export const statusChoices = DOSSIER_STATUSES.map((status) => ({
  id: status,
  name: `motcua.dossier_status.${status}`,
}));

export const channelChoices = DOSSIER_CHANNELS.map((channel) => ({ id: channel, name: `motcua.channel.${channel}` }));
