// Event Grid: Azure Communication Services email delivery reports to the
// EmailDeliveryReport function (Event Grid trigger, isolated worker). A system topic on
// the ACS resource (global, like ACS) and one event subscription with an AzureFunction
// destination: Event Grid resolves the function by resource id and delivers with the
// function's system key itself, so no key or URL appears here, and the endpoint
// validation handshake is done by the platform. Flex Consumption scales on the
// deliveries like on any trigger.
//
// The subscription can only be created once the function exists: Azure validates the
// destination when the subscription is written, and `azd provision` runs before the
// first `azd deploy`. So it is behind createSubscription (false on the first
// provision); set it on the second (docs/azure.md, "Delivery reports").

param systemTopicName string
param tags object

@description('The Communication Services resource whose events are subscribed to.')
param communicationServiceName string

@description('The function app that hosts the Event Grid-triggered function.')
param functionAppName string

@description('The Event Grid-triggered function ([Function("EmailDeliveryReport")] in functions/Http/EmailDeliveryReportFunction.cs).')
param functionName string = 'EmailDeliveryReport'

@description('Create the event subscription. The function must be deployed already.')
param createSubscription bool = false

resource communication 'Microsoft.Communication/communicationServices@2025-05-01' existing = {
  name: communicationServiceName
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
      endpointType: 'AzureFunction'
      properties: {
        resourceId: resourceId('Microsoft.Web/sites/functions', functionAppName, functionName)
        // One report per invocation: the function handles a single EventGridEvent.
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    // The function binds Azure.Messaging.EventGrid.EventGridEvent: the Event Grid schema.
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
