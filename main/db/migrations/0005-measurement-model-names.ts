import { DEVICE_CATALOGUE, isDeviceModelId } from '../../../drivers/catalogue/device-catalogue';
import type { Migration } from './migration';

/** The catalogue's name for a model id, or the id itself for a model this software no longer knows. */
function nameOf(model: unknown): string {
  const id = String(model);
  return isDeviceModelId(id) ? DEVICE_CATALOGUE[id].displayName : id;
}

/**
 * Measurements now carry the model's display name beside its id (the platform no longer knows
 * the models): readings stored before, and measurement rows still waiting in the outbox, get it
 * added, so none of them is refused by the platform or left without a name in an export.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'measurement-model-names',
  up(db) {
    const fill = (select: string, update: string) => {
      const write = db.prepare(update);
      for (const row of db.prepare<[], { id: string; json: string }>(select).all()) {
        const value = JSON.parse(row.json) as Record<string, unknown>;
        write.run(JSON.stringify({ ...value, modelName: nameOf(value.model) }), row.id);
      }
    };
    fill(
      "SELECT id, reading AS json FROM measurements WHERE json_extract(reading, '$.modelName') IS NULL",
      'UPDATE measurements SET reading = ? WHERE id = ?',
    );
    fill(
      "SELECT id, payload AS json FROM outbox WHERE kind = 'measurement' AND json_extract(payload, '$.modelName') IS NULL",
      'UPDATE outbox SET payload = ? WHERE id = ?',
    );
  },
};
