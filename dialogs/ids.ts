// Dialog ids in one place, so the menu, the composition root and the tests agree.
export const DialogIds = {
  main: 'mainDialog',
  menuLoop: 'mainDialog.menuLoop',
  menuPrompt: 'mainDialog.menuPrompt',
  register: 'registrationDialog',
  login: 'loginDialog',
  recoverPassword: 'recoverPasswordDialog',
  changePassword: 'changePasswordDialog',
  acceptCharter: 'acceptCharterDialog',
  /** Asks for the password again before sensitive changes (mobile, e-mail). */
  reauthenticate: 'reauthenticateDialog',
  confirmContactData: 'confirmContactDataDialog',
  chooseFamilyMember: 'chooseFamilyMemberDialog',
  requestAuthorization: 'requestAuthorizationDialog',
  authorizationStatus: 'authorizationStatusDialog',
  updateBasicData: 'updateBasicDataDialog',
  certificates: 'certificatesDialog',
  assignedIps: 'assignedIpsDialog',
  pqrds: 'pqrdsDialog',
  askAgent: 'askAgentDialog',
  requestLookup: 'requestLookupDialog',
  authorizationDownload: 'authorizationDownloadDialog',
  sendSupports: 'sendSupportsDialog',
  /** Not a dialog: the menu entry "Cerrar sesión" is handled by the main dialog itself. */
  logout: 'logout',
} as const;

export type DialogId = (typeof DialogIds)[keyof typeof DialogIds];
