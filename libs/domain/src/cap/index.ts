// The CAP 1.2 messages and Atom feed of current alerts, as the domain offers them.
export { CapInputError } from './cap-error';
export type {
  CapAlertInput,
  CapDecidedBy,
  CapInitiative,
  CapMsgType,
  CapReference,
  CapStatus,
  CapText,
} from './cap-input';
export { validateCapAlertInput } from './cap-input';
export {
  CAP_LANGUAGES,
  CAP_NAMESPACE,
  CAP_SENDER_NAME,
  buildCapAlert,
  capIdentifier,
  capInfoContent,
  type CapCertainty,
  type CapInfoContent,
  type CapSeverityValue,
  type CapUrgency,
} from './cap-alert';
export {
  ATOM_NAMESPACE,
  KLIMAVAGT_TAG_AUTHORITY,
  buildCapAtomFeed,
  capAtomEntryId,
  capMessageHref,
  type CapAtomFeedInput,
} from './cap-atom-feed';
export { toCapDateTime, copenhagenOffsetMinutes } from './cap-time';
export { capPolygons } from './cap-geometry';
export { CAP_HAZARD_WORDS } from './cap-vocabulary';
