// URAC v2 admin API input contracts (soajs.urac release/v2.x config.js), spec section 5.2/5.5.
import type { AuthedContext } from '../../context';
import { type ApiSpec, type JsonSchema, mapFormatAndValidate } from './imfv';

const USERNAME = /^[a-zA-Z0-9_-]+$/;

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

const str = (source: string[], required = true): ApiSpec[string] => ({ source, required, validation: { type: 'string' } });

const start: ApiSpec[string] = { source: ['query.start'], default: 0, validation: { type: 'integer', minimum: 0 } };
const limit: ApiSpec[string] = { source: ['query.limit'], default: 1000, validation: { type: 'integer', maximum: 2000 } };
const keywords = str(['query.keywords', 'body.keywords'], false);
const configFlag: ApiSpec[string] = { source: ['query.config'], validation: { type: 'boolean' } };
const groups: ApiSpec[string] = { source: ['body.groups'], validation: { type: 'array', items: { type: 'string' } } };
const profile: ApiSpec[string] = { source: ['body.profile'], validation: { type: 'object' } };

const userFields = {
  username: { source: ['body.username'], required: true, validation: { type: 'string', pattern: USERNAME } },
  firstName: str(['body.firstName']),
  lastName: str(['body.lastName']),
  email: { source: ['body.email'], required: true, validation: { type: 'string', format: 'email' } },
} satisfies ApiSpec;

export const apis = {
  getUser: { uId: str(['query.uId']) },
  listUsers: { config: configFlag, start, limit, keywords },
  listUsersById: {
    uId: { source: ['body.uId'], required: true, validation: { type: 'array', items: { type: 'string' }, minItems: 1 } },
    config: configFlag,
    start,
    limit,
  },
  countUsers: { keywords },
  changeUserStatus: {
    uId: str(['query.uId']),
    status: { source: ['query.status'], required: true, validation: { type: 'string', enum: ['active', 'inactive'] } },
  },
  addUser: {
    ...userFields,
    profile,
    groups,
    status: { source: ['body.status'], default: 'pendingNew', validation: { type: 'string', enum: ['active', 'inactive', 'pendingNew'] } },
    password: str(['body.password'], false),
    confirmation: str(['body.confirmation'], false),
    pin: {
      source: ['body.pin'],
      validation: {
        type: 'object',
        properties: { code: { required: true, type: 'boolean' }, allowed: { required: true, type: 'boolean' } },
        additionalProperties: false,
      },
    },
  },
  editUser: {
    uId: str(['query.uId']),
    ...userFields,
    groups,
    config: { source: ['body.config'], validation: configSchema },
    status: { source: ['body.status'], required: true, validation: { type: 'string', enum: ['active', 'inactive', 'pendingNew'] } },
    profile,
    password: str(['body.password'], false),
    confirmation: str(['body.confirmation'], false),
    pin: {
      source: ['body.pin'],
      validation: { type: 'object', properties: { code: { type: 'boolean' }, allowed: { type: 'boolean' } }, additionalProperties: false },
    },
  },
  editUserConfig: {
    uId: str(['query.uId']),
    config: { source: ['body.config'], required: true, validation: configSchema },
  },
  deleteUser: { uId: str(['query.uId']) },
  listGroups: {},
  getGroup: { id: str(['query.id']) },
  addGroup: {
    code: { source: ['body.code'], required: true, validation: { type: 'string', format: 'alphanumeric', maxLength: 20 } },
    name: str(['body.name']),
    description: str(['body.description'], false),
    config: { source: ['body.config'], validation: { type: 'object' } },
  },
  editGroup: {
    gId: str(['query.gId']),
    name: str(['body.name']),
    description: str(['body.description'], false),
    config: { source: ['body.config'], validation: { type: 'object' } },
  },
  deleteGroup: { gId: str(['query.gId']) },
} satisfies Record<string, ApiSpec>;

export type SoajsApiName = keyof typeof apis;

/** A URAC call: the request as the gateway hands it over, and (admins only) the tenant to act for. */
export type SoajsReq = { query: Record<string, unknown>; body?: unknown; json: boolean; tenantId?: string };
export type SoajsArgs = { ctx: AuthedContext; input: SoajsReq };

/** The API's inputs, mapped, cast and validated (172/173) before any handler logic runs. */
export function params(api: SoajsApiName, input: SoajsReq) {
  return mapFormatAndValidate(apis[api], { query: input.query, body: input.body ?? {}, json: input.json });
}
