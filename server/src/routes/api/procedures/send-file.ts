import type { FastifyReply } from 'fastify';

/**
 * Sends a stored file as a download under its own name (RFC 6266 `filename*`, so Vietnamese names
 * survive). Helmet's `X-Content-Type-Options: nosniff` keeps browsers to the declared type.
 */
export function sendFile(
  reply: FastifyReply,
  file: { fileName: string; mediaType: string; content: Uint8Array },
): FastifyReply {
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(Buffer.from(file.content));
}
