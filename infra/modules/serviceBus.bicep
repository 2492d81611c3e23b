// Service Bus: CRM lifecycle events arrive on the topic; the engine reads them through a
// session-enabled subscription (SessionId = customerId, so one customer's events are
// handled in order by one consumer at a time) and duplicate detection on MessageId
// (= the event id) drops re-sent events within the window.

param name string
param location string
param tags object

@description('Principal id of the app identity.')
param appPrincipalId string

param topicName string = 'lifecycle-events'
param subscriptionName string = 'engine'

@description('How long Service Bus remembers MessageIds for duplicate detection (ISO 8601, max 7 days).')
param duplicateDetectionWindow string = 'PT1H'

@description('Deliveries before a message is dead-lettered.')
param maxDeliveryCount int = 10

// Built-in roles.
var serviceBusDataReceiverRoleId = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
var serviceBusDataSenderRoleId = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
// Data Owner on the subscription only: the Functions scale controller reads the
// subscription's message count (a "Manage" operation) to scale out; with Receiver alone
// it cannot see the backlog. Functions docs list Receiver and Owner for the trigger.
var serviceBusDataOwnerRoleId = '090c5cfd-751d-490a-894a-3ce6f1109419'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: topicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: 'P14D'
    maxSizeInMegabytes: 1024
    supportOrdering: true
    enableBatchedOperations: true
    enablePartitioning: false
  }
}

resource subscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: subscriptionName
  properties: {
    requiresSession: true
    lockDuration: 'PT1M'
    maxDeliveryCount: maxDeliveryCount
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
    deadLetteringOnFilterEvaluationExceptions: true
    enableBatchedOperations: true
  }
}

resource receiverRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription.id, appPrincipalId, serviceBusDataReceiverRoleId)
  scope: subscription
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataReceiverRoleId)
  }
}

resource scaleRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription.id, appPrincipalId, serviceBusDataOwnerRoleId)
  scope: subscription
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataOwnerRoleId)
  }
}

// The engine publishes events it emits (journey "emit" steps) back onto the topic.
resource senderRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, appPrincipalId, serviceBusDataSenderRoleId)
  scope: topic
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSenderRoleId)
  }
}

output name string = namespace.name
// serviceBusEndpoint is https://<name>.servicebus.windows.net:443/ ; keep only the host.
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
output topicName string = topic.name
output subscriptionName string = subscription.name
