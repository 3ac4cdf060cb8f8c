// Recognisers for labelled teaching blocks ("**Analogy:** …", "> _Key idea:_ …") and for
// section titles that carry meaning (takeaways, final insight). Table-driven and multilingual.
import type { Inline } from '../types.ts';
import { inlineText, stripEmoji } from '../text.ts';

export type LabelKind = 'analogy' | 'definition' | 'keyIdea' | 'finalInsight';

/** Each kind's label words; matched case-insensitively against the whole label. */
const LABELS: Record<LabelKind, RegExp> = {
  analogy:
    /^(?:analog(?:y|ies)|metaphor|think of it(?: like| as)?|analog[ií]as?|analogie|analogia|аналогия|类比|比喻|例え|たとえ)$/iu,
  definition: /^(?:definition|defined|definici[oó]n|d[ée]finition|defini[cç][aã]o|definizione|определение|定义)$/iu,
  keyIdea:
    /^(?:(?:[\p{L}’'.]+\s+)?key (?:idea|ideas|insight|point|concept)s?|core idea|grand idea|big idea|main idea|key takeaway|takeaway|remember|idea clave|ideas clave|idée clé|idées clés|idée principale|points? clés?|à retenir|a retenir|l[’']essentiel|kerngedanke|kernidee|ideia[- ]chave|ideias[- ]chave|pontos?[- ]chave|para lembrar|lembre-se|idea chiave|要点|重点|关键点|要記住|记住|ポイント)$/iu,
  finalInsight:
    /^(?:final (?:insight|thought|takeaway)s?|closing thought|in a nutshell|bottom line|reflexi[oó]n final|conclusi[oó]n|id[ée]e finale|en un mot|em resumo|fazit|总之|一句话总结)$/iu,
};

/** True when `text` is a label word ("Definition", "Key idea"), not a concept of its own. */
export function isLabelWord(text: string): boolean {
  return Object.values(LABELS).some((re) => re.test(text.trim()));
}

export const TAKEAWAY_TITLE =
  /(?:key|core|main)?\s*takeaways?|summary table|key points|recap|cheat ?sheet|puntos clave|conclusiones clave|points cl[ée]s|à retenir|en résumé|résumé|kernaussagen|das wichtigste|pontos[- ]chave|resumo|punti chiave|riepilogo|小结|总结|要点|重点回顾|まとめ/iu;
export const FINAL_INSIGHT_TITLE =
  /final (?:insight|thought)s?|closing thoughts?|reflexi[oó]n final|id[ée]e finale|pensamiento final|schlussgedanke|reflex[ãa]o final|ideia final|conclus[ãa]o|最后的启示|结语/iu;
export const ANALOGY_TITLE = /^(?:analog(?:y|ies)|analog[ií]as?|analogies)\b/iu;

export interface Labelled {
  kind: LabelKind;
  /** The label as written, e.g. "Kleppmann’s key insight". */
  label: string;
  /** Inline content after the label. */
  rest: Inline[];
}

/**
 * Reads a leading label: optional emoji, then a bold/italic span (or plain text) ending in a
 * colon. "**Analogy:** a city…", "💡 _Final Insight:_ …", "Analogy: …".
 */
export function readLabel(children: readonly Inline[]): Labelled | null {
  let i = 0;
  while (i < children.length) {
    const c = children[i];
    if (c?.type === 'text' && stripEmoji(c.value).trim() === '') i++;
    else break;
  }
  const head = children[i];
  if (!head) return null;
  if (head.type === 'strong' || head.type === 'emphasis') {
    const raw = inlineText(head.children).trim();
    const after = children.slice(i + 1);
    const colonInside = /[:：]$/.test(raw);
    const first = after[0];
    const colonAfter = first?.type === 'text' && /^\s*[:：]/.test(first.value);
    if (!colonInside && !colonAfter) return null;
    const label = raw.replace(/[:：]$/, '').trim();
    const kind = kindOf(label);
    if (!kind) return null;
    const rest =
      colonAfter && first?.type === 'text'
        ? [{ ...first, value: first.value.replace(/^\s*[:：]\s*/, '') }, ...after.slice(1)]
        : after;
    return { kind, label, rest: trimStart(rest) };
  }
  if (head.type === 'text') {
    const m = /^\s*([^:：\n]{2,40})[:：]\s*/u.exec(head.value);
    const kind = m?.[1] ? kindOf(m[1].trim()) : null;
    if (!m?.[1] || !kind) return null;
    return {
      kind,
      label: m[1].trim(),
      rest: trimStart([{ type: 'text', value: head.value.slice(m[0].length) }, ...children.slice(i + 1)]),
    };
  }
  return null;
}

function kindOf(label: string): LabelKind | null {
  const l = stripEmoji(label).trim();
  for (const kind of Object.keys(LABELS) as LabelKind[]) {
    if (LABELS[kind].test(l)) return kind;
  }
  return null;
}

function trimStart(nodes: Inline[]): Inline[] {
  const out = nodes.filter((n) => !(n.type === 'text' && n.value === ''));
  const first = out[0];
  if (first?.type === 'text') out[0] = { type: 'text', value: first.value.replace(/^\s+/, '') };
  return out;
}
