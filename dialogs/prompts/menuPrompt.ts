// The main menu's question. Its options are the same for everyone in the same login state, so the dialog
// state keeps only which menu it is (a few bytes) instead of the whole list with synonyms, help and
// question (2.2 KB of the 2.9 KB state a conversation at the menu had). Every turn reads and writes that
// state; the list itself comes from dialogs/menu.ts each time it is needed.
import type { PromptOptions } from 'botbuilder-dialogs';
import { DialogIds } from '../ids';
import { hiddenMenu, visibleMenu } from '../menu';
import { common } from '../messages/common';
import { OptionsPrompt, OptionsPromptOptions } from './optionsPrompt';

/** What the dialog state keeps for the menu question. */
export interface MenuPromptOptions extends PromptOptions {
  menu: 'loggedIn' | 'loggedOut';
  /** Start waiting for an answer without showing the menu (an agent was just requested). */
  silentFirst?: boolean;
}

export class MenuPrompt extends OptionsPrompt {
  constructor() {
    super(DialogIds.menuPrompt);
  }

  override optionsFrom(stored: PromptOptions): OptionsPromptOptions {
    const kept = stored as Partial<MenuPromptOptions> & Partial<OptionsPromptOptions>;
    // A conversation that was at the menu before this form existed keeps its full options.
    if (Array.isArray(kept.options)) return stored as OptionsPromptOptions;
    const loggedIn = kept.menu === 'loggedIn';
    return {
      question: `${common.menuPrompt}\n${common.menuFooter}`,
      options: visibleMenu(loggedIn),
      hidden: hiddenMenu(loggedIn),
      help: common.helpGeneral,
      silentFirst: kept.silentFirst,
    };
  }
}
