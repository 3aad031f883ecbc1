import type { FastifyRequest } from 'fastify';
import type { RestError, RestErrorClass } from '../framework/errors';
import type { Envelope } from '../framework/surface';

// RPdb answers 3xx/4xx with {"error":{"id","message","detailedErrorDescription"}} and the real status
// [SRC RPJoshL/RPdb go/models/respons_error.go]; ids per spec §7.2.

const statusFor: Record<RestErrorClass, number> = {
  bad_request: 400,
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition: 412,
  too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
  unexpected: 500,
};

const defaultId: Record<RestErrorClass, string> = {
  bad_request: 'INVALID_FIELD',
  validation: 'INVALID_FIELD',
  unauthorized: 'AUTHENTICATION_FAILED',
  forbidden: 'NO_RIGHT',
  not_found: 'NOT_FOUND',
  route_not_found: 'ROUTE_NOT_FOUND',
  method_not_allowed: 'METHOD_NOT_ALLOWED',
  conflict: 'CONFLICT',
  precondition: 'PRECONDITION_FAILED',
  too_large: 'REQUEST_TOO_LARGE',
  unsupported_media_type: 'UNSUPPORTED_MEDIA_TYPE',
  unavailable: 'SERVICE_UNAVAILABLE',
  unexpected: 'UNKNOWN_ERROR',
};

/** The human message per id (the doc's response-code wording), in English and German. */
const messages: Record<string, string> = {
  AUTHENTICATION_FAILED: 'Authentication failed',
  PROFILE_NOT_FOUND: 'The profile was not found',
  PROFILE_ALREADY_EXISTS: 'A profile with the same name already exists',
  ATTRIBUTE_NOT_FOUND: 'The given attribute was not found',
  INVALID_FIELD: 'Invalid field or field values',
  INVALID_ID: 'Invalid ID supplied',
  NOT_PRIVILEGED: "The token isn't privileged",
  NO_RIGHT: 'The token has no right on this attribute',
  ROUTE_NOT_FOUND: 'The requested resource does not exist',
  METHOD_NOT_ALLOWED: 'The method is not allowed for this resource',
  REQUEST_TOO_LARGE: 'The request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'The request body must be JSON',
  SERVICE_UNAVAILABLE: 'The service is temporarily unavailable',
  UNKNOWN_ERROR: 'Unknown error',
};

const messagesDe: Record<string, string> = {
  AUTHENTICATION_FAILED: 'Authentifizierung fehlgeschlagen',
  PROFILE_NOT_FOUND: 'Das Profil wurde nicht gefunden',
  PROFILE_ALREADY_EXISTS: 'Ein Profil mit demselben Namen existiert bereits',
  ATTRIBUTE_NOT_FOUND: 'Das angegebene Attribut wurde nicht gefunden',
  INVALID_FIELD: 'Ungültiges Feld oder ungültige Feldwerte',
  INVALID_ID: 'Ungültige ID angegeben',
  NOT_PRIVILEGED: 'Der Token ist nicht privilegiert',
  NO_RIGHT: 'Der Token hat kein Recht auf dieses Attribut',
  ROUTE_NOT_FOUND: 'Die angeforderte Ressource existiert nicht',
  METHOD_NOT_ALLOWED: 'Die Methode ist für diese Ressource nicht erlaubt',
  REQUEST_TOO_LARGE: 'Der Request-Body ist zu groß',
  UNSUPPORTED_MEDIA_TYPE: 'Der Request-Body muss JSON sein',
  SERVICE_UNAVAILABLE: 'Der Dienst ist vorübergehend nicht verfügbar',
  UNKNOWN_ERROR: 'Unbekannter Fehler',
};

// The official client sends `Language: <ISO 639-1>` and shows `message` to its user. [SRC go/api/api.go]
function messageFor(id: string, req: FastifyRequest): string | undefined {
  const language = String(req.headers.language ?? '')
    .slice(0, 2)
    .toLowerCase();
  return (language === 'de' ? messagesDe : messages)[id];
}

// Only ids this surface documents pass through; anything else a service raised gets the class default.
const knownIds = new Set(Object.keys(messages));

/** RPdb's detailed description for the typed codes it explains (its `message` is the one per id above). */
const details: Record<string, (details: Record<string, unknown>) => string> = {
  AUTHENTICATION_FAILED: () => '',
  NOT_PRIVILEGED: () => 'The token is not privileged',
  NO_RIGHT: () => 'The token has no write right on every attribute of this profile',
  PROFILE_ALREADY_EXISTS: (d) => `A profile named "${String(d.name)}" already exists`,
};

function describe(err: RestError, id: string): string {
  if (err.class === 'validation' && err.issues.length > 0)
    return err.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  if (err.domain?.kind === 'not_found' && err.domain.details.id !== undefined)
    return `No ${String(err.domain.details.entity)} with the ID ${String(err.domain.details.id)} is available to this token`;
  const words = err.code === undefined ? undefined : details[err.code];
  if (words) return words(err.domain?.details ?? {});
  if (err.class === 'unexpected' || err.class === 'unavailable') return '';
  if (err.domain) return err.domain.message;
  return err.message === messages[id] ? '' : err.message;
}

export function envelope(err: RestError, req: FastifyRequest): Envelope {
  const id = err.code && knownIds.has(err.code) ? err.code : defaultId[err.class];
  const headers = err.class === 'method_not_allowed' && err.allow ? { allow: err.allow.join(', ') } : undefined;
  return {
    status: statusFor[err.class],
    headers,
    body: { error: { id, message: messageFor(id, req) ?? err.message, detailedErrorDescription: describe(err, id) } },
  };
}
