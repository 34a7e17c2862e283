// Authorization requests (issue 4): family nucleus, contact data, filing with PDF supports.
import { RequestAuthorizationDialog } from '../../dialogs/authorizations/requestAuthorizationDialog';
import { AuthorizationFilingService } from '../services/authorizationRequests/authorizationFilingService';
import { createSupportChecker, MAX_SUPPORT_BYTES } from '../services/authorizationRequests/supportCheck';
import { createSupportIntake, type SupportIntake } from '../services/media/supportIntake';
import { SupportFileStore } from '../services/authorizationRequests/supportFiles';
import { ContactDataService } from '../services/family/contactDataService';
import { FamilyNucleusService } from '../services/family/familyNucleus';
import type { AppContext } from './context';

export interface SharedFamilyServices {
  familyNucleus: FamilyNucleusService;
  checkSupport: ReturnType<typeof createSupportChecker>;
  supportIntake: SupportIntake;
  supportFiles: SupportFileStore;
}

export function wireAuthorizationRequests(ctx: AppContext): SharedFamilyServices {
  const { clock, logger, repositories, stagedFiles } = ctx;
  const familyNucleus = new FamilyNucleusService(repositories.affiliates);
  const contactData = new ContactDataService({ affiliates: repositories.affiliates, nucleus: familyNucleus, clock, logger });
  const checkSupport = createSupportChecker(stagedFiles, ctx.uploads.inspectSupport);
  const supportIntake = createSupportIntake({ staged: stagedFiles, check: checkSupport, photos: ctx.uploads.photos, clock, maxBytes: MAX_SUPPORT_BYTES });
  const supportFiles = new SupportFileStore(ctx.config.uploadDir);
  const filing = new AuthorizationFilingService({
    requests: repositories.authorizationRequests,
    outbox: repositories.outbox,
    places: repositories.places,
    nucleus: familyNucleus,
    staged: stagedFiles,
    supportFiles,
    checkSupport,
    clock,
    logger,
  });
  ctx.features.push(
    new RequestAuthorizationDialog({ session: ctx.accessors.session, nucleus: familyNucleus, contactData, filing, supportIntake, staged: stagedFiles }),
  );
  return { familyNucleus, checkSupport, supportIntake, supportFiles };
}
