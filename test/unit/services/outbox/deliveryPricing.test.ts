/**
 * The price a sent message is recorded with: the provider's, or for SNS (which reports none)
 * an estimate from SMS_PRICE_TABLE, marked `priceEstimated`.
 */
import { deliverMessage } from "../../../../functions/services/outbox/delivery";
import type { PriceTable } from "../../../../functions/domain/pricing";
import type { Settings } from "../../../../functions/params";
import * as logs from "../../../../functions/logs";
import {
  DELIVERY_SETTINGS,
  MemoryDeliveryStore,
  RecordingProvider,
  queuedMessage,
  type Reply,
} from "../../fakes/memoryDeliveryStore";

const now = new Date("2026-03-10T15:00:00Z");
const US = "+15555550123";
const TR = "+905321234567";
const TABLE: PriceTable = {
  currency: "USD",
  defaultPerSegment: 0.09,
  perSegment: { US: 0.0065, TR: 0.05 },
};
const snsAccepted: Reply = { provider: "sns", providerMessageId: "sns-1" };

async function deliverOnce(
  to: string,
  segments: number,
  reply: Reply,
  settings: Partial<Settings>,
) {
  const store = new MemoryDeliveryStore();
  store.messages.set("m1", queuedMessage(to, now, { userId: null, segments }));
  const provider = new RecordingProvider([reply]);
  const outcome = await deliverMessage("m1", {
    settings: { ...DELIVERY_SETTINGS, ...settings },
    provider,
    now,
    random: () => 0,
    store,
  });
  expect(outcome).toBe("sent");
  return store.messages.get("m1");
}

beforeEach(() => {
  for (const name of Object.keys(logs) as (keyof typeof logs)[]) {
    jest.spyOn(logs, name).mockImplementation(() => undefined);
  }
});
afterEach(() => jest.restoreAllMocks());

describe("deliverMessage: the recorded price", () => {
  it("estimates an SNS message to Turkey from the table: segments × the country's price", async () => {
    const sent = await deliverOnce(TR, 3, snsAccepted, { smsPriceTable: TABLE });
    expect(sent).toMatchObject({
      status: "sent",
      provider: "sns",
      price: 0.15,
      priceUnit: "USD",
      priceEstimated: true,
    });
  });

  it("estimates from the default table (US) when SMS_PRICE_TABLE gave none", async () => {
    const sent = await deliverOnce(US, 1, snsAccepted, { smsPriceTable: undefined });
    expect(sent).toMatchObject({ price: 0.00645, priceUnit: "USD", priceEstimated: true });
  });

  it("keeps Twilio's own price, and does not mark it", async () => {
    const reply: Reply = {
      provider: "twilio",
      providerMessageId: "SM1",
      price: 0.0079,
      priceUnit: "USD",
    };
    const sent = await deliverOnce(US, 2, reply, { smsPriceTable: TABLE });
    expect(sent).toMatchObject({ price: 0.0079, priceUnit: "USD" });
    expect(sent).not.toHaveProperty("priceEstimated");
  });

  it("leaves a Twilio message without a price unpriced (its price comes later)", async () => {
    const sent = await deliverOnce(US, 1, { provider: "twilio", providerMessageId: "SM2" }, {});
    expect(sent).toMatchObject({ price: null, priceUnit: null });
    expect(sent).not.toHaveProperty("priceEstimated");
  });
});
