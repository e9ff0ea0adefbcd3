// A valid sample payload per billing contract: the seeds' samples (tests/billing.rs keeps the
// same ones and checks that each is valid against its contract). Pure data.

export const SAMPLES = {
  // Chargebee's "Sample resource migration".
  "chargebee/resource_migration": {
    from_site: "yourapp",
    entity_type: "customer",
    entity_id: "test123",
    status: "failed",
    created_at: 1528093653,
    updated_at: 1528093653,
    object: "resource_migration",
  },
  // The parameters of GET /api/v2/resource_migrations/retrieve_latest.
  "chargebee/retrieve_latest": { from_site: "merchant-test", entity_type: "customer", entity_id: "test123" },
  // Chargebee's "Sample Result" of retrieve_latest.
  "chargebee/retrieve_latest_result": {
    resource_migration: {
      from_site: "yourapp",
      entity_type: "customer",
      entity_id: "test123",
      status: "failed",
      created_at: 1539327043,
      updated_at: 1539327043,
      object: "resource_migration",
    },
  },
  // Fusebill's sample request of POST /v1/subscriptions/{id}/migrate.
  "fusebill/subscription_migrate": {
    customerId: 12874295,
    planFamilyRelationshipId: 407766,
    migrationTimingOption: "SpecificDate",
    earningOption: "Full",
    nameOverrideOption: "Transfer",
    descriptionOverrideOption: "Transfer",
    referenceOption: "Transfer",
    expiryOption: "Transfer",
    customFieldsOption: "Transfer",
    contractStartOption: "DoNotTransfer",
    contractEndOption: "DoNotTransfer",
    scheduledMigrationDate: "2020-05-10",
  },
  // A BillForward MigrationRequest (camelCase wire keys).
  "billforward/migration_request": {
    productRatePlan: "gold-monthly",
    product: "gold",
    nextSubscriptionName: "Gold (monthly)",
    nextSubscriptionDescription: "Migrated from Silver",
    invoicingType: "Immediate",
    pricingBehaviour: "ProRated",
    mappings: [
      { pricingComponent: "seats", value: 10 },
      { pricingComponent: "PRC-2", value: 0, id: "PCMV-1", changedBy: "admin", created: "2023-10-03T17:25:45Z" },
    ],
    dryRun: true,
  },
  // A BillForward ProductRatePlanMigrationAmendment.
  "billforward/migration_amendment": {
    "@type": "ProductRatePlanMigrationAmendment",
    id: "AMD-1",
    subscriptionID: "SUB-1",
    productRatePlanID: "PRP-1",
    state: "Pending",
    actioningTime: "2024-06-01T00:00:00Z",
    created: "2024-05-01T10:00:00Z",
  },
  // Pismo's customer_outgoing example.
  "pismo/customer_outgoing/1": {
    operation: "UPDATE",
    status: "SUCCESS",
    code: "MIGR-0001",
    message: "Customer migration registration approved",
    migration: {
      id: "migration-id",
      account_id: "account-migration-id",
      version_date: "2021-08-11T11:25:00.000Z",
      phase_id: "Rollout_Jan2022",
    },
    entity: { account_id: 9999, customer_id: 1234 },
  },
  // A customer_incoming event.
  "pismo/customer_incoming/1": {
    migration: { id: "31a2d", account_id: "a7c3f", version_date: "2023-10-03T17:25:45Z" },
    entity: { name: "Super Mario Bros", document_number: "59769445746" },
    social_name: "Mario Bros",
    is_active: true,
  },
};
