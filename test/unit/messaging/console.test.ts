import { createConsoleProvider } from "../../../functions/messaging/console";

test("logs the message with the number masked and reports it sent", async () => {
  const lines: [string, Record<string, unknown>][] = [];
  const provider = createConsoleProvider((line, fields) => lines.push([line, fields]));

  const result = await provider.send({
    to: "+15555550123",
    body: "Quiz at 10",
    channel: "sms",
    messageId: "m1",
  });

  expect(provider.name).toBe("console");
  expect([...provider.channels].sort()).toEqual(["sms", "voice", "whatsapp"]);
  expect(result).toEqual({
    provider: "console",
    providerMessageId: expect.stringMatching(/^console-[0-9a-f-]{36}$/),
    providerStatus: "sent",
  });
  expect(lines).toHaveLength(1);
  const [line, fields] = lines[0];
  expect(line).toContain("+1555*****23");
  expect(line).not.toContain("+15555550123");
  expect(fields).toMatchObject({ to: "+1555*****23", messageId: "m1", channel: "sms" });
  expect(fields.providerMessageId).toBe(result.providerMessageId);
});

test("masks every number it logs, whatever its channel or length", async () => {
  const seen: unknown[] = [];
  const provider = createConsoleProvider((_line, fields) => seen.push(fields.to));
  await provider.send({ to: "+905321234567", body: "x", channel: "whatsapp" });
  await provider.send({ to: "123", body: "x", channel: "voice" });
  expect(seen).toEqual(["+9053******67", "*23"]);
});

test("each send gets its own id", async () => {
  const provider = createConsoleProvider(() => undefined);
  const a = await provider.send({ to: "+15555550123", body: "x", channel: "sms" });
  const b = await provider.send({ to: "+15555550123", body: "x", channel: "sms" });
  expect(a.providerMessageId).not.toBe(b.providerMessageId);
});

test("never logs the body of a sensitive message (a sign-in code)", async () => {
  const lines: [string, Record<string, unknown>][] = [];
  const provider = createConsoleProvider((line, fields) => lines.push([line, fields]));
  await provider.send({
    to: "+15555550123",
    body: "Your code is 482913",
    channel: "sms",
    sensitive: true,
  });
  expect(JSON.stringify(lines)).not.toContain("482913");
  expect(lines[0][1].body).toBe("[redacted]");
});
