// Engagement on Azure: everything `azd up` provisions, in one resource group.
// Raw resources only (no registry modules), so it compiles offline: see infra/build.sh.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds unique resource names.')
param environmentName string

@minLength(1)
@description('Azure region for all regional resources. Flex Consumption and the Durable Task Scheduler must both be offered there.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID): gets data access for the DTS dashboard, Cosmos DB Data Explorer and Key Vault secrets. Empty: none.')
param principalId string = ''

@description('Twilio account SID (not a secret). Empty: SMS not configured.')
param twilioAccountSid string = ''

@description('Twilio sender number in E.164 form, e.g. +15551234567.')
param twilioFromNumber string = ''

@secure()
@description('Twilio auth token, stored only in Key Vault. Empty: no secret is created.')
param twilioAuthToken string = ''

@secure()
@description('Key that signs unsubscribe links, stored only in Key Vault. Empty: no secret is created.')
param unsubscribeSigningKey string = ''

@secure()
@description('Write keys of the Segment-compatible API (/api/v1/{call}), separated by semicolons; stored only in Key Vault. Empty: no secret, every call refused.')
param ingestKeys string = ''

@description('Prefixes stripped from CloudEvent types, separated by semicolons (e.g. com.shop.). Empty: none.')
param cloudEventTypePrefixes string = ''

@description('The integration mapping: the "integrations" section of engage.json as JSON text (CloudEvents type prefixes and types, the Segment track table, consent traits; docs/integrations.md). Empty: the defaults.')
param integrations string = ''

@description('Events dated before this instant are kept as rejected (ISO-8601).')
param eventsNotBefore string = '2000-01-01T00:00:00Z'

@description('Events dated after this instant are kept as rejected (ISO-8601).')
param eventsNotAfter string = '2100-01-01T00:00:00Z'

@description('Events dated more than this ISO-8601 duration after the time received are kept as rejected (P1D, PT6H).')
param eventsMaxAhead string = 'P1D'

@description('Geography where Communication Services keeps data at rest.')
param acsDataLocation string = 'Europe'

@description('Durable Task Scheduler SKU.')
@allowed([
  'Consumption'
  'Dedicated'
])
param durableTaskSchedulerSku string = 'Consumption'

@description('Durable Task Scheduler capacity units (Dedicated SKU only).')
param durableTaskSchedulerCapacity int = 1

@description('Flex Consumption instance memory in MB.')
@allowed([
  512
  2048
  4096
])
param functionInstanceMemoryMB int = 2048

@description('Flex Consumption maximum instance count.')
@minValue(40)
@maxValue(1000)
param functionMaximumInstanceCount int = 100

@description('Create the Event Grid subscription of ACS email delivery reports to the EmailDeliveryReport function: "false" on the first provision (the function does not exist before the first deploy), then "true" (azd env set ENGAGEMENT_EVENT_GRID_SUBSCRIPTION true; azd provision).')
@allowed([
  'false'
  'true'
])
param createEventGridSubscription string = 'false'

@description('Name of the Key Vault secret holding the key file (the JSON of engage keys new) whose data keys encrypt contact details and names in Cosmos DB. Store it before the first start: engage keys new --out keys.json; az keyvault secret set --vault-name <vault> --name engage-keys --file keys.json.')
param encryptionKeySecretName string = 'engage-keys'

@description('"true": store contact details and names in Cosmos DB in plain text, no key file (a throwaway environment only). "false": the app refuses to start without the key file secret.')
@allowed([
  'false'
  'true'
])
param insecurePlaintext string = 'false'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-engagement-${resourceToken}'
// Storage and Key Vault names: 3-24 characters, globally unique.
var storageAccountName = 'steng${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-engagement-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-engagement-${resourceToken}'
    applicationInsightsName: 'appi-engagement-${resourceToken}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    appPrincipalId: identity.outputs.principalId
  }
}

module durableTask 'modules/durableTask.bicep' = {
  name: 'durableTask'
  scope: rg
  params: {
    name: 'dts-engagement-${resourceToken}'
    taskHubName: 'engagement'
    location: location
    tags: tags
    skuName: durableTaskSchedulerSku
    skuCapacity: durableTaskSchedulerCapacity
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
  }
}

module serviceBus 'modules/serviceBus.bicep' = {
  name: 'serviceBus'
  scope: rg
  params: {
    name: 'sb-engagement-${resourceToken}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: 'cosmos-engagement-${resourceToken}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
  }
}

module communication 'modules/communication.bicep' = {
  name: 'communication'
  scope: rg
  params: {
    communicationServiceName: 'acs-engagement-${resourceToken}'
    emailServiceName: 'ecs-engagement-${resourceToken}'
    tags: tags
    dataLocation: acsDataLocation
    appPrincipalId: identity.outputs.principalId
  }
}

module notificationHubs 'modules/notificationHubs.bicep' = {
  name: 'notificationHubs'
  scope: rg
  params: {
    namespaceName: 'ntfns-engagement-${resourceToken}'
    hubName: 'engagement'
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: 'kv-eng-${resourceToken}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    twilioAuthToken: twilioAuthToken
    storeTwilioAuthToken: !empty(twilioAuthToken)
    unsubscribeSigningKey: unsubscribeSigningKey
    storeUnsubscribeSigningKey: !empty(unsubscribeSigningKey)
    ingestKeys: ingestKeys
    storeIngestKeys: !empty(ingestKeys)
    notificationHubsNamespaceName: notificationHubs.outputs.namespaceName
    notificationHubName: notificationHubs.outputs.hubName
    notificationHubSendRuleName: notificationHubs.outputs.sendRuleName
  }
}

module eventGrid 'modules/eventGrid.bicep' = {
  name: 'eventGrid'
  scope: rg
  params: {
    systemTopicName: 'evgt-acs-engagement-${resourceToken}'
    tags: tags
    communicationServiceName: communication.outputs.communicationServiceName
    functionAppName: functionApp.outputs.name
    createSubscription: createEventGridSubscription == 'true'
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-engagement-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    durableTaskSchedulerEndpoint: durableTask.outputs.endpoint
    taskHubName: durableTask.outputs.taskHubName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    serviceBusTopicName: serviceBus.outputs.topicName
    serviceBusSubscriptionName: serviceBus.outputs.subscriptionName
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    acsEndpoint: communication.outputs.endpoint
    acsSenderAddress: communication.outputs.senderAddress
    twilioAccountSid: twilioAccountSid
    twilioFromNumber: twilioFromNumber
    twilioAuthTokenSecretUri: keyVault.outputs.twilioAuthTokenSecretUri
    notificationHubName: notificationHubs.outputs.hubName
    notificationHubsConnectionSecretUri: keyVault.outputs.notificationHubsConnectionSecretUri
    unsubscribeSigningKeySecretUri: keyVault.outputs.unsubscribeSigningKeySecretUri
    integrations: integrations
    eventsNotBefore: eventsNotBefore
    eventsNotAfter: eventsNotAfter
    eventsMaxAhead: eventsMaxAhead
    ingestKeysSecretUri: keyVault.outputs.ingestKeysSecretUri
    cloudEventTypePrefixes: cloudEventTypePrefixes
    keyVaultUri: keyVault.outputs.uri
    encryptionKeySecretName: encryptionKeySecretName
    insecurePlaintext: insecurePlaintext == 'true'
    instanceMemoryMB: functionInstanceMemoryMB
    maximumInstanceCount: functionMaximumInstanceCount
  }
}

// azd reads these into the environment (.azure/<env>/.env).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_FUNCTIONS_NAME string = functionApp.outputs.name
output SERVICE_FUNCTIONS_URI string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output DURABLE_TASK_SCHEDULER_NAME string = durableTask.outputs.name
output DURABLE_TASK_SCHEDULER_ENDPOINT string = durableTask.outputs.endpoint
output TASKHUB_NAME string = durableTask.outputs.taskHubName
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.name
output SERVICE_BUS_FULLY_QUALIFIED_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output SERVICE_BUS_TOPIC string = serviceBus.outputs.topicName
output SERVICE_BUS_SUBSCRIPTION string = serviceBus.outputs.subscriptionName
output COSMOS_ACCOUNT_NAME string = cosmos.outputs.name
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE string = cosmos.outputs.databaseName
output ACS_NAME string = communication.outputs.communicationServiceName
output ACS_ENDPOINT string = communication.outputs.endpoint
output ACS_SENDER_ADDRESS string = communication.outputs.senderAddress
output NOTIFICATION_HUBS_NAMESPACE string = notificationHubs.outputs.namespaceName
output NOTIFICATION_HUB_NAME string = notificationHubs.outputs.hubName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output EVENT_GRID_SYSTEM_TOPIC string = eventGrid.outputs.systemTopicName
output EVENT_GRID_SUBSCRIPTION_CREATED bool = eventGrid.outputs.subscriptionCreated
