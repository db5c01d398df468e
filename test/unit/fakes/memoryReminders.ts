/**
 * In-memory stand-ins for what the reminder use cases depend on: the reminders collection
 * (backend field writes under a `lastUpdateTime` precondition), the outbox (one message per
 * id), the accounts (roles, partner links, recipients) and the templates. They keep state the
 * way Firestore would, so tests assert on where the store ends up, not on calls.
 */
import { Timestamp, type DocumentData } from "firebase-admin/firestore";
import type { MessageRecord } from "../../../functions/data/messages";
import type {
  ReminderDispatchFields,
  ReminderFields,
  StoredReminder,
} from "../../../functions/data/reminders";
import { BUILT_IN_TEMPLATES, type TemplateDefinition } from "../../../functions/domain/templates";
import type { Settings } from "../../../functions/params";
import type { ReminderChangePorts } from "../../../functions/services/reminders/changes";
import type { DispatchPorts, Occurrence } from "../../../functions/services/reminders/dispatch";
import type { NewMessage } from "../../../functions/services/outbox/enqueue";
import { buildMessageRecord } from "../../../functions/services/outbox/record";
import { memoryReminderPeople, type MemoryReminderPeople } from "./memoryRemindersPeople";

/** Firestore's error for a write whose precondition no longer holds (gRPC 9). */
function failedPrecondition(): Error {
  return Object.assign(new Error("FAILED_PRECONDITION"), { code: 9 });
}

function notFound(): Error {
  return Object.assign(new Error("NOT_FOUND"), { code: 5 });
}

/** `reminders/*`: documents with an update time that every write moves on. */
export class MemoryReminderStore {
  private readonly docs = new Map<string, { data: DocumentData; updateTime: Timestamp }>();
  private clock = Date.UTC(2026, 0, 1);
  /** Every backend field write that landed, in order. */
  readonly fieldWrites: { reminderId: string; fields: ReminderFields }[] = [];

  private tick(): Timestamp {
    this.clock += 1;
    return Timestamp.fromMillis(this.clock);
  }

  /** A client app (or a test) writes the whole document; returns its new update time. */
  put(reminderId: string, data: DocumentData): Timestamp {
    const updateTime = this.tick();
    this.docs.set(reminderId, { data: { ...data }, updateTime });
    return updateTime;
  }

  /** The document as stored (Timestamps where Firestore keeps them). */
  data(reminderId: string): DocumentData | undefined {
    const doc = this.docs.get(reminderId);
    return doc ? { ...doc.data } : undefined;
  }

  updateTime(reminderId: string): Timestamp | undefined {
    return this.docs.get(reminderId)?.updateTime;
  }

  /** `update()`: merges fields and moves the update time on. */
  private update(reminderId: string, fields: ReminderFields, lastUpdateTime?: Timestamp): void {
    const doc = this.docs.get(reminderId);
    if (!doc) throw notFound();
    if (lastUpdateTime && !doc.updateTime.isEqual(lastUpdateTime)) throw failedPrecondition();
    const { nextRunAt, ...rest } = fields;
    const stored = { ...rest, nextRunAt: nextRunAt ? Timestamp.fromDate(nextRunAt) : null };
    this.docs.set(reminderId, { data: { ...doc.data, ...stored }, updateTime: this.tick() });
    this.fieldWrites.push({ reminderId, fields: { ...fields } });
  }

  writeReminderFields = async (
    reminderId: string,
    fields: ReminderFields,
    lastUpdateTime?: Timestamp,
  ): Promise<boolean> => {
    try {
      this.update(reminderId, fields, lastUpdateTime);
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === 9) return false;
      throw error;
    }
  };

  readReminder = async (reminderId: string): Promise<StoredReminder | undefined> => {
    const data = this.data(reminderId);
    if (!data) return undefined;
    const status: unknown = data.status;
    return {
      data,
      status: typeof status === "string" ? status : undefined,
      nextRunAt: data.nextRunAt instanceof Timestamp ? data.nextRunAt.toDate() : undefined,
    };
  };

  dueReminderIds = async (now: Date, limit: number): Promise<string[]> => {
    const due: { reminderId: string; at: number }[] = [];
    for (const [reminderId, { data }] of this.docs) {
      const at = data.nextRunAt instanceof Timestamp ? data.nextRunAt.toMillis() : undefined;
      if (data.status === "scheduled" && at !== undefined && at <= now.getTime()) {
        due.push({ reminderId, at });
      }
    }
    return due
      .sort((a, b) => a.at - b.at)
      .slice(0, limit)
      .map((row) => row.reminderId);
  };

  /** Whether `update()` on top of `lastUpdateTime` would land now. */
  canUpdate(reminderId: string, lastUpdateTime?: Timestamp): boolean {
    const doc = this.docs.get(reminderId);
    return !!doc && (!lastUpdateTime || doc.updateTime.isEqual(lastUpdateTime));
  }

  /** Writes fields the caller has checked with `canUpdate`. */
  applyFields(reminderId: string, fields: ReminderFields): void {
    this.update(reminderId, fields);
  }

  /** Applies a dispatch's fields (they always land: the claim checked the document). */
  applyDispatch(reminderId: string, fields: ReminderDispatchFields): void {
    const { lastMessageId, ...scheduling } = fields;
    this.update(reminderId, scheduling);
    const doc = this.docs.get(reminderId);
    if (doc) doc.data.lastMessageId = lastMessageId;
  }
}

/** `sms_messages/*`: one record per id, created once. */
export class MemoryOutbox {
  readonly messages = new Map<string, { message: NewMessage; record: MessageRecord }>();
  /** Every id asked for, including those already queued (a redelivery). */
  readonly requests: string[] = [];

  /** Records the message unless its id is known; the record is the one the outbox would build. */
  queue(message: NewMessage, settings: Settings, now: Date) {
    this.requests.push(message.id);
    const record = buildMessageRecord(message, settings, now);
    const created = !this.messages.has(message.id);
    if (created) this.messages.set(message.id, { message, record });
    return { messageId: message.id, record, created };
  }

  private failures = 0;

  /** The next `count` queueings fail (a transient Firestore error inside the transaction). */
  failNext(count = 1): void {
    this.failures = count;
  }

  /** Throws when a failure is pending, before anything is recorded. */
  checkAvailable(): void {
    if (this.failures > 0) {
      this.failures--;
      throw Object.assign(new Error("UNAVAILABLE"), { code: 14 });
    }
  }

  ids(): string[] {
    return [...this.messages.keys()];
  }
}

/** `sms_templates/*` over the built-in defaults; a test may remove one. */
export class MemoryTemplates {
  private readonly templates = new Map<string, TemplateDefinition>(
    Object.entries(BUILT_IN_TEMPLATES),
  );

  remove(templateId: string): void {
    this.templates.delete(templateId);
  }

  loadTemplate = async (templateId: string): Promise<TemplateDefinition | undefined> =>
    this.templates.get(templateId);
}

/** Every fake, and the ports of both reminder use cases wired to them. */
export interface MemoryReminderWorld {
  reminders: MemoryReminderStore;
  outbox: MemoryOutbox;
  people: MemoryReminderPeople;
  templates: MemoryTemplates;
  ports: ReminderChangePorts & DispatchPorts;
}

export function memoryReminderWorld(): MemoryReminderWorld {
  const reminders = new MemoryReminderStore();
  const outbox = new MemoryOutbox();
  const people = memoryReminderPeople();
  const templates = new MemoryTemplates();
  const queueOccurrence = async (occurrence: Occurrence, settings: Settings, now: Date) => {
    const stored = await reminders.readReminder(occurrence.reminderId);
    const stillDue =
      stored?.status === "scheduled" && stored.nextRunAt?.getTime() === occurrence.dueAt.getTime();
    if (!stillDue) return undefined;
    const queued = outbox.queue(occurrence.message, settings, now);
    reminders.applyDispatch(occurrence.reminderId, occurrence.advance(queued.record));
    return queued;
  };
  // One transaction: every check first, then every write, so a failure leaves nothing behind.
  const applyReminderPlan: ReminderChangePorts["applyReminderPlan"] = async (
    reminderId,
    plan,
    lastUpdateTime,
    settings,
    now,
  ) => {
    if (!reminders.canUpdate(reminderId, lastUpdateTime)) return false;
    if (plan.confirmation) outbox.checkAvailable();
    if (plan.confirmation) outbox.queue(plan.confirmation, settings, now);
    if (plan.fields) reminders.applyFields(reminderId, plan.fields);
    return true;
  };
  const ports: ReminderChangePorts & DispatchPorts = {
    roleOfAccount: people.roleOfAccount,
    hasAssignedTask: people.hasAssignedTask,
    loadRecipient: people.loadRecipient,
    loadTemplate: templates.loadTemplate,
    writeReminderFields: reminders.writeReminderFields,
    readReminder: reminders.readReminder,
    dueReminderIds: reminders.dueReminderIds,
    applyReminderPlan,
    queueOccurrence,
  };
  return { reminders, outbox, people, templates, ports };
}
