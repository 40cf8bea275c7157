/**
 * Compact transaction -> SIP request text, for traces. The text follows sip-xccos.md: request
 * line to the chat endpoint, in-dialog headers, minimal message-session SDP on INVITE, one XCCOS
 * document in a text/plain body on INFO, nothing on UPDATE and BYE. Content-Length counts UTF-8
 * bytes. Everything in the text is derived from the row, the naming and the options, so the
 * decoder can rebuild the row and the encoder the same bytes.
 */
import { Association, SearchKind, type Naming, type TxBatch } from '../workload/types.js';
import { escapeAttribute, escapeText } from './xml.js';
import {
  ACL_MISSES_HEADER,
  ASSUMPTION_NS,
  DEFAULT_ENDPOINT,
  SERVER_INFO_TYPE,
  USER_AGENT,
  XCCOS_NS,
  branchFor,
  callIdFor,
  clientAddressFor,
  clientPortFor,
  envidFor,
  epidFor,
  fromTagFor,
  toTagFor,
} from './wire.js';
import { Command, METHODS, Method } from '../core/vocabulary.js';

export interface EncodeOptions {
  /** Unix ms at run time 0: a post's `ts` is runEpochMs + intendedAt, in whole seconds. */
  runEpochMs: number;
  /** User part of the chat service endpoint URI. @default 'GC-1-PersistentChatService-1' */
  endpoint?: string;
}

const CL = `xmlns:cl="${ASSUMPTION_NS}"`;

/** Intended start of row i, or of the action it belongs to when i follows another (NaN). */
function actionStart(batch: TxBatch, i: number): number {
  let j = i;
  while (j > 0 && Number.isNaN(batch.intendedAt[j] as number)) j--;
  const t = batch.intendedAt[j] as number;
  return Number.isNaN(t) ? 0 : t;
}

/** ISO-8601 UTC with whole seconds: 2024-05-01T09:30:00Z. */
export function isoSeconds(unixMs: number): string {
  return new Date(Math.floor(unixMs / 1000) * 1000).toISOString().slice(0, 19) + 'Z';
}

function quoted(displayName: string): string {
  const plain = displayName.indexOf('"') < 0 && displayName.indexOf('\\') < 0;
  return plain ? `"${displayName}"` : `"${displayName.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function command(name: string, data: string): string {
  return `<cmd id="cmd:${name}" seqid="1"><data>${data}</data></cmd>`;
}

function sdp(address: string, port: number): string {
  return (
    `v=0\r\no=- 0 0 IN IP4 ${address}\r\ns=session\r\nc=IN IP4 ${address}\r\nt=0 0\r\n` +
    `m=message ${port} sip null\r\na=accept-types:text/plain text/html\r\n`
  );
}

/**
 * Encodes rows of one world's naming. Consecutive rows mostly share a user and a dialog (a
 * sign-in is 22 requests), so their header parts are kept from the previous row, and room URIs
 * are remembered per room: tracing stays cheap enough to leave on in long runs.
 */
export class SipEncoder {
  private readonly roomUris: (string | undefined)[] = [];
  private readonly roomGuids: (string | undefined)[] = [];
  private user = -1;
  private userUri = '';
  private fromName = '';
  private epid = '';
  private address = '';
  private dialog = -1;
  private callId = '';
  private fromTag = '';
  private toTag = '';
  private port = 0;

  constructor(readonly naming: Naming) {}

  private roomGuid(room: number): string {
    return (this.roomGuids[room] ??= this.naming.roomGuid(room));
  }

  private roomUri(room: number): string {
    return (this.roomUris[room] ??= `ma-chan://${this.naming.domain}/${this.roomGuid(room)}`);
  }

  private chanid(room: number, key: number): string {
    return `<chanid key="${key}" domain="${this.naming.domain}" value="${this.roomGuid(room)}"/>`;
  }

  private useUser(user: number): void {
    if (user === this.user) return;
    this.user = user;
    this.userUri = this.naming.userUri(user);
    this.fromName = quoted(this.naming.userDisplayName(user));
    this.epid = epidFor(this.naming.seed, user);
    this.address = clientAddressFor(user);
  }

  private useDialog(dialog: number): void {
    if (dialog === this.dialog) return;
    const seed = this.naming.seed;
    this.dialog = dialog;
    this.callId = callIdFor(seed, dialog);
    this.fromTag = fromTagFor(seed, dialog);
    this.toTag = toTagFor(seed, dialog);
    this.port = clientPortFor(dialog);
  }

  /** The XCCOS element(s) inside the envelope for an INFO row. */
  private payload(batch: TxBatch, i: number, options: EncodeOptions): string {
    const room = batch.room[i] as number;
    const arg0 = batch.arg0[i] as number;
    const arg1 = batch.arg1[i] as number;
    const domain = this.naming.domain;
    switch (batch.command[i]) {
      case Command.getserverinfo:
        return command('getserverinfo', `<sib domain="${domain}" infoType="${SERVER_INFO_TYPE}"/>`);
      case Command.getassociations:
        return command(
          'getassociations',
          `<cl:assoc ${CL} role="${arg0 === Association.manager ? 'manager' : 'member'}"/>`,
        );
      case Command.bjoin: {
        const start = batch.listStart[i] as number;
        const length = batch.listLength[i] as number;
        let data = '';
        for (let k = 0; k < length; k++) data += this.chanid(batch.list[start + k] as number, k);
        return command('bjoin', data);
      }
      case Command.join:
        return command('join', this.chanid(room, 0));
      case Command.bccontext: {
        const query =
          arg1 === 0 ? `<last cnt="${arg0}"/>` : `<cl:older ${CL} cnt="${arg0}" skip="${arg1}"/>`;
        return command('bccontext', `<chanib uri="${this.roomUri(room)}"/><bcq>${query}</bcq>`);
      }
      case Command.grpchat: {
        const ts = isoSeconds(options.runEpochMs + actionStart(batch, i));
        return (
          `<grpchat id="grpchat" seqid="1" chanUri="${this.roomUri(room)}" author="${this.userUri}" ts="${ts}">` +
          `<chat>${escapeText(this.naming.message(arg0))}</chat></grpchat>`
        );
      }
      case Command.part:
        return command('part', `<chanib uri="${this.roomUri(room)}"/>`);
      case Command.chansrch: {
        const criteria = escapeAttribute(this.naming.searchTerm(arg0));
        return command(
          'chansrch',
          arg1 === SearchKind.messages
            ? `<cl:msgsrch ${CL} chanUri="${this.roomUri(room)}" criteria="${criteria}"/>`
            : `<qib qtype="BYNAME" criteria="${criteria}" extended="false"/>`,
        );
      }
      case Command.getinv:
        return command('getinv', `<inv inviteId="${arg0}" domain="${domain}"/>`);
      default:
        throw new RangeError(
          `row ${i}: INFO without an XCCOS command (command code ${batch.command[i]})`,
        );
    }
  }

  /** The full SIP request text of row `i` (CRLF line ends; body bytes as Content-Length says). */
  encode(batch: TxBatch, i: number, options: EncodeOptions): string {
    const seed = this.naming.seed;
    const method = batch.method[i] as number;
    const methodName = METHODS[method];
    if (methodName === undefined) throw new RangeError(`row ${i}: unknown method code ${method}`);
    const dialog = batch.dialog[i] as number;
    const cseq = batch.cseq[i] as number;
    this.useUser(batch.user[i] as number);
    this.useDialog(dialog);
    const endpointUri = `sip:${options.endpoint ?? DEFAULT_ENDPOINT}@${this.naming.domain}`;
    const toTag = method === Method.INVITE ? '' : `;tag=${this.toTag}`;
    let head =
      `${methodName} ${endpointUri} SIP/2.0\r\n` +
      `Via: SIP/2.0/TLS ${this.address}:${this.port};branch=${branchFor(seed, dialog, cseq)}\r\n` +
      `Max-Forwards: 70\r\n` +
      `From: ${this.fromName} <${this.userUri}>;tag=${this.fromTag};epid=${this.epid}\r\n` +
      `To: <${endpointUri}>${toTag}\r\n` +
      `Call-ID: ${this.callId}\r\n` +
      `CSeq: ${cseq} ${methodName}\r\n` +
      `Contact: <${this.userUri};opaque=user:epid:${this.epid};gruu>\r\n` +
      `User-Agent: ${USER_AGENT}\r\n`;
    let body = '';
    if (method === Method.INVITE) {
      head += 'Supported: ms-sender\r\nContent-Type: application/sdp\r\n';
      body = sdp(this.address, this.port);
    } else if (method === Method.INFO) {
      const commandCode = batch.command[i] as number;
      if (commandCode === Command.bjoin || commandCode === Command.join) {
        head += `${ACL_MISSES_HEADER}: ${batch.arg0[i] as number}\r\n`;
      }
      head += 'Content-Type: text/plain\r\n';
      const envid = envidFor(seed, dialog, cseq);
      body = `<xccos xmlns="${XCCOS_NS}" ver="1" envid="${envid}">${this.payload(batch, i, options)}</xccos>`;
    }
    return `${head}Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
  }
}

const encoders = new WeakMap<Naming, SipEncoder>();

/**
 * The full SIP request text of row `i`, with a cached encoder per naming. Prefer one
 * {@link SipEncoder} per trace writer when encoding many rows.
 */
export function encodeTransaction(
  batch: TxBatch,
  i: number,
  naming: Naming,
  options: EncodeOptions,
): string {
  let encoder = encoders.get(naming);
  if (encoder === undefined) {
    encoder = new SipEncoder(naming);
    encoders.set(naming, encoder);
  }
  return encoder.encode(batch, i, options);
}
