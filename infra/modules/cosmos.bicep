// Cosmos DB for NoSQL, serverless (pay per request unit and GB; nothing at rest but
// storage), key authentication disabled: the app uses its identity with the built-in
// Cosmos DB Data Contributor data-plane role.

param name string
param location string
param tags object

@description('Principal id of the app identity.')
param appPrincipalId string

@description('Optional principal id of the deploying user (Data Explorer, local runs). Empty: none.')
param userPrincipalId string = ''

param databaseName string = 'engagement'

@description('Seconds a processed event id is remembered (idempotent inbox). Default 30 days.')
param processedEventTtlSeconds int = 2592000

@description('Seconds a sent message\'s provider id is remembered for its delivery reports (ACS email operation id). Default 30 days.')
param deliveryCorrelationTtlSeconds int = 2592000

@description('Seconds a rejected event is kept. Default -1: kept until someone deletes it or the item sets its own "ttl" (rejected events are evidence: nothing is lost).')
param rejectedEventTtlSeconds int = -1

// Built-in Cosmos DB data-plane role: Cosmos DB Built-in Data Contributor.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

// Containers. Partition key /customerId wherever the data belongs to one customer, so the
// engine's reads and writes for a customer are single-partition. Code copy:
// src/Engagement.Cosmos/CosmosContainers.cs (a test checks that the two agree).
//   defaultTtl: -1 = TTL on, items live until they set their own "ttl"; null = TTL off.
//   indexAll: false = nothing indexed (point operations only: cheapest writes);
//             true = every path but excludedPaths (every indexed path costs RU per write).
var containers = [
  {
    // One document per customer: attributes, contact points, consent records. Point
    // reads and writes only (by customer id), so nothing is indexed.
    name: 'profiles'
    partitionKey: '/customerId'
    defaultTtl: null
    indexAll: false
    excludedPaths: []
    compositeIndexes: []
  }
  {
    // Contact blind index: id = HMAC-SHA-256(key file's indexKey, "email:" or "phone:" +
    // normalised contact), hex; the item lists the ids of the customers with that contact
    // and never the contact itself. Kept only when the app has a key file; point reads and
    // ETag-conditional writes only, so nothing is indexed.
    name: 'contacts'
    partitionKey: '/id'
    defaultTtl: null
    indexAll: false
    excludedPaths: []
    compositeIndexes: []
  }
  {
    // Enrollment state (small, < 1 KB) per (journey, customer, key); the router lists a
    // customer's enrollments and the ones waiting for an event (status, awaitingEvent),
    // single-partition queries. Exited enrollments set "ttl" (180 days by default).
    name: 'enrollments'
    partitionKey: '/customerId'
    defaultTtl: -1
    indexAll: true
    excludedPaths: [
      '/event/*'
      '/occurrences/*'
    ]
    compositeIndexes: []
  }
  {
    // Enrollment id -> customer id. Wake-ups and deferred sends arrive with only an
    // enrollment id (or a ledger key starting with one), and enrollment ids do not
    // reliably contain the customer id: one point read finds the partition. Entries of
    // exited enrollments set the same "ttl" as the enrollment.
    name: 'enrollmentIndex'
    partitionKey: '/id'
    defaultTtl: -1
    indexAll: false
    excludedPaths: []
    compositeIndexes: []
  }
  {
    // Send ledger: one item per (enrollment, step, occurrence) reservation and its
    // outcome; id = the key with '/' escaped. Frequency caps query a customer's sent
    // entries since an instant (status = 'sent' AND sentAtKey >= @since; sentAtKey is the
    // send instant with nine fraction digits, so text order is time order): the composite
    // index (status, sentAtKey) serves the equality + range filter. Items set "ttl" (400
    // days from their last write by default, longer than any cap window); erasure
    // tombstones never expire.
    name: 'ledger'
    partitionKey: '/customerId'
    defaultTtl: -1
    indexAll: true
    excludedPaths: [
      '/pending/*'
    ]
    compositeIndexes: [
      [
        {
          path: '/status'
          order: 'ascending'
        }
        {
          path: '/sentAtKey'
          order: 'ascending'
        }
      ]
    ]
  }
  {
    // Human tasks (call the customer, interview, escalate). Partitioned by customer:
    // a task is created in the enrollment's context, idempotently by its key.
    // Agent work lists (open tasks of a queue by due time) are cross-partition queries,
    // acceptable at the volume of human work; the composite index serves them.
    name: 'tasks'
    partitionKey: '/customerId'
    defaultTtl: -1
    indexAll: true
    excludedPaths: []
    compositeIndexes: [
      [
        {
          path: '/queue'
          order: 'ascending'
        }
        {
          path: '/status'
          order: 'ascending'
        }
        {
          path: '/due'
          order: 'ascending'
        }
      ]
    ]
  }
  {
    // Metric counters per journey, version, step and UTC day (entered, sent, suppressed
    // by reason, goal, exited). Not customer data: partitioned by journey so a report
    // for one journey is single-partition. Writers increment with patch operations; if
    // one journey gets hot, the writer can shard the counter id (...#0..n).
    name: 'counters'
    partitionKey: '/journeyId'
    defaultTtl: null
    indexAll: true
    excludedPaths: []
    compositeIndexes: []
  }
  {
    // Processed event ids (idempotent inbox behind Service Bus duplicate detection,
    // which only covers its window). The inbox is asked by event id alone, so the
    // partition key is the id. Point creates only, so nothing is indexed.
    name: 'events'
    partitionKey: '/id'
    defaultTtl: processedEventTtlSeconds
    indexAll: false
    excludedPaths: []
    compositeIndexes: []
  }
  {
    // Provider message id -> customer id, ledger key and channel (no contact details).
    // An ACS delivery report names only its operation id, so the partition key is the
    // id ("provider/messageId", escaped). Upserts and point reads only: nothing indexed.
    name: 'correlations'
    partitionKey: '/id'
    defaultTtl: deliveryCorrelationTtlSeconds
    indexAll: false
    excludedPaths: []
    compositeIndexes: []
  }
  {
    // Rejected events with their reason. A rejected event may lack a usable customer
    // id, so these are partitioned by the UTC day they arrived ("yyyy-MM-dd"). The raw
    // text (may hold personal data) is stored, not indexed.
    name: 'rejected'
    partitionKey: '/day'
    defaultTtl: rejectedEventTtlSeconds
    indexAll: true
    excludedPaths: [
      '/raw/?'
    ]
    compositeIndexes: []
  }
  {
    // Which rejected events name a customer, or (with a key file) a contact under the
    // partition "contact:<blind index entry>" (id and day of each), so erasure reaches
    // them with single-partition reads although "rejected" is partitioned by day.
    // Expires with the rejected events.
    name: 'rejectedIndex'
    partitionKey: '/customerId'
    defaultTtl: rejectedEventTtlSeconds
    indexAll: true
    excludedPaths: []
    compositeIndexes: []
  }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for c in containers: {
    parent: database
    name: c.name
    properties: {
      resource: union(
        {
          id: c.name
          partitionKey: {
            paths: [
              c.partitionKey
            ]
            kind: 'Hash'
            version: 2
          }
          indexingPolicy: c.indexAll
            ? {
                indexingMode: 'consistent'
                automatic: true
                includedPaths: [
                  {
                    path: '/*'
                  }
                ]
                excludedPaths: concat(
                  [
                    {
                      path: '/"_etag"/?'
                    }
                  ],
                  map(c.excludedPaths, p => { path: p })
                )
                compositeIndexes: c.compositeIndexes
              }
            : {
                indexingMode: 'consistent'
                automatic: true
                includedPaths: []
                excludedPaths: [
                  {
                    path: '/*'
                  }
                ]
              }
        },
        c.defaultTtl == null ? {} : { defaultTtl: c.defaultTtl }
      )
    }
  }
]

resource appDataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, appPrincipalId, cosmosDataContributorRoleId)
  properties: {
    principalId: appPrincipalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    scope: account.id
  }
}

resource userDataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (!empty(userPrincipalId)) {
  parent: account
  name: guid(account.id, userPrincipalId, cosmosDataContributorRoleId)
  properties: {
    principalId: userPrincipalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    scope: account.id
  }
}

output name string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
