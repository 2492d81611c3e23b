// Event Grid: Azure Communication Services email delivery reports to the
// EmailDeliveryReport function, an HTTP webhook (POST/OPTIONS /api/delivery/acs,
// functions/Http/EmailDeliveryReportFunction.cs) that parses deliveries with
// Azure.Messaging.EventGrid. The worker's Event Grid trigger extension is not used (the
// build machines' feed does not serve it), so the subscription is a WebHook: the URL
// carries the function app's default function key (read here with listKeys, never an
// output), and the function answers the validation handshake (SubscriptionValidationEvent
// in the Event Grid schema, the OPTIONS abuse-protection request for CloudEvents).
//
// The subscription can only be created once the function exists: Event Grid calls the
// endpoint to validate it when the subscription is written, and `azd provision` runs
// before the first `azd deploy`. So it is behind createSubscription (false on the first
// provision); set it on the second (docs/azure.md, "Delivery reports").

param systemTopicName string
param tags object

@description('The Communication Services resource whose events are subscribed to.')
param communicationServiceName string

@description('The function app that hosts the webhook function.')
param functionAppName string

@description('The webhook\'s route under /api ([HttpTrigger(Route = "delivery/acs")] in functions/Http/EmailDeliveryReportFunction.cs).')
param webhookRoute string = 'delivery/acs'

@description('Create the event subscription. The function must be deployed already.')
param createSubscription bool = false

resource communication 'Microsoft.Communication/communicationServices@2025-05-01' existing = {
  name: communicationServiceName
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: 'global'
  tags: tags
  properties: {
    source: communication.id
    topicType: 'Microsoft.Communication.CommunicationServices'
  }
}

resource emailDeliveryReports 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (createSubscription) {
  parent: systemTopic
  name: 'email-delivery-reports'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        // AuthorizationLevel.Function: the default function key in the query string.
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/api/${webhookRoute}?code=${listKeys('${functionApp.id}/host/default', '2024-04-01').functionKeys.default}'
        // The function handles a batch (an array of events) in one call.
        maxEventsPerBatch: 10
        preferredBatchSizeInKilobytes: 64
      }
    }
    // The webhook reads both schemas; the Event Grid schema is the one whose handshake
    // (SubscriptionValidationEvent) needs no OPTIONS support from the platform.
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      // Delivery reports only. EngagementTracked (opens, clicks) is not subscribed: the
      // managed domain has user engagement tracking disabled, so there would be none.
      includedEventTypes: [
        'Microsoft.Communication.EmailDeliveryReportReceived'
      ]
    }
    retryPolicy: {
      // A report that cannot be delivered for a day is dropped; the send itself is
      // already recorded in the ledger, only its final status would be missing.
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output systemTopicName string = systemTopic.name
output subscriptionCreated bool = createSubscription
