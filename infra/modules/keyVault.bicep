// Key Vault (RBAC authorization) for the few secrets that have no identity-based
// alternative: the Twilio auth token, the unsubscribe-link signing key, the ingest
// (Segment write) keys and the Notification Hubs Send connection string. The app reads them through Key Vault
// references resolved with its user-assigned identity (Key Vault Secrets User). The same role lets the app read the key file
// secret (default name engage-keys, stored by the deployer: docs/security.md) with SecretClient at start.
// A secret left empty by the deployer creates no secret; its app setting is then empty.

param name string
param location string
param tags object

@description('Principal id of the app identity (gets Key Vault Secrets User).')
param appPrincipalId string

@description('Optional principal id of the deploying user (gets Key Vault Secrets Officer, so azd can read and set secrets). Empty: none.')
param userPrincipalId string = ''

@secure()
@description('Twilio auth token.')
param twilioAuthToken string = ''

@description('Whether to store twilioAuthToken (false when it was left empty: SMS not configured). Passed separately so outputs never depend on the secret value.')
param storeTwilioAuthToken bool = false

@secure()
@description('Key that signs unsubscribe links.')
param unsubscribeSigningKey string = ''

@description('Whether to store unsubscribeSigningKey (false when it was left empty).')
param storeUnsubscribeSigningKey bool = false

@secure()
@description('Write keys of the Segment-compatible API, separated by semicolons.')
param ingestKeys string = ''

@description('Whether to store ingestKeys (false when it was left empty: the Segment API refuses every call).')
param storeIngestKeys bool = false

@description('Notification Hubs namespace, hub and Send rule whose connection string is stored.')
param notificationHubsNamespaceName string
param notificationHubName string
param notificationHubSendRuleName string

// Built-in roles.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource twilioSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (storeTwilioAuthToken) {
  parent: vault
  name: 'twilio-auth-token'
  properties: {
    value: twilioAuthToken
    contentType: 'text/plain'
  }
}

resource unsubscribeSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (storeUnsubscribeSigningKey) {
  parent: vault
  name: 'unsubscribe-signing-key'
  properties: {
    value: unsubscribeSigningKey
    contentType: 'text/plain'
  }
}

resource ingestKeysSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (storeIngestKeys) {
  parent: vault
  name: 'ingest-keys'
  properties: {
    value: ingestKeys
    contentType: 'text/plain'
  }
}

resource nhNamespace 'Microsoft.NotificationHubs/namespaces@2023-09-01' existing = {
  name: notificationHubsNamespaceName

  resource hub 'notificationHubs' existing = {
    name: notificationHubName

    resource sendRule 'authorizationRules' existing = {
      name: notificationHubSendRuleName
    }
  }
}

resource notificationHubsSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'notification-hubs-connection'
  properties: {
    value: nhNamespace::hub::sendRule.listKeys().primaryConnectionString
    contentType: 'text/plain'
  }
}

resource appRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
  }
}

// principalType omitted: the deployer may be a user or a CI service principal.
resource userRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(vault.id, userPrincipalId, keyVaultSecretsOfficerRoleId)
  scope: vault
  properties: {
    principalId: userPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
// Versionless secret URIs: a Key Vault reference then follows rotation (within ~24 h or on restart).
output twilioAuthTokenSecretUri string = storeTwilioAuthToken ? twilioSecret!.properties.secretUri : ''
output unsubscribeSigningKeySecretUri string = storeUnsubscribeSigningKey ? unsubscribeSecret!.properties.secretUri : ''
output ingestKeysSecretUri string = storeIngestKeys ? ingestKeysSecret!.properties.secretUri : ''
output notificationHubsConnectionSecretUri string = notificationHubsSecret.properties.secretUri
