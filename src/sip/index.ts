/** The SIP/XCCOS text codec: compact rows to request text for traces, and text back to rows. */
export { type EncodeOptions, encodeTransaction, isoSeconds } from './encode.js';
export {
  type NameAddress,
  type ParsedRequest,
  type SipHeader,
  headerValue,
  parseSipRequest,
} from './parse.js';
export { type DecodeOptions, type Resolver, decodeTransaction, worldResolver } from './decode.js';
export type { ClientCommand, XccosChat, XccosCommand, XccosDocument, XccosItem } from './xccos.js';
export type { XmlAttribute, XmlElement, XmlNode, XmlText } from './xml.js';
export { ACL_MISSES_HEADER, ASSUMPTION_NS, DEFAULT_ENDPOINT, XCCOS_NS } from './wire.js';
