// A user's config (URAC editUserConfig / editUser): the schema it must meet and how a new one merges
// into the stored one. URAC v2 release/v2.x config.js, spec section 5.5.
import type { JsonObject, SoajsConfig } from '../../contract/soajs';
import { ValidationError } from '../../errors';
import { type JsonSchema, validateSchema } from './json-schema';
import { isObject, storeAllowedTenants } from './records';

const access: JsonSchema = {
  oneOf: [
    { type: 'boolean', required: false },
    { type: 'array', minItems: 1, items: { type: 'string', required: true }, required: false },
  ],
};

const acl: JsonSchema = {
  type: 'object',
  required: false,
  properties: {
    access,
    apisPermission: { type: 'string', enum: ['restricted'], required: false },
    apis: {
      type: 'object',
      required: false,
      patternProperties: {
        '^[_a-z/][_a-zA-Z0-9/:]*$': { type: 'object', required: true, properties: { access }, additionalProperties: false },
      },
    },
    apisRegExp: {
      type: 'array',
      required: false,
      minItems: 1,
      items: {
        type: 'object',
        properties: { regExp: { type: 'pattern', required: true, pattern: /\.+/ }, access },
        additionalProperties: false,
      },
    },
  },
};

// `pin.code` was a string when the seed page was written and a boolean from v2.5.3; both are accepted
// (spec 7.5).
export const configSchema: JsonSchema = {
  type: 'object',
  properties: {
    keys: { type: 'object', required: false },
    packages: {
      type: 'object',
      required: false,
      additionalProperties: { type: 'object', properties: { acl } },
    },
    allowedTenants: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          tenant: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              code: { type: 'string' },
              pin: {
                type: 'object',
                properties: { code: { type: ['string', 'boolean'] }, allowed: { type: 'boolean' } },
                additionalProperties: false,
              },
            },
          },
          groups: { type: 'array' },
        },
        additionalProperties: false,
      },
    },
  },
};

/** The config's schema errors, one per failing path (`config.allowedTenants[0].tenant.code`). */
function configIssues(config: unknown) {
  return validateSchema(config, { ...configSchema, required: true }).map((e) => ({
    path: `config${e.path.slice('instance'.length)}`,
    message: e.message,
  }));
}

/** Checks a config without saving it (the admin editor's pre-check). */
export function checkConfig(config: unknown) {
  const issues = configIssues(config);
  return { valid: issues.length === 0, issues };
}

/** Refuses a config that does not meet URAC's schema, with the errors per path (the admin shows them by field). */
export function assertConfig(config: JsonObject): asserts config is SoajsConfig {
  const issues = configIssues(config);
  // `check` keeps URAC's code for a schema failure (173), which the admin's field errors have always carried.
  if (issues.length > 0)
    throw new ValidationError(
      issues.map((i) => ({ ...i, check: '173' })),
      'SOAJS_CONFIG_INVALID',
    );
}

/**
 * URAC editConfig merge: a non-object stored config starts from {}; `packages`, `keys` and
 * `allowedTenants` are each replaced when given (an empty object or list replaces too), absent ones kept.
 */
export function mergeConfig(workspaceId: string, stored: unknown, incoming: SoajsConfig): JsonObject {
  const base = isObject(stored) ? { ...stored } : {};
  if (incoming.packages) base.packages = incoming.packages;
  if (incoming.keys) base.keys = incoming.keys;
  if (incoming.allowedTenants) base.allowedTenants = storeAllowedTenants(workspaceId, incoming.allowedTenants, base.allowedTenants);
  return base;
}
