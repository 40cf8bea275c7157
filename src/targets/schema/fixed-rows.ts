/**
 * The fixed rows every store starts with, and the codes the rest of chatload uses to talk about
 * them: principal types and node enums (published values), role types and permission bits
 * (published bit meanings; the role ids and bit sets are UNPUBLISHED and are chatload's choice,
 * kept here and nowhere else).
 */
import type { SqlRow } from './types.js';

/** tblPrincipalType ids (published; 6 and 7 are not listed). */
export const PrincipalTypeId = {
  any: 1,
  anyUser: 2,
  anyGroup: 3,
  systemUser: 4,
  user: 5,
  domain: 8,
  group: 9,
  folder: 10,
} as const;

/** tblEnumValue ids stored in tblNode.visibility (published). */
export const Visibility = { private: 2, scoped: 3, open: 6 } as const;
/** tblEnumValue ids stored in tblNode.behavior (published). */
export const Behavior = { normal: 4, auditorium: 5 } as const;

/**
 * Permission bit numbers (published meanings). We read bit n as mask 2^n, counting from 0; the
 * documents do not say.
 */
export const PermissionBit = {
  manageNodes: 2,
  createChildNodes: 4,
  join: 7,
  post: 8,
  readHistory: 10,
  see: 11,
  postInAuditorium: 12,
  ignoreVisibility: 13,
} as const;
export type PermissionName = keyof typeof PermissionBit;

export function permissionMask(...names: PermissionName[]): bigint {
  return names.reduce((mask, name) => mask | (1n << BigInt(PermissionBit[name])), 0n);
}

/** tblRoleType ids: chatload's choice (unpublished). */
export const RoleTypeId = { member: 1, manager: 2, voiced: 3, creator: 4 } as const;

/** The bit set each role grants: chatload's choice (unpublished), from the bit meanings. */
export const ROLE_PERMISSIONS: Readonly<Record<keyof typeof RoleTypeId, bigint>> = {
  member: permissionMask('join', 'post', 'readHistory', 'see'),
  manager: permissionMask(
    'manageNodes',
    'createChildNodes',
    'join',
    'post',
    'readHistory',
    'see',
    'postInAuditorium',
    'ignoreVisibility',
  ),
  voiced: permissionMask('join', 'post', 'readHistory', 'see', 'postInAuditorium'),
  creator: permissionMask('createChildNodes', 'see'),
};

const ROLE_NAMES: Readonly<Record<keyof typeof RoleTypeId, string>> = {
  member: 'Member',
  manager: 'Manager',
  voiced: 'Voiced',
  creator: 'Creator',
};

/** Rows of tblPrincipalType: id, description, is system user, is user type. */
export function principalTypeRows(): SqlRow[] {
  return [
    [PrincipalTypeId.any, 'Any', 0, 0],
    [PrincipalTypeId.anyUser, 'AnyUser', 0, 1],
    [PrincipalTypeId.anyGroup, 'AnyGroup', 0, 0],
    [PrincipalTypeId.systemUser, 'SystemUser', 1, 0],
    [PrincipalTypeId.user, 'User', 0, 1],
    [PrincipalTypeId.domain, 'DC', 0, 0],
    [PrincipalTypeId.group, 'Group', 0, 0],
    [PrincipalTypeId.folder, 'Folder', 0, 0],
  ];
}

const VISIBILITY_ATTRIBUTE = 1;
const BEHAVIOR_ATTRIBUTE = 2;

export function enumAttributeRows(): SqlRow[] {
  return [
    [VISIBILITY_ATTRIBUTE, 'Visibility'],
    [BEHAVIOR_ATTRIBUTE, 'Behavior'],
  ];
}

export function enumValueRows(): SqlRow[] {
  return [
    [Visibility.private, VISIBILITY_ATTRIBUTE, 'private'],
    [Visibility.scoped, VISIBILITY_ATTRIBUTE, 'scope'],
    [Behavior.normal, BEHAVIOR_ATTRIBUTE, 'normal'],
    [Behavior.auditorium, BEHAVIOR_ATTRIBUTE, 'auditorium'],
    [Visibility.open, VISIBILITY_ATTRIBUTE, 'open'],
  ];
}

export function roleTypeRows(): SqlRow[] {
  return (Object.keys(RoleTypeId) as (keyof typeof RoleTypeId)[]).map((role) => [
    RoleTypeId[role],
    ROLE_NAMES[role],
    ROLE_PERMISSIONS[role],
  ]);
}
