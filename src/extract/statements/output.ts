/** Statements as stored: the words said trimmed, too-short ones dropped, repeats removed. */

import type { RawStatement, Subject } from './types.ts';

export function personStatement(who: Subject, text: string, direct: boolean): Omit<RawStatement, 'paragraph'> {
  return { speaker: who.name ?? '', ...(who.role ? { role: who.role } : {}), text, direct, kind: 'person' };
}

/** The statements of one paragraph as they are found: the words said trimmed, too-short ones dropped. */
export class ParagraphOut {
  readonly list: RawStatement[] = [];

  constructor(private readonly paragraph: number) {}

  emit(s: Omit<RawStatement, 'paragraph'>): void {
    const text = cleanText(s.text, s.direct);
    if (!meaningful(text)) return;
    this.list.push({ ...s, text, paragraph: this.paragraph });
  }
}

export function cleanText(text: string, direct: boolean): string {
  let t = text.trim().replace(/^[，,：:、；;\s]+/u, '');
  t = t.replace(/[，,：:、；;\s]+$/u, '');
  if (!direct) t = t.replace(/[。．.]+$/u, '').replace(/^[“「"]([^“”「」"]*)[”」"]$/u, '$1');
  return t.trim();
}

/** Too little to be a statement: 表示感谢, 作出上述表示, an empty colon. */
export function meaningful(text: string): boolean {
  const han = (text.match(/\p{sc=Han}/gu) ?? []).length;
  if (han < 4 && text.length < 8) return false;
  if (/^(?:上述|此|这|该)/u.test(text) && han < 8) return false;
  return true;
}

export function dedupe(list: RawStatement[]): RawStatement[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const k = `${s.kind}|${s.speaker}|${s.paragraph}|${s.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
