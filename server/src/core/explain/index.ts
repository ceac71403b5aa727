export { explainListener } from './listener';
export { listListeners, type ListenerSummary } from './list';
export { renderExplanationMarkdown } from './render';
export type { Explanation, ExplanationItem, ExplanationSection, TextPart, Tone } from './types';
export { plainText } from './types';
