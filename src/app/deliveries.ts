/**
 * The webhook deliveries this process has seen, by `X-GitHub-Delivery` id, so a redelivery (GitHub
 * keeps the id when an operator presses "Redeliver", and a proxy may retry) is not handled twice.
 * Bounded: the oldest ids are forgotten first. Per process: a restart forgets them all.
 */

/** How many delivery ids are remembered (about 100 bytes each). */
export const DEFAULT_DELIVERY_CAPACITY = 10_000;

type State = 'in-flight' | 'done';

export class RecentDeliveries {
  private readonly states = new Map<string, State>();

  constructor(readonly capacity = DEFAULT_DELIVERY_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive whole number');
  }

  /**
   * Claims `id` for handling: true the first time (it is then in flight), false when the id is in
   * flight or was handled already (a redelivery: do nothing).
   */
  begin(id: string): boolean {
    if (this.states.has(id)) return false;
    this.states.set(id, 'in-flight');
    // A Map iterates in insertion order: its first key is the oldest claim
    while (this.states.size > this.capacity) this.states.delete(this.states.keys().next().value as string);
    return true;
  }

  /**
   * Ends the handling of `id`. A delivery whose handler failed is forgotten, so that a redelivery
   * (the operator's way to retry) is handled again; a completed one stays remembered.
   */
  finish(id: string, completed: boolean): void {
    if (!this.states.has(id)) return;
    if (completed) this.states.set(id, 'done');
    else this.states.delete(id);
  }

  get size(): number {
    return this.states.size;
  }
}
