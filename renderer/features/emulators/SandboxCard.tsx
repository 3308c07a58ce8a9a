// "Try it locally" lands with the sandbox setup; until then the card stays out of the way.
export function SandboxCard() {
  return null;
}
