/**
 * A campaign's delivery rate, cost and opt-outs in `getCampaignStatus`, through the web SDK:
 * messages seeded as delivery leaves them (priced by Twilio, or estimated for SNS), a STOP and
 * a HELP through the signed `twilioInbound` webhook, and replies seeded around the 24 hours
 * after the campaign's last message.
 */
import { Timestamp } from "firebase-admin/firestore";
import { adminDb, loadFunctionEnv, waitFor } from "../support/emulators";
import { HOUR, seedCampaign, seedMessages, snsUsd, usd } from "../support/costs";
import { useTwilioStandIn, useWebClients } from "../support/lifecycle";
import { postSigned } from "../support/twilioWebhooks";

// The STOP's confirmation and the HELP answer are sent through the stand-in.
useTwilioStandIn();
const admin = useWebClients().signedIn("outcome-admin", "admin");

beforeAll(() => loadFunctionEnv());

describe("getCampaignStatus", () => {
  const P1 = "+15555550160";
  const P2 = "+15555550161";
  const P3 = "+15555550162";

  it("shows the delivery rate, the cost and the STOPs that answered the campaign", async () => {
    const startedAt = new Date(Date.now() - 2 * HOUR);
    const sentAt = new Date(Date.now() - HOUR).toISOString();
    await seedCampaign("cost-live", { startedAt, completedAt: new Date(), total: 3 });
    const campaign = {
      type: "campaign",
      campaignId: "cost-live",
      country: "US",
      createdAt: sentAt,
    };
    await seedMessages([
      { ...campaign, to: P1, status: "delivered", provider: "twilio", ...usd(0.0079) },
      { ...campaign, to: P2, status: "delivered", provider: "twilio", ...usd(0.0079) },
      { ...campaign, to: P3, status: "undelivered", ...snsUsd(0.0129) },
    ]);
    const sid = "SMcoststop0000000000000000000001";
    const reply = { MessageSid: sid, From: P1, To: "+15555550100", Body: "STOP" };
    expect((await postSigned("twilioInbound", reply)).status).toBe(200);
    const stop = await waitFor("the STOP to be recorded", async () =>
      (await adminDb().collection("sms_inbound").doc(sid).get()).data(),
    );
    // The answered message was the campaign's: the reply carries its campaign.
    expect(stop).toMatchObject({ campaignId: "cost-live", keyword: "stop" });
    // A HELP is no opt-out.
    const help = {
      ...reply,
      MessageSid: "SMcosthelp0000000000000000000001",
      From: P2,
      Body: "HELP",
    };
    expect((await postSigned("twilioInbound", help)).status).toBe(200);
    const helpReply = await waitFor("the HELP to be recorded", async () =>
      (await adminDb().collection("sms_inbound").doc(help.MessageSid).get()).data(),
    );
    expect(helpReply).toMatchObject({ campaignId: "cost-live", keyword: "help" });

    const status = await admin.api("getCampaignStatus", { campaignId: "cost-live" });
    expect(status).toMatchObject({
      campaignId: "cost-live",
      counts: { delivered: 2, failed: 1 },
      deliveryRate: 2 / 3,
      cost: { total: 0.0287, currency: "USD", estimated: 0.0129 },
      optOuts: 1,
    });
  });

  it("counts only the STOPs received within 24 hours of the campaign's last message", async () => {
    const sentAt = new Date(Date.now() - 72 * HOUR);
    await seedCampaign("cost-past", { startedAt: sentAt, completedAt: sentAt, total: 3 });
    await seedMessages(
      [P1, P2, P3].map((to) => ({
        to,
        type: "campaign",
        campaignId: "cost-past",
        provider: "twilio",
        country: "US",
        createdAt: sentAt.toISOString(),
        ...usd(0.0079),
      })),
    );
    const inbound = (id: string, from: string, hoursAfter: number, keyword = "stop") =>
      adminDb()
        .collection("sms_inbound")
        .doc(id)
        .create({
          from,
          to: "+15555550100",
          body: keyword.toUpperCase(),
          userId: null,
          keyword,
          channel: "sms",
          match: "keyword",
          matched: keyword.toUpperCase(),
          inReplyTo: null,
          templateId: null,
          campaignId: "cost-past",
          variant: null,
          inReplyToCreatedAt: Timestamp.fromDate(sentAt),
          receivedAt: Timestamp.fromMillis(sentAt.getTime() + hoursAfter * HOUR),
        });
    await inbound("SMcostpast01", P1, 2);
    await inbound("SMcostpast02", P2, 23.9);
    await inbound("SMcostpast03", P3, 30);
    await inbound("SMcostpast04", P3, 1, "start");

    const status = await admin.api("getCampaignStatus", { campaignId: "cost-past" });
    expect(status).toMatchObject({
      optOuts: 2,
      cost: { total: 0.0237, currency: "USD", estimated: 0 },
    });
  });
});
