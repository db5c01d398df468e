import { coalescedReads } from "../../../functions/data/firestore";

/** A fake getAll that records each call's references and answers with their upper case. */
function recordingGetAll() {
  const calls: string[][] = [];
  const getAll = (refs: string[]) => {
    calls.push(refs);
    return Promise.resolve(refs.map((ref) => ref.toUpperCase()));
  };
  return { calls, load: coalescedReads(getAll) };
}

describe("coalescedReads", () => {
  it("sends reads started together as one call and answers each with its own document", async () => {
    const { calls, load } = recordingGetAll();
    const answers = await Promise.all([load("users/a"), load("users/b"), load("sms_templates/t")]);
    expect(answers).toEqual(["USERS/A", "USERS/B", "SMS_TEMPLATES/T"]);
    expect(calls).toEqual([["users/a", "users/b", "sms_templates/t"]]);
  });

  it("takes in reads started after awaiting settled promises, as nested async code does", async () => {
    const { calls, load } = recordingGetAll();
    const nested = async () => {
      await Promise.resolve();
      await Promise.resolve();
      return load("sms_send_windows/+15555550100");
    };
    await Promise.all([load("users/a"), nested()]);
    expect(calls).toHaveLength(1);
  });

  it("makes a read that depends on an earlier one a second call", async () => {
    const { calls, load } = recordingGetAll();
    const user = await load("users/a");
    await load(`sms_suppressions/${user}`);
    expect(calls).toEqual([["users/a"], ["sms_suppressions/USERS/A"]]);
  });

  it("fails every read of a call that failed, and the next batch starts afresh", async () => {
    let fail = true;
    const load = coalescedReads((refs: string[]) =>
      fail ? Promise.reject(new Error("unavailable")) : Promise.resolve(refs),
    );
    const first = Promise.all([load("a"), load("b")]);
    await expect(first).rejects.toThrow("unavailable");
    fail = false;
    await expect(load("c")).resolves.toBe("c");
  });
});
