// Every es-CO text the bot says, grouped by flow. Tests assert against these, not copied strings.
export { common } from './messages/common';
export { session } from './messages/session';
export { handoff } from './messages/handoff';
export { contactData, family } from './messages/family';
export { selfService } from './messages/selfService';
export { authorizations } from './messages/authorizations';
export { identity } from './messages/identity';
export { backOffice } from './messages/backOffice';
export { understanding } from './messages/understanding';
export { emergency } from './messages/emergency';
