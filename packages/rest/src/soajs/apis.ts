import { soajsContract as contract, soajsConfigSchema } from '@profilehub/api';
import type { ApiSpec } from './imfv';

const { SOAJS_USERNAME } = contract;

const str = (source: string[], required = true): ApiSpec[string] => ({ source, required, validation: { type: 'string' } });

const start: ApiSpec[string] = { source: ['query.start'], default: 0, validation: { type: 'integer', minimum: 0 } };
const limit: ApiSpec[string] = { source: ['query.limit'], default: 1000, validation: { type: 'integer', maximum: 2000 } };
const keywords = str(['query.keywords', 'body.keywords'], false);
const configFlag: ApiSpec[string] = { source: ['query.config'], validation: { type: 'boolean' } };
const groups: ApiSpec[string] = { source: ['body.groups'], validation: { type: 'array', items: { type: 'string' } } };
const profile: ApiSpec[string] = { source: ['body.profile'], validation: { type: 'object' } };

const userFields = {
  username: { source: ['body.username'], required: true, validation: { type: 'string', pattern: SOAJS_USERNAME } },
  firstName: str(['body.firstName']),
  lastName: str(['body.lastName']),
  email: { source: ['body.email'], required: true, validation: { type: 'string', format: 'email' } },
} satisfies ApiSpec;

/** Each URAC API's parameters as the gateway maps them (URAC v2 release/v2.x config.js, spec 5.2/5.5). */
const params = {
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
    config: { source: ['body.config'], validation: soajsConfigSchema },
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
    config: { source: ['body.config'], required: true, validation: soajsConfigSchema },
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

/** Each API's parameters and the typed procedure input they become. */
export const apis = {
  getUser: { params: params.getUser, input: contract.SoajsUserIdInput },
  listUsers: { params: params.listUsers, input: contract.SoajsListUsersInput },
  listUsersById: { params: params.listUsersById, input: contract.SoajsListUsersByIdInput },
  countUsers: { params: params.countUsers, input: contract.SoajsCountUsersInput },
  changeUserStatus: { params: params.changeUserStatus, input: contract.SoajsChangeUserStatusInput },
  addUser: { params: params.addUser, input: contract.SoajsAddUserInput },
  editUser: { params: params.editUser, input: contract.SoajsEditUserInput },
  editUserConfig: { params: params.editUserConfig, input: contract.SoajsEditUserConfigInput },
  deleteUser: { params: params.deleteUser, input: contract.SoajsUserIdInput },
  listGroups: { params: params.listGroups, input: contract.SoajsListGroupsInput },
  getGroup: { params: params.getGroup, input: contract.SoajsGetGroupInput },
  addGroup: { params: params.addGroup, input: contract.SoajsAddGroupInput },
  editGroup: { params: params.editGroup, input: contract.SoajsEditGroupInput },
  deleteGroup: { params: params.deleteGroup, input: contract.SoajsDeleteGroupInput },
};
