// The bot with the self-service dialogs on the seeded demo database, for transcripts. Login is simulated by
// setting the session (the login dialog has its own tests); reauthentication by a stand-in that accepts the
// demo password, so the basic-data flow can be tested both ways.
import { Activity } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import { DialogIds } from '../../../dialogs/ids';
import { AssignedIpsDialog } from '../../../dialogs/selfService/assignedIpsDialog';
import { AuthorizationStatusDialog } from '../../../dialogs/selfService/authorizationStatusDialog';
import { CertificatesDialog } from '../../../dialogs/selfService/certificatesDialog';
import { PqrdsDialog } from '../../../dialogs/selfService/pqrdsDialog';
import { UpdateBasicDataDialog } from '../../../dialogs/selfService/updateBasicDataDialog';
import { MAX_SUPPORT_BYTES, SupportCheck } from '../../../src/services/authorizationRequests/supportCheck';
import { PhotoPageMaker } from '../../../src/services/media/photoPageMaker';
import { createSupportIntake } from '../../../src/services/media/supportIntake';
import { MemberProfileService } from '../../../src/services/family/memberProfileService';
import { PqrdsService } from '../../../src/services/selfService/pqrdsService';
import { DEMO_PASSWORD } from '../../../src/storage/seeds';
import { StagedFileStore } from '../../../src/storage/stagedFileStore';
import { createSelfServiceWorld, SelfServiceWorld } from '../../services/selfService/selfServiceWorld';
import { BotHarness, createBotHarness, readable } from '../../helpers/transcript';

export const REAUTH_QUESTION = 'Stand-in: escribe tu contraseña.';

/** Ends true for the demo password, false otherwise. */
class FakeReauthenticateDialog extends ComponentDialog {
  constructor() {
    super(DialogIds.reauthenticate);
    this.addDialog(new TextPrompt('password'));
    this.addDialog(
      new WaterfallDialog('steps', [
        async (step) => step.prompt('password', { prompt: REAUTH_QUESTION }),
        async (step) => step.endDialog(step.result === DEMO_PASSWORD),
      ]),
    );
    this.initialDialogId = 'steps';
  }
}

export interface SelfServiceBot extends BotHarness {
  f: SelfServiceWorld;
  staged: StagedFileStore;
  /** Every staged id the support check was asked about, and what it answers next. */
  supportChecks: string[];
  nextSupportVerdict: SupportCheck;
  login(affiliateId: string): Promise<void>;
  close(): Promise<void>;
}

export async function createSelfServiceBot(stagedDir: string): Promise<SelfServiceBot> {
  const f = await createSelfServiceWorld();
  const staged = new StagedFileStore(stagedDir);
  const bot = {} as SelfServiceBot;
  const check = async (id: string): Promise<SupportCheck> => {
    bot.supportChecks.push(id);
    const stat = await staged.stat(id);
    return stat ? bot.nextSupportVerdict : { ok: false, problem: 'unavailable' };
  };
  const pqrds = new PqrdsService({
    pqrds: f.repos.pqrds,
    attachments: f.pqrdsAttachments,
    clock: f.clock,
    affiliates: f.repos.affiliates,
    supports: { check, store: { keep: async () => ({ storedName: 'kept.pdf', sizeBytes: 9, sha256: 'a'.repeat(64) }), discard: async () => undefined }, staged },
  });
  // The real intake (photos become PDFs) in front of the scripted check.
  const intake = createSupportIntake({ staged, check, photos: new PhotoPageMaker(), clock: f.clock, maxBytes: MAX_SUPPORT_BYTES });
  const profiles = new MemberProfileService({ nucleus: f.nucleus, ips: f.repos.ips });
  const harness = createBotHarness({
    clock: f.clock,
    featureFactory: (accessors) => [
      new AuthorizationStatusDialog(accessors.session, f.nucleus, f.authorizationStatus, profiles),
      new CertificatesDialog(accessors.session, f.nucleus, f.certificates),
      new AssignedIpsDialog(accessors.session, f.assignedIps, f.nucleus, profiles),
      new UpdateBasicDataDialog({ session: accessors.session, nucleus: f.nucleus, service: f.basicData, reauthenticate: new FakeReauthenticateDialog(), profiles }),
      new PqrdsDialog({ session: accessors.session, service: pqrds, supports: { intake, staged } }),
    ],
  });
  return Object.assign(bot, harness, {
    f,
    staged,
    supportChecks: [],
    nextSupportVerdict: { ok: true, size: 9, sha256: 'a'.repeat(64) } as SupportCheck,
    async login(affiliateId: string) {
      const at = f.clock.now().toISOString();
      await harness.setSession({ accountId: 'account-1', affiliateId, startedAt: at, lastActivityAt: at, charterAccepted: true });
    },
    close: () => f.db.close(),
  });
}

/** Matches an activity whose readable text contains every fragment. */
export function saying(...fragments: string[]): (a: Partial<Activity>) => boolean {
  return (a) => fragments.every((fragment) => readable(a).includes(fragment));
}

export const MENU = /Qué quieres hacer\?[\s\S]*menú/;
