/**
 * How many restarts a crashing server gets: at most `max` within any `windowMs`. No `vscode` import, so the policy is
 * tested in plain Node.
 */
export class RestartBudget {
  private readonly restarts: number[] = [];

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Records a crash at `now`; true while the server may be restarted, with how many crashes the window holds. */
  spend(now: number): { restart: boolean; count: number } {
    this.restarts.push(now);
    while (this.restarts.length > 0 && now - this.restarts[0] > this.windowMs) this.restarts.shift();
    return { restart: this.restarts.length <= this.max, count: this.restarts.length };
  }
}
