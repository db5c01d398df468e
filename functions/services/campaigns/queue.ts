/**
 * The campaign's Cloud Tasks queues: `campaignPlanner` pages through the audience and
 * `campaignSend` queues and delivers the messages of one batch of recipients. Task payloads
 * are parsed at the edge with the schemas here. Services take a {@link CampaignQueue} so tests can pass a fake.
 */
import { getFunctions } from "firebase-admin/functions";
import { z } from "zod";
import { defaultApp } from "../../data/firestore";

/** The region of every function (setGlobalOptions in functions/index.ts). */
export const CAMPAIGN_REGION = "us-central1";
export const PLANNER_FUNCTION = "campaignPlanner";
export const SEND_FUNCTION = "campaignSend";

const id = z.string().min(1).max(1500);

export const plannerTaskSchema = z.object({
  campaignId: id,
  run: z.number().int().min(1),
  page: z.number().int().min(0),
  cursor: id.nullable().optional(),
});
export type PlannerTask = z.output<typeof plannerTaskSchema>;

/** Recipients in one send task at most (and in one planner page). */
export const MAX_SEND_BATCH = 500;

export const sendTaskSchema = z.object({
  campaignId: id,
  userIds: z.array(id).min(1).max(MAX_SEND_BATCH),
  run: z.number().int().min(1),
});
export type SendTask = z.output<typeof sendTaskSchema>;

/** Enqueues the campaign's tasks. */
export interface CampaignQueue {
  /** Enqueues a planner page; a page enqueued before (same campaign, run and page) is a no-op. */
  plan(task: PlannerTask): Promise<void>;
  send(task: SendTask): Promise<void>;
}

/**
 * Task ids dedupe a planner page that is enqueued twice (a retried predecessor). Cloud Tasks
 * keeps an id for about an hour after the task ran, so the run number is part of it: a
 * resumed campaign plans again under new ids.
 */
export function plannerTaskId(task: PlannerTask): string {
  return `campaign-plan-${task.campaignId.replace(/[^A-Za-z0-9_-]/g, "_")}-${task.run}-${task.page}`;
}

function queue(name: string) {
  defaultApp(); // Cloud Tasks (getFunctions) needs the default app and does not create it
  return getFunctions().taskQueue(`locations/${CAMPAIGN_REGION}/functions/${name}`);
}

function alreadyExists(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "functions/task-already-exists";
}

/** The queues of the deployed functions (the Cloud Tasks emulator when it runs). */
export function cloudTasksQueue(): CampaignQueue {
  return {
    async plan(task) {
      try {
        await queue(PLANNER_FUNCTION).enqueue(task, { id: plannerTaskId(task) });
      } catch (error) {
        if (!alreadyExists(error)) throw error;
      }
    },
    // Unnamed: Cloud Tasks dispatches named tasks more slowly, and the message's deterministic
    // id already makes a duplicate send task harmless.
    async send(task) {
      await queue(SEND_FUNCTION).enqueue(task);
    },
  };
}
