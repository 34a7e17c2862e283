// Authorization requests: family nucleus, contact data, filing with PDF supports (photos become PDFs).
import { RequestAuthorizationDialog } from '../../dialogs/authorizations/requestAuthorizationDialog';
import { AuthorizationFilingService } from '../services/authorizationRequests/authorizationFilingService';
import { claimWhenAccepted } from '../services/authorizationRequests/claimAccepted';
import { createSupportChecker, MAX_SUPPORT_BYTES } from '../services/authorizationRequests/supportCheck';
import { SupportFileStore } from '../services/authorizationRequests/supportFileStore';
import { ContactDataService } from '../services/family/contactDataService';
import { FamilyNucleusService } from '../services/family/familyNucleusService';
import { MemberProfileService } from '../services/family/memberProfileService';
import { createSupportIntake, type SupportIntake } from '../services/media/supportIntake';
import { AppInfrastructure, Wiring, wiring } from './context';

export interface SharedFamilyServices {
  familyNucleus: FamilyNucleusService;
  checkSupport: ReturnType<typeof createSupportChecker>;
  supportIntake: SupportIntake;
  supportFiles: SupportFileStore;
}

export function wireAuthorizationRequests(infra: AppInfrastructure): Wiring & { family: SharedFamilyServices } {
  const { clock, logger, repositories, stagedFiles } = infra;
  const familyNucleus = new FamilyNucleusService(repositories.affiliates);
  const contactData = new ContactDataService({ affiliates: repositories.affiliates, nucleus: familyNucleus, clock, logger });
  const checkSupport = claimWhenAccepted(createSupportChecker(stagedFiles, infra.uploads.inspectSupport), stagedFiles);
  const supportIntake = createSupportIntake({ staged: stagedFiles, check: checkSupport, photos: infra.uploads.photos, clock, maxBytes: MAX_SUPPORT_BYTES });
  const supportFiles = new SupportFileStore(infra.config.uploadDir);
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
  return {
    ...wiring({
      dialogs: [
        new RequestAuthorizationDialog({
          session: infra.accessors.session,
          nucleus: familyNucleus,
          contactData,
          filing,
          supportIntake,
          staged: stagedFiles,
          profiles: new MemberProfileService({ nucleus: familyNucleus, ips: infra.repositories.ips }),
        }),
      ],
    }),
    family: { familyNucleus, checkSupport, supportIntake, supportFiles },
  };
}
