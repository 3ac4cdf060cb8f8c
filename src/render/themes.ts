// The mermaid themes coursemap renders with: a module of its own so that option parsing and
// config checking can name them without loading the renderer.
export type Theme = 'default' | 'neutral' | 'dark' | 'forest';
export const THEMES: readonly Theme[] = ['default', 'neutral', 'dark', 'forest'];
