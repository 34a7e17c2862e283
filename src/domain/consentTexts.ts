// The texts a person accepts: the personal data policy (Ley 1581 de 2012, Decreto 1377 de 2013, compiled in
// Decreto 1074 de 2015) and the charter of rights and duties of affiliates and patients (Ley 1751 de 2015,
// Resolución 229 de 2020). Each has a version: a consent record stores the version that was shown, so it can
// be proven later what exactly the person accepted. Changing a text means a new version. Synthetic wording
// for a generic EPS; no real entity is named.
import type { ConsentKind } from './model/consent';

export interface LegalSection {
  heading: string;
  paragraphs: string[];
}

export interface LegalDocument {
  kind: ConsentKind;
  version: string;
  /** Date the version took effect (YYYY-MM-DD). */
  effectiveDate: string;
  title: string;
  /** Path of the full text on our server (prefix it with PUBLIC_URL for links). */
  path: string;
  /** What the chat shows before asking for acceptance: short lines, plain words. */
  summary: string[];
  sections: LegalSection[];
}

export const PRIVACY_POLICY: LegalDocument = {
  kind: 'privacy_policy',
  version: '2026-01',
  effectiveDate: '2026-01-15',
  title: 'Política de tratamiento de datos personales',
  path: '/legal/politica-de-datos',
  summary: [
    'La EPS usará tus datos (identificación, contacto y afiliación) para verificar quién eres, crear tu cuenta, atender tus trámites y enviarte avisos por SMS, correo o chat.',
    'Los datos de salud son sensibles: responder preguntas sobre ellos o sobre niñas, niños y adolescentes es opcional, no estás obligado(a).',
    'Puedes conocer, actualizar, corregir y pedir que se borren tus datos, y revocar esta autorización, escribiendo *asesor* o en los canales de la EPS.',
  ],
  sections: [
    {
      heading: '1. Responsable del tratamiento',
      paragraphs: [
        'La EPS, como entidad promotora de salud del Sistema General de Seguridad Social en Salud, es responsable del tratamiento de los datos personales que recoge por la Oficina Virtual (chat web y WhatsApp), sus oficinas de atención y su línea telefónica.',
      ],
    },
    {
      heading: '2. Datos que tratamos',
      paragraphs: [
        'Datos de identificación (tipo y número de documento, nombres, fecha de expedición del documento), de contacto (celular, correo, dirección, municipio) y de afiliación (régimen, estado, núcleo familiar, IPS asignada).',
        'Datos sensibles: la información de salud que registras al pedir una autorización (servicio, órdenes médicas, soportes en PDF). Solo la pedimos cuando el trámite la necesita.',
      ],
    },
    {
      heading: '3. Finalidades',
      paragraphs: [
        'Verificar tu identidad y crear y proteger tu cuenta; radicar y responder solicitudes de autorización y PQRDS; expedir certificados; actualizar tus datos de contacto; enviarte avisos sobre tus trámites por SMS, correo electrónico o chat; cumplir las obligaciones legales de la EPS ante el Ministerio de Salud, la Superintendencia Nacional de Salud y demás autoridades.',
      ],
    },
    {
      heading: '4. Datos sensibles y de niñas, niños y adolescentes',
      paragraphs: [
        'Según los artículos 5 y 6 de la Ley 1581 de 2012 y el Decreto 1377 de 2013, no estás obligado(a) a autorizar el tratamiento de datos sensibles: responder preguntas sobre datos sensibles o sobre datos de niñas, niños y adolescentes es facultativo. Si decides no darlos, algunos trámites tendrán que hacerse en una oficina de atención.',
        'Los datos de menores de edad se tratan respetando su interés superior y sus derechos fundamentales, con la autorización de su representante legal.',
      ],
    },
    {
      heading: '5. Tus derechos como titular',
      paragraphs: [
        'Conforme al artículo 8 de la Ley 1581 de 2012 puedes: conocer, actualizar y rectificar tus datos; pedir prueba de la autorización que diste; ser informado(a) del uso que se les ha dado; presentar quejas ante la Superintendencia de Industria y Comercio; revocar la autorización o pedir que se supriman tus datos cuando no se respeten los principios, derechos y garantías legales, salvo el deber legal de conservar la historia de tu afiliación; y acceder gratis a tus datos.',
      ],
    },
    {
      heading: '6. Cómo ejercer tus derechos',
      paragraphs: [
        'Escribe *asesor* en la Oficina Virtual o acude a los canales de atención de la EPS. Las consultas se responden en máximo 10 días hábiles y los reclamos en máximo 15 días hábiles (artículos 14 y 15 de la Ley 1581 de 2012).',
      ],
    },
    {
      heading: '7. Seguridad y prueba de tu autorización',
      paragraphs: [
        'Protegemos tus datos con medidas técnicas y administrativas: contraseñas guardadas con cifrado de un solo sentido, acceso solo para personal autorizado y registros sin datos personales. Guardamos la prueba de tu autorización: versión de esta política, fecha, hora y canal en que la aceptaste.',
      ],
    },
    {
      heading: '8. Vigencia',
      paragraphs: [
        'Esta política rige desde su fecha de vigencia. Si cambia, te pediremos aceptar la nueva versión antes de seguir usando la Oficina Virtual.',
      ],
    },
  ],
};

export const RIGHTS_CHARTER: LegalDocument = {
  kind: 'rights_charter',
  version: '2026-01',
  effectiveDate: '2026-01-15',
  title: 'Carta de derechos y deberes del afiliado y del paciente',
  path: '/legal/carta-de-derechos',
  summary: [
    'Tienes derecho a recibir atención de salud oportuna y de calidad, a la información sobre tu salud y tus trámites, a un trato digno, a la confidencialidad de tus datos y a presentar PQRDS. La atención de urgencias no necesita autorización.',
    'Tus deberes: cuidar tu salud y la de tu familia, dar información veraz y actualizada, usar bien los servicios, cumplir tus citas o avisar si no puedes ir, y tratar con respeto al personal de salud.',
  ],
  sections: [
    {
      heading: 'Tus derechos',
      paragraphs: [
        'Acceder a los servicios y tecnologías de salud de forma oportuna, eficaz y con calidad (Ley 1751 de 2015, artículo 10).',
        'Recibir atención de urgencias sin que se exija autorización previa ni pago anticipado (Ley 1751 de 2015, artículo 14).',
        'Recibir información clara y oportuna sobre tu estado de salud, los servicios a los que tienes derecho, la red de IPS y el estado de tus trámites.',
        'Elegir libremente tu IPS dentro de la red ofrecida por la EPS, y pedir una segunda opinión cuando lo consideres necesario.',
        'Recibir un trato digno, respetuoso de tus creencias y costumbres, y sin discriminación.',
        'Que tu historia clínica y tus datos sean confidenciales y solo se conozcan con tu autorización o por orden legal.',
        'Presentar peticiones, quejas, reclamos, denuncias y sugerencias (PQRDS) y recibir respuesta dentro de los plazos legales.',
        'Recibir las prestaciones económicas (incapacidades, licencias) a que tengas derecho según tu régimen.',
      ],
    },
    {
      heading: 'Tus deberes',
      paragraphs: [
        'Cuidar tu salud, la de tu familia y la de tu comunidad.',
        'Dar información veraz, clara y completa sobre tu estado de salud y tus datos, y actualizarlos cuando cambien.',
        'Usar los servicios de manera adecuada y cumplir las citas o cancelarlas a tiempo.',
        'Respetar al personal de salud y a los demás pacientes.',
        'Pagar las cuotas moderadoras, copagos y aportes que correspondan a tu régimen.',
        'Cumplir las indicaciones y tratamientos, o informar si decides no seguirlos.',
      ],
    },
    {
      heading: 'Dónde pedir ayuda',
      paragraphs: [
        'Si sientes que un derecho no se cumple, escribe *asesor* en la Oficina Virtual, radica una PQRDS, o acude a la Superintendencia Nacional de Salud.',
      ],
    },
  ],
};

export const LEGAL_DOCUMENTS: readonly LegalDocument[] = [PRIVACY_POLICY, RIGHTS_CHARTER];
