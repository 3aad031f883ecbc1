import { generatePassword } from '../../auth/secrets';
import type { AdminContext } from '../../context';
import { createCallerFactory, createTRPCRouter } from '../../trpc';
import type { DemoSeeder } from '../../vendor';
import { flexcareRouter } from '.';

// Seeds through the FlexCare procedures (their access rules and audit rows), hence beside them.
const createFlexcareCaller = createCallerFactory(createTRPCRouter(flexcareRouter));

/**
 * FlexCare demo data: two resellers with customers under each plus a direct customer, five languages,
 * profiles under both resellers (so the reseller admin gets 404 on the other reseller's) and licenses.
 * `admin` is ADMIN, `resellerAdmin` is RESELLER_ADMIN of "Nordic Care Partners", `manager` is MANAGER
 * (every FlexCare dialog endpoint answers it 403).
 */
async function seed(ctx: AdminContext, env: { apiUrl: string }) {
  const api = createFlexcareCaller(ctx);
  const nordic = await api.reseller.create({ name: 'Nordic Care Partners' });
  const baltic = await api.reseller.create({ name: 'Baltic Health Resellers' });
  const operator = await api.customer.create({ name: 'TelecomX Operations' });
  const aarhus = await api.customer.create({ name: 'Aarhus Care Home', reseller: nordic.id });
  const odense = await api.customer.create({ name: 'Odense Hospital', reseller: nordic.id });
  const riga = await api.customer.create({ name: 'Riga Clinic', reseller: baltic.id });

  const employee = async (username: string, name: string, customer: string, accessLevel: 'ADMIN' | 'RESELLER_ADMIN' | 'MANAGER') => {
    const password = generatePassword();
    await api.employee.create({ customer, username, name, accessLevel, password });
    return { username, password };
  };
  const admin = await employee('admin@flexcare.demo', 'Demo Admin', operator.id, 'ADMIN');
  const resellerAdmin = await employee('reseller@flexcare.demo', 'Nordic Reseller Admin', aarhus.id, 'RESELLER_ADMIN');
  const manager = await employee('manager@flexcare.demo', 'Aarhus Manager', aarhus.id, 'MANAGER');

  const language = async (name: string, nativeName: string, code: string, country: string) =>
    (await api.language.create({ name, nativeName, code, country, keyboardCountry: country, keyboardLang: code, translation: 'nllb' })).id;
  const da = await language('Danish', 'Dansk', 'da', 'DK');
  const en = await language('English', 'English', 'en', 'GB');
  const de = await language('German', 'Deutsch', 'de', 'DE');
  const sv = await language('Swedish', 'Svenska', 'sv', 'SE');
  await language('Arabic', 'العربية', 'ar', 'SA');

  const layout = JSON.stringify({
    rows: [
      ['q', 'w', 'e', 'r', 't', 'y'],
      ['a', 's', 'd', 'f', 'g', 'h'],
    ],
  });
  const reception = await api.profile.create({
    name: 'Aarhus reception',
    customer: aarhus.id,
    languages: [da, en, de],
    ipList: ['145.125.12.45/24', '10.20.0.0/16'],
    largeKeyboardLayout: layout,
  });
  const emergency = await api.profile.create({
    name: 'Odense emergency',
    customer: odense.id,
    allLanguages: true,
    ipList: ['2001:db8:100::/48'],
  });
  await api.profile.create({ name: 'Riga front desk', customer: riga.id, languages: [en, sv], ipList: ['192.0.2.10'] });

  const inAYear = new Date(ctx.now().getTime() + 365 * 24 * 60 * 60 * 1000);
  await api.license.issue({ profile: reception.id, expire: inAYear, authenticatedBy: 'MDMKEY' });
  await api.license.issue({ profile: reception.id, expire: inAYear, authenticatedBy: 'AUTHCODE' });
  await api.license.issue({ profile: emergency.id, expire: inAYear, authenticatedBy: 'IP' });

  return { url: env.apiUrl, admin, resellerAdmin, manager };
}

export const flexcareDemoSeeder: DemoSeeder = { seed };
