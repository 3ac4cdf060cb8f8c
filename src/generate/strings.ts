// Interface words the generators write (slide titles, callout labels, print headings), one table
// per language. Adding a language = adding one entry to STRINGS; missing languages use English.
// `{n}`, `{p}` and `{title}` are filled by `fill`. English must stay word for word what the
// generators wrote before the table existed (goldens and reference images depend on it).
import { primaryLanguage } from '../model/recognisers/language.ts';
import { escapeHtml } from './escape.ts';

export interface UiStrings {
  agenda: string;
  conceptMap: string;
  conceptMapRecap: string;
  courseMap: string;
  chapterMap: string;
  summary: string;
  introduction: string;
  finalInsight: string;
  analogy: string;
  definition: string;
  keyTakeaway: string;
  keyTakeaways: string;
  whichIdea: string;
  diagram: string;
  parts: string;
  part: string;
  partTitle: string;
  chapter: string;
  chapters: string;
  otherChapters: string;
  /** Label of a course-map arrow from a chapter to one whose text says it builds on it. */
  prerequisite: string;
  /** The site's switch that shows a small diagram at its own size, and that pane's accessible name. */
  fullSize: string;
  diagramPan: string;
  /** "{n} chapters" on the course deck's title slide. */
  chapterCount: string;
  mapLink: string;
  mapLinkTitle: string;
  slideDeck: string;
  studyMap: string;
  studyCompanion: string;
  /** The <title> suffix of the print pages: "Course — study map". */
  studyMapDoc: string;
  studyCompanionDoc: string;
  /** Study map / companion subtitle: "{what} · {n} chapters" and " in {p} parts". */
  chaptersIn: string;
  chapterOne: string;
  inParts: string;
  inOnePart: string;
  oneIdea: string;
  ideas: string;
  studyMapFooter: string;
  page: string;
  of: string;
  /** Offline site. */
  search: string;
  coreIdea: string;
  /** Site chapter page: heading of the chapter's full text. */
  chapterText: string;
  flashcards: string;
  openSlides: string;
  /** Flashcards: analogy card fronts ({idea}, {text}) and the sheet's <title> suffix. */
  whatIsLike: string;
  whichIdeaIsLike: string;
  flashcardsDoc: string;
  /** Offline site: links, hints, landmarks, and the search script's words. */
  skipToContent: string;
  slides: string;
  slidesPdf: string;
  flashcardsWord: string;
  cardsWord: string;
  mapHintChapter: string;
  mapHintCourse: string;
  pager: string;
  searchPlaceholder: string;
  searchResults: string;
  allOutputs: string;
  section: string;
  term: string;
  takeaway: string;
  results: string;
  oneResult: string;
  noResults: string;
  /** Speaker notes: the deck's estimated duration ({n} minutes) and a code slide's line range. */
  duration: string;
  /** The mark of a continuation slide's title: "Replication (cont., 2/3)". */
  continued: string;
  /** A chapter split into lectures: "Lecture {k} of {n}", and the course deck's list heading. */
  lecture: string;
  lectures: string;
  /** The slide that gathers a lecture's link lists. */
  references: string;
  /** Quiz slides' labels: "Question {n}" and "Answer {n}". */
  quizQuestion: string;
  quizAnswer: string;
  /** The label of a rule → rationale flashcard. */
  ruleCard: string;
  /** The site's heading over a chapter's quiz questions. */
  selfCheck: string;
  codeLines: string;
  /** Under a code block shown without highlighting: the fence language it fell back from. */
  codePlain: string;
  /** Speaker notes: the transition to the next slide, and one-line cues for agenda and map slides. */
  notesNext: string;
  notesAgenda: string;
  notesMap: string;
  /** The study map's page label: "A3 landscape". */
  landscape: string;
  portrait: string;
}

// biome-ignore format: a table of words, several keys to a line
const en: UiStrings = {
  agenda: 'Agenda', conceptMap: 'Concept map', conceptMapRecap: 'Concept map (recap)', courseMap: 'Course map', chapterMap: 'Chapter map',
  summary: 'Summary', introduction: 'Introduction', finalInsight: 'Final insight', analogy: 'Analogy', definition: 'Definition',
  keyTakeaway: 'Key takeaway', keyTakeaways: 'Key takeaways', whichIdea: 'Which idea?', diagram: 'Diagram',
  parts: 'Parts', part: 'Part {n}', partTitle: 'Part {n}: {title}', chapter: 'Chapter {n}', chapters: 'Chapters', otherChapters: 'Other chapters', prerequisite: 'prerequisite', fullSize: 'Full size', diagramPan: 'Diagram at full size: scroll or use the arrow keys to pan',
  chapterCount: '{n} chapters', mapLink: '↩ Map', mapLinkTitle: 'Back to the concept map', slideDeck: 'Slide deck',
  studyMap: 'Study map', studyCompanion: 'Study companion', studyMapDoc: 'study map', studyCompanionDoc: 'study companion', chaptersIn: '{n} chapters', inParts: ' in {p} parts', chapterOne: '1 chapter', inOnePart: ' in 1 part',
  oneIdea: 'The course in one idea', ideas: 'The course in {n} ideas', studyMapFooter: '{title} — study map made by coursemap from the course text',
  page: 'Page', of: 'of',
  search: 'Search', coreIdea: 'Core idea', chapterText: 'The whole chapter', flashcards: 'Flashcards', openSlides: 'Open the slides',
  whatIsLike: 'What is “{idea}” like?', whichIdeaIsLike: 'Which idea is like this? {text}', flashcardsDoc: 'flashcards',
  skipToContent: 'Skip to content', slides: 'Slides', slidesPdf: 'Slides (PDF)', flashcardsWord: 'flashcards', cardsWord: 'cards', mapHintChapter: 'Click a concept to open its slide.', mapHintCourse: 'Click a chapter to open its page.', pager: 'Previous and next chapter', searchPlaceholder: 'Sections, terms, analogies… (press /)', searchResults: 'Search results', allOutputs: 'All outputs', section: 'Section', term: 'Term', takeaway: 'Takeaway', results: '{n} results', oneResult: '1 result', noResults: 'No results',
  duration: 'Estimated duration: about {n} min.', codeLines: 'Lines {from}–{to}', codePlain: 'No highlighting for “{lang}”: shown as plain text', notesNext: 'Next: {title}.', notesAgenda: 'Walk through the {n} sections of this chapter; say which one matters most.', notesMap: 'Show how the concepts connect; each node opens its slide.', landscape: 'landscape', portrait: 'portrait',
  continued: 'cont.', lecture: 'Lecture {k} of {n}', lectures: 'Lectures', references: 'References', quizQuestion: 'Question {n}', quizAnswer: 'Answer {n}', ruleCard: 'Rule', selfCheck: 'Self-check',
};

// biome-ignore format: a table of words, several keys to a line
const zh: UiStrings = {
  agenda: '目录', conceptMap: '概念图', conceptMapRecap: '概念图（回顾）', courseMap: '课程地图', chapterMap: '章节图',
  summary: '小结', introduction: '引言', finalInsight: '最后的启示', analogy: '类比', definition: '定义',
  keyTakeaway: '要点', keyTakeaways: '要点', whichIdea: '哪个概念？', diagram: '图示',
  parts: '部分', part: '第{n}部分', partTitle: '第{n}部分：{title}', chapter: '第{n}章', chapters: '章节', otherChapters: '其他章节', prerequisite: '先修', fullSize: '原始大小', diagramPan: '原始大小的图：滚动或用方向键平移',
  chapterCount: '共{n}章', mapLink: '↩ 概念图', mapLinkTitle: '返回概念图', slideDeck: '幻灯片',
  studyMap: '学习地图', studyCompanion: '学习手册', studyMapDoc: '学习地图', studyCompanionDoc: '学习手册', chaptersIn: '共{n}章', inParts: '，分{p}部分', chapterOne: '共1章', inOnePart: '，分1部分',
  oneIdea: '一句话看懂本课程', ideas: '{n}个核心概念看懂本课程', studyMapFooter: '{title} — 由 coursemap 根据课程文本生成的学习地图',
  page: '', of: '/',
  search: '搜索', coreIdea: '核心概念', chapterText: '全章正文', flashcards: '抽认卡', openSlides: '打开幻灯片',
  whatIsLike: '“{idea}”像什么？', whichIdeaIsLike: '这像哪个概念？{text}', flashcardsDoc: '抽认卡',
  skipToContent: '跳到正文', slides: '幻灯片', slidesPdf: '幻灯片（PDF）', flashcardsWord: '张抽认卡', cardsWord: '张卡片', mapHintChapter: '点击概念可打开对应的幻灯片。', mapHintCourse: '点击章节可打开对应的页面。', pager: '上一章和下一章', searchPlaceholder: '章节、术语、类比……（按 /）', searchResults: '搜索结果', allOutputs: '全部输出', section: '小节', term: '术语', takeaway: '要点', results: '{n} 个结果', oneResult: '1 个结果', noResults: '没有结果',
  duration: '预计时长：约 {n} 分钟。', codeLines: '第 {from}–{to} 行', codePlain: '“{lang}” 没有语法高亮：以纯文本显示', notesNext: '下一张：{title}。', notesAgenda: '依次介绍本章的 {n} 个小节，并指出最重要的一节。', notesMap: '说明各个概念之间的联系；点击节点可打开对应的幻灯片。', landscape: '横向', portrait: '纵向',
  continued: '续', lecture: '第 {k} 讲（共 {n} 讲）', lectures: '讲次', references: '参考资料', quizQuestion: '问题 {n}', quizAnswer: '答案 {n}', ruleCard: '规则', selfCheck: '自测',
};

// biome-ignore format: a table of words, several keys to a line
const fr: UiStrings = {
  agenda: 'Sommaire', conceptMap: 'Carte des concepts', conceptMapRecap: 'Carte des concepts (rappel)', courseMap: 'Carte du cours', chapterMap: 'Carte du chapitre',
  summary: 'Résumé', introduction: 'Introduction', finalInsight: 'Idée finale', analogy: 'Analogie', definition: 'Définition',
  keyTakeaway: 'À retenir', keyTakeaways: 'À retenir', whichIdea: 'Quelle idée ?', diagram: 'Schéma',
  parts: 'Parties', part: 'Partie {n}', partTitle: 'Partie {n} : {title}', chapter: 'Chapitre {n}', chapters: 'Chapitres', otherChapters: 'Autres chapitres', prerequisite: 'prérequis', fullSize: 'Taille réelle', diagramPan: 'Schéma en taille réelle : faites défiler ou utilisez les flèches',
  chapterCount: '{n} chapitres', mapLink: '↩ Carte', mapLinkTitle: 'Retour à la carte des concepts', slideDeck: 'Diaporama',
  studyMap: 'Carte d’étude', studyCompanion: 'Guide d’étude', studyMapDoc: 'carte d’étude', studyCompanionDoc: 'guide d’étude', chaptersIn: '{n} chapitres', inParts: ' en {p} parties', chapterOne: '1 chapitre', inOnePart: ' en 1 partie',
  oneIdea: 'Le cours en une idée', ideas: 'Le cours en {n} idées', studyMapFooter: '{title} — carte d’étude faite par coursemap à partir du cours',
  page: 'Page', of: 'sur',
  search: 'Rechercher', coreIdea: 'Idée centrale', chapterText: 'Le chapitre en entier', flashcards: 'Cartes mémoire', openSlides: 'Ouvrir le diaporama',
  whatIsLike: 'À quoi ressemble « {idea} » ?', whichIdeaIsLike: 'Quelle idée ressemble à ceci ? {text}', flashcardsDoc: 'cartes mémoire',
  skipToContent: 'Aller au contenu', slides: 'Diaporama', slidesPdf: 'Diaporama (PDF)', flashcardsWord: 'cartes mémoire', cardsWord: 'cartes', mapHintChapter: 'Cliquez sur un concept pour ouvrir sa diapositive.', mapHintCourse: 'Cliquez sur un chapitre pour ouvrir sa page.', pager: 'Chapitre précédent et suivant', searchPlaceholder: 'Sections, termes, analogies… (touche /)', searchResults: 'Résultats de la recherche', allOutputs: 'Toutes les sorties', section: 'Section', term: 'Terme', takeaway: 'À retenir', results: '{n} résultats', oneResult: '1 résultat', noResults: 'Aucun résultat',
  duration: 'Durée estimée : environ {n} min.', codeLines: 'Lignes {from}–{to}', codePlain: 'Pas de coloration pour « {lang} » : texte brut', notesNext: 'Ensuite : {title}.', notesAgenda: 'Présentez les {n} sections du chapitre et dites laquelle compte le plus.', notesMap: 'Montrez comment les concepts se relient ; chaque nœud ouvre sa diapositive.', landscape: 'paysage', portrait: 'portrait',
  continued: 'suite', lecture: 'Séance {k} sur {n}', lectures: 'Séances', references: 'Références', quizQuestion: 'Question {n}', quizAnswer: 'Réponse {n}', ruleCard: 'Règle', selfCheck: 'Auto-évaluation',
};

// biome-ignore format: a table of words, several keys to a line
const pt: UiStrings = {
  agenda: 'Sumário', conceptMap: 'Mapa de conceitos', conceptMapRecap: 'Mapa de conceitos (revisão)', courseMap: 'Mapa do curso', chapterMap: 'Mapa do capítulo',
  summary: 'Resumo', introduction: 'Introdução', finalInsight: 'Ideia final', analogy: 'Analogia', definition: 'Definição',
  keyTakeaway: 'Ponto-chave', keyTakeaways: 'Pontos-chave', whichIdea: 'Qual ideia?', diagram: 'Diagrama',
  parts: 'Partes', part: 'Parte {n}', partTitle: 'Parte {n}: {title}', chapter: 'Capítulo {n}', chapters: 'Capítulos', otherChapters: 'Outros capítulos', prerequisite: 'pré-requisito', fullSize: 'Tamanho real', diagramPan: 'Diagrama em tamanho real: role ou use as setas para mover',
  chapterCount: '{n} capítulos', mapLink: '↩ Mapa', mapLinkTitle: 'Voltar ao mapa de conceitos', slideDeck: 'Apresentação',
  studyMap: 'Mapa de estudo', studyCompanion: 'Guia de estudo', studyMapDoc: 'mapa de estudo', studyCompanionDoc: 'guia de estudo', chaptersIn: '{n} capítulos', inParts: ' em {p} partes', chapterOne: '1 capítulo', inOnePart: ' em 1 parte',
  oneIdea: 'O curso em uma ideia', ideas: 'O curso em {n} ideias', studyMapFooter: '{title} — mapa de estudo feito pelo coursemap a partir do curso',
  page: 'Página', of: 'de',
  search: 'Pesquisar', coreIdea: 'Ideia central', chapterText: 'O capítulo completo', flashcards: 'Flashcards', openSlides: 'Abrir a apresentação',
  whatIsLike: 'Com o que “{idea}” se parece?', whichIdeaIsLike: 'Qual ideia se parece com isto? {text}', flashcardsDoc: 'flashcards',
  skipToContent: 'Ir para o conteúdo', slides: 'Apresentação', slidesPdf: 'Apresentação (PDF)', flashcardsWord: 'flashcards', cardsWord: 'cartões', mapHintChapter: 'Clique num conceito para abrir o seu slide.', mapHintCourse: 'Clique num capítulo para abrir a sua página.', pager: 'Capítulo anterior e seguinte', searchPlaceholder: 'Seções, termos, analogias… (tecla /)', searchResults: 'Resultados da pesquisa', allOutputs: 'Todas as saídas', section: 'Seção', term: 'Termo', takeaway: 'Ponto-chave', results: '{n} resultados', oneResult: '1 resultado', noResults: 'Nenhum resultado',
  duration: 'Duração estimada: cerca de {n} min.', codeLines: 'Linhas {from}–{to}', codePlain: 'Sem realce para “{lang}”: texto simples', notesNext: 'A seguir: {title}.', notesAgenda: 'Percorra as {n} seções do capítulo e diga qual é a mais importante.', notesMap: 'Mostre como os conceitos se ligam; cada nó abre o seu slide.', landscape: 'paisagem', portrait: 'retrato',
  continued: 'cont.', lecture: 'Aula {k} de {n}', lectures: 'Aulas', references: 'Referências', quizQuestion: 'Pergunta {n}', quizAnswer: 'Resposta {n}', ruleCard: 'Regra', selfCheck: 'Autoavaliação',
};

// biome-ignore format: a table of words, several keys to a line
const es: UiStrings = {
  agenda: 'Índice', conceptMap: 'Mapa de conceptos', conceptMapRecap: 'Mapa de conceptos (repaso)', courseMap: 'Mapa del curso', chapterMap: 'Mapa del capítulo',
  summary: 'Resumen', introduction: 'Introducción', finalInsight: 'Idea final', analogy: 'Analogía', definition: 'Definición',
  keyTakeaway: 'Idea clave', keyTakeaways: 'Ideas clave', whichIdea: '¿Qué idea?', diagram: 'Diagrama',
  parts: 'Partes', part: 'Parte {n}', partTitle: 'Parte {n}: {title}', chapter: 'Capítulo {n}', chapters: 'Capítulos', otherChapters: 'Otros capítulos', prerequisite: 'requisito previo', fullSize: 'Tamaño real', diagramPan: 'Diagrama a tamaño real: desplácese o use las flechas para moverlo',
  chapterCount: '{n} capítulos', mapLink: '↩ Mapa', mapLinkTitle: 'Volver al mapa de conceptos', slideDeck: 'Diapositivas',
  studyMap: 'Mapa de estudio', studyCompanion: 'Guía de estudio', studyMapDoc: 'mapa de estudio', studyCompanionDoc: 'guía de estudio', chaptersIn: '{n} capítulos', inParts: ' en {p} partes', chapterOne: '1 capítulo', inOnePart: ' en 1 parte',
  oneIdea: 'El curso en una idea', ideas: 'El curso en {n} ideas', studyMapFooter: '{title} — mapa de estudio hecho por coursemap a partir del curso',
  page: 'Página', of: 'de',
  search: 'Buscar', coreIdea: 'Idea central', chapterText: 'El capítulo completo', flashcards: 'Tarjetas', openSlides: 'Abrir las diapositivas',
  whatIsLike: '¿A qué se parece «{idea}»?', whichIdeaIsLike: '¿Qué idea se parece a esto? {text}', flashcardsDoc: 'tarjetas',
  skipToContent: 'Ir al contenido', slides: 'Diapositivas', slidesPdf: 'Diapositivas (PDF)', flashcardsWord: 'tarjetas', cardsWord: 'tarjetas', mapHintChapter: 'Haz clic en un concepto para abrir su diapositiva.', mapHintCourse: 'Haz clic en un capítulo para abrir su página.', pager: 'Capítulo anterior y siguiente', searchPlaceholder: 'Secciones, términos, analogías… (tecla /)', searchResults: 'Resultados de la búsqueda', allOutputs: 'Todas las salidas', section: 'Sección', term: 'Término', takeaway: 'Idea clave', results: '{n} resultados', oneResult: '1 resultado', noResults: 'Sin resultados',
  duration: 'Duración estimada: unos {n} min.', codeLines: 'Líneas {from}–{to}', codePlain: 'Sin resaltado para «{lang}»: texto sin formato', notesNext: 'A continuación: {title}.', notesAgenda: 'Recorra las {n} secciones del capítulo y diga cuál importa más.', notesMap: 'Muestre cómo se conectan los conceptos; cada nodo abre su diapositiva.', landscape: 'horizontal', portrait: 'vertical',
  continued: 'cont.', lecture: 'Clase {k} de {n}', lectures: 'Clases', references: 'Referencias', quizQuestion: 'Pregunta {n}', quizAnswer: 'Respuesta {n}', ruleCard: 'Regla', selfCheck: 'Autoevaluación',
};

// biome-ignore format: a table of words, several keys to a line
const de: UiStrings = {
  agenda: 'Überblick', conceptMap: 'Begriffskarte', conceptMapRecap: 'Begriffskarte (Rückblick)', courseMap: 'Kurskarte', chapterMap: 'Kapitelkarte',
  summary: 'Zusammenfassung', introduction: 'Einführung', finalInsight: 'Schlussgedanke', analogy: 'Analogie', definition: 'Definition',
  keyTakeaway: 'Kernaussage', keyTakeaways: 'Kernaussagen', whichIdea: 'Welche Idee?', diagram: 'Diagramm',
  parts: 'Teile', part: 'Teil {n}', partTitle: 'Teil {n}: {title}', chapter: 'Kapitel {n}', chapters: 'Kapitel', otherChapters: 'Weitere Kapitel', prerequisite: 'Voraussetzung', fullSize: 'Originalgröße', diagramPan: 'Diagramm in Originalgröße: scrollen oder mit den Pfeiltasten verschieben',
  chapterCount: '{n} Kapitel', mapLink: '↩ Karte', mapLinkTitle: 'Zurück zur Begriffskarte', slideDeck: 'Folien',
  studyMap: 'Lernkarte', studyCompanion: 'Lernbegleiter', studyMapDoc: 'Lernkarte', studyCompanionDoc: 'Lernbegleiter', chaptersIn: '{n} Kapitel', inParts: ' in {p} Teilen', chapterOne: '1 Kapitel', inOnePart: ' in 1 Teil',
  oneIdea: 'Der Kurs in einer Idee', ideas: 'Der Kurs in {n} Ideen', studyMapFooter: '{title} — Lernkarte, von coursemap aus dem Kurstext erstellt',
  page: 'Seite', of: 'von',
  search: 'Suchen', coreIdea: 'Kerngedanke', chapterText: 'Das ganze Kapitel', flashcards: 'Lernkarten', openSlides: 'Folien öffnen',
  whatIsLike: 'Womit ist „{idea}“ vergleichbar?', whichIdeaIsLike: 'Welche Idee ist damit gemeint? {text}', flashcardsDoc: 'Lernkarten',
  skipToContent: 'Zum Inhalt springen', slides: 'Folien', slidesPdf: 'Folien (PDF)', flashcardsWord: 'Lernkarten', cardsWord: 'Karten', mapHintChapter: 'Klicken Sie auf einen Begriff, um seine Folie zu öffnen.', mapHintCourse: 'Klicken Sie auf ein Kapitel, um seine Seite zu öffnen.', pager: 'Vorheriges und nächstes Kapitel', searchPlaceholder: 'Abschnitte, Begriffe, Analogien… (Taste /)', searchResults: 'Suchergebnisse', allOutputs: 'Alle Ausgaben', section: 'Abschnitt', term: 'Begriff', takeaway: 'Kernaussage', results: '{n} Treffer', oneResult: '1 Treffer', noResults: 'Keine Treffer',
  duration: 'Geschätzte Dauer: etwa {n} Min.', codeLines: 'Zeilen {from}–{to}', codePlain: 'Keine Hervorhebung für „{lang}“: reiner Text', notesNext: 'Als Nächstes: {title}.', notesAgenda: 'Gehen Sie die {n} Abschnitte des Kapitels durch und sagen Sie, welcher am wichtigsten ist.', notesMap: 'Zeigen Sie, wie die Begriffe zusammenhängen; jeder Knoten öffnet seine Folie.', landscape: 'quer', portrait: 'hoch',
  continued: 'Forts.', lecture: 'Vorlesung {k} von {n}', lectures: 'Vorlesungen', references: 'Quellen', quizQuestion: 'Frage {n}', quizAnswer: 'Antwort {n}', ruleCard: 'Regel', selfCheck: 'Selbsttest',
};

// biome-ignore format: a table of words, several keys to a line
const it: UiStrings = {
  agenda: 'Indice', conceptMap: 'Mappa dei concetti', conceptMapRecap: 'Mappa dei concetti (ripasso)', courseMap: 'Mappa del corso', chapterMap: 'Mappa del capitolo',
  summary: 'Riepilogo', introduction: 'Introduzione', finalInsight: 'Idea finale', analogy: 'Analogia', definition: 'Definizione',
  keyTakeaway: 'Punto chiave', keyTakeaways: 'Punti chiave', whichIdea: 'Quale idea?', diagram: 'Diagramma',
  parts: 'Parti', part: 'Parte {n}', partTitle: 'Parte {n}: {title}', chapter: 'Capitolo {n}', chapters: 'Capitoli', otherChapters: 'Altri capitoli', prerequisite: 'prerequisito', fullSize: 'Dimensione reale', diagramPan: 'Diagramma a dimensione reale: scorri o usa le frecce per spostarti',
  chapterCount: '{n} capitoli', mapLink: '↩ Mappa', mapLinkTitle: 'Torna alla mappa dei concetti', slideDeck: 'Diapositive',
  studyMap: 'Mappa di studio', studyCompanion: 'Guida allo studio', studyMapDoc: 'mappa di studio', studyCompanionDoc: 'guida allo studio', chaptersIn: '{n} capitoli', inParts: ' in {p} parti', chapterOne: '1 capitolo', inOnePart: ' in 1 parte',
  oneIdea: 'Il corso in un’idea', ideas: 'Il corso in {n} idee', studyMapFooter: '{title} — mappa di studio creata da coursemap dal testo del corso',
  page: 'Pagina', of: 'di',
  search: 'Cerca', coreIdea: 'Idea centrale', chapterText: 'Il capitolo completo', flashcards: 'Flashcard', openSlides: 'Apri le diapositive',
  whatIsLike: 'A cosa somiglia «{idea}»?', whichIdeaIsLike: 'Quale idea somiglia a questo? {text}', flashcardsDoc: 'flashcard',
  skipToContent: 'Vai al contenuto', slides: 'Diapositive', slidesPdf: 'Diapositive (PDF)', flashcardsWord: 'flashcard', cardsWord: 'schede', mapHintChapter: 'Fai clic su un concetto per aprire la sua diapositiva.', mapHintCourse: 'Fai clic su un capitolo per aprire la sua pagina.', pager: 'Capitolo precedente e successivo', searchPlaceholder: 'Sezioni, termini, analogie… (tasto /)', searchResults: 'Risultati della ricerca', allOutputs: 'Tutti gli output', section: 'Sezione', term: 'Termine', takeaway: 'Punto chiave', results: '{n} risultati', oneResult: '1 risultato', noResults: 'Nessun risultato',
  duration: 'Durata stimata: circa {n} min.', codeLines: 'Righe {from}–{to}', codePlain: 'Nessuna evidenziazione per «{lang}»: testo semplice', notesNext: 'Prossima: {title}.', notesAgenda: 'Presentate le {n} sezioni del capitolo e dite quale conta di più.', notesMap: 'Mostrate come si collegano i concetti; ogni nodo apre la sua slide.', landscape: 'orizzontale', portrait: 'verticale',
  continued: 'segue', lecture: 'Lezione {k} di {n}', lectures: 'Lezioni', references: 'Riferimenti', quizQuestion: 'Domanda {n}', quizAnswer: 'Risposta {n}', ruleCard: 'Regola', selfCheck: 'Autoverifica',
};

export const STRINGS: Readonly<Record<string, UiStrings>> = { en, zh, fr, pt, es, de, it };

/** The interface words for a BCP-47 tag ('fr-CA' → French); English for a language without a table. */
export function stringsFor(language: string): UiStrings {
  return STRINGS[primaryLanguage(language)] ?? en;
}

/** Every entry HTML-escaped, for templates that print data as is (print). */
export function escapedStrings(t: UiStrings): Record<keyof UiStrings, string> {
  const esc = escapeHtml;
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, esc(v)])) as Record<keyof UiStrings, string>;
}

/** Fills `{n}`, `{p}`, `{title}` in a table entry. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** "Study map · 3 chapters in 2 parts" in the course's words. */
export function countsLine(t: UiStrings, what: string, chapters: number, parts: number): string {
  const c = chapters === 1 ? t.chapterOne : fill(t.chaptersIn, { n: chapters });
  const p = parts === 0 ? '' : parts === 1 ? t.inOnePart : fill(t.inParts, { p: parts });
  return `${what} · ${c}${p}`;
}
