/**
 * An in-memory {@link CostReader}: message rows counted and summed as the aggregation queries
 * of data/messageStats would (`[start, end)` on createdAt, one field's value, a currency).
 */
import type { PriceSum } from "../../../functions/data/messageStats";
import type { CostReader, MessageScope } from "../../../functions/services/messages/cost";

export interface CostRow {
  createdAt: Date;
  provider?: string | null;
  type?: string;
  campaignId?: string | null;
  country?: string | null;
  status?: string;
  price?: number | null;
  priceUnit?: string | null;
  priceEstimated?: true;
}

export class MemoryCostReader implements CostReader {
  readonly rows: CostRow[] = [];
  /** Every query asked, by kind, so a test can see what a report cost. */
  readonly asked = { currencies: 0, count: 0, priced: 0, estimated: 0 };

  private inScope({ range, where }: MessageScope): CostRow[] {
    return this.rows.filter((row) => {
      if (row.createdAt < range.start) return false;
      if (range.end && row.createdAt >= range.end) return false;
      if (!where) return true;
      return (row as unknown as Record<string, unknown>)[where.field] === where.value;
    });
  }

  private sum(rows: CostRow[], currency: string): PriceSum {
    const priced = rows.filter(
      (row) => row.priceUnit === currency && typeof row.price === "number",
    );
    return { count: priced.length, total: priced.reduce((sum, row) => sum + (row.price ?? 0), 0) };
  }

  async currencies(max: number): Promise<string[]> {
    this.asked.currencies++;
    const units = this.rows.map((row) => row.priceUnit).filter((u): u is string => !!u);
    return [...new Set(units)].sort().slice(0, max);
  }

  async count(scope: MessageScope): Promise<number> {
    this.asked.count++;
    return this.inScope(scope).length;
  }

  async priced(scope: MessageScope, currency: string): Promise<PriceSum> {
    this.asked.priced++;
    return this.sum(this.inScope(scope), currency);
  }

  async estimated(scope: MessageScope, currency: string): Promise<PriceSum> {
    this.asked.estimated++;
    return this.sum(
      this.inScope(scope).filter((row) => row.priceEstimated === true),
      currency,
    );
  }
}
