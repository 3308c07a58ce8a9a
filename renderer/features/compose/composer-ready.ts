import { useComposer } from '../../state/composer';
import { useProfiles } from '../../state/profiles';
import { useSend } from '../../state/send';

/** The draft, the profiles and this draft's preflight are in: a send now sees what is on screen. */
export function composerReady(): boolean {
  return useComposer.getState().loaded && useProfiles.getState().loaded && !useSend.getState().preflightPending;
}

/** Resolves once the draft, the profiles and this draft's preflight are in (or after 10 s, to say why not). */
export function untilComposerReady(): Promise<void> {
  return new Promise((resolve) => {
    const stops: Array<() => void> = [];
    const done = () => {
      if (!composerReady()) return;
      finish();
    };
    const finish = () => {
      stops.forEach((stop) => stop());
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(finish, 10_000);
    stops.push(useComposer.subscribe(done), useProfiles.subscribe(done), useSend.subscribe(done));
    done();
  });
}
