// The task in progress, in the agent's words: the active dialog id mapped to a Spanish label.
import { DialogIds } from '../../../dialogs/ids';
import { MENU } from '../../../dialogs/menu';

const EXTRA_LABELS: Record<string, string> = {
  [DialogIds.menuLoop]: 'En el menú principal',
  [DialogIds.menuPrompt]: 'En el menú principal',
  [DialogIds.chooseFamilyMember]: 'Eligiendo un miembro de su núcleo familiar',
};

const LABELS: Record<string, string> = {
  ...EXTRA_LABELS,
  ...Object.fromEntries(MENU.map((entry) => [entry.dialogId, entry.title])),
};

/** True for the dialogs that name a task (not the root dialog itself). */
export function hasTaskLabel(dialogId: string): boolean {
  return dialogId in LABELS;
}

export function taskLabel(dialogId: string | undefined): string {
  if (!dialogId) return 'Sin tarea en curso';
  return LABELS[dialogId] ?? 'Otra tarea del asistente';
}
