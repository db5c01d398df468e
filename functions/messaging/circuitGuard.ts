/**
 * A provider behind its circuit breaker: while the circuit is open the provider is not called at
 * all, and the send fails at once with a transient error, which the failover answers with the
 * fallback and the outbox with a retry after backoff. The circuit itself (its state, where it
 * is shared) is the caller's: this module knows only the port.
 */
import type { Admission } from "../domain/circuitBreaker";
import { isProviderSide, USER_MESSAGES } from "../domain/providerErrors";
import { asProviderError } from "./failover";
import {
  ProviderError,
  type OutboundMessage,
  type ProviderName,
  type SendResult,
  type SmsProvider,
} from "./provider";

/** A provider's circuit, as the guard uses it. Neither method may throw. */
export interface CircuitPort {
  /** Whether this send may call the provider (`skip`: it may not). */
  admit(): Promise<Admission>;
  /** How the provider answered a send it admitted; `ok` when the provider itself was fine. */
  settle(admission: Admission, ok: boolean, code?: string): Promise<void>;
  /** While the circuit is open: when a probe may call the provider again. */
  openUntil?(): Date | undefined;
}

/**
 * The error of a send the open circuit kept from the provider: transient, so retried, but not
 * before the circuit may let a probe through (`openUntil`), and not counted as an attempt.
 */
export function circuitOpenError(provider: ProviderName, openUntil?: Date): ProviderError {
  return new ProviderError(
    provider,
    "transient",
    `${provider}:circuit-open`,
    `${provider} was not called: its circuit is open after repeated failures`,
    USER_MESSAGES.transient,
    true,
    openUntil,
  );
}

/** `provider`, calling it only when `circuit` admits the send, and reporting each outcome. */
export function guardWithCircuit(provider: SmsProvider, circuit: CircuitPort): SmsProvider {
  return {
    name: provider.name,
    channels: provider.channels,
    async send(message: OutboundMessage): Promise<SendResult> {
      const admission = await circuit.admit();
      if (admission === "skip") throw circuitOpenError(provider.name, circuit.openUntil?.());
      let result: SendResult;
      try {
        result = await provider.send(message);
      } catch (error) {
        // A refusal about the recipient or the message is an answer: the provider is up.
        const classified = asProviderError(error, provider);
        await circuit.settle(admission, !isProviderSide(classified.kind), classified.code);
        throw error;
      }
      await circuit.settle(admission, true);
      return result;
    },
  };
}
