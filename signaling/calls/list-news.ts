/**
 * Which specialists' queue lists must be sent again, gathered over one turn of the event loop.
 * A change to a line's waiting calls is news to every specialist of the line except those a ring
 * or ring-stop for that call already told (their client applies it to its list). A change only in
 * how many colleagues are available is kept apart: it may wait (see Publisher).
 */
export class ListNews {
  /** Lines whose every specialist needs the list (admin edits, a specialist online again). */
  private readonly whole = new Set<string>();
  /** Per line, the waiting calls whose list item changed. */
  private readonly calls = new Map<string, Set<string>>();
  /** Per call, the specialists a ring or ring-stop told of it this turn. */
  private readonly told = new Map<string, Set<string>>();

  lineChanged(lineId: string): void {
    this.whole.add(lineId);
  }

  /** The call's list item changed: whoever was told of it before this change must hear again. */
  itemChanged(lineId: string, callId: string): void {
    this.told.delete(callId);
    const calls = this.calls.get(lineId);
    if (calls) calls.add(callId);
    else this.calls.set(lineId, new Set([callId]));
  }

  toldOf(callId: string, userIds: readonly string[]): void {
    const told = this.told.get(callId);
    if (told) for (const u of userIds) told.add(u);
    else this.told.set(callId, new Set(userIds));
  }

  /** The lines with news, for their waiting callers' places. */
  lines(): string[] {
    return [...new Set([...this.whole, ...this.calls.keys()])];
  }

  /** Whether this specialist of `lineId` has news on it that no ring or ring-stop brought. */
  newsFor(lineId: string, userId: string): boolean {
    if (this.whole.has(lineId)) return true;
    for (const callId of this.calls.get(lineId) ?? []) if (!this.told.get(callId)?.has(userId)) return true;
    return false;
  }

  clear(): void {
    this.whole.clear();
    this.calls.clear();
    this.told.clear();
  }
}
