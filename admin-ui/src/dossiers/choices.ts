import { DOSSIER_CHANNELS, DOSSIER_STATUSES, RECEPTION_OUTCOMES, RESULT_DELIVERIES, TIMELINESS } from '@motcua/common';

/** Select choices whose names are translation keys (react-admin translates choice names). */
export const statusChoices = DOSSIER_STATUSES.map((status) => ({
  id: status,
  name: `motcua.dossier_status.${status}`,
}));

export const timelinessChoices = TIMELINESS.map((timeliness) => ({
  id: timeliness,
  name: `motcua.timeliness.${timeliness}`,
}));

export const channelChoices = DOSSIER_CHANNELS.map((channel) => ({ id: channel, name: `motcua.channel.${channel}` }));

export const receptionOutcomeChoices = RECEPTION_OUTCOMES.map((outcome) => ({
  id: outcome,
  name: `motcua.reception.outcome.${outcome}`,
}));

export const resultDeliveryChoices = RESULT_DELIVERIES.map((delivery) => ({
  id: delivery,
  name: `motcua.result_delivery.${delivery}`,
}));
