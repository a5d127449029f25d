/**
 * Full validation of an RBAC policy (`PUT /v1/b2b/rbac/policy`, `tessera rbac set`) and of an
 * organization's custom roles. The input is client JSON of any shape; every refusal is a 400 with Stytch's
 * RBAC error type and a message that says where (`roles[1].permissions[0].actions`) and what is wrong.
 *
 * @module
 */
import type { ErrorType } from '@tessera/core';
import type { RbacPermission, RbacPolicy, RbacResource, RbacRole, RbacScope } from '../../../store/b2b-records.js';
import { ApiError } from '../../errors.js';
import { STYTCH_ADMIN, STYTCH_MEMBER, STYTCH_RESOURCES, STYTCH_ROLES } from './default-policy.js';

const MAX_ID = 128;
const MAX_DESCRIPTION = 1024;
const MAX_ITEMS = 500;
/** Role ids as Stytch shows them (`stytch_admin`, `editor`, `billing:viewer`). */
const ROLE_ID = /^[A-Za-z0-9._:-]+$/;

/** Resource id -> its actions: what permissions may name. */
export type ResourceActions = ReadonlyMap<string, readonly string[]>;

function fail(type: ErrorType, at: string, what: string): never {
  throw new ApiError(type, `${at}: ${what}`);
}

function object(value: unknown, at: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('invalid_argument', at, 'must be an object.');
  return value as Record<string, unknown>;
}

/** A list (absent is empty); with `missing`, one that must have entries, refused with that type otherwise. */
function list(value: unknown, at: string, missing?: ErrorType): unknown[] {
  if (value === undefined) {
    if (missing) fail(missing, at, 'is required.');
    return [];
  }
  if (!Array.isArray(value)) fail('invalid_argument', at, 'must be a list.');
  if (value.length > MAX_ITEMS) fail('invalid_argument', at, `may have at most ${MAX_ITEMS} entries.`);
  if (value.length === 0 && missing) fail(missing, at, 'must not be empty.');
  return value;
}

function id(value: unknown, at: string, empty: ErrorType, tooLong: ErrorType): string {
  if (value === undefined || value === '') fail(empty, at, 'is required.');
  if (typeof value !== 'string') fail('invalid_argument', at, 'must be a string.');
  if (value.length > MAX_ID) fail(tooLong, at, `is longer than ${MAX_ID} characters.`);
  return value;
}

function description(value: unknown, at: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') fail('invalid_argument', at, 'must be a string.');
  if (value.length > MAX_DESCRIPTION) fail('rbac_description_too_long', at, `is longer than ${MAX_DESCRIPTION} characters.`);
  return value;
}

function unique<T>(items: T[], key: (t: T) => string, type: ErrorType, at: string): T[] {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(key(item))) fail(type, `${at}[${i}]`, `"${key(item)}" is listed twice.`);
    seen.add(key(item));
  });
  return items;
}

function actionList(value: unknown, at: string, missing: ErrorType): string[] {
  const actions = list(value, at, missing).map((a, i) => id(a, `${at}[${i}]`, 'invalid_permission_action', 'rbac_action_too_long'));
  return unique(actions, (a) => a, 'rbac_action_duplicate', at);
}

function resource(value: unknown, at: string): RbacResource {
  const r = object(value, at);
  const resource_id = id(r.resource_id, `${at}.resource_id`, 'empty_rbac_resource_id', 'rbac_resource_id_too_long');
  const actions = actionList(r.actions, `${at}.actions`, 'rbac_resource_missing_actions');
  if (actions.includes('*')) fail('invalid_wildcard_action', `${at}.actions`, '"*" is not an action; a permission uses it to grant all of them.');
  return { resource_id, description: description(r.description, `${at}.description`), actions };
}

/**
 * The project's own resources. Stytch's `stytch.*` resources may be listed (so that a policy read with GET
 * can be sent back as is) but only unchanged; they are not stored, as they always exist.
 */
function ownResources(value: unknown): RbacResource[] {
  const all = list(value, 'resources').map((r, i) => resource(r, `resources[${i}]`));
  unique(all, (r) => r.resource_id, 'rbac_resource_duplicate', 'resources');
  return all.filter((r, i) => {
    if (!r.resource_id.startsWith('stytch')) return true;
    const builtin = STYTCH_RESOURCES.find((s) => s.resource_id === r.resource_id);
    const same = builtin && builtin.actions.length === r.actions.length && r.actions.every((a) => builtin.actions.includes(a));
    if (!same) fail('invalid_stytch_prefixed_resource', `resources[${i}].resource_id`, `"${r.resource_id}" is reserved: resource ids starting with "stytch" are Stytch's own, which cannot be changed.`);
    return false;
  });
}

function permissions(value: unknown, at: string, resources: ResourceActions, missing: ErrorType | null): RbacPermission[] {
  const out = list(value, at, missing ?? undefined).map((p, i) => {
    const o = object(p, `${at}[${i}]`);
    const resource_id = id(o.resource_id, `${at}[${i}].resource_id`, 'empty_rbac_resource_id', 'rbac_resource_id_too_long');
    const allowed = resources.get(resource_id);
    if (!allowed) fail('invalid_permission_resource', `${at}[${i}].resource_id`, `"${resource_id}" is not a resource of the policy.`);
    const actions = actionList(o.actions, `${at}[${i}].actions`, 'rbac_permission_missing_actions');
    if (actions.includes('*') && actions.length > 1) fail('invalid_wildcard_action', `${at}[${i}].actions`, '"*" already grants every action; list it alone.');
    for (const a of actions) {
      if (a !== '*' && !allowed.includes(a)) fail('invalid_permission_action', `${at}[${i}].actions`, `"${a}" is not an action of resource "${resource_id}".`);
    }
    return { resource_id, actions };
  });
  return unique(out, (p) => p.resource_id, 'rbac_resource_duplicate', at);
}

/**
 * Roles, checked against the resources they may name. `scope: 'project'` allows the two Stytch role ids
 * (with any permissions, even none); organization custom roles may use no `stytch_` id, nor one in `taken`.
 */
export function validateRoles(value: unknown, at: string, resources: ResourceActions, scope: 'project' | 'organization', taken: ReadonlySet<string> = new Set()): RbacRole[] {
  const roles = list(value, at).map((v, i) => {
    const o = object(v, `${at}[${i}]`);
    const role_id = id(o.role_id, `${at}[${i}].role_id`, 'empty_rbac_role_id', 'rbac_role_id_too_long');
    const builtin = scope === 'project' && (role_id === STYTCH_ADMIN || role_id === STYTCH_MEMBER);
    if (!ROLE_ID.test(role_id) || (role_id.startsWith('stytch_') && !builtin)) {
      fail('invalid_rbac_role_id', `${at}[${i}].role_id`, `"${role_id.slice(0, MAX_ID)}" is not a valid role id (letters, digits and . _ : -; stytch_ ids are reserved).`);
    }
    if (taken.has(role_id)) fail('rbac_role_duplicate', `${at}[${i}].role_id`, `"${role_id}" is already a role of the project policy.`);
    const perms = permissions(o.permissions, `${at}[${i}].permissions`, resources, builtin ? null : 'rbac_role_missing_permissions');
    return { role_id, description: description(o.description, `${at}[${i}].description`), permissions: perms };
  });
  return unique(roles, (r) => r.role_id, 'rbac_role_duplicate', at);
}

function scopes(value: unknown, resources: ResourceActions): RbacScope[] {
  const out = list(value, 'scopes').map((v, i) => {
    const o = object(v, `scopes[${i}]`);
    const scope = id(o.scope, `scopes[${i}].scope`, 'empty_rbac_scope', 'rbac_scope_too_long');
    const perms = permissions(o.permissions, `scopes[${i}].permissions`, resources, 'rbac_scope_missing_permissions');
    return { scope, description: description(o.description, `scopes[${i}].description`), permissions: perms };
  });
  return unique(out, (s) => s.scope, 'rbac_scope_duplicate', 'scopes');
}

export function resourceActions(resources: readonly RbacResource[]): ResourceActions {
  return new Map(resources.map((r) => [r.resource_id, r.actions]));
}

/**
 * A project policy as stored: its roles (`stytch_admin` and `stytch_member` keep their default permissions
 * when the policy does not list them), its own resources, its scopes.
 */
export function validatePolicy(input: unknown): RbacPolicy {
  const o = object(input, 'policy');
  const resources = ownResources(o.resources);
  const actions = resourceActions([...STYTCH_RESOURCES, ...resources]);
  const roles = validateRoles(o.roles, 'roles', actions, 'project');
  const missing = STYTCH_ROLES.filter((s) => !roles.some((r) => r.role_id === s.role_id));
  return { roles: [...missing, ...roles], resources, scopes: scopes(o.scopes, actions) };
}
