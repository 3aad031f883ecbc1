import type { FastifyRequest } from 'fastify';
import type { RestError } from '../framework/errors';
import type { Envelope } from '../framework/surface';

type Detail = { code: number; message: string };

/** `{"result":false,"errors":{"codes":[…sorted unique…],"details":[{code,message}]}}` */
export function soajsErrorBody(details: Detail[]) {
  const codes = [...new Set(details.map((d) => d.code))].sort((a, b) => a - b);
  return { result: false, errors: { codes, details } };
}

// Gateway-level codes keep their mapped HTTP status (soajs core errors table); service errors answer 200.
const gatewayStatus: Record<number, number> = { 132: 403, 401: 401, 151: 400 };

function detailsOf(err: RestError): Detail[] | undefined {
  const domain = err.domain;
  if (!domain) return undefined;
  const input = domain.details.soajsErrors as Detail[] | undefined;
  if (domain.code === 'SOAJS_INPUT' && input) return input;
  const m = /^SOAJS_(\d+)$/.exec(domain.code);
  return m ? [{ code: Number(m[1]), message: domain.message }] : undefined;
}

export function envelope(err: RestError, _req: FastifyRequest): Envelope {
  const details = detailsOf(err);
  if (details) return { status: gatewayStatus[details[0]!.code] ?? 200, body: soajsErrorBody(details) };
  switch (err.class) {
    case 'route_not_found':
    case 'method_not_allowed':
      return { status: 400, body: soajsErrorBody([{ code: 151, message: 'You are trying to reach an unknown rest service!' }]) };
    case 'unauthorized':
      return { status: 401, body: soajsErrorBody([{ code: 401, message: 'The access token provided is invalid.' }]) };
    case 'forbidden':
      return { status: 403, body: soajsErrorBody([{ code: 132, message: 'A valid key is needed to access any API.' }]) };
    case 'bad_request':
    case 'validation':
      return { status: 200, body: soajsErrorBody([{ code: 173, message: `Validation failed for field: body -> ${err.message}` }]) };
    case 'too_large':
      return {
        status: 413,
        body: soajsErrorBody([{ code: 173, message: 'Validation failed for field: body -> request entity too large' }]),
      };
    case 'unsupported_media_type':
      return {
        status: 415,
        body: soajsErrorBody([{ code: 173, message: 'Validation failed for field: body -> unsupported content type' }]),
      };
    case 'unavailable':
      return { status: 503, body: soajsErrorBody([{ code: 400, message: 'Database connection error' }]) };
    default:
      return { status: 500, body: soajsErrorBody([{ code: 150, message: 'Something blew up @ service core!' }]) };
  }
}
