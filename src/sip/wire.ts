/**
 * What encoder and decoder agree on: namespaces, the chatload assumption elements, the
 * simulation header, and the identifiers derived from (seed, dialog, cseq, user) so that a
 * Call-ID, tag, branch or envid never needs a table.
 */
import { tokenFor } from '../core/ids.js';
import { combineSeeds, mix32 } from '../core/random.js';

export const XCCOS_NS = 'urn:parlano:xml:ns:xccos';
/**
 * Namespace of elements chatload uses where the XCCOS shape is not public (sip-xccos.md §7):
 * `cl:assoc` (getassociations), `cl:older` (history paging beyond `last`), `cl:msgsrch`
 * (message search). Every element in it is an assumption, labelled as such on the wire.
 */
export const ASSUMPTION_NS = 'urn:chatload:assumption';
export const ASSUMPTION_PREFIX = 'cl';

/**
 * Simulation annotation, not sent by real clients: how many rooms of a bjoin (the first k) or
 * whether a join (1/0) miss the chat service's ACL cache and are authorised in the store.
 */
export const ACL_MISSES_HEADER = 'X-Chatload-Acl-Misses';

export const DEFAULT_ENDPOINT = 'GC-1-PersistentChatService-1';
export const USER_AGENT = 'chatload (simulated Lync 2013 client)';
/** getserverinfo's infoType as SIPE sends it (sip-xccos.md §3). */
export const SERVER_INFO_TYPE = '123';

const CALL_ID_NS = 'sip:call-id';

/** 32 hex digits like Lync's: the dialog number (8 digits) then 24 digits of seeded token. */
export function callIdFor(seed: number, dialog: number): string {
  return (dialog >>> 0).toString(16).padStart(8, '0') + tokenFor(seed, CALL_ID_NS, dialog, 3);
}

/** The dialog number a Call-ID made by {@link callIdFor} carries, or -1. */
export function dialogOfCallId(callId: string): number {
  if (!/^[0-9a-f]{32}$/.test(callId)) return -1;
  return parseInt(callId.slice(0, 8), 16) | 0;
}

export function fromTagFor(seed: number, dialog: number): string {
  return tokenFor(seed, 'sip:from-tag', dialog, 1);
}

export function toTagFor(seed: number, dialog: number): string {
  return tokenFor(seed, 'sip:to-tag', dialog, 1);
}

export function branchFor(seed: number, dialog: number, cseq: number): string {
  return 'z9hG4bK' + tokenFor(combineSeeds(seed, cseq), 'sip:branch', dialog, 2);
}

/** Endpoint id of the user's client (10 hex digits, as Lync's epid). */
export function epidFor(seed: number, user: number): string {
  return tokenFor(seed, 'sip:epid', user, 2).slice(0, 10);
}

/** Envelope ids start at a random number per dialog and increase with the CSeq. */
export function envidFor(seed: number, dialog: number, cseq: number): number {
  return 100_000 + (mix32(combineSeeds(seed, dialog) ^ 0x2545f491) % 900_000) + cseq;
}

/** The client's address: 10.x.y.z from the user index. */
export function clientAddressFor(user: number): string {
  return `10.${(user >>> 16) & 255}.${(user >>> 8) & 255}.${user & 255}`;
}

/** The client's ephemeral port for a dialog. */
export function clientPortFor(dialog: number): number {
  return 49_152 + (dialog & 16_383);
}
