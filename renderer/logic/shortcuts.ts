/** Single-key shortcuts for the call controls. They never fire while the user types in a field. */
export type ShortcutAction = 'answer' | 'mute' | 'hangup';

export const SHORTCUT_KEYS: Record<ShortcutAction, string> = { answer: 'A', mute: 'M', hangup: 'H' };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat?: boolean;
  target: { tagName?: string; isContentEditable?: boolean; type?: string } | null;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Inputs that do not take text: a shortcut may still fire while one has focus. */
const NON_TEXT_INPUTS = new Set(['radio', 'checkbox', 'button', 'submit', 'reset']);

export function isTyping(target: KeyLike['target']): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toUpperCase() ?? '';
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
  return TYPING_TAGS.has(tag);
}

export function shortcutFor(e: KeyLike): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || isTyping(e.target)) return null;
  switch (e.key.toLowerCase()) {
    case 'a':
      return 'answer';
    case 'm':
      return 'mute';
    case 'h':
      return 'hangup';
    default:
      return null;
  }
}
