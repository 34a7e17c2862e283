// A support the check accepted is wanted: it must outlive the quick sweep of files nobody asked for
// (the user may take a while to send the rest and type "listo"). Refused files stay unclaimed and go.
import { SupportChecker } from './supportCheck';

export function claimWhenAccepted(check: SupportChecker, staged: { claim(id: string): Promise<void> }): SupportChecker {
  return async (stagedId) => {
    const verdict = await check(stagedId);
    if (verdict.ok) await staged.claim(stagedId);
    return verdict;
  };
}
