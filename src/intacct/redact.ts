/**
 * Secret removal for anything the client writes or throws. Two layers: the contents of sensitive
 * XML elements are replaced wherever they appear (the official SDK's list plus case-insensitive
 * matching across line breaks), and every secret value the client knows (passwords, session ids)
 * is replaced wherever it appears, also in escaped form — belt and braces.
 */

export const REDACTED = 'REDACTED';

/** Elements whose contents are never logged (the official SDK's list). */
export const SENSITIVE_ELEMENTS = [
  'password',
  'sessionid',
  'accountnumber',
  'cardnum',
  'ssn',
  'achaccountnumber',
  'wireaccountnumber',
  'taxid',
] as const;

const ELEMENT_PATTERN = new RegExp(
  `<(${SENSITIVE_ELEMENTS.join('|')})(\\s[^>]*)?>([\\s\\S]*?)</\\1\\s*>`,
  'gi',
);

/** Replace the contents of sensitive elements in XML text. */
export function redactXmlElements(xml: string): string {
  return xml.replace(ELEMENT_PATTERN, (_m, name: string, attrs: string | undefined) => `<${name}${attrs ?? ''}>${REDACTED}</${name}>`);
}

function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Secrets shorter than this are not replaced as free text (a 2-character value would shred the
 * log); they are still removed from the sensitive elements where they legitimately occur.
 */
const MIN_SECRET_LENGTH = 4;

/** Holds the secret values known to one client (and its entity sessions). */
export class SecretScrubber {
  private readonly secrets = new Set<string>();

  add(...values: (string | undefined)[]): void {
    for (const v of values) {
      if (typeof v !== 'string' || v.length < MIN_SECRET_LENGTH) continue;
      this.secrets.add(v);
      this.secrets.add(xmlEscape(v));
      this.secrets.add(encodeURIComponent(v));
    }
  }

  /** Replace every known secret value in `text`. */
  scrub(text: string): string {
    let out = text;
    // Longest first so that a secret containing another is replaced whole.
    const sorted = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const s of sorted) {
      if (out.includes(s)) out = out.split(s).join(REDACTED);
    }
    return out;
  }

  /** Element redaction followed by value scrubbing: for request and response bodies. */
  redactXml(xml: string): string {
    return this.scrub(redactXmlElements(xml));
  }
}
