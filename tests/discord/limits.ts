/**
 * Discord's message limits, checked independently of src/discord/format.ts (which enforces them),
 * so a mistake there cannot hide itself. Returns every violation as a sentence.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type Json = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function checkText(where: string, text: string, max: number, problems: string[]): void {
  if (text.length > max) problems.push(`${where} is ${text.length} characters (max ${max})`);
  if (LONE_SURROGATE.test(text)) problems.push(`${where} has a broken surrogate pair`);
  // Our own markup must stay balanced: an even number of unescaped ** markers.
  const markers = text.replace(/\\[\s\S]/g, '').match(/\*\*/g)?.length ?? 0;
  if (markers % 2 !== 0) problems.push(`${where} has unbalanced bold markers`);
  if (/\\$/.test(text.replace(/\\\\/g, ''))) problems.push(`${where} ends inside an escape`);
  if (/\[[^\]]*\]\([^)]*$/.test(text)) problems.push(`${where} ends inside a link`);
}

export function embedProblems(embeds: unknown[], where = 'message'): string[] {
  const problems: string[] = [];
  if (embeds.length > 10) problems.push(`${where} has ${embeds.length} embeds (max 10)`);
  let total = 0;
  embeds.forEach((raw, i) => {
    const e = (raw ?? {}) as Json;
    const at = `${where} embed ${i}`;
    const title = str(e.title);
    const description = str(e.description);
    const footer = str((e.footer as Json | undefined)?.text);
    const author = str((e.author as Json | undefined)?.name);
    checkText(`${at} title`, title, 256, problems);
    checkText(`${at} description`, description, 4096, problems);
    checkText(`${at} footer`, footer, 2048, problems);
    checkText(`${at} author`, author, 256, problems);
    total += title.length + description.length + footer.length + author.length;
    const fields = Array.isArray(e.fields) ? (e.fields as Json[]) : [];
    if (fields.length > 25) problems.push(`${at} has ${fields.length} fields (max 25)`);
    fields.forEach((f, j) => {
      const name = str(f.name);
      const value = str(f.value);
      if (!name || !value) problems.push(`${at} field ${j} is empty`);
      checkText(`${at} field ${j} name`, name, 256, problems);
      checkText(`${at} field ${j} value`, value, 1024, problems);
      total += name.length + value.length;
    });
  });
  if (total > 6000) problems.push(`${where} embeds total ${total} characters (max 6000)`);
  return problems;
}

/** Problems of a message body as sent to Discord (callback data, webhook edit or follow-up). */
export function messageProblems(body: unknown, where = 'message'): string[] {
  const b = (body ?? {}) as Json;
  const problems: string[] = [];
  const content = str(b.content);
  if (content.length > 2000) problems.push(`${where} content is ${content.length} characters (max 2000)`);
  if (LONE_SURROGATE.test(content)) problems.push(`${where} content has a broken surrogate pair`);
  if (Array.isArray(b.embeds)) problems.push(...embedProblems(b.embeds, where));
  if (Array.isArray(b.components)) {
    for (const row of b.components as Json[]) {
      for (const c of (row.components as Json[] | undefined) ?? []) {
        if (str(c.custom_id).length > 100) problems.push(`${where} custom_id longer than 100`);
        if (str(c.label).length > 80) problems.push(`${where} button label longer than 80`);
      }
    }
  }
  return problems;
}
