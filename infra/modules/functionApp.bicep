// The Engagement function app on Flex Consumption (FC1, Linux, .NET 10 isolated
// worker). It runs as the one user-assigned identity: deployment package download,
// AzureWebJobsStorage, Key Vault references and every SDK client use it.
// The app settings below are the contract with functions/ (see docs/azure.md).

param name string
param planName string
param location string
param tags object

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

param storageAccountName string
param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerUrl string

param applicationInsightsConnectionString string

param durableTaskSchedulerEndpoint string
param taskHubName string

param serviceBusFullyQualifiedNamespace string
param serviceBusTopicName string
param serviceBusSubscriptionName string

param cosmosEndpoint string
param cosmosDatabaseName string

param acsEndpoint string
param acsSenderAddress string

param twilioAccountSid string
param twilioFromNumber string
@description('Versionless Key Vault secret URI of the Twilio auth token; empty when not configured.')
param twilioAuthTokenSecretUri string

param notificationHubName string
param notificationHubsConnectionSecretUri string

@description('Versionless Key Vault secret URI of the unsubscribe signing key; empty when not configured.')
param unsubscribeSigningKeySecretUri string

@description('Versionless Key Vault secret URI of the Segment API write keys; empty: the API refuses every call.')
param ingestKeysSecretUri string = ''

@description('The "integrations" section of engage.json as JSON text; empty: the defaults.')
param integrations string = ''

@description('The plausible event times: not before, not after (ISO-8601 instants), at most this far after the time received (ISO-8601 duration).')
param eventsNotBefore string = '2000-01-01T00:00:00Z'
param eventsNotAfter string = '2100-01-01T00:00:00Z'
param eventsMaxAhead string = 'P1D'

@description('Prefixes stripped from CloudEvent types, separated by semicolons (e.g. com.shop.); empty: none.')
param cloudEventTypePrefixes string = ''

@description('URI of the Key Vault holding the key file secret.')
param keyVaultUri string

@description('Name of the Key Vault secret holding the key file (contact details and names in Cosmos DB are encrypted with its keys).')
param encryptionKeySecretName string = 'engage-keys'

@description('Store contact details and names in plain text, no key file (Engagement__InsecurePlaintext).')
param insecurePlaintext bool = false

@description('Journey definitions folder, relative to the deployed app root.')
param journeysPath string = 'journeys'

@description('Flex Consumption: memory per instance (512, 2048 or 4096 MB).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Flex Consumption: upper bound on instances (40..1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
    }
  }
}

// No publishing passwords: azd deploys to the package container with Entra ID.
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

func keyVaultReference(secretUri string) string =>
  empty(secretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${secretUri})'

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Functions host storage, identity-based (no account key anywhere).
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
    AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
    AzureWebJobsStorage__tableServiceUri: storageTableEndpoint

    // Telemetry with Entra ID (Application Insights has local auth disabled).
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

    // DefaultAzureCredential / ManagedIdentityCredential in app code pick this identity.
    AZURE_CLIENT_ID: identityClientId

    // Durable Functions on the Durable Task Scheduler (host.json: storageProvider azureManaged).
    DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durableTaskSchedulerEndpoint};Authentication=ManagedIdentity;ClientID=${identityClientId}'
    TASKHUB_NAME: taskHubName

    // Service Bus trigger connection "ServiceBusConnection", identity-based.
    ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
    ServiceBusConnection__credential: 'managedidentity'
    ServiceBusConnection__clientId: identityClientId
    ServiceBusTopicName: serviceBusTopicName
    ServiceBusSubscriptionName: serviceBusSubscriptionName

    // Cosmos DB (Entra ID, data-plane role).
    CosmosDb__Endpoint: cosmosEndpoint
    CosmosDb__DatabaseName: cosmosDatabaseName

    // Email through Azure Communication Services (Entra ID).
    Acs__Endpoint: acsEndpoint
    Acs__SenderAddress: acsSenderAddress

    // SMS through Twilio: the auth token is a Key Vault reference.
    Twilio__AccountSid: twilioAccountSid
    Twilio__AuthToken: keyVaultReference(twilioAuthTokenSecretUri)
    Twilio__FromNumber: twilioFromNumber

    // Push through Notification Hubs: Send-only SAS connection string from Key Vault.
    NotificationHubs__ConnectionString: keyVaultReference(notificationHubsConnectionSecretUri)
    NotificationHubs__HubName: notificationHubName

    // Engine.
    Engagement__JourneysPath: journeysPath
    Engagement__UnsubscribeSigningKey: keyVaultReference(unsubscribeSigningKeySecretUri)
    Engagement__PublicBaseUrl: 'https://${site.properties.defaultHostName}'
    // Ingestion: the integration mapping (the "integrations" section of engage.json as JSON) and the plausible event times.
    Engagement__Integrations: integrations
    Engagement__EventsNotBefore: eventsNotBefore
    Engagement__EventsNotAfter: eventsNotAfter
    Engagement__EventsMaxAhead: eventsMaxAhead
    // Integrators: write keys of /api/v1/{call} (anonymous trigger, key checked in code) from Key Vault, CloudEvent type prefixes.
    Engagement__IngestKeys: keyVaultReference(ingestKeysSecretUri)
    Engagement__CloudEventTypePrefixes: cloudEventTypePrefixes
    // Encryption at rest of contact details and names in Cosmos DB (docs/security.md): the app reads the key file secret at
    // start with its identity (Key Vault Secrets User on the vault, keyVault.bicep), not as a Key Vault reference; without it
    // (and without Engagement__InsecurePlaintext=true) the app refuses to start.
    Engagement__KeyVaultUri: insecurePlaintext ? '' : keyVaultUri
    Engagement__KeySecretName: encryptionKeySecretName
    Engagement__InsecurePlaintext: insecurePlaintext ? 'true' : ''
  }
}

output name string = site.name
output planName string = plan.name
output defaultHostName string = site.properties.defaultHostName
