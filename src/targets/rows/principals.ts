/**
 * tblPrincipal and tblPrincipalAffiliations rows from a World. Principals come in id order
 * (system user, domain, folders, directory groups, room groups, users) and affiliations in key
 * order, so both tables load as appends.
 */
import { uuidFor } from '../../core/ids.js';
import type { Csr, World } from '../../workload/types.js';
import { PrincipalTypeId } from '../schema/fixed-rows.js';
import type { SqlRow } from '../schema/types.js';
import { clip, type Stamp } from './stamp.js';

/** updatedBy of AD-made rows: prinID 1, the system user that represents AD sync. */
const AD_SYNC = 1;
/** The Persistent Chat pool every user is homed on (one pool in the model). */
const POOL_ID = 1;

/**
 * uuidFor namespaces of principal GUIDs. They match the workload naming's, so a group's prinGuid
 * is the GUID inside its ma-grp URI (a test holds them together).
 */
const GUID_NAMESPACE = {
  system: 'system-user',
  domain: 'domain',
  folder: 'folder',
  directory: 'directory-group',
  room: 'room-group',
  user: 'user',
} as const;

export function principalGuid(
  world: World,
  kind: keyof typeof GUID_NAMESPACE,
  index: number,
): string {
  return uuidFor(world.seed, GUID_NAMESPACE[kind], index);
}

/** Escapes a relative distinguished name value (RFC 4514 specials). */
function rdn(value: string): string {
  return value.replace(/[,+"\\<>;=]/g, (c) => `\\${c}`);
}

function domainDn(domain: string): string {
  return domain
    .split('.')
    .map((part) => `DC=${rdn(part)}`)
    .join(',');
}

function folderDns(world: World): string[] {
  const dns: string[] = [];
  const root = domainDn(world.naming.domain);
  for (let f = 0; f < world.folders; f++) {
    const parent = world.folderParent[f] as number;
    dns.push(
      `OU=${rdn(world.naming.folderName(f))},${parent < 0 ? root : (dns[parent] as string)}`,
    );
  }
  return dns;
}

function principalRow(
  prinId: number,
  guid: string,
  uri: string,
  type: number,
  name: string | null,
  adPath: string | null,
  stamp: Stamp,
): SqlRow {
  return [
    prinId,
    guid,
    uri,
    name === null ? null : clip(name),
    null,
    null,
    null,
    adPath === null ? null : clip(adPath, 384),
    null,
    0,
    type,
    null,
    null,
    AD_SYNC,
    stamp.ticks,
    AD_SYNC,
    stamp.ticks,
    stamp.date,
  ];
}

export function* principalRows(world: World, stamp: Stamp): Generator<SqlRow> {
  const { naming, layout } = world;
  const domain = naming.domain;
  const root = domainDn(domain);
  const opaqueUri = (guid: string): string => `ma-grp://${domain}/${guid}`;

  const systemGuid = principalGuid(world, 'system', 0);
  yield principalRow(
    layout.systemUserPrinId,
    systemGuid,
    opaqueUri(systemGuid),
    PrincipalTypeId.systemUser,
    'chatload AD sync',
    null,
    stamp,
  );
  const domainGuid = principalGuid(world, 'domain', 0);
  yield principalRow(
    layout.domainPrinId,
    domainGuid,
    opaqueUri(domainGuid),
    PrincipalTypeId.domain,
    domain,
    root,
    stamp,
  );

  const dns = folderDns(world);
  for (let f = 0; f < world.folders; f++) {
    const guid = principalGuid(world, 'folder', f);
    yield principalRow(
      layout.folderPrinBase + f,
      guid,
      opaqueUri(guid),
      PrincipalTypeId.folder,
      naming.folderName(f),
      dns[f] as string,
      stamp,
    );
  }
  for (const kind of ['directory', 'room'] as const) {
    const count = kind === 'directory' ? world.directoryGroups : world.roomGroups;
    const base = kind === 'directory' ? layout.directoryGroupPrinBase : layout.roomGroupPrinBase;
    const ou = kind === 'directory' ? 'Groups' : 'Chat Room Groups';
    for (let g = 0; g < count; g++) {
      const name = naming.groupName(kind, g);
      const dn = `CN=${rdn(name)},OU=${ou},${root}`;
      yield principalRow(
        base + g,
        principalGuid(world, kind, g),
        naming.groupUri(kind, g),
        PrincipalTypeId.group,
        name,
        dn,
        stamp,
      );
    }
  }

  const company = domain.split('.')[0] ?? domain;
  for (let u = 0; u < world.users; u++) {
    const alias = naming.userAlias(u);
    const row = principalRow(
      layout.userPrinBase + u,
      principalGuid(world, 'user', u),
      naming.userUri(u),
      PrincipalTypeId.user,
      alias,
      `CN=${rdn(alias)},${dns[world.userFolder[u] as number] ?? root}`,
      stamp,
    );
    row[4] = clip(naming.userDisplayName(u));
    row[5] = company;
    row[6] = `${alias}@${domain}`;
    row[8] = `${alias}@${domain}`;
    row[11] = POOL_ID;
    yield row;
  }
}

/** Inverts group -> users into user -> groups. */
export function invertCsr(csr: Csr, targets: number): Csr {
  const start = new Int32Array(targets + 1);
  for (const user of csr.items) start[user + 1] = (start[user + 1] as number) + 1;
  for (let u = 0; u < targets; u++) start[u + 1] = (start[u + 1] as number) + (start[u] as number);
  const fill = start.slice(0, targets);
  const items = new Int32Array(csr.items.length);
  const groups = csr.start.length - 1;
  for (let g = 0; g < groups; g++) {
    for (let i = csr.start[g] as number; i < (csr.start[g + 1] as number); i++) {
      const user = csr.items[i] as number;
      items[fill[user] as number] = g;
      fill[user] = (fill[user] as number) + 1;
    }
  }
  return { start, items };
}

/** Number of affiliation rows {@link affiliationRows} yields for principals that are not users. */
export function nonUserAffiliationCount(world: World): number {
  let folderRows = 0;
  for (let f = 0; f < world.folders; f++) folderRows += 2 + folderDepth(world, f);
  return 1 + folderRows + 2 * (world.directoryGroups + world.roomGroups);
}

function folderDepth(world: World, folder: number): number {
  let depth = 0;
  for (let p = world.folderParent[folder] as number; p >= 0; p = world.folderParent[p] as number)
    depth++;
  return depth;
}

/**
 * Every principal but the system user has its self row (index -1). A user is then affiliated,
 * in index order 1..n, with the domain, its folder chain (leaf first), its room-membership
 * groups and its directory groups; a folder with the domain and its parent chain; a group with
 * the domain.
 */
export function* affiliationRows(world: World): Generator<SqlRow> {
  const { layout } = world;
  const dc = layout.domainPrinId;
  yield [dc, dc, -1, AD_SYNC];
  for (let f = 0; f < world.folders; f++) {
    const id = layout.folderPrinBase + f;
    yield [id, id, -1, AD_SYNC];
    yield [id, dc, 1, AD_SYNC];
    let index = 2;
    for (let p = world.folderParent[f] as number; p >= 0; p = world.folderParent[p] as number) {
      yield [id, layout.folderPrinBase + p, index++, AD_SYNC];
    }
  }
  for (const [base, count] of [
    [layout.directoryGroupPrinBase, world.directoryGroups],
    [layout.roomGroupPrinBase, world.roomGroups],
  ] as const) {
    for (let g = 0; g < count; g++) {
      yield [base + g, base + g, -1, AD_SYNC];
      yield [base + g, dc, 1, AD_SYNC];
    }
  }

  const roomGroupsOfUser = invertCsr(world.roomGroupMembers, world.users);
  const directoryGroups = new Int32Array(Math.max(1, world.directoryGroups));
  for (let u = 0; u < world.users; u++) {
    const id = layout.userPrinBase + u;
    yield [id, id, -1, AD_SYNC];
    yield [id, dc, 1, AD_SYNC];
    let index = 2;
    for (let f = world.userFolder[u] as number; f >= 0; f = world.folderParent[f] as number) {
      yield [id, layout.folderPrinBase + f, index++, AD_SYNC];
    }
    for (
      let i = roomGroupsOfUser.start[u] as number;
      i < (roomGroupsOfUser.start[u + 1] as number);
      i++
    ) {
      yield [
        id,
        layout.roomGroupPrinBase + (roomGroupsOfUser.items[i] as number),
        index++,
        AD_SYNC,
      ];
    }
    const n = world.directoryGroupsOf(u, directoryGroups);
    for (let i = 0; i < n; i++) {
      yield [id, layout.directoryGroupPrinBase + (directoryGroups[i] as number), index++, AD_SYNC];
    }
  }
}
