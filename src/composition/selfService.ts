// Self-service: authorization status, basic data, certificates (and their verification page),
// the assigned IPS and PQRDS.
import { ReauthenticateDialog } from '../../dialogs/identity/reauthenticateDialog';
import { AssignedIpsDialog } from '../../dialogs/selfService/assignedIpsDialog';
import { AuthorizationStatusDialog } from '../../dialogs/selfService/authorizationStatusDialog';
import { CertificatesDialog } from '../../dialogs/selfService/certificatesDialog';
import { PqrdsDialog } from '../../dialogs/selfService/pqrdsDialog';
import { UpdateBasicDataDialog } from '../../dialogs/selfService/updateBasicDataDialog';
import { certificateIssuer } from '../pdf/certificateData';
import { MemberProfileService } from '../services/family/memberProfileService';
import { registerCertificateRoutes } from '../server/routes/certificateRoutes';
import type { IdentityServices } from '../services/identity/identityServices';
import { subjectKeyer } from '../services/identity/subjectKey';
import { AssignedIpsService } from '../services/selfService/assignedIpsService';
import { AuthorizationStatusService } from '../services/selfService/authorizationStatusService';
import { BasicDataService } from '../services/selfService/basicDataService';
import { CertificateService } from '../services/selfService/certificateService';
import { PqrdsService } from '../services/selfService/pqrdsService';
import { rateSubjectKeyer } from '../services/identity/rateEventThrottle';
import type { SharedFamilyServices } from './authorizationRequests';
import { AppInfrastructure, Wiring, wiring } from './context';

export function wireSelfService(infra: AppInfrastructure, family: SharedFamilyServices, identity: IdentityServices): Wiring {
  const { config, clock, logger, repositories, stagedFiles } = infra;
  const { familyNucleus, checkSupport, supportFiles } = family;
  const session = infra.accessors.session;
  const issuer = certificateIssuer(config.eps);

  const certificates = new CertificateService({
    nucleus: familyNucleus,
    ips: repositories.ips,
    places: repositories.places,
    certificates: repositories.certificates,
    clock,
    issuer,
    publicUrl: config.publicUrl,
  });
  const pqrds = new PqrdsService({
    pqrds: repositories.pqrds,
    attachments: repositories.pqrdsAttachments,
    clock,
    affiliates: repositories.affiliates,
    supports: { check: checkSupport, store: supportFiles, staged: stagedFiles },
    failures: {
      log: repositories.pqrdsLookupFailures,
      subjectKey: subjectKeyer(config.sessionSecret),
      origins: {
        conversation: repositories.pqrdsConversationLookupFailures,
        address: repositories.pqrdsAddressLookupFailures,
        key: rateSubjectKeyer(config.sessionSecret),
      },
    },
  });
  const authorizationStatus = new AuthorizationStatusService({
    nucleus: familyNucleus,
    authorizations: repositories.authorizations,
    requests: repositories.authorizationRequests,
    ips: repositories.ips,
  });
  const profiles = new MemberProfileService({ nucleus: familyNucleus, ips: repositories.ips });
  const basicData = new BasicDataService({ nucleus: familyNucleus, affiliates: repositories.affiliates, consents: repositories.consents, clock });

  return wiring({
    dialogs: [
    new AuthorizationStatusDialog(session, familyNucleus, authorizationStatus, profiles),
    new UpdateBasicDataDialog({
      session,
      nucleus: familyNucleus,
      service: basicData,
      // Changing the mobile or e-mail asks for the password again.
      reauthenticate: new ReauthenticateDialog({ authentication: identity.authentication, session }),
      profiles,
    }),
    new CertificatesDialog(session, familyNucleus, certificates),
    new AssignedIpsDialog(
      session,
      new AssignedIpsService({ nucleus: familyNucleus, ips: repositories.ips, places: repositories.places }),
      familyNucleus,
      profiles,
    ),
    new PqrdsDialog({ session, service: pqrds, supports: { check: checkSupport, staged: stagedFiles } }),
    ],
    routes: [(server) => registerCertificateRoutes(server, { certificates, logger, issuerName: issuer.name })],
  });
}
