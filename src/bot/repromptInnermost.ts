// Asks the innermost active question again. Reprompting from the top (ComponentDialog.repromptDialog)
// builds inner contexts without their parents, so a prompt that lives in a dialog registered in the
// main dialog but started from inside a feature (the password check inside contact data) could not be
// found and the turn failed. Walking down dc.child keeps the parent chain.
import { DialogContext } from 'botbuilder-dialogs';

export async function repromptInnermost(dc: DialogContext): Promise<void> {
  let leaf = dc;
  while (leaf.child) leaf = leaf.child;
  await leaf.repromptDialog();
}
