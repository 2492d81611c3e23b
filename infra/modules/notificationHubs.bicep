// Notification Hubs (Free tier) for app push. Notification Hubs sends with a SAS
// connection string (no Entra ID data-plane role for sending), so a Send-only rule is
// created on the hub and its connection string goes to Key Vault (keyVault.bicep),
// never into an app setting in clear.
// Platform credentials (APNs, FCM v1) are secrets of the app publisher: set them on the
// hub after deployment (portal or az notification-hub credential ...).

param namespaceName string
param hubName string
param location string
param tags object

@allowed([
  'Free'
  'Basic'
  'Standard'
])
param skuName string = 'Free'

resource namespace 'Microsoft.NotificationHubs/namespaces@2023-09-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  properties: {
    namespaceType: 'NotificationHub'
  }
}

resource hub 'Microsoft.NotificationHubs/namespaces/notificationHubs@2023-09-01' = {
  parent: namespace
  name: hubName
  location: location
  tags: tags
  properties: {}
}

resource sendRule 'Microsoft.NotificationHubs/namespaces/notificationHubs/authorizationRules@2023-09-01' = {
  parent: hub
  name: 'engine-send'
  properties: {
    rights: [
      'Send'
    ]
  }
}

output namespaceName string = namespace.name
output hubName string = hub.name
output sendRuleName string = sendRule.name
