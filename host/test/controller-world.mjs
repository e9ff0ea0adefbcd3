// The stand-in controller's resources, made from the responses published in the APS / CloudBlue
// Commerce documentation (data/published.json, with their sources). Each builder copies a
// published body, gives it the test's ids and adds only what the published types declare: the
// tenant's and PASubscription's `account` link, PASubscription's `isTerminated`, PAAccount's
// `type`, `parent`, `bssAccountInfo` and core Account's `brand`. No test file: nothing runs on import.
import { readFileSync } from "node:fs";
import { A, R, S } from "./helpers.mjs";

export const published = JSON.parse(readFileSync(new URL("./data/published.json", import.meta.url), "utf8"));

const copy = (v) => structuredClone(v);

/** A singular link as a GET shows it (kb.cloudblue.com/pdf/en/124432/). */
export const link = (id) => ({ aps: { link: "strong", href: `/aps/2/resources/${id}`, id } });

/** BssAccountInformation ids, one per account. */
export const BSS = (n) => `b55b55b5-0000-4000-8000-0000000000${n}`;
/** Brand and vendor (parent account) ids. */
export const BRAND = (n) => `b0b0b0b0-0000-4000-8000-0000000000${n}`;

/** The published tenant, in subscription `sub`; `account`: its account link, when given. */
export function tenant(id, sub, account) {
  const t = copy(published.tenant.body);
  t.aps.id = id;
  t.aps.subscription = sub;
  if (account) t.account = link(account);
  return t;
}

/** The published PASubscription with the test's id, its account link and `isTerminated`. */
export function subscription(id, { account, isTerminated = false } = {}) {
  const s = copy(published.subscription.body);
  s.aps.id = id;
  if (account) s.account = link(account);
  s.isTerminated = isTerminated;
  return s;
}

/** The published PAAccount with the test's ids, `type`, `parent`, `brand` and `bssAccountInfo` links. */
export function account(id, { companyName, type = "CLIENT", parent, brand, bss, intId } = {}) {
  const a = copy(published.account.body);
  a.aps.id = id;
  a.type = type;
  if (companyName) a.companyName = companyName;
  if (intId) a.id = intId;
  if (parent) a.parent = link(parent);
  if (brand) a.brand = link(brand);
  if (bss) a.bssAccountInfo = link(bss);
  return a;
}

/** A BssAccountInformation resource (from its type: no published response was found). */
export function bssAccountInfo(id, status) {
  if (!published.bssAccountInfo.statuses.includes(status)) throw new Error(`not a documented status: ${status}`);
  return { aps: { id }, status };
}

/**
 * The world of the controller tests. Accounts 01, 02 (customers under provider 90, brand 01,
 * ACTIVE), 03 (CREDIT_HOLD), 04 (under reseller 91), 06 (a RESELLER), 07 (no brand link: its
 * `brands` collection is empty). Tenants: 01 and 05 (owned by 01), 02 (by the reseller), 03 (a
 * terminated subscription), 07 (owned by 07). Subscription 01 answers `provisioningState`.
 */
export function documentedWorld() {
  const resources = {};
  const links = {};
  const operations = {};
  const add = (r) => (resources[r.aps.id] = r);
  const customer = (n, { status = "ACTIVE", parent = A("90"), brand = BRAND("01"), type = "CLIENT", companyName, intId } = {}) => {
    add(account(A(n), { companyName, type, parent, brand, bss: BSS(n), intId }));
    add(bssAccountInfo(BSS(n), status));
    links[A(n)] = { brands: brand ? [BRAND("01")] : [] };
  };
  customer("01", { companyName: "Test Customer", intId: 1000005 });
  customer("02", { companyName: "Beta AG", intId: 1000006 });
  customer("03", { companyName: "Gamma Ltd", status: "CREDIT_HOLD" });
  customer("04", { companyName: "Delta Inc", parent: A("91") });
  customer("06", { companyName: "Zeta Reseller", type: "RESELLER" });
  customer("07", { companyName: "Eta GmbH", brand: null });
  add({ aps: { id: BRAND("01") } }); // a brand: nothing of it is read but its id

  const tenantOf = (n, owner, { isTerminated } = {}) => {
    add(tenant(R(n), S(n), owner));
    add(subscription(S(n), { account: owner, isTerminated }));
  };
  tenantOf("01", A("01"));
  tenantOf("02", A("06"));
  tenantOf("03", A("01"), { isTerminated: true });
  tenantOf("05", A("01"));
  tenantOf("07", A("07"));
  // The values of `state` are not documented: READY is the default table's assumption.
  operations[S("01")] = { provisioningState: { state: "READY", message: "" } };
  return { resources, links, operations };
}
