// Generic section titles: words that name a *role* inside a topic ("Example", "Rationale",
// "Disadvantages", "Pregunta 12") rather than a topic of their own. A slide titled only
// "Example" or a flashcard whose concept is "Cons" teaches nothing out of context, so decks,
// cards and maps look one level up for the real name when a title is generic.
// Table-driven and multilingual (the languages of generate/strings.ts, plus a few neighbours);
// matched against the whole title after numbering, emoji and punctuation are stripped.
import { stripEmoji } from '../text.ts';

export type GenericKind =
  | 'example'
  | 'rationale'
  | 'references'
  | 'notes'
  | 'summary'
  | 'pros'
  | 'cons'
  | 'goals'
  | 'setup'
  | 'definition'
  | 'strategies'
  | 'question'
  | 'answer'
  | 'exercise'
  | 'details';

/** Each kind's words; an optional counter ("Example 2", "Pregunta 12", "Q3") is allowed after. */
// biome-ignore format: word lists, several words to a line
const WORDS: Record<GenericKind, string[]> = {
  example: [
    'example', 'examples', 'for example', 'example usage', 'usage example', 'sample', 'samples', 'demo',
    'ejemplo', 'ejemplos', 'exemple', 'exemples', 'exemplo', 'exemplos', 'beispiel', 'beispiele',
    'esempio', 'esempi', '例子', '示例', '举例', '例', '例題',
  ],
  rationale: [
    'rationale', 'why', 'why it matters', 'why this matters', 'motivation', 'reasoning', 'reason', 'background',
    'justificación', 'justificacion', 'por qué', 'por que', 'motivación', 'justification', 'pourquoi', 'motivation',
    'justificativa', 'porquê', 'begründung', 'warum', 'motivazione', 'perché', '原因', '为什么', '理由', '动机',
  ],
  references: [
    'external resources', 'resources', 'references', 'further reading', 'see also', 'links', 'useful links',
    'additional resources', 'learn more', 'sources', 'bibliography', 'reading list',
    'recursos', 'recursos externos', 'referencias', 'lecturas recomendadas', 'enlaces', 'ressources',
    'ressources externes', 'références', 'pour aller plus loin', 'liens', 'referências', 'leituras',
    'links úteis', 'quellen', 'weiterführende links', 'literatur', 'siehe auch', 'risorse', 'riferimenti',
    'approfondimenti', '参考', '参考资料', '参考文献', '延伸阅读', '相关链接', '资源',
  ],
  notes: [
    'notes', 'note', 'remarks', 'comments', 'tips', 'tip', 'caveats', 'caveat', 'warning', 'important',
    'notas', 'nota', 'observaciones', 'consejos', 'remarques', 'remarque', 'conseils', 'observações',
    'dicas', 'anmerkungen', 'hinweise', 'hinweis', 'tipps', 'osservazioni', 'suggerimenti', '注意', '备注', '提示', '注',
  ],
  summary: [
    'summary', 'recap', 'overview', 'in short', 'tl;dr', 'tldr', 'conclusion', 'conclusions', 'wrap-up', 'wrap up',
    'resumen', 'conclusión', 'conclusiones', 'résumé', 'récapitulatif', 'résumé', 'aperçu', 'resumo',
    'conclusão', 'visão geral', 'zusammenfassung', 'überblick', 'fazit', 'riepilogo', 'riassunto',
    'panoramica', 'conclusione', '总结', '小结', '概述', '概要', 'まとめ',
  ],
  pros: [
    'pros', 'advantages', 'benefits', 'strengths', 'upsides', 'pros and cons', 'trade-offs', 'tradeoffs',
    'ventajas', 'beneficios', 'pros y contras', 'avantages', 'bénéfices', 'points forts', 'vantagens',
    'benefícios', 'prós', 'vorteile', 'stärken', 'vantaggi', 'benefici', 'pro', '优点', '优势', '好处', '权衡',
  ],
  cons: [
    'cons', 'disadvantages', 'drawbacks', 'limitations', 'weaknesses', 'downsides', 'pitfalls', 'challenges',
    'problems', 'issues', 'risks', 'mitigations', 'mitigation', 'challenge', 'the challenge', 'the problem', 'problem',
    'desventajas', 'limitaciones', 'inconvenientes', 'riesgos', 'contras', 'inconvénients', 'limites',
    'points faibles', 'risques', 'desvantagens', 'limitações', 'riscos', 'nachteile', 'grenzen', 'risiken',
    'schwächen', 'svantaggi', 'limiti', 'rischi', '缺点', '劣势', '局限', '局限性', '风险', '挑战',
  ],
  goals: [
    'goals', 'goal', 'objectives', 'objective', 'aims', 'learning objectives', 'learning goals', 'outcomes',
    'objetivos', 'objetivo', 'metas', 'objectifs', 'objectif', 'buts', 'ziele', 'lernziele', 'obiettivi',
    'obiettivo', '目标', '学习目标',
  ],
  setup: [
    'setup', 'the setup', 'set up', 'installation', 'prerequisites', 'requirements', 'getting started',
    'configuración', 'instalación', 'requisitos', 'préparation', 'prérequis', 'configuration',
    'instalação', 'pré-requisitos', 'einrichtung', 'voraussetzungen', 'installazione', 'requisiti',
    '安装', '准备', '前提', '配置',
  ],
  definition: [
    'definition', 'definitions', 'what it is', 'what is it', 'meaning', 'concept', 'the idea', 'idea', 'key idea',
    'core idea', 'the core idea', 'the big idea', 'main idea', 'the key idea',
    'definición', 'definiciones', 'concepto', 'définition', 'définitions', 'concept', 'definição',
    'conceito', 'definitionen', 'begriff', 'definizione', 'concetto', '定义', '概念',
  ],
  strategies: [
    'strategies', 'strategy', 'approaches', 'approach', 'solutions', 'solution', 'techniques', 'methods',
    'how it works', 'how to', 'implementation', 'best practices', 'use cases', 'when to use', 'steps',
    'when to use which', 'when to use what', 'which to choose', 'choosing',
    'estrategias', 'soluciones', 'solución', 'cómo funciona', 'implementación', 'casos de uso', 'pasos',
    'stratégies', 'solutions', 'fonctionnement', 'mise en œuvre', "cas d'usage", 'étapes', 'estratégias',
    'soluções', 'como funciona', 'implementação', 'passos', 'strategien', 'lösungen', 'funktionsweise',
    'umsetzung', 'schritte', 'strategie', 'soluzioni', 'come funziona', 'implementazione', 'passi',
    '策略', '解决方案', '方法', '原理', '实现', '步骤', '用例',
  ],
  question: [
    'question', 'questions', 'q', 'quiz', 'self-check', 'check your understanding', 'review questions',
    'pregunta', 'preguntas', 'cuestionario', 'cuestionario de sección', 'autoevaluación', 'questionnaire',
    'pergunta', 'perguntas', 'questionário', 'frage', 'fragen', 'domanda', 'domande', '问题', '题目', '测验', '小测',
  ],
  answer: [
    'answer', 'answers', 'answer key', 'solutions to questions', 'respuesta', 'respuestas', 'solucionario',
    'réponse', 'réponses', 'corrigé', 'resposta', 'respostas', 'gabarito', 'antwort', 'antworten', 'lösung',
    'risposta', 'risposte', '答案', '解答', '参考答案',
  ],
  exercise: [
    'exercise', 'exercises', 'practice', 'try it', 'try it yourself', 'hands-on', 'lab', 'assignment', 'homework',
    'ejercicio', 'ejercicios', 'práctica', 'exercice', 'exercices', 'pratique', 'exercício', 'exercícios',
    'prática', 'übung', 'übungen', 'aufgabe', 'aufgaben', 'esercizio', 'esercizi', '练习', '习题', '作业',
  ],
  details: [
    'details', 'more details', 'in detail', 'deep dive', 'explanation', 'discussion', 'analysis', 'context',
    'detalles', 'explicación', 'análisis', 'contexto', 'détails', 'explication', 'analyse', 'contexte',
    'detalhes', 'explicação', 'análise', 'contexto', 'einzelheiten', 'erklärung', 'analyse', 'hintergrund',
    'dettagli', 'spiegazione', 'analisi', 'contesto', '详情', '细节', '解释', '分析', '背景',
  ],
};

const LOOKUP: ReadonlyMap<string, GenericKind> = (() => {
  const map = new Map<string, GenericKind>();
  for (const [kind, words] of Object.entries(WORDS) as [GenericKind, string[]][]) {
    for (const w of words) if (!map.has(w)) map.set(w, kind);
  }
  return map;
})();

/**
 * The title reduced to its words: emoji, leading section numbers ("1.2", "3)", "第2节" is kept),
 * a trailing counter ("2", "(1/2)", "#3", "N.º 4"), markup and end punctuation removed; lower case.
 */
export function titleCore(title: string): string {
  return stripEmoji(title)
    .replace(/[*_`~]/g, '')
    .replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[ivxlc]+[.)])\s+/iu, '')
    .replace(/[\s:：.。!！?？]+$/u, '')
    .replace(/\s*\((?:\d+\s*\/\s*\d+|cont\.?|continued|suite|cont\.)\)\s*$/iu, '')
    .replace(/\s*(?:#|n\.?\s*º\s*|no\.\s*)?\d+[a-z]?\s*$/iu, '')
    .replace(/[\s:：.。!！?？¿¡]+$/u, '')
    .replace(/^[¿¡\s]+/u, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The generic role a title names, or null when the title names a topic of its own. */
export function genericTitleKind(title: string): GenericKind | null {
  const core = titleCore(title);
  if (core === '') return null;
  return LOOKUP.get(core) ?? null;
}

/** True when the title alone says nothing about the topic ("Example", "Cons", "Pregunta 12"). */
export function isGenericTitle(title: string): boolean {
  return genericTitleKind(title) !== null;
}
