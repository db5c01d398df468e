/**
 * The callable API's types for the web app: the web app imports its request and response
 * types from this module (and only from it), so a change to a callable's contract is a compile
 * error there. Requests are the zod schemas' inputs (what the client sends, before defaults
 * and trimming). Type-only: importing this module loads no backend code.
 *
 * More callables' types are to be added here as they are written.
 */
import type { z } from "zod";
import type { validatePhoneRequest } from "./validatePhone";
import type {
  deleteTemplateRequest,
  listTemplatesRequest,
  previewTemplateRequest,
  saveTemplateRequest,
} from "./templates";
import type { getSmsStatsRequest } from "./stats";
import type { TemplateListEntry } from "../domain/templateCatalog";
import type { TemplatePreview } from "../domain/templateRules";

export type { PhoneDetails as ValidatePhoneResponse, PhoneType } from "../domain/phoneDetails";
export type { TemplateListEntry } from "../domain/templateCatalog";
export type { SmsStats as GetSmsStatsResponse } from "../services/stats";
export type { SmsCost } from "../domain/smsStats";
export type { Encoding } from "../domain/segments";
export type { Language, MessageType } from "../domain/templates";
export type { MessageStatus } from "../domain/messageStatus";
export type { ProviderName } from "../messaging/provider";

export type ValidatePhoneRequest = z.input<typeof validatePhoneRequest>;

export type ListTemplatesRequest = z.input<typeof listTemplatesRequest>;
export interface ListTemplatesResponse {
  templates: TemplateListEntry[];
}

export type SaveTemplateRequest = z.input<typeof saveTemplateRequest>;
export interface SaveTemplateResponse {
  templateId: string;
}

export type DeleteTemplateRequest = z.input<typeof deleteTemplateRequest>;
export interface DeleteTemplateResponse {
  deleted: true;
}

export type PreviewTemplateRequest = z.input<typeof previewTemplateRequest>;
export type PreviewTemplateResponse = TemplatePreview;

export type GetSmsStatsRequest = z.input<typeof getSmsStatsRequest>;
