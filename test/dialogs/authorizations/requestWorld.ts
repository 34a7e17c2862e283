// The whole authorization flow on the seeded database: María Fernanda logged in, the real dialogs and
// services, files staged as a channel would stage them, and the password re-check stand-in.
import { MemberProfileService } from '../../../src/services/family/memberProfileService';
import { Activity } from 'botbuilder';
import { RequestAuthorizationDialog } from '../../../dialogs/authorizations/requestAuthorizationDialog';
import { authorizations as t } from '../../../dialogs/messages';
import { StagedFileStore } from '../../../src/storage/stagedFileStore';
import { FakeReauthenticateDialog, loggedInHarness } from '../family/hostHarness';
import { DEMO_IDS, filingWorld } from '../../services/authorizationRequests/filingWorld';

export { DEMO_IDS };

export const LOGGED_MENU_RE = /Qué quieres hacer[\s\S]*3\. Solicitar autorización/;
export const MEMBERS_RE = /Este es tu núcleo familiar[\s\S]*3\. Valentina Ruiz Pérez · Hijo\(a\) · TI \*\*\*\*\*\*5432/;
// Another member: who she is for the EPS comes first, then her contact data.
// Valentina has neither mobile nor e-mail: the bot offers to add them instead of "¿Están correctos?".
export const CONTACT_RE =
  /Valentina Ruiz Pérez: Activo · Régimen contributivo · Beneficiario · IPS: IPS Salud Caribe Centro\nEstos son los datos de contacto de Valentina Ruiz Pérez:[\s\S]*Celular: sin registrar[\s\S]*¿Quieres agregarlos ahora\?[\s\S]*2\. No, seguir así/;
/** The answer that goes on without adding them. */
export const SKIP_CONTACT = 'no, seguir así';
export const OBSERVATION = 'Resonancia magnética de rodilla derecha, ordenada por ortopedia el 20 de noviembre.';
export const ASK_OBSERVATION = t.askObservation;
export const ASK_SUPPORTS = t.askSupports(15);

export async function requestWorld() {
  const world = await filingWorld();
  const h = await loggedInHarness({
    accountId: world.accountId,
    featureFactory: (accessors) => [
      new RequestAuthorizationDialog({
        session: accessors.session,
        nucleus: world.nucleus,
        contactData: world.contactData,
        filing: world.filing,
        supportIntake: world.supportIntake,
        staged: world.staged,
        profiles: new MemberProfileService({ nucleus: world.nucleus, ips: world.repos.ips }),
      }),
      new FakeReauthenticateDialog(),
    ],
  });

  /** A message carrying one file, staged the way channels do (limit enforced while writing). */
  const file = async (bytes: Buffer, name: string, contentType = 'application/pdf', maxBytes?: number): Promise<Partial<Activity>> => {
    const info = await world.staged.put(bytes, { maxBytes, declaredType: contentType, declaredName: name });
    return { text: '', attachments: [{ contentType, name, contentUrl: StagedFileStore.urlOf(info.id) }] };
  };

  /** Answers up to the supports step for Valentina, the record's municipality and a valid observation. */
  const reachSupports = async () => {
    await h.play([
      ['Solicitar autorización', [t.intro, MEMBERS_RE]],
      ['3', [t.requestFor('Valentina Ruiz Pérez'), CONTACT_RE]],
      [SKIP_CONTACT, [t.placeProposed('Barranquilla', 'Atlántico')]],
      ['si', [ASK_OBSERVATION]],
      [OBSERVATION, [ASK_SUPPORTS]],
    ]);
  };

  return { ...world, h, file, reachSupports };
}
