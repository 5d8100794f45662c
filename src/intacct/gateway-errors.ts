/**
 * What the gateway's error texts mean, in one place: throttling, a refused sender, a permission
 * denial, an unknown object or a module that is off, and why a sign-in failed. The client reads
 * them to decide on retries and error types; the engine reads them to tell a person what to fix.
 */
import type { AuthenticationFailureReason, ControlFailureReason, GatewayErrorDetail } from './errors.js';

export function allText(errors: GatewayErrorDetail[]): string {
  return errors.map((e) => `${e.errorno} ${e.description} ${e.description2} ${e.correction}`).join(' ');
}

const NOT_AUTHORISED_SENDER = /invalid web services authori[sz]ation|sender[^.]*not authori[sz]ed|not authori[sz]ed for (this )?company/i;
const THROTTLED = /\bGW-0010\b|rate limit exceeded|too many requests/i;
const PERMISSION = /permission|not authori[sz]ed|unauthori[sz]ed|access denied|insufficient (privileges|rights)|not allowed to/i;
const NOT_SUBSCRIBED =
  /not subscribed|subscription|not enabled|isn't enabled|is disabled|been disabled|turned off|not turned on|switched off|feature is off|not configured|not available for (this|your) company|module is not|application is not installed/i;
const UNKNOWN_OBJECT =
  /object definition .* not found|unknown object|invalid object|no such object|not a valid object|unknown field|invalid field|field .* (not found|does not exist)/i;
/** How an HTTP error body (not XML) marks throttling. */
const THROTTLED_BODY = /GW-0010|rate limit exceeded/i;

/** True when the gateway's text says the user may not read the object or function. */
export function isPermissionDenial(text: string): boolean {
  return PERMISSION.test(text);
}

/**
 * What a failed function's text says a person can act on, after permission: the object or field
 * does not exist in this company, or the module behind it is off.
 */
export function functionFailureKind(text: string): 'unknown-object' | 'not-subscribed' | undefined {
  if (UNKNOWN_OBJECT.test(text)) return 'unknown-object';
  if (NOT_SUBSCRIBED.test(text)) return 'not-subscribed';
  return undefined;
}

/** True when an HTTP error body says the client is being throttled. */
export function isThrottledBody(body: string): boolean {
  return THROTTLED_BODY.test(body);
}

/** True when the gateway errors say the client is being throttled. */
export function isThrottled(errors: GatewayErrorDetail[]): boolean {
  return THROTTLED.test(allText(errors));
}

export function classifyControlFailure(errors: GatewayErrorDetail[]): ControlFailureReason {
  const t = allText(errors);
  if (NOT_AUTHORISED_SENDER.test(t)) return 'sender-not-authorised';
  if (/XL03000006|XMLGW_JPP0002|sign-?in information|sender|password|credential/i.test(t)) return 'sender-credentials';
  return 'other';
}

export function classifyAuthenticationFailure(errors: GatewayErrorDetail[]): AuthenticationFailureReason {
  const t = allText(errors);
  if (NOT_AUTHORISED_SENDER.test(t)) return 'sender-not-authorised';
  if (/\b(entity|location)\b/i.test(t)) return 'entity';
  if (/sign-?in information|user ?id|password|credential|log ?in|session/i.test(t)) return 'user-credentials';
  if (/company/i.test(t)) return 'company';
  return 'other';
}
