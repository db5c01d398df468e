/** A campaign task queue that records what it is given instead of calling Cloud Tasks. */
import {
  plannerTaskId,
  type CampaignQueue,
  type PlannerTask,
  type SendTask,
} from "../../../functions/services/campaigns/queue";

export class RecordingCampaignQueue implements CampaignQueue {
  /** Planner pages, once each: Cloud Tasks drops a named task enqueued again. */
  readonly plans: PlannerTask[] = [];
  readonly sends: SendTask[] = [];
  /** Set to make every enqueue fail, as an unreachable Cloud Tasks would. */
  failWith: Error | undefined;

  async plan(task: PlannerTask): Promise<void> {
    if (this.failWith) throw this.failWith;
    const known = this.plans.some((planned) => plannerTaskId(planned) === plannerTaskId(task));
    if (!known) this.plans.push(task);
  }

  async send(task: SendTask): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.sends.push(task);
  }

  /** Every recipient of every send task, in the order enqueued. */
  recipients(): string[] {
    return this.sends.flatMap((task) => task.userIds);
  }
}
