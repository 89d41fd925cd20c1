/** Information and translations: the knowledge base's worklist, items, translations and new items. */
export { KnowledgeWorklist } from './Worklist.tsx';
export { KnowledgeItemPage } from './ItemPage.tsx';
export { KnowledgeTranslationPage } from './TranslationPage.tsx';
export { KnowledgeNewItem } from './NewItem.tsx';
export { canEdit as canEditKnowledge, canTranslate as canTranslateKnowledge } from './model.ts';

/** Roles whose work this surface is (every staff member may read it). */
export const KNOWLEDGE_ROLES = ['content_editor', 'mediator'] as const;
