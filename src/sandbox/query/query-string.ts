/**
 * Parser for `readByQuery` query strings, the SQL-WHERE-like language of the legacy function:
 *   FIELD op value   (op: = <> != < > <= >=)      FIELD [NOT] LIKE 'pat%'
 *   FIELD [NOT] IN ('a', 'b', 3)                  FIELD IS [NOT] NULL
 *   AND, OR, NOT and parentheses; AND binds tighter than OR.
 * Strings are single-quoted; a backslash escapes the next character (\' and \\). Numbers may be
 * unquoted. Keywords are case-insensitive; field names are matched case-insensitively later.
 */
import type { CompareOp, Condition } from './filter.js';

export class QueryStringError extends Error {}

type Token =
  | { k: 'ident'; v: string; pos: number }
  | { k: 'string'; v: string; pos: number }
  | { k: 'number'; v: string; pos: number }
  | { k: 'op'; v: string; pos: number }
  | { k: 'punct'; v: '(' | ')' | ','; pos: number };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new QueryStringError(`unterminated string starting at position ${start + 1}`);
        const c = src[i]!;
        if (c === '\\' && i + 1 < src.length) {
          v += src[i + 1];
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          v += c;
          i++;
        }
      }
      tokens.push({ k: 'string', v, pos: start });
    } else if (/[-+\d.]/.test(ch) && /^[-+]?(\d+\.?\d*|\.\d+)/.test(src.slice(i))) {
      const m = /^[-+]?(\d+\.?\d*|\.\d+)/.exec(src.slice(i))!;
      tokens.push({ k: 'number', v: m[0], pos: start });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i))!;
      tokens.push({ k: 'ident', v: m[0], pos: start });
      i += m[0].length;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ k: 'punct', v: ch, pos: start });
      i++;
    } else {
      const m = /^(<>|!=|<=|>=|=|<|>)/.exec(src.slice(i));
      if (!m) throw new QueryStringError(`unexpected character '${ch}' at position ${start + 1}`);
      tokens.push({ k: 'op', v: m[0], pos: start });
      i += m[0].length;
    }
  }
  return tokens;
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'LIKE', 'IN', 'IS', 'NULL']);

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly src: string,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private where(t: Token | undefined): string {
    return t ? `at position ${t.pos + 1}` : 'at the end of the query';
  }
  private isKeyword(t: Token | undefined, kw: string): boolean {
    return t?.k === 'ident' && t.v.toUpperCase() === kw;
  }
  private expectKeyword(kw: string): void {
    const t = this.peek();
    if (!this.isKeyword(t, kw)) throw new QueryStringError(`expected ${kw} ${this.where(t)}`);
    this.i++;
  }
  private expectPunct(p: '(' | ')' | ','): void {
    const t = this.peek();
    if (t?.k !== 'punct' || t.v !== p) throw new QueryStringError(`expected '${p}' ${this.where(t)}`);
    this.i++;
  }

  parse(): Condition {
    const c = this.orExpr();
    const t = this.peek();
    if (t) throw new QueryStringError(`unexpected '${this.src.slice(t.pos, t.pos + 12)}' ${this.where(t)}`);
    return c;
  }

  private orExpr(): Condition {
    const items = [this.andExpr()];
    while (this.isKeyword(this.peek(), 'OR')) {
      this.i++;
      items.push(this.andExpr());
    }
    return items.length === 1 ? items[0]! : { t: 'or', items };
  }

  private andExpr(): Condition {
    const items = [this.notExpr()];
    while (this.isKeyword(this.peek(), 'AND')) {
      this.i++;
      items.push(this.notExpr());
    }
    return items.length === 1 ? items[0]! : { t: 'and', items };
  }

  private notExpr(): Condition {
    if (this.isKeyword(this.peek(), 'NOT')) {
      this.i++;
      return { t: 'not', item: this.notExpr() };
    }
    const t = this.peek();
    if (t?.k === 'punct' && t.v === '(') {
      this.i++;
      const c = this.orExpr();
      this.expectPunct(')');
      return c;
    }
    return this.comparison();
  }

  private value(): string {
    const t = this.peek();
    if (t?.k === 'string' || t?.k === 'number') {
      this.i++;
      return t.v;
    }
    throw new QueryStringError(`expected a quoted value or a number ${this.where(t)}`);
  }

  private comparison(): Condition {
    const f = this.peek();
    if (f?.k !== 'ident' || KEYWORDS.has(f.v.toUpperCase())) throw new QueryStringError(`expected a field name ${this.where(f)}`);
    this.i++;
    const field = f.v;
    const t = this.peek();
    if (t?.k === 'op') {
      this.i++;
      const op = (t.v === '!=' ? '<>' : t.v) as CompareOp;
      return { t: 'cmp', field, op, value: this.value() };
    }
    let negate = false;
    if (this.isKeyword(t, 'IS')) {
      this.i++;
      if (this.isKeyword(this.peek(), 'NOT')) {
        this.i++;
        negate = true;
      }
      this.expectKeyword('NULL');
      return { t: 'null', field, negate };
    }
    if (this.isKeyword(t, 'NOT')) {
      this.i++;
      negate = true;
    }
    const u = this.peek();
    if (this.isKeyword(u, 'LIKE')) {
      this.i++;
      return { t: 'like', field, pattern: this.value(), negate };
    }
    if (this.isKeyword(u, 'IN')) {
      this.i++;
      this.expectPunct('(');
      const values = [this.value()];
      while (this.peek()?.k === 'punct' && this.peek()!.v === ',') {
        this.i++;
        values.push(this.value());
      }
      this.expectPunct(')');
      return { t: 'in', field, values, negate };
    }
    throw new QueryStringError(`expected an operator after ${field} ${this.where(u)}`);
  }
}

/** Parses a query string; '' (or only spaces) means no condition. Throws QueryStringError. */
export function parseQueryString(src: string): Condition | null {
  const tokens = tokenize(src);
  if (tokens.length === 0) return null;
  return new Parser(tokens, src).parse();
}
