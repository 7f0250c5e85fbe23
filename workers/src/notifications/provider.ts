/**
 * The door through which a queued notification leaves the system: one provider per channel (SMS,
 * e-mail). A real SMS gateway or mail server is one more implementation of this interface; the default
 * ones write to a local log file (see log-file-provider.ts), so nothing leaves the machine.
 */
import type { NotificationChannel } from '@motcua/db';

/** One message as the dispatcher hands it to a provider. */
export interface OutboundMessage {
  channel: NotificationChannel;
  /** A phone number (sms) or an e-mail address (email). */
  recipient: string;
  subject: string | null;
  body: string;
  /** What the message is about: receipt, supplement_request, apology, result_ready, refusal, … */
  kind: string;
  /**
   * The outbox row's unique key, passed to the provider as its idempotency key: a provider that has
   * already accepted a message with this key must answer with that message's reference and not send
   * it again. This is what closes the at-least-once window of the dispatcher (see dispatcher.ts).
   */
  idempotencyKey: string;
}

export interface NotificationProvider {
  readonly channel: NotificationChannel;
  /** Sends the message, or throws; the reference identifies it at the provider (for support and audits). */
  send(message: OutboundMessage): Promise<{ providerRef: string }>;
}
