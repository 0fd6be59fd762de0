/** The shortcut key shown on a button. */
export function Kbd({ k }: { k: string }) {
  return (
    <kbd className="kbd" aria-hidden="true">
      {k}
    </kbd>
  );
}
