import type { AdminContext } from '../../context';
import type { DemoSeeder } from '../../vendor';
import { createRpdbAccount } from './account';
import { authorizeRpdbApiKey, createRpdbApiKey } from './api-key';
import { createRpdbAttribute } from './attribute';
import { createRpdbProfile } from './profile';

/**
 * RPdb demo data: one account with four attributes and five profiles (one without attributes), a key with
 * rights on everything, a privileged one (re-authorised now, so privileged for 30 minutes) and a limited
 * one that has `none` on some attributes and therefore sees only some profiles.
 */
async function seed(ctx: AdminContext, env: { apiUrl: string }) {
  const { account, password } = await createRpdbAccount({ ctx, input: { name: 'demo' } });
  const accountId = account.id;
  const attr = async (name: string, defaultRight: 'all' | 'read' | 'none') =>
    (await createRpdbAttribute({ ctx, input: { accountId, name, defaultRight } })).id;
  const heating = await attr('Heating', 'all');
  const lights = await attr('Lights', 'all');
  const garage = await attr('Garage', 'read');
  const alarm = await attr('Alarm', 'none');
  const profiles: [string, number[]][] = [
    ['vacation', []],
    ['vacation1', [lights, heating]],
    ['vacation DE', [garage, heating]],
    ['garage', [garage]],
    ['alarm', [alarm]],
  ];
  for (const [name, attributes] of profiles) await createRpdbProfile({ ctx, input: { accountId, name, sortOrder: 0, attributes } });

  const everything = [heating, lights, garage, alarm].map((attributeId) => ({ attributeId, right: 'all' as const }));
  const full = await createRpdbApiKey({ ctx, input: { accountId, name: 'full access', rights: everything } });
  const privileged = await createRpdbApiKey({ ctx, input: { accountId, name: 'privileged', rights: everything } });
  await authorizeRpdbApiKey({ ctx, input: { id: privileged.apiKey.id, password: password! } });
  const limited = await createRpdbApiKey({
    ctx,
    input: {
      accountId,
      name: 'limited',
      rights: [
        { attributeId: heating, right: 'none' },
        { attributeId: garage, right: 'none' },
        { attributeId: lights, right: 'read' },
      ],
    },
  });
  return { url: env.apiUrl, apiKey: full.key, privilegedApiKey: privileged.key, limitedApiKey: limited.key };
}

export const rpdbDemoSeeder: DemoSeeder = { seed };
