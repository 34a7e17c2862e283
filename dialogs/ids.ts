// Dialog ids in one place, so the menu, the composition root and the tests agree.
export const DialogIds = {
  main: 'mainDialog',
  menuLoop: 'mainDialog.menuLoop',
  menuPrompt: 'mainDialog.menuPrompt',
  register: 'registrationDialog',
  login: 'loginDialog',
  chooseFamilyMember: 'chooseFamilyMemberDialog',
  requestAuthorization: 'requestAuthorizationDialog',
  authorizationStatus: 'authorizationStatusDialog',
  updateBasicData: 'updateBasicDataDialog',
  certificates: 'certificatesDialog',
  assignedIps: 'assignedIpsDialog',
  pqrds: 'pqrdsDialog',
  askAgent: 'askAgentDialog',
} as const;

export type DialogId = (typeof DialogIds)[keyof typeof DialogIds];
