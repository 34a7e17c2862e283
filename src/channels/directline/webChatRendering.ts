// How channel-neutral bot activities look in Web Chat, and how a user's own activity is echoed back.
// - Option buttons carry their number ("1. Registrarme"): users may answer by typing the number, so it
//   must be visible; the value sent on click stays the plain title the prompt recognises.
// - WhatsApp-style emphasis (*menú*, _ejemplo_) is shown without its marks: the page's renderer
//   (src/web/webchat-app.js) shows text as text and only makes https: and phone links tappable, so the
//   marks would just be noise.
// - The page frames an agent's name with two private-use characters; they are removed from every text
//   here, so no message (a person's words quoted by the bot included) can fake that frame.
// - data: attachments (certificate PDFs) become short-lived download links on our host.
// - An uploaded file is echoed without its staged: URL, which means nothing to a browser; Web Chat then
//   shows its name and size without a broken link.
import { Activity, Attachment, CardAction } from 'botbuilder';
import { withoutEmphasisMarks } from '../../domain/text';
import { cleanFileName } from '../../domain/fileNames';
import { ConversationLinks, decodeDataUrl } from './downloadLinks';

export { withoutEmphasisMarks };

export const DOWNLOAD_PATH = '/v3/directline/attachments';

function numberedActions(actions: CardAction[]): CardAction[] {
  return actions.map((action, index) =>
    typeof action.title === 'string' && action.title !== '' && !/^\d+\.\s/.test(action.title)
      ? { ...action, title: `${index + 1}. ${action.title}` }
      : action,
  );
}

const PAGE_FRAME = /[\uE000\uE001]/gu;

export function renderOutbound(activity: Partial<Activity>, links: Pick<ConversationLinks, 'put'>, publicUrl: string): Partial<Activity> {
  const out: Partial<Activity> = { ...activity };
  if (typeof activity.text === 'string') out.text = withoutEmphasisMarks(activity.text.replace(PAGE_FRAME, ''));
  if (activity.suggestedActions?.actions?.length) {
    out.suggestedActions = { ...activity.suggestedActions, actions: numberedActions(activity.suggestedActions.actions) };
  }
  if (activity.attachments?.length) {
    out.attachments = activity.attachments.map((attachment): Attachment => {
      const decoded = decodeDataUrl(attachment.contentUrl);
      if (!decoded) return attachment;
      const contentType = attachment.contentType || decoded.contentType;
      const name = cleanFileName(attachment.name, contentType === 'application/pdf' ? 'documento.pdf' : 'archivo');
      const id = links.put({ contentType, name, bytes: decoded.bytes });
      return { ...attachment, contentType, name, contentUrl: `${publicUrl}${DOWNLOAD_PATH}/${id}` };
    });
  }
  return out;
}

/** The copy of an uploaded activity that goes back to the client: files without their internal URL. */
export function echoOfUpload(activity: Activity): Activity {
  if (!activity.attachments?.length) return activity;
  return {
    ...activity,
    attachments: activity.attachments.map(({ contentType, name }) => ({ contentType, name })),
  };
}
