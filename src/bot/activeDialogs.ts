// Reads the dialog stack without running it: which dialogs are active, outermost first, and the state of
// the innermost one (a prompt's attempt count).
import { DialogInstance, DialogState } from 'botbuilder-dialogs';

/** Active dialog instances from the root down to the innermost (each level's top of stack: its last element). */
export function activeChain(state: DialogState | undefined): DialogInstance[] {
  const chain: DialogInstance[] = [];
  let stack = state?.dialogStack;
  while (stack && stack.length > 0) {
    const top = stack[stack.length - 1];
    chain.push(top);
    // ComponentDialog keeps its inner stack under state.dialogs.
    stack = (top.state as { dialogs?: DialogState } | undefined)?.dialogs?.dialogStack;
  }
  return chain;
}

/** Failed attempts of the innermost prompt (botbuilder counts them when the prompt has a validator). */
export function innermostAttemptCount(state: DialogState | undefined): number {
  const chain = activeChain(state);
  const innermost = chain[chain.length - 1];
  const count = (innermost?.state as { state?: { attemptCount?: unknown } } | undefined)?.state?.attemptCount;
  return typeof count === 'number' ? count : 0;
}
