import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import {
  CONTRACTS_MAX,
  liveActivityContractSchema,
  type LiveActivityContractInput,
} from '../../../shared/live-activity/contract';
import { JsonFile } from './json-file';

const storedSchema = liveActivityContractSchema.extend({ updatedAt: z.string() });
type StoredContract = z.infer<typeof storedSchema>;
const fileSchema = z.object({ version: z.literal(1), contracts: z.array(storedSchema) });

/**
 * The workspace's content-state contracts, one per attributes type, in
 * live-activity-contracts.json beside devices and profiles (a workspace file: it describes the
 * app, not this machine).
 */
export class LiveActivityContractStore {
  readonly #file: JsonFile<typeof fileSchema>;
  readonly #now: () => number;

  constructor(workspaceDir: string, now: () => number = () => Date.now()) {
    this.#file = new JsonFile(join(workspaceDir, 'live-activity-contracts.json'), fileSchema, () => ({
      version: 1,
      contracts: [],
    }));
    this.#now = now;
  }

  async list(): Promise<StoredContract[]> {
    return (await this.#file.read()).contracts;
  }

  /** Adds the contract, or replaces the one for the same attributes type. */
  async save(input: LiveActivityContractInput): Promise<StoredContract> {
    const contract = storedSchema.parse({ ...input, updatedAt: new Date(this.#now()).toISOString() });
    return this.#file.update((current) => {
      const others = current.contracts.filter((c) => c.attributesType !== contract.attributesType);
      if (others.length >= CONTRACTS_MAX) {
        throw new AppError(
          'INVALID_INPUT',
          `This workspace already has ${CONTRACTS_MAX} content-state contracts; delete one first.`,
        );
      }
      return { value: { version: 1, contracts: [...others, contract] }, result: contract };
    });
  }

  async remove(attributesType: string): Promise<void> {
    await this.#file.update((current) => {
      if (!current.contracts.some((c) => c.attributesType === attributesType)) {
        throw new AppError('NOT_FOUND', `No content-state contract for ${attributesType}.`);
      }
      const contracts = current.contracts.filter((c) => c.attributesType !== attributesType);
      return { value: { version: 1 as const, contracts }, result: undefined };
    });
  }
}
