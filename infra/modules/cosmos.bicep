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

@description('Seconds a rejected event is kept. Default -1: kept until someone deletes it or the item sets its own "ttl" (rejected events are evidence: nothing is lost).')
param rejectedEventTtlSeconds int = -1

// Built-in Cosmos DB data-plane role: Cosmos DB Built-in Data Contributor.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

// Containers. Partition key /customerId wherever the data belongs to one customer, so the
// engine's reads and writes for a customer are single-partition (and transactional batch
// is possible within a customer).
//   defaultTtl: -1 = TTL on, items live until they set their own "ttl"; absent = TTL off.
var containers = [
  {
    // One document per customer: attributes, contact points, consent records.
    name: 'profiles'
    partitionKey: '/customerId'
    defaultTtl: null
    compositeIndexes: []
  }
  {
    // Enrollment state (small, < 1 KB) per (journey, customer); the router lists a
    // customer's enrollments, a single-partition query.
    name: 'enrollments'
    partitionKey: '/customerId'
    defaultTtl: -1
    compositeIndexes: []
  }
  {
    // Send ledger: one item per (enrollment, step, occurrence) reservation and its
    // outcome. Frequency caps query a customer's sends on a channel since an instant,
    // so a composite index (channel, sentAt) serves the equality + range filter.
    // TTL on per item: the writer sets "ttl" once an entry is older than the longest
    // cap window plus the audit retention.
    name: 'ledger'
    partitionKey: '/customerId'
    defaultTtl: -1
    compositeIndexes: [
      [
        {
          path: '/channel'
          order: 'ascending'
        }
        {
          path: '/sentAt'
          order: 'descending'
        }
      ]
    ]
  }
  {
    // Human tasks (call the customer, interview, escalate). Partitioned by customer:
    // a task is created and closed in the enrollment's context, idempotently by id.
    // Agent work lists (open tasks of a queue by due time) are cross-partition queries,
    // acceptable at the volume of human work; the composite index serves them.
    name: 'tasks'
    partitionKey: '/customerId'
    defaultTtl: -1
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
          path: '/dueAt'
          order: 'ascending'
        }
      ]
    ]
  }
  {
    // Metric counters per journey and step (entered, sent, suppressed by reason, goal,
    // exited), bucketed by day. Not customer data: partitioned by journey so a report
    // for one journey is single-partition. Writers increment with patch operations; if
    // one journey gets hot, the writer can shard the counter id (…#0..n).
    name: 'counters'
    partitionKey: '/journeyId'
    defaultTtl: null
    compositeIndexes: []
  }
  {
    // Processed event ids (idempotent inbox behind Service Bus duplicate detection,
    // which only covers its window). Point reads only, so nothing else is indexed.
    name: 'events'
    partitionKey: '/customerId'
    defaultTtl: processedEventTtlSeconds
    compositeIndexes: []
  }
  {
    // Rejected events with their reason. A rejected event may lack a usable customer
    // id, so these are partitioned by the UTC day they arrived ("yyyy-MM-dd").
    name: 'rejected'
    partitionKey: '/day'
    defaultTtl: rejectedEventTtlSeconds
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
          indexingPolicy: c.name == 'events'
            ? {
                indexingMode: 'consistent'
                automatic: true
                includedPaths: []
                excludedPaths: [
                  {
                    path: '/*'
                  }
                ]
              }
            : {
                indexingMode: 'consistent'
                automatic: true
                includedPaths: [
                  {
                    path: '/*'
                  }
                ]
                excludedPaths: [
                  {
                    path: '/"_etag"/?'
                  }
                ]
                compositeIndexes: c.compositeIndexes
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
